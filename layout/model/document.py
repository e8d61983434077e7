"""The document model: what an article says, with no geometry."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

FigureKind = Literal["photo", "artwork"]


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A body paragraph; `line` is where it starts in the source (1-based)."""

    text: str
    line: int


@dataclass(frozen=True, slots=True)
class SectionHead:
    """A 小标题 between body paragraphs."""

    text: str
    line: int


@dataclass(frozen=True, slots=True)
class Figure:
    """A captioned picture: a news photo or a gallery artwork.

    `title` is the work's title from 《》 (used to find the image file); `image` is
    an explicit path (Markdown `![caption](path)` or the page spec's map), or None.
    """

    kind: FigureKind
    caption: str
    line: int
    title: str | None = None
    credit: str | None = None
    image: str | None = None


@dataclass(frozen=True, slots=True)
class Gallery:
    """A titled group of artworks (calligraphy, paintings) set together."""

    title: str
    figures: tuple[Figure, ...]
    line: int


@dataclass(frozen=True, slots=True)
class Join:
    """Two source blocks rejoined because the export split a sentence at a column break."""

    line: int  # where the first block starts
    next_line: int  # where the continuation started
    before: str  # the last characters of the first block
    after: str  # the first characters of the continuation


BodyBlock = Paragraph | SectionHead


@dataclass(frozen=True, slots=True)
class Article:
    """One article as the newsroom wrote it."""

    source: str
    headline: str
    kicker: str | None = None  # 引题 (the slogan line of the sample page)
    subheadline: str | None = None  # 副题
    byline: str | None = None
    body: tuple[BodyBlock, ...] = ()
    photos: tuple[Figure, ...] = ()
    gallery: Gallery | None = None
    joins: tuple[Join, ...] = ()

    @property
    def figures(self) -> tuple[Figure, ...]:
        """Every figure: photos first, then the gallery's artworks."""
        return self.photos + (self.gallery.figures if self.gallery else ())
