"""build-edition through the real command: pages in name order, one PDF, nothing written when a page fails."""

import pikepdf
from command import ROOT, run

SPEC = (ROOT / "examples" / "beita" / "page.toml").read_text(encoding="utf-8")


def spec_text(edition: int) -> str:
    return (SPEC.replace('article = "article.txt"', f'article = "{ROOT / "examples/beita/article.txt"}"')
            .replace('dir = "../../images/beita"', f'dir = "{ROOT / "images/beita"}"')
            .replace('edition = "3"', f'edition = "{edition}"'))


def test_edition_binds_pages_in_name_order(tmp_path):
    folder = tmp_path / "edition"
    folder.mkdir()
    for edition in (2, 1):
        (folder / f"{edition:02d}.toml").write_text(spec_text(edition), encoding="utf-8")
    out = tmp_path / "edition.pdf"
    result = run("build-edition", folder, "-o", out, "-j", "2")
    assert result.returncode == 0, result.stderr
    assert "2 pages" in result.stdout and "edition: overset 0 characters" in result.stdout
    with pikepdf.open(out) as pdf:
        assert len(pdf.pages) == 2
        assert all("/TrimBox" in page.obj for page in pdf.pages)
    assert "page 2/2 built" in result.stderr  # plain progress lines when not on a terminal


def test_a_failing_page_fails_the_edition(tmp_path):
    folder = tmp_path / "edition"
    folder.mkdir()
    (folder / "01.toml").write_text(spec_text(1), encoding="utf-8")
    (folder / "02.toml").write_text('article = "missing.txt"\n', encoding="utf-8")
    out = tmp_path / "edition.pdf"
    result = run("build-edition", folder, "-o", out)
    assert result.returncode == 1
    assert "02.toml" in result.stderr or "missing.txt" in result.stderr
    assert not out.exists()


def test_empty_folder_is_an_error(tmp_path):
    result = run("build-edition", tmp_path, "-o", tmp_path / "x.pdf")
    assert result.returncode == 1 and "no page specs" in result.stderr


def page_texts(pdf_path) -> list[str]:
    import re

    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf_path))
    texts = [re.sub(r"\s", "", document[i].get_textpage().get_text_range()) for i in range(len(document))]
    document.close()
    return texts


def test_a_jump_continues_on_its_page_and_loses_nothing(tmp_path):
    """examples/edition-jump: the 头条's fixed module is too short; its rest continues on page 2."""
    out = tmp_path / "jump.pdf"
    result = run("build-edition", ROOT / "examples" / "edition-jump", "-o", out)
    assert result.returncode == 0, result.stderr
    first, second = page_texts(out)
    assert "（下转第2版）" in first and "（上接第1版）" in second
    lead = (ROOT / "examples" / "frontpage" / "lead.txt").read_text(encoding="utf-8").split("\n\n")
    paragraphs = [p.replace("本报讯　", "本报讯") for p in lead if p and not p.startswith(("#", ">", "!", "本报记者"))]
    for paragraph in paragraphs:  # every paragraph of the story is on one page or split across the two
        text = paragraph.strip().replace(" ", "").replace("　", "")
        assert text in first or text in second or any(
            text[:k] in first and text[k:] in second for k in range(1, len(text))), text[:20]


def test_a_jump_to_a_page_not_in_the_edition_is_one_line(tmp_path):
    folder = tmp_path / "edition"
    folder.mkdir()
    article = ROOT / "examples" / "frontpage" / "lead.txt"
    (folder / "1.toml").write_text(f'[paper]\nedition = "1"\n[[story]]\narticle = "{article}"\ncontinue_on = "9"\n',
                                   encoding="utf-8")
    result = run("build-edition", folder, "-o", tmp_path / "x.pdf")
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "continue_on" in lines[0] and "'9'" in lines[0], result.stderr
