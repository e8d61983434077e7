"""Newsroom export text (a Markdown dialect) → Article.

The format, in order: kicker lines before the headline (a plain line, or one
marked `> `), `# ` headline, `## ` subheadline, the byline line, `### ` section
heads, paragraphs, `▲` photo captions anywhere, and a later `## ` that starts a
gallery whose lines are artwork captions. Markdown images `![caption](path)`
are photos (artworks inside a gallery). Blank lines separate blocks; lines of
one block are joined (CJK text has no spaces between lines).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from layout.errors import InputError, Where
from layout.model.document import (
    Article,
    BodyBlock,
    Figure,
    FigureKind,
    Gallery,
    Join,
    Paragraph,
    SectionHead,
)

# A block that ends with one of these ends its sentence (GB/T 15834 §4.1, 句末点号
# and the closing marks that can follow them); anything else means the export
# split the sentence at a column break.
SENTENCE_END = set("。！？!?.…；;：:”’」』）)》】")
CAPTION_MARK = "▲"
TITLE_RE = re.compile(r"《([^《》]+)》")
CREDIT_RE = re.compile(r"作者\s*[:：]\s*(\S.*?)\s*$")
IMAGE_RE = re.compile(r"^!\[(?P<caption>[^\]]*)\]\((?P<path>[^)\s]+)\)\s*$")
BYLINE_MAX_CHARS = 40


@dataclass
class _Block:
    """One source block: its marker, text and first line number."""

    marker: str  # '#', '##', '###', '>', '▲', '!' or '' for plain text
    text: str
    line: int
    path: str | None = None


def split_blocks(text: str) -> list[_Block]:
    """Blocks of the source, each with its heading marker and 1-based line number."""
    blocks: list[_Block] = []
    current: _Block | None = None
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip()
        if not line:
            current = None
            continue
        block = _classify(line, number)
        if current is not None and block.marker == "" and current.marker == "":
            current.text += line
            continue
        blocks.append(block)
        current = block if block.marker == "" else None
    return blocks


def _classify(line: str, number: int) -> _Block:
    heading = re.match(r"^(#{1,3})\s+(.*)$", line)
    if heading:
        return _Block(heading.group(1), heading.group(2).strip(), number)
    image = IMAGE_RE.match(line)
    if image:
        return _Block("!", image.group("caption").strip(), number, image.group("path"))
    if line.startswith(CAPTION_MARK):
        return _Block(CAPTION_MARK, line, number)
    if line.startswith(">"):
        return _Block(">", line[1:].strip(), number)
    return _Block("", line, number)


def _figure(block: _Block, kind: FigureKind) -> Figure:
    title = TITLE_RE.search(block.text)
    credit = CREDIT_RE.search(block.text)
    return Figure(
        kind=kind,
        caption=block.text,
        line=block.line,
        title=title.group(1) if title else None,
        credit=credit.group(1) if credit else None,
        image=block.path,
    )


@dataclass
class _Parts:
    kickers: list[_Block] = field(default_factory=list)
    headline: _Block | None = None
    subheadline: str | None = None
    byline: str | None = None
    body: list[_Block] = field(default_factory=list)
    photos: list[Figure] = field(default_factory=list)
    gallery_title: _Block | None = None
    artworks: list[Figure] = field(default_factory=list)


def parse_article(text: str, source: str) -> Article:
    """Parse clean article text (LF line ends) into an Article; InputError if it has no headline."""
    parts = _Parts()
    for block in split_blocks(text):
        _take(parts, block, source)
    if parts.headline is None:
        raise InputError(
            "the article has no headline",
            Where(source),
            "start the headline line with '# ', e.g. '# 清风扬正气'",
        )
    body, joins = join_split_paragraphs(parts.body)
    gallery = None
    if parts.gallery_title is not None:
        gallery = Gallery(parts.gallery_title.text, tuple(parts.artworks), parts.gallery_title.line)
    return Article(
        source=source,
        headline=parts.headline.text,
        kicker="".join(k.text for k in parts.kickers) or None,
        subheadline=parts.subheadline,
        byline=parts.byline,
        body=body,
        photos=tuple(parts.photos),
        gallery=gallery,
        joins=joins,
    )


def _take(parts: _Parts, block: _Block, source: str) -> None:
    """Put one block where the export format says it belongs."""
    in_gallery = parts.gallery_title is not None
    if block.marker == CAPTION_MARK:
        parts.photos.append(_figure(block, "photo"))
    elif block.marker == "!":
        target = parts.artworks if in_gallery else parts.photos
        target.append(_figure(block, "artwork" if in_gallery else "photo"))
    elif parts.headline is None:
        _take_before_headline(parts, block, source)
    elif block.marker == "##":
        if parts.subheadline is None and not parts.body and parts.byline is None:
            parts.subheadline = block.text
        elif in_gallery:
            raise InputError(
                "a second '## ' gallery title",
                Where(source, block.line),
                f"an article has one gallery (started at line {parts.gallery_title.line}); "
                "use '### ' for a section head",
            )
        else:
            parts.gallery_title = block
    elif in_gallery and block.marker in ("", ">"):
        parts.artworks.append(_figure(block, "artwork"))
    elif block.marker == "#":
        raise InputError(
            "a second '# ' headline",
            Where(source, block.line),
            "one article has one headline; use '### ' for a section head",
        )
    elif block.marker == "" and _is_byline(parts, block):
        parts.byline = block.text
    else:
        parts.body.append(block)


def _take_before_headline(parts: _Parts, block: _Block, source: str) -> None:
    if block.marker == "#":
        parts.headline = block
    elif block.marker in ("", ">"):
        parts.kickers.append(block)
    else:
        raise InputError(
            f"'{block.marker} {block.text[:12]}' comes before the '# ' headline",
            Where(source, block.line),
            "put the headline first; only kicker lines and ▲ captions may precede it",
        )


def _is_byline(parts: _Parts, block: _Block) -> bool:
    """The short line right after the headline block, with no sentence-final mark."""
    return (
        parts.byline is None
        and not parts.body
        and len(block.text) <= BYLINE_MAX_CHARS
        and block.text[-1] not in SENTENCE_END
        and block.text[-1] not in "，、"
    )


def join_split_paragraphs(blocks: list[_Block]) -> tuple[tuple[BodyBlock, ...], tuple[Join, ...]]:
    """Body blocks, with paragraphs the export split mid-sentence joined again."""
    body: list[BodyBlock] = []
    joins: list[Join] = []
    for block in blocks:
        if block.marker == "###":
            body.append(SectionHead(block.text, block.line))
            continue
        previous = body[-1] if body else None
        if isinstance(previous, Paragraph) and previous.text[-1] not in SENTENCE_END:
            joins.append(Join(previous.line, block.line, previous.text[-6:], block.text[:6]))
            body[-1] = Paragraph(previous.text + block.text, previous.line)
        else:
            body.append(Paragraph(block.text, block.line))
    return tuple(body), tuple(joins)
