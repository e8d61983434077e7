"""The largest blank rectangle among placed items, as composition measures a galley's white."""

from layout.compose.items import PlacedImage, PlacedRule, Rect
from layout.compose.white import CELL_PT, GROW_CELLS, largest_blank_share

AREA = Rect(0.0, 0.0, 300.0, 300.0)


def test_an_empty_area_is_all_white():
    assert largest_blank_share((), AREA) == 1.0


def test_a_picture_over_the_left_half_leaves_the_right_half_less_the_grown_ink():
    picture = PlacedImage(Rect(0.0, 0.0, 150.0, 300.0), None, "", crop=True)
    expected = (150.0 / CELL_PT - GROW_CELLS) / (300.0 / CELL_PT)
    assert abs(largest_blank_share((picture,), AREA) - expected) < 1e-9


def test_a_rule_across_the_middle_halves_the_white():
    rule = PlacedRule(0.0, 150.0, 300.0, 150.0, 0.5)
    share = largest_blank_share((rule,), AREA)
    assert 0.45 < share < 0.5
