"""Font roles, discovery and metrics, checked against the installed Debian fonts."""

from __future__ import annotations

from pathlib import Path

import pytest
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen
from hypothesis import given, settings
from hypothesis import strategies as st

from layout.errors import FontError
from layout.text import font_index
from layout.text.font_index import FontIndex
from layout.text.fonts import FULL_WIDTH_PUNCTUATION, FontBook

pytestmark = pytest.mark.usefixtures("cache")  # every test starts cold


@pytest.mark.parametrize(
    "family, style, file_name, index",
    [
        ("Noto Serif CJK SC", "Regular", "NotoSerifCJK-Regular.ttc", 2),
        ("Noto Sans CJK SC", "Bold", "NotoSansCJK-Bold.ttc", 2),
        ("Noto Serif CJK SC", "Black", "NotoSerifCJK-Black.ttc", 2),
        ("LXGW WenKai", "Regular", "LXGWWenKai-Regular.ttf", 0),
        ("AR PL UKai CN", "Book", "ukai.ttc", 0),
        ("HanaMinB", "Regular", "HanaMinB.ttf", 0),
    ],
)
def test_discovery_finds_the_debian_fonts(family, style, file_name, index):
    found = FontIndex.scan().find(family, style)
    assert found is not None
    assert (Path(found.path).name, found.index) == (file_name, index)


def test_a_warm_scan_reads_no_name_tables(monkeypatch):
    cold = FontIndex.scan()

    def must_not_read(path):
        raise AssertionError(f"name tables of {path} read again")

    monkeypatch.setattr(font_index, "read_faces", must_not_read)
    assert FontIndex.scan().faces == cold.faces


def test_a_search_path_adds_a_font_outside_the_system_folders(tmp_path):
    font_dir = tmp_path / "my-fonts"
    font_dir.mkdir()
    _write_test_font(font_dir / "BanmianTest.ttf", "Banmian Test Song")
    config = tmp_path / "fonts.toml"
    config.write_text(
        '[languages."zh-Hans"]\n'
        '[roles]\nbody = [{ family = "Banmian Test Song", style = "Regular" }]\n'
        '[search]\npaths = ["my-fonts"]\n',
        encoding="utf-8",
    )
    book = FontBook.load(config)
    assert book.chain("body")[0].key == "BanmianTest.ttf#0"
    assert book.glyph_source("body").glyph("A") == ("BanmianTest.ttf#0", 0.6)


@pytest.mark.parametrize(
    "language, region, index", [("zh-Hans", "SC", 2), ("zh-Hant", "TC", 3), ("ja", "JP", 0)]
)
def test_the_language_picks_the_face_of_the_collection(language, region, index):
    body = FontBook.load(language=language).chain("body")[0]
    assert body.family == f"Noto Serif CJK {region}"
    assert body.key == f"NotoSerifCJK-Regular.ttc#{index}"
    names = font_index.read_faces(Path(body.path))[body.index].names
    assert (f"Noto Serif CJK {region}", "Regular") in names


def test_every_role_ends_with_the_fallback_chain(book):
    fallback = book.chain("fallback")
    assert [face.family for face in fallback] == ["HanaMinA", "HanaMinB"]
    for role in book.roles:
        assert book.chain(role)[-len(fallback) :] == fallback


@pytest.mark.parametrize("role", ["body", "heading", "headline", "kai"])
def test_rare_characters_fall_back_to_hanamin(book, role):
    # 𠀀 U+20000 (CJK Ext. B) is in no Noto, WenKai or UKai face: HanaMin sets it.
    face_key, _ = book.glyph_source(role).glyph("\U00020000")
    assert book.face(face_key).family.startswith("HanaMin")
    # 𦰡 U+26C21 is in Noto CJK and WenKai already; whichever face sets it has it.
    assert book.uncovered("\U00026c21\U00020000", role) == ()


def test_characters_no_font_covers_are_reported(book):
    text = "中\U0010fffd文\u0378\U0010fffd"  # a plane-16 private-use and an unassigned code point
    assert book.uncovered(text, "body") == ("\U0010fffd", "\u0378")
    source = book.glyph_source("body")
    assert source.glyph("\U0010fffd")[0] == book.chain("body")[0].key
    assert "\U0010fffd" in source.missing


def test_spaces_are_set_by_the_primary_face(book):
    source = book.glyph_source("body")
    primary = book.chain("body")[0].key
    assert source.glyph("\u3000") == (primary, 1.0)
    key, advance = source.glyph(" ")
    assert key == primary and 0.2 < advance < 0.5


