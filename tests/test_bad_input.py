"""Hostile input through the real command: each case handled, or refused in one line naming file and place."""

import io
import re
import struct
import zlib
from pathlib import Path

import pypdfium2
import pytest
from command import ROOT, run
from PIL import Image

SAMPLE = (ROOT / "examples" / "beita" / "article.txt").read_text(encoding="utf-8")
BODY = "北塔区认真贯彻落实新时代党的建设总要求，把牢全面从严治党的主动权。" * 3


def pdf_text(path: Path) -> str:
    document = pypdfium2.PdfDocument(str(path))
    text = document[0].get_textpage().get_text_range()
    document.close()
    return re.sub(r"\s+", "", text)


def build(tmp_path: Path, content: bytes | str, *extra, name="article.txt"):
    article = tmp_path / name
    article.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    out = tmp_path / "out.pdf"
    return run("build", article, "-o", out, *extra), out


def assert_one_line_error(result, *words):
    assert result.returncode == 1, result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr
    for word in words:
        assert word in lines[0]


# Text ---------------------------------------------------------------------------------------

def test_bom_does_not_hide_the_headline(tmp_path):
    result, out = build(tmp_path, b"\xef\xbb\xbf# \xe6\xb8\x85\xe9\xa3\x8e\xe6\x89\xac\xe6\xad\xa3\xe6\xb0\x94\n\n"
                        + BODY.encode())
    assert result.returncode == 0, result.stderr
    assert pdf_text(out).count("清风扬正气") == 1


def test_mixed_line_ends(tmp_path):
    result, out = build(tmp_path, f"# 标题\r\n\r\n记者 甲\r\r{BODY}\n\n第二段。\r\n")
    assert result.returncode == 0, result.stderr
    assert "第二段。" in pdf_text(out)


def test_gb18030_article_decodes(tmp_path):
    result, out = build(tmp_path, SAMPLE.encode("gb18030"))
    assert result.returncode == 0, result.stderr
    assert "GB18030" in result.stdout + result.stderr or "gb18030" in (result.stdout + result.stderr).lower()
    assert "邵阳日报记者刘陪陪通讯员马晶" in pdf_text(out)
    assert "\ufffd" not in pdf_text(out)


def test_undecodable_bytes_are_refused(tmp_path):
    result, out = build(tmp_path, b"# \x81\x30\xff\xfe\xfa title\n\n" + bytes(range(128, 256)) * 3)
    assert_one_line_error(result, "article.txt")
    assert not out.exists()


def test_invisible_characters_removed_and_reported(tmp_path):
    hostile = (f"# 标题\n\n记者 甲\n\n电话\u202e13800138000\u202c，零宽\u200b空格\u00ad，"
               f"控制\x07字符\x1b[31m，私用\ue000区。{BODY}")
    result, out = build(tmp_path, hostile)
    assert result.returncode == 0, result.stderr
    text = pdf_text(out)
    assert "电话13800138000" in text  # logical order kept: never reversed
    assert "零宽空格" in text and "控制字符" in text and "私用区" in text
    report = result.stdout + result.stderr
    for code in ("U+202E", "U+200B", "U+00AD", "U+0007", "U+E000"):
        assert code in report
    assert "article.txt:5:" in report  # the line and column of the first removal


def test_uncovered_character_is_reported_with_its_place(tmp_path):
    """A character no configured font has (here a tag character) is reported, never dropped silently."""
    result, _ = build(tmp_path, f"# 标题\n\n{BODY}\U000E0041。")
    assert result.returncode == 0, result.stderr
    assert f"article.txt:3:{len(BODY) + 1}: warning: no font has U+E0041" in result.stdout


def test_html_entities_are_decoded(tmp_path):
    result, out = build(tmp_path, f"# 标题 &amp; 副题\n\n{BODY}caf&eacute;，&#x4E2D;文。")
    assert result.returncode == 0, result.stderr
    text = pdf_text(out)
    assert "标题&副题" in text and "café" in text and "中文" in text


def test_empty_article_is_an_error(tmp_path):
    result, out = build(tmp_path, "\n \n\u200b\n")
    assert_one_line_error(result, "article.txt", "empty")
    assert not out.exists()


