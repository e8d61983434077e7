"""The command, run as a user runs it: exit codes, one-line errors, files written whole or not at all."""


import pikepdf
import pytest
from command import ROOT, run

SPEC = ROOT / "examples" / "beita" / "page.toml"


@pytest.fixture(scope="module")
def print_pdfs(tmp_path_factory):
    """The sample page built twice in print mode."""
    folder = tmp_path_factory.mktemp("print")
    results = [run("build", SPEC, "-o", folder / f"p{i}.pdf", "--print") for i in (1, 2)]
    return folder, results


def test_build_sample_proof(tmp_path):
    pdf, png = tmp_path / "beita.pdf", tmp_path / "beita.png"
    result = run("build", SPEC, "-o", pdf, "--png", png)
    assert result.returncode == 0, result.stderr
    assert "paragraph joins: 2" in result.stdout and "overset: none" in result.stdout
    warnings = [line for line in result.stdout.splitlines() if "warning" in line]
    # the sample page is clean: no image, font or fit warnings, only its half-width marks (作者:刘剑)
    assert warnings and all("half-width" in line for line in warnings)
    with pikepdf.open(pdf) as doc:
        assert len(doc.pages) == 1
        trim = [float(v) for v in doc.pages[0].TrimBox]
        assert trim[2] - trim[0] == pytest.approx(390 / 25.4 * 72, abs=0.01)
        assert trim[3] - trim[1] == pytest.approx(545 / 25.4 * 72, abs=0.01)
    assert png.stat().st_size > 10_000


def test_print_build_passes_its_own_preflight(print_pdfs):
    folder, results = print_pdfs
    assert all(r.returncode == 0 for r in results), results[0].stderr
    check = run("check", folder / "p1.pdf")
    assert check.returncode == 0, check.stdout
    assert "FAIL" not in check.stdout


def test_print_builds_are_byte_identical(print_pdfs):
    folder, _ = print_pdfs
    assert (folder / "p1.pdf").read_bytes() == (folder / "p2.pdf").read_bytes()


def test_check_fails_a_proof(tmp_path):
    """A proof has no output intent: the preflight says so and exits 1."""
    pdf = tmp_path / "proof.pdf"
    assert run("build", SPEC, "-o", pdf).returncode == 0
    result = run("check", pdf, "--json")
    assert result.returncode == 1
    assert '"output-intent"' in result.stdout


def test_article_with_default_template(tmp_path):
    article = tmp_path / "short.txt"
    article.write_text("# 短讯标题\n\n记者 王五\n\n" + "这是一条简短的新闻，内容不多。" * 20 + "\n", encoding="utf-8")
    result = run("build", article, "-o", tmp_path / "short.pdf")
    assert result.returncode == 0, result.stderr
    assert "underset:" in result.stdout


@pytest.mark.parametrize(
    ("args", "code", "expected"),
    [
        (("build", "nope.toml", "-o", "x.pdf"), 1, "page spec not found"),
        (("build", SPEC, "-o", "/no/such/folder/x.pdf"), 1, "output folder does not exist"),
        (("build", "examples/beita/article.jpg", "-o", "x.pdf"), 1, "not a page spec or an article"),
        (("check", "missing.pdf"), 1, "no such PDF"),
        (("build", SPEC), 2, "required"),
        (("frobnicate",), 2, "invalid choice"),
    ],
)
def test_errors_are_one_line(args, code, expected):
    result = run(*args)
    assert result.returncode == code
    assert expected in result.stderr
    assert "Traceback" not in result.stderr
    if code == 1:
        assert len(result.stderr.strip().splitlines()) == 1


def test_failed_build_leaves_existing_output_alone(tmp_path):
    spec = tmp_path / "page.toml"
    spec.write_text('article = "missing.txt"\n', encoding="utf-8")
    out = tmp_path / "out.pdf"
    out.write_bytes(b"previous")
    result = run("build", spec, "-o", out)
    assert result.returncode == 1
    assert out.read_bytes() == b"previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.pdf", "page.toml"]


def test_debug_shows_the_traceback(tmp_path):
    result = run("--debug", "build", "nope.toml", "-o", tmp_path / "x.pdf")
    assert result.returncode != 0 and "Traceback" in result.stderr


def test_grid_overlay_and_png_resolution(tmp_path):
    """--grid draws the columns and baselines over the proof; --dpi sets the PNG's resolution."""
    plain, gridded = tmp_path / "plain.pdf", tmp_path / "grid.pdf"
    png = tmp_path / "grid.png"
    assert run("build", SPEC, "-o", plain).returncode == 0
    assert run("build", SPEC, "-o", gridded, "--grid", "--png", png, "--dpi", "36").returncode == 0
    count = {}
    for path in (plain, gridded):
        with pikepdf.open(path) as pdf:
            count[path] = sum(1 for _, op in pikepdf.parse_content_stream(pdf.pages[0]) if str(op) == "l")
    assert count[gridded] - count[plain] > 100  # 16 column edges and ~100 baselines
    from PIL import Image

    width, height = Image.open(png).size
    assert abs(width - 390 / 25.4 * 36) <= 1 and abs(height - 545 / 25.4 * 36) <= 1


def test_check_fails_an_rgb_pdf_with_an_unembedded_font(tmp_path):
    from reportlab.pdfgen import canvas

    pdf = tmp_path / "rgb.pdf"
    page = canvas.Canvas(str(pdf), pagesize=(200, 200))
    page.setFillColorRGB(0.9, 0.1, 0.1)
    page.setFont("Helvetica", 10)
    page.drawString(20, 100, "RGB text in a font that is not embedded")
    page.save()
    result = run("check", pdf)
    assert result.returncode == 1
    failed = {line.split()[1] for line in result.stdout.splitlines() if line.startswith("FAIL")}
    assert {"fonts-embedded", "colour-spaces", "output-intent"} <= failed
