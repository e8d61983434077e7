"""Kept results: a rebuild sets only what changed, and a changed engine or font starts afresh."""

import os
from pathlib import Path

import pytest

from layout import memo as memo_module
from layout.build import compose
from layout.memo import Memo, load_memo, save_memo
from layout.render.dump_text import dump_layout
from layout.text import linebreak

ROOT = Path(__file__).parent.parent


@pytest.fixture
def counted(monkeypatch):
    """Count calls of the line breaker, as composition calls it."""
    calls = []
    original = linebreak.set_paragraph

    def counting(*args, **kwargs):
        calls.append(args[0])
        return original(*args, **kwargs)

    monkeypatch.setattr("layout.compose.setting.set_paragraph", counting)
    return calls


def article_copy(tmp_path: Path) -> Path:
    article = tmp_path / "article.txt"
    article.write_bytes((ROOT / "examples" / "beita" / "article.txt").read_bytes())
    return article


def test_a_rebuild_sets_nothing_again_and_gives_the_same_page(tmp_path, cache, counted):
    article = article_copy(tmp_path)
    first = dump_layout(compose(str(article)).layout)
    assert counted
    counted.clear()
    second = dump_layout(compose(str(article)).layout)
    assert counted == []
    assert second == first


def test_an_edit_resets_only_its_paragraph(tmp_path, cache, counted):
    article = article_copy(tmp_path)
    os.utime(article, (1_700_000_000, 1_700_000_000))  # the galley's slug shows the file's date: keep it
    compose(str(article))
    text = article.read_text(encoding="utf-8").replace("气正得以事成，风清方能业兴。", "气正得以事成，风清方能业兴旺。")
    article.write_text(text, encoding="utf-8")
    os.utime(article, (1_700_000_000, 1_700_000_000))
    counted.clear()
    page = compose(str(article))
    slug = [text for text in counted if "字　每栏" in text]  # the slug counts the characters
    assert [text for text in counted if text not in slug] == ["气正得以事成，风清方能业兴旺。"], counted
    assert len(slug) == 1
    assert "业兴旺。" in "".join(t.run.text for t in page.layout.items if hasattr(t, "run"))


def test_a_memo_of_another_version_is_not_used(tmp_path):
    memo = Memo()
    memo.get(("key",), lambda: 41)
    save_memo(memo, tmp_path / "memo.pickle", "engine-1")
    assert load_memo(tmp_path / "memo.pickle", "engine-1").get(("key",), lambda: 0) == 41
    assert load_memo(tmp_path / "memo.pickle", "engine-2").get(("key",), lambda: 0) == 0
    (tmp_path / "broken.pickle").write_bytes(b"not a pickle")
    assert load_memo(tmp_path / "broken.pickle", "engine-1").entries == {}


def test_earlier_entries_are_kept_within_a_bound(tmp_path):
    path = tmp_path / "memo.pickle"
    memo = Memo()
    for n in range(10):
        memo.get(("old", n), lambda n=n: n)
    save_memo(memo, path, "v")
    later = load_memo(path, "v")
    later.get(("new",), lambda: "x")
    save_memo(later, path, "v")
    kept = load_memo(path, "v").entries
    assert len(kept) == 1 + 3  # the used entry and the three newest earlier ones
    assert load_memo(path, "v").get(("old", 9), lambda: None) == 9


def test_the_engine_digest_follows_the_code_of_every_stage_whose_results_are_kept(tmp_path, monkeypatch):
    root = tmp_path / "layout"
    for stage in ("model", "text", "compose", "render", "prepress"):
        (root / stage).mkdir(parents=True)
        (root / stage / "code.py").write_text("VERSION = 1\n")
    monkeypatch.setattr(memo_module, "__file__", str(root / "memo.py"))
    before = memo_module.engine_digest()
    for stage in ("model", "text", "compose", "prepress"):  # prepress: image probing is kept
        (root / stage / "code.py").write_text("VERSION = 2\n")
        assert memo_module.engine_digest() != before, stage
        (root / stage / "code.py").write_text("VERSION = 1\n")
    (root / "render" / "code.py").write_text("VERSION = 2\n")  # drawing is never kept
    assert memo_module.engine_digest() == before


def test_a_memo_that_gained_nothing_is_not_written_again(tmp_path, monkeypatch):
    path = tmp_path / "memo.pickle"
    memo = Memo()
    memo.get(("key",), lambda: 1)
    save_memo(memo, path, "v")
    monkeypatch.setattr(memo_module, "write_entry", lambda *args: pytest.fail("an unchanged memo was rewritten"))
    save_memo(load_memo(path, "v"), path, "v")
    unchanged = load_memo(path, "v")
    unchanged.get(("key",), lambda: 1)
    save_memo(unchanged, path, "v")