@pytest.mark.parametrize("char", ["—", "…", "·", "“", "”", "‘", "’", "―"])
def test_full_width_punctuation_is_one_em_in_the_body_face(book, char):
    face = book.chain("body")[0]
    assert face.advance_em(char) == 1.0


def test_the_full_width_rule_substitutes_the_glyph(book):
    face = book.chain("body")[0]
    nominal = face.hb_font.get_nominal_glyph(ord("—"))
    # Noto CJK's cmap glyph for U+2014 is 0.89 em: the rule must change it.
    assert face.hb_font.get_glyph_h_advance(nominal) < face.units_per_em
    assert face.glyph_id("—") != nominal
    assert face.glyph_id("A") == face.hb_font.get_nominal_glyph(ord("A"))
    assert "A" not in FULL_WIDTH_PUNCTUATION and face.advance_em("A") < 1.0


def test_vertical_metrics_are_the_ideographic_em_box(book):
    for face in book.faces:
        assert face.ascender - face.descender == pytest.approx(1.0, abs=0.01), face
        assert face.ascender > 0 > face.descender


@settings(derandomize=True, max_examples=300, deadline=None)
@given(char=st.characters(blacklist_categories=("Cs",)))
def test_a_character_is_set_by_the_first_face_that_has_it(book, char):
    chain = book.chain("kai")
    key, advance = book.glyph_source("kai").glyph(char)
    having = [face for face in chain if face.has(char)]
    assert key == (having[0] if having else chain[0]).key
    assert advance >= 0
    assert (char in book.uncovered(char, "kai")) == (not having)


def test_a_missing_font_names_its_debian_package(tmp_path):
    config = tmp_path / "fonts.toml"
    config.write_text(
        '[languages."zh-Hans"]\n'
        '[roles]\nkai = [{ family = "LXGW WenKai", style = "Ultra" }]\n'
        '[[packages]]\nfamily = "LXGW WenKai"\npackage = "fonts-lxgw-wenkai"\n',
        encoding="utf-8",
    )
    with pytest.raises(FontError) as raised:
        FontBook.load(config)
    line = raised.value.one_line()
    assert "LXGW WenKai Ultra" in line and "fonts-lxgw-wenkai" in line
    assert str(config) in line


def test_a_missing_font_with_an_installed_successor_is_a_warning(tmp_path):
    config = tmp_path / "fonts.toml"
    config.write_text(
        '[languages."zh-Hans"]\nregion = "SC"\n'
        "[roles]\nbody = [\n"
        '  { family = "Noto Serif CJK {region}", style = "Hairline" },\n'
        '  { family = "Noto Serif CJK {region}", style = "Regular" },\n]\n'
        '[[packages]]\nfamily = "Noto Serif CJK"\npackage = "fonts-noto-cjk-extra"\n',
        encoding="utf-8",
    )
    book = FontBook.load(config)
    assert [face.style for face in book.chain("body")] == ["Regular"]
    (problem,) = book.problems
    assert "Noto Serif CJK SC Hairline" in problem.message
    assert "fonts-noto-cjk-extra" in problem.one_line()


def test_the_shipped_config_names_a_package_for_every_family(book):
    from layout.text.fonts import DEFAULT_CONFIG, load_config, package_for

    config = load_config(DEFAULT_CONFIG, "zh-Hans")
    for chain in config.roles.values():
        for spec in chain:
            assert package_for(config, spec), spec


def test_unknown_role_and_language_are_font_errors(book):
    with pytest.raises(FontError, match="unknown font role"):
        book.glyph_source("marginalia")
    with pytest.raises(FontError, match="languages.ko"):
        FontBook.load(language="ko")


def _write_test_font(path: Path, family: str) -> None:
    """A one-glyph TrueType font ('A', 600/1000 em) named `family` Regular."""
    pen = TTGlyphPen(None)
    pen.moveTo((0, 0))
    pen.lineTo((500, 0))
    pen.lineTo((250, 700))
    pen.closePath()
    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder([".notdef", "A"])
    builder.setupCharacterMap({ord("A"): "A"})
    builder.setupGlyf({".notdef": TTGlyphPen(None).glyph(), "A": pen.glyph()})
    builder.setupHorizontalMetrics({".notdef": (1000, 0), "A": (600, 0)})
    builder.setupHorizontalHeader(ascent=880, descent=-120)
    builder.setupNameTable({"familyName": family, "styleName": "Regular"})
    builder.setupOS2(sTypoAscender=880, sTypoDescender=-120)
    builder.setupPost()
    builder.save(str(path))
