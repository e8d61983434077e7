"""Page spec loading: the sample spec reads, and each mistake is one clear line."""

from pathlib import Path

import pytest

from layout.errors import InputError
from layout.model.load_spec import load_page_spec
from layout.units import mm

SAMPLE = Path(__file__).parent.parent / "examples" / "beita" / "page.toml"


def test_sample_spec():
    spec = load_page_spec(SAMPLE)
    assert spec.trim == pytest.approx((mm(390), mm(545)))
    assert spec.grid.columns == 8 and spec.grid.column_width == pytest.approx(117.0)
    assert spec.styles["headline"].size == 42.0 and spec.styles["body"].size == 9.0
    assert Path(spec.article).name == "article.txt" and Path(spec.images_dir).name == "beita"
    assert spec.rows >= 100


def write(tmp_path, text):
    path = tmp_path / "page.toml"
    path.write_text('article = "a.txt"\n' + text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[grid]\ncolumnz = 8\n", "unknown key 'grid.columnz'"),
        ("[grid]\ncolumns = 'eight'\n", "'grid.columns' is 'eight'"),
        ("[grid]\ncolumns = 0\n", "whole number ≥ 1"),
        ("[page]\nmargins_mm = [10, -5, 10, 10]\n", "list of 4 numbers ≥ 0"),
        ("[grid]\ncolumns = 12\n", "the grid is"),
        ("[styles]\nbody = { size = '大号' }\n", "unknown type size"),
        ("[typesetting]\nkinsoku = 'loose'\n", "one of none, basic, GB, strict, newspaper-loose"),
        ("[print]\npdfx = 'X-3'\n", "one of X-1a, X-4"),
        ("colour = 1\n", "unknown key 'colour'"),
        ("[page\n", "not a valid TOML"),
    ],
)
def test_bad_specs_give_one_line(tmp_path, text, expected):
    with pytest.raises(InputError) as error:
        load_page_spec(write(tmp_path, text))
    line = error.value.one_line()
    assert expected in line and "\n" not in line and "page.toml" in line