def test_headline_without_body_warns(tmp_path):
    result, _ = build(tmp_path, "# 只有标题\n")
    assert result.returncode == 0, result.stderr
    assert "no body" in result.stdout


def test_very_long_headline_is_reduced_with_a_warning(tmp_path):
    result, out = build(tmp_path, "# " + "北塔区纵深推进清廉建设走深走实综述" * 12 + f"\n\n{BODY}")
    assert result.returncode == 0, result.stderr
    assert "the headline is 204 characters" in result.stdout
    assert pdf_text(out).count("综述") == 12


def test_huge_unbroken_paragraph_reports_overset(tmp_path):
    """On a page of fixed size (a galley proof would grow to hold it), the story reports its overset."""
    text = "# 超长段落\n\n" + "".join(chr(0x4E00 + (i * 7919) % 2000) for i in range(20000))
    (tmp_path / "article.txt").write_text(text, encoding="utf-8")
    (tmp_path / "page.toml").write_text('article = "article.txt"\n', encoding="utf-8")
    result = run("build", tmp_path / "page.toml", "-o", tmp_path / "out.pdf")
    assert result.returncode == 0, result.stderr
    assert re.search(r"story 1 《超长段落》: overset \d+ characters \(\d+ lines\)", result.stdout)


# Images -------------------------------------------------------------------------------------

def jpeg(size=(1200, 900), colour=(180, 60, 40), **save) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "JPEG", **save)
    return buffer.getvalue()


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


HOSTILE = {
    "missing": None,
    "truncated": jpeg()[:2000],
    "webpage": b"<!DOCTYPE html><html><body>404 Not Found</body></html>",
    "empty": b"",
    "bomb": b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", struct.pack(">IIBBBBB", 40000, 40000, 8, 2, 0, 0, 0)),
}


def gallery_article(titles) -> str:
    captions = "\n\n".join(f"书法作品《{t}》作者:某" for t in titles)
    return f"# 图片测试\n\n{BODY}\n\n## 作品\n\n{captions}\n"


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_broken_image_is_a_placeholder_in_a_proof_and_an_error_in_print(tmp_path, case):
    images = tmp_path / "images"
    images.mkdir()
    if HOSTILE[case] is not None:
        (images / f"{case}.jpg").write_bytes(HOSTILE[case])
    article = gallery_article([case])
    proof, out = build(tmp_path, article, "--images", images)
    assert proof.returncode == 0, proof.stderr
    assert "warning" in proof.stdout and (case in proof.stdout or "no image" in proof.stdout)
    proof_pdf = out.read_bytes()
    printed, _ = build(tmp_path, article, "--images", images, "--print", name="print.txt")
    assert_one_line_error(printed)
    assert case in printed.stderr or "no image" in printed.stderr
    assert out.read_bytes() == proof_pdf  # the refused print build left the proof as it was


def test_tiny_image_warns_in_proof_and_is_refused_in_print(tmp_path):
    images = tmp_path / "images"
    images.mkdir()
    Image.new("RGB", (40, 30), (0, 90, 160)).save(images / "tiny.png")
    proof, _ = build(tmp_path, gallery_article(["tiny"]), "--images", images)
    assert proof.returncode == 0 and "ppi" in proof.stdout
    printed, _ = build(tmp_path, gallery_article(["tiny"]), "--images", images, "--print")
    assert_one_line_error(printed, "tiny.png", "ppi")


