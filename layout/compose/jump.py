"""Jumps (转版): a story that does not fit its module ends with 「（下转第X版）」 and the rest of its
text, as whole paragraphs and the rest of a cut one, continues on another page of the edition."""

from __future__ import annotations

from dataclasses import replace

from layout.compose.flow import FlowItem, Poured, Slot, pour
from layout.model.document import BodyBlock, Paragraph, SectionHead


def jump_note(to_page: str) -> str:
    return f"（下转第{to_page}版）"


def cut_for_jump(items: tuple[FlowItem, ...], slots: tuple[Slot, ...]) -> tuple[Poured, Slot]:
    """The pour that leaves the last row of the last used slot free for the 下转 note, and that slot."""
    last = max((i for i, slot in enumerate(slots) if slot.rows), default=0)
    shorter = slots[:last] + (replace(slots[last], rows=max(0, slots[last].rows - 1)),) + slots[last + 1:]
    return pour(items, shorter), slots[last]


def remaining_blocks(body: tuple[BodyBlock, ...], remainder: tuple[FlowItem, ...]) -> tuple[BodyBlock, ...]:
    """The article's text from the first unplaced line on: the rest of a cut paragraph (its placed
    characters taken off its start), then every later block as written."""
    remainder = tuple(item for item in remainder if item.kind != "byline")  # it stays with the headline
    if not remainder:
        return ()
    first = remainder[0].block
    block = body[first]
    rest: list[BodyBlock] = []
    if isinstance(block, SectionHead):
        rest.append(block)
    else:
        unplaced = "".join(line.text for item in remainder if item.block == first for line in item.lines)
        rest.append(Paragraph(_tail(block.text, unplaced), block.line))
    return tuple(rest) + body[first + 1:]


def _tail(text: str, unplaced: str) -> str:
    """The end of `text` that the unplaced lines show, found by their characters other than spaces
    and line-end hyphens (so nothing of the source is changed or lost)."""
    wanted = sum(1 for char in unplaced if _counted(char))
    kept = 0
    for index in range(len(text) - 1, -1, -1):
        kept += _counted(text[index])
        if kept == wanted:
            return text[index:]
    return text


def _counted(char: str) -> bool:
    return not char.isspace() and char not in "-\u00ad"
