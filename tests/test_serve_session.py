"""The live proof's session: what a page reads, rebuilds after edits, a failed build, an edition."""

from io import BytesIO

from PIL import Image
from serve_fixtures import ROOT, copy_sample_page, get, start_server, stop_server

from layout.serve.app import ProofServer
from layout.serve.inputs import page_inputs
from layout.serve.session import ProofSession


def test_a_page_reads_its_spec_article_and_picture_folder():
    inputs = page_inputs(ROOT / "examples" / "beita" / "page.toml")
    folder = (ROOT / "examples" / "beita").resolve()
    assert inputs.files >= {folder / "page.toml", folder / "article.txt"}
    assert inputs.articles == (folder / "article.txt",)
    images = (ROOT / "images" / "beita").resolve()
    assert inputs.folders == {images}
    assert inputs.matches(images / "新的照片.jpg") and inputs.matches(folder / "article.txt")
    assert not inputs.matches(folder / "out.pdf") and not inputs.matches(images / "sub" / "x.jpg")
    assert inputs.watch_roots() == {folder, images}


def test_stories_and_ads_of_a_page_are_read(tmp_path):
    (tmp_path / "page.toml").write_text(
        '[[story]]\narticle = "lead.txt"\nimages = "img/lead"\n[[story]]\narticle = "second.txt"\n'
        '[[ad]]\nimage = "ads/bank.jpg"\n', encoding="utf-8")
    inputs = page_inputs(tmp_path / "page.toml")
    root = tmp_path.resolve()
    assert inputs.files == {root / "page.toml", root / "lead.txt", root / "second.txt", root / "ads" / "bank.jpg"}
    assert inputs.folders == {root / "img" / "lead"}


def test_pictures_an_article_names_itself_are_read(tmp_path):
    (tmp_path / "lead.txt").write_text("# 标题\n\n正文。\n\n![晚稻丰收。](pics/稻田.jpg)\n", encoding="utf-8")
    (tmp_path / "page.toml").write_text('[[story]]\narticle = "lead.txt"\n', encoding="utf-8")
    root = tmp_path.resolve()
    for page in ("page.toml", "lead.txt"):
        inputs = page_inputs(tmp_path / page)
        assert root / "pics" / "稻田.jpg" in inputs.files
        assert inputs.articles == (root / "lead.txt",)


def test_a_spec_that_does_not_load_is_still_watched(tmp_path):
    (tmp_path / "page.toml").write_text("article = [unclosed", encoding="utf-8")
    assert page_inputs(tmp_path / "page.toml").files == {(tmp_path / "page.toml").resolve()}


def test_an_edit_rebuilds_and_a_failed_build_keeps_the_last_good_proof(tmp_path):
    spec = copy_sample_page(tmp_path / "page")
    session = ProofSession(spec, tmp_path)
    first = session.rebuild()
    proof = session.page(1).png
    assert first["build"] == 1 and first["ok"] and proof
    assert session.rebuild({tmp_path / "page" / "unrelated.txt"}) is None  # nothing the page reads

    article = spec.parent / "article.txt"
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("气正得以事成", "气正得以事成，事成得以气正", 1), encoding="utf-8")
    second = session.rebuild({article.resolve()})
    assert second["build"] == 2 and session.page(1).version == 2 and session.page(1).png != proof
    assert session.stale() == set()

    good = session.page(1).png
    spec.write_text(spec.read_text(encoding="utf-8") + "\nnot toml at all [\n", encoding="utf-8")
    failed = session.rebuild({spec.resolve()})
    assert failed["build"] == 3 and not failed["ok"]
    assert failed["errors"][0]["page"] == 1 and "page.toml" in failed["errors"][0]["message"]
    assert "\n" not in failed["errors"][0]["message"] and "Traceback" not in failed["errors"][0]["message"]
    page = session.page(1)
    assert page.png == good and page.version == 2 and page.status["version"] == 2
    assert failed["pages"][0]["fit"] == second["pages"][0]["fit"]  # what the proof shown has, not nothing