def test_awkward_but_valid_images_print(tmp_path):
    """CMYK, 16-bit, alpha, palette with transparency, EXIF-rotated, progressive, PNG named .jpg, 8:1."""
    images = tmp_path / "images"
    images.mkdir()
    Image.new("CMYK", (1200, 1600), (0, 200, 200, 0)).save(images / "cmyk.jpg")
    Image.new("I;16", (1200, 1600), 30000).save(images / "deep.png")
    Image.new("RGBA", (1200, 1600), (200, 30, 30, 120)).save(images / "alpha.png")
    palette = Image.new("P", (1200, 1600), 1)
    palette.putpalette([255, 255, 255, 200, 0, 0] + [0] * 762)
    palette.save(images / "palette.png", transparency=0)
    rotated = Image.new("RGB", (1600, 1200), (20, 120, 60))
    exif = rotated.getexif()
    exif[0x0112] = 6
    rotated.save(images / "rotated.jpg", exif=exif)
    (images / "progressive.jpg").write_bytes(jpeg((1200, 1600), progressive=True))
    buffer = io.BytesIO()
    Image.new("RGB", (1200, 1600), (90, 90, 200)).save(buffer, "PNG")
    (images / "pngdata.jpg").write_bytes(buffer.getvalue())
    Image.new("RGB", (4000, 500), (200, 160, 40)).save(images / "panorama.jpg")
    titles = ["cmyk", "deep", "alpha", "palette", "rotated", "progressive", "pngdata", "panorama"]
    result, out = build(tmp_path, gallery_article(titles), "--images", images, "--print")
    assert result.returncode == 0, result.stderr
    check = run("check", out)
    assert check.returncode == 0, check.stdout


# Fonts and spec -----------------------------------------------------------------------------

def test_missing_font_names_its_package(tmp_path):
    """A configured face that is not installed: a warning naming it and its Debian package, and a fallback."""
    fonts = tmp_path / "fonts.toml"
    original = (ROOT / "fonts" / "fonts.toml").read_text(encoding="utf-8")
    fonts.write_text(original.replace('{ family = "Noto Serif CJK {region}", style = "Regular" },\n'
                                      '    { family = "Noto Sans CJK {region}", style = "Regular" },',
                                      '{ family = "Noto Serif CJK {region}", style = "Hairline" },'), encoding="utf-8")
    spec = tmp_path / "page.toml"
    spec.write_text(f'article = "{ROOT / "examples" / "beita" / "article.txt"}"\nfonts = "{fonts}"\n', encoding="utf-8")
    result = run("build", spec, "-o", tmp_path / "x.pdf")
    assert result.returncode == 0, result.stderr
    warning = next(line for line in result.stdout.splitlines() if "Hairline" in line)
    assert "fonts-noto-cjk" in warning and "instead" in warning


def test_impossible_geometry_is_one_line(tmp_path):
    spec = tmp_path / "page.toml"
    spec.write_text('article = "a.txt"\n[page]\nmargins_mm = [10, 300, 10, 10]\n', encoding="utf-8")
    result = run("build", spec, "-o", tmp_path / "x.pdf")
    assert_one_line_error(result, "page.toml", "margins")


# Pages of many stories ----------------------------------------------------------------------

STORY = ROOT / "examples" / "frontpage" / "economy.txt"


@pytest.mark.parametrize(("spec", "words"), [
    ('[[story]]\narticle = "missing.txt"\n', ("story[0].article", "no such file")),
    (f'[[story]]\narticle = "{STORY}"\nplace = {{ column = 0, line = 0, columns = 4, lines = 20 }}\n'
     f'[[story]]\narticle = "{STORY}"\nplace = {{ column = 2, line = 10, columns = 4, lines = 20 }}\n',
     ("story[1].place", "overlaps", "story[0].place")),
    (f'[[story]]\narticle = "{STORY}"\n[[ad]]\nimage = "ad.jpg"\ncolumns = 9\nlines = 20\n',
     ("ad[0]", "larger than the type area")),
    (f'[[story]]\narticle = "{STORY}"\ncolumns = 1\n', ("story[0].columns", "≥ 2")),
    (f'[[story]]\narticle = "{STORY}"\nheadline = "x"\n', ("unknown key 'story[0].headline'",)),
    (f'[[story]]\narticle = "{STORY}"\n[[ad]]\nimage = "ad.jpg"\ncolumns = 2\nlines = 10\nplace = "top"\n',
     ("ad[0].place", "bottom-right")),
    (f'article = "{STORY}"\n[[story]]\narticle = "{STORY}"\n', ("both 'article' and [[story]]",)),
])
def test_bad_story_and_ad_keys_are_one_line(tmp_path, spec, words):
    (tmp_path / "page.toml").write_text(spec, encoding="utf-8")
    result = run("build", tmp_path / "page.toml", "-o", tmp_path / "out.pdf")
    assert_one_line_error(result, "page.toml", *words)
    assert not (tmp_path / "out.pdf").exists()
