"""Jumps (转版): what a story carries to its next page is exactly what did not fit, from the cut line on."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from layout.compose.flow import Slot, body_items
from layout.compose.jump import cut_for_jump, remaining_blocks
from layout.compose.setting import TextSetter
from layout.model.document import Article, Paragraph, SectionHead
from layout.model.page_spec import DEFAULT_STYLES
from layout.text.lines import TextStyle

TEXT = ("北塔区认真贯彻落实新时代党的建设总要求，把牢全面从严治党的主动权，以清廉建设为抓手，"
        "推动全面从严治党向纵深发展，Open AI 与 Microsoft 2024年合作。")


@pytest.fixture(scope="module")
def setter(book):
    return TextSetter({role: book.glyph_source(role) for role in ("body", "heading")}, TextStyle(kinsoku="basic"))


@settings(max_examples=30, deadline=None)
@given(st.integers(1, 40), st.integers(1, 3))
def test_placed_and_jumped_text_make_the_story(setter, rows, paragraphs):
    body = tuple(Paragraph(TEXT[: 30 + 17 * i], i) for i in range(paragraphs)) + (SectionHead("小标题", 9),
                                                                                  Paragraph(TEXT, 10))
    article = Article("a.txt", "标题", body=body)
    items = body_items(article, 117.0, (DEFAULT_STYLES["body"], DEFAULT_STYLES["section_head"]), setter)
    poured, _ = cut_for_jump(items, (Slot(0, 0, rows),))
    placed = "".join(line.text for item, _, _ in poured.placed for line in item.lines)
    jumped = "".join(block.text for block in remaining_blocks(body, poured.remainder))
    whole = "".join(block.text for block in body)
    assert (placed + jumped).replace(" ", "") == whole.replace(" ", "")