def test_a_page_that_runs_over_names_its_overset(tmp_path):
    spec = copy_sample_page(tmp_path / "page")
    article = spec.parent / "article.txt"
    lines = article.read_text(encoding="utf-8").split("\n")
    body = next(n for n, line in enumerate(lines) if line.startswith("气正得以事成"))
    lines[body] = lines[body] * 400
    article.write_text("\n".join(lines), encoding="utf-8")
    status = ProofSession(spec, tmp_path).rebuild()
    assert status["ok"] and status["overset"], status
    assert status["overset"][0]["page"] == 1 and "overset" in status["overset"][0]["message"]


def test_an_edition_folder_serves_one_proof_per_page(tmp_path):
    for name in ("01.toml", "02.toml"):
        copy_sample_page(tmp_path / "edition").rename(tmp_path / "edition" / name)
    session = ProofSession(tmp_path / "edition", tmp_path)
    status = session.rebuild()
    assert [p["proof"] for p in status["pages"]] == ["/proof/1.png", "/proof/2.png"]
    assert session.page(2).png and session.page(3) is None
    proof, thumbnail = (Image.open(BytesIO(picture)) for picture in (session.page(2).png, session.page(2).thumbnail))
    assert thumbnail.width == proof.width // 8 and len(session.page(2).thumbnail) < len(session.page(2).png) / 50
    server = ProofServer(session, port=0)
    start_server(server)
    try:
        assert get(server, "/thumbnail/2.png")[1] == session.page(2).thumbnail
        assert get(server, "/thumbnail/3.png")[0] == 404
    finally:
        stop_server(server)
    only_second = session.rebuild({(tmp_path / "edition" / "02.toml").resolve()})
    assert [p["version"] for p in only_second["pages"]] == [1, 2]


def test_a_save_the_watcher_missed_is_found_by_looking(tmp_path):
    spec = copy_sample_page(tmp_path / "page")
    session = ProofSession(spec, tmp_path)
    session.rebuild()
    assert session.stale() == set()
    article = (spec.parent / "article.txt").resolve()
    article.write_text(article.read_text(encoding="utf-8") + "\n新的一段。\n", encoding="utf-8")
    assert article in session.stale()
    assert session.rebuild(session.stale())["build"] == 2 and session.stale() == set()


def test_proofs_for_the_network_are_compressed_and_show_the_same_pixels(tmp_path):
    spec = copy_sample_page(tmp_path / "page")
    local, network = ProofSession(spec, tmp_path / "a"), ProofSession(spec, tmp_path / "b", compact=True)
    for session in (local, network):
        (tmp_path / ("a" if session is local else "b")).mkdir()
        assert session.rebuild()["cpu_seconds"] > 0
    stored, compact = local.page(1).png, network.page(1).png
    assert len(compact) < len(stored) / 2
    assert Image.open(BytesIO(compact)).tobytes() == Image.open(BytesIO(stored)).tobytes()


def test_underset_is_named_per_story_when_the_fit_has_stories():
    """A page of several stories reports each story's fit (FitReport.stories): status.json names them."""
    from dataclasses import dataclass, field
    from types import SimpleNamespace

    from layout.errors import Problem
    from layout.serve.status import page_status

    @dataclass
    class Story:
        number: int
        headline: str
        underset_lines: tuple = ()
        empty_rows_below: int = 0

    @dataclass
    class Fit:
        underset_lines: tuple = (0, 3)
        empty_rows_below: int = 0
        stories: tuple = field(default_factory=lambda: (Story(1, "头条", (0, 0)), Story(2, "二条", (1, 2), 4)))

    overset = Problem("overset", "story 1 《头条》: overset 12 characters (1 lines)", "lead.txt")
    report = SimpleNamespace(problems=(overset, Problem("long-headline", "long", "a.txt:1")), fit=Fit(), seconds=0.2)
    status = page_status(1, ROOT / "page.toml", report)
    assert [u["message"] for u in status["underset"]] == ["story 2 《二条》: underset: 3 lines (per column: 1 2)",
                                                         "story 2 《二条》: underset: empty for 4 lines under the text"]
    assert [o["message"] for o in status["overset"]] == [overset.message]
    assert [w["kind"] for w in status["warnings"]] == ["long-headline"]
