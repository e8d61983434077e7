"""A story on a page: one article with its rank and what the page spec says of its module."""

from __future__ import annotations

from dataclasses import dataclass

from layout.model.document import Article, BodyBlock
from layout.model.page_spec import GridPlace


@dataclass(frozen=True, slots=True)
class Story:
    """An article as one story of a page; `number` is its place in the spec (1-based)."""

    article: Article
    number: int
    rank: int  # 1 = 头条
    columns: int | None = None  # the module's width when the spec fixes it
    place: GridPlace | None = None  # a module fixed on the grid
    continue_on: str | None = None  # the edition page the rest jumps to
    headline_direction: str = "horizontal"  # "vertical": a 竖题 at the module's right edge
    direction: str = "horizontal"  # "vertical": the story set in tiers in its module

    @property
    def label(self) -> str:
        """How reports name the story: 'story 3 《headline》'."""
        return f"story {self.number} 《{self.article.headline}》"


@dataclass(frozen=True, slots=True)
class Continuation:
    """The rest of a story jumped from another page of the edition, to be set on this one."""

    headline: str
    from_page: str  # the [paper] edition of the page it jumped from
    blocks: tuple[BodyBlock, ...]
    source: str  # the story's article file, for reports


CONTINUED_FROM = "（上接第"  # how the rest of a jumped story opens; its first paragraph runs on, unindented


def continued_note(from_page: str) -> str:
    """The note that opens the rest of a story jumped from page `from_page`."""
    return f"{CONTINUED_FROM}{from_page}版）"
