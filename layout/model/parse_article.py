"""Newsroom export text (a Markdown dialect) → Article.

The format, in order: kicker lines before the headline (a plain line, or one
marked `> `), `# ` headline, `## ` subheadline, the byline line, `### ` section
heads, paragraphs, `▲` photo captions anywhere, and a later `## ` that starts a
gallery when the lines under it are artwork captions (else it is a second-level
heading in the body). Markdown images `![caption](path)` are photos (artworks
inside a gallery). Blank lines separate blocks; lines of one block are joined
(CJK text has no spaces between lines).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

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
# and the closing marks that can follow them).
SENTENCE_END = set("。！？!?.…；;：:”’」』）)》】")
CAPTION_MARK = "▲"
JoinMode = Literal["auto", "off"]
# A block shorter than this is a line of a list (schedule, address, contact) or a
# paragraph's last line, never the first half of a paragraph a column break split.
JOIN_MIN_CHARS = 20
# Marks that may not start a line (clreq §6.1.1, basic level): a block that starts with
# one continues the sentence before it.
CONTINUING_MARKS = set("，、。．：；？！）〕］｝〉》」』】〗”’…—")
# Prose has these; a schedule or contact line of the same length has none.
PROSE_MARKS = "，、。；！？"
# A block that starts like this begins an item of its own: a numbered or bulleted
# list mark (一、 （二） ① 1. • - *).
LIST_MARK_RE = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|[①-⑳•·\-*])")
# Artwork captions: a kind of work with its title, a 《title》 with its author, or ▲.
ARTWORK_CAPTION_RE = re.compile(r"^(?:▲|\S{0,6}作品\s*《|《[^》]+》.*作者)")
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
    """Blocks of the source, each with its heading marker and 1-based line number.

    The lines of a plain block are joined into one paragraph (a hard-wrapped
    export), unless the block is a list (see `_is_list`): then each line is a block.
    """
    blocks: list[_Block] = []
    lines: list[tuple[str, int]] = []  # the lines of the plain block being read
    for number, raw in enumerate([*text.split("\n"), ""], start=1):
        line = raw.strip()
        block = _classify(line, number) if line else None
        if block is not None and block.marker == "":
            lines.append((line, number))
            continue
        if lines:
            blocks.extend(_plain_blocks(lines))
            lines = []
        if block is not None:
            blocks.append(block)
    return blocks


def _plain_blocks(lines: list[tuple[str, int]]) -> list[_Block]:
    if _is_list([text for text, _ in lines]):
        return [_Block("", text, number) for text, number in lines]
    return [_Block("", "".join(text for text, _ in lines), lines[0][1])]


def _is_list(lines: list[str]) -> bool:
    """Lines typed one under another as a list: a schedule, an address, contact details.

    A hard wrap fills every line but the last, so a short line before another makes
    the block a list; so does any line ending in a colon, digit or Latin letter, or
    followed by one that starts with a digit, a Latin letter or a list mark.
    """
    return any(
        len(before) < JOIN_MIN_CHARS
        or before[-1] in "：:" or before[-1].isascii() and before[-1].isalnum()
        or after[0].isascii() and after[0].isalnum() or after[0].isdigit() or LIST_MARK_RE.match(after)
        for before, after in zip(lines, lines[1:])
    )


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


def parse_article(text: str, source: str, joins: JoinMode = "auto") -> Article:
    """Parse clean article text (LF line ends) into an Article; InputError if it has no headline.

    With joins="auto", paragraphs the export split at a column break are joined
    again (see `continues`); with "off", every block stays a paragraph.
    """
    parts = _Parts()
    blocks = split_blocks(text)
    for index, block in enumerate(blocks):
        _take(parts, block, source, _starts_gallery(blocks, index))
    if parts.headline is None:
        raise InputError(
            "the article has no headline",
            Where(source),
            "start the headline line with '# ', e.g. '# 清风扬正气'",
        )
    body, found = join_split_paragraphs(parts.body, joins)
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
        joins=found,
    )


def _starts_gallery(blocks: list[_Block], index: int) -> bool:
    """A '## ' block followed by an artwork caption (or a picture) titles a gallery."""
    if blocks[index].marker != "##" or index + 1 >= len(blocks):
        return False
    following = blocks[index + 1]
    return following.marker in ("!", CAPTION_MARK) or (
        following.marker in ("", ">") and ARTWORK_CAPTION_RE.match(following.text) is not None
    )


def _take(parts: _Parts, block: _Block, source: str, starts_gallery: bool) -> None:
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
        elif in_gallery and starts_gallery:
            raise InputError(
                "a second '## ' gallery title",
                Where(source, block.line),
                f"an article has one gallery (started at line {parts.gallery_title.line}); "
                "use '### ' for a section head",
            )
        elif starts_gallery:
            parts.gallery_title = block
        else:
            parts.body.append(block)  # a second-level heading in the body
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


def join_split_paragraphs(
    blocks: list[_Block], mode: JoinMode = "auto"
) -> tuple[tuple[BodyBlock, ...], tuple[Join, ...]]:
    """Body blocks, with paragraphs the export split at a column break joined again."""
    body: list[BodyBlock] = []
    joins: list[Join] = []
    for index, block in enumerate(blocks):
        if block.marker in ("##", "###"):
            body.append(SectionHead(block.text, block.line))
            continue
        previous = body[-1] if body else None
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if mode == "auto" and isinstance(previous, Paragraph) and continues(previous.text, block, following):
            joins.append(Join(previous.line, block.line, previous.text[-6:], block.text[:6]))
            body[-1] = Paragraph(previous.text + block.text, previous.line)
        else:
            body.append(Paragraph(block.text, block.line))
    return tuple(body), tuple(joins)


def continues(before: str, block: _Block, following: _Block | None) -> bool:
    """Does `block` continue the sentence a column break cut off at the end of `before`?

    Only when `before` is prose (of some length, with a comma or stop in it) ending
    in a Han character with no mark after it, and `block` starts with a Han character or a mark that may not
    start a line, and is not a line of a list (digits, dates, Latin, list marks,
    or a short line with no sentence end, as in a schedule, address or contact block).
    Anything else is what the writer typed as separate lines; joining it would make
    words nobody wrote.
    """
    prose = len(before) >= JOIN_MIN_CHARS and any(mark in before for mark in PROSE_MARKS)
    if not prose or not _is_han(before[-1]) or block.marker != "":
        return False
    text = block.text
    if not (_is_han(text[0]) or text[0] in CONTINUING_MARKS) or LIST_MARK_RE.match(text):
        return False
    short_line = len(text) < JOIN_MIN_CHARS and text[-1] not in SENTENCE_END
    next_is_list = following is not None and following.marker == "" and len(following.text) < JOIN_MIN_CHARS
    return not short_line and not (len(text) < JOIN_MIN_CHARS and next_is_list)


def _is_han(ch: str) -> bool:
    """A CJK unified ideograph (basic block, extension A, or the supplementary planes)."""
    code = ord(ch)
    return 0x3400 <= code <= 0x4DBF or 0x4E00 <= code <= 0x9FFF or 0x20000 <= code <= 0x323AF
