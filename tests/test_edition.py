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
