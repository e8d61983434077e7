"""The watcher: a burst of saves is one rebuild, other files are ignored, a spec may name new files."""

import os
import queue
import threading
import time
from pathlib import Path

import pytest

from layout.serve.inputs import PageInputs
from layout.serve.watch import input_changes

QUIET_MS = 300  # longer than the default, so a loaded test machine still sees one burst as one


class Watching:
    """input_changes running on a thread, its batches in a queue."""

    def __init__(self, inputs):
        self.inputs = inputs
        self.batches: queue.Queue = queue.Queue()
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self):
        for batch in input_changes(lambda: self.inputs, self.stop, quiet_ms=QUIET_MS):
            if batch:  # an empty one says a second passed without a change
                self.batches.put(batch)

    def ready(self, probe: Path) -> None:
        """Save `probe` until the watcher reports it: from then on it sees every change."""
        for _ in range(50):
            probe.write_text(str(time.time()), encoding="utf-8")
            try:
                self.batches.get(timeout=1)
                return
            except queue.Empty:
                continue
        pytest.fail("the watcher never started")

    def collected(self, seconds: float = 1.0) -> list[set[Path]]:
        time.sleep(seconds)
        batches = []
        while not self.batches.empty():
            batches.append(self.batches.get())
        return batches


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text("# 标题\n正文。\n", encoding="utf-8")
    return path.resolve()


@pytest.fixture
def watching(article):
    watcher = Watching((PageInputs(frozenset({article})),))
    watcher.ready(article)
    yield watcher
    watcher.stop.set()
    watcher.thread.join(timeout=10)
    assert not watcher.thread.is_alive()


def test_a_burst_of_saves_is_one_rebuild(watching, article):
    for n in range(5):  # an editor's save, then autosaves and a formatter, 20 ms apart
        article.write_text(f"# 标题\n正文{n}。\n", encoding="utf-8")
        time.sleep(0.02)
    assert watching.collected() == [{article}]


def test_saves_apart_are_rebuilds_apart(watching, article):
    article.write_text("# 标题\n第一次。\n", encoding="utf-8")
    first = watching.batches.get(timeout=10)
    article.write_text("# 标题\n第二次。\n", encoding="utf-8")
    second = watching.batches.get(timeout=10)
    assert first == second == {article}


def test_a_save_by_renaming_a_new_file_over_the_old_is_seen(watching, article):
    temp = article.with_name(".article.txt.swp")
    temp.write_text("# 标题\n换过。\n", encoding="utf-8")
    os.replace(temp, article)
    assert article in set().union(*watching.collected())


def test_files_the_page_does_not_read_are_ignored(watching, article):
    (article.parent / "out.pdf").write_bytes(b"%PDF")
    (article.parent / "notes.txt").write_text("x", encoding="utf-8")
    assert watching.collected() == []


def test_a_spec_that_names_another_folder_is_followed(tmp_path, article):
    pictures = tmp_path / "pictures"
    pictures.mkdir()
    watcher = Watching((PageInputs(frozenset({article})),))
    try:
        watcher.ready(article)
        watcher.inputs = (PageInputs(frozenset({article}), frozenset({pictures.resolve()})),)
        article.write_text("# 标题\n有图。\n", encoding="utf-8")  # the save after which the spec names more
        assert watcher.batches.get(timeout=10) == {article}
        time.sleep(0.5)  # the watcher starts again on the new folders
        (pictures / "new.jpg").write_bytes(b"jpeg")
        assert (pictures / "new.jpg").resolve() in set().union(*watcher.collected())
    finally:
        watcher.stop.set()
        watcher.thread.join(timeout=10)
