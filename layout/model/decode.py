"""Reading an article file into clean text: encoding, line ends, HTML entities, and characters that must not print."""

from __future__ import annotations

import bisect
import html
import re
from dataclasses import dataclass
from pathlib import Path

from layout.errors import InputError, Problem, Where
from layout.model.decode_chars import BLANK_LINE, CONVERTED, LINE_END, SCAN, ZWJ, joins_emoji, removal_reason
from layout.model.decode_encoding import Decoding, decode_bytes

# Why each kind of removed character is a problem, and what to do about it.
_HINTS: dict[str, str] = {
    "control character": "control characters come from terminals, old editors or pasted data and print nothing",
    "terminal escape sequence": "the text was copied from a terminal with colours; copy it as plain text",
    "zero-width character": "invisible characters from web pages or chat apps would add or block line breaks",
    "soft hyphen": "Chinese lines break between characters without hyphens (clreq §3.1)",
    "bidirectional control": "Chinese is set left to right; the characters stay in the order they were typed, "
    "check that the line reads right",
    "private-use character": "a private-use code point is a font-specific symbol; type the standard character",
    "noncharacter": "noncharacters are never text; the file was damaged or generated wrongly",
    "invisible format character": "invisible format characters do not print; retype the text if something is missing",
    "object replacement character": "a picture pasted into the text; pictures go in the page spec",
    "replacement character": "U+FFFD marks text decoded wrongly before it reached banmian, so characters were "
    "lost there; retype them from the original",
    "entity for no character": "the HTML entity names no Unicode character; retype what was meant",
}
_EMOJI_WINDOW = 24  # characters

_CONVERSION_HINTS: dict[str, str] = {
    "TAB": "paragraph indents come from the style (2 em); delete the tabs",
    "no-break space": "a no-break space from a web page; the layout treats it as an ordinary space",
}


@dataclass(frozen=True, slots=True)
class Removal:
    """A character (or a whole escape sequence) taken out of the article, and where it was.

    line and column are 1-based, counted in characters after line ends became LF.
    """

    char: str
    codepoint: str  # "U+200B": the first character's code point
    line: int
    column: int
    reason: str


@dataclass(frozen=True, slots=True)
class DecodedText:
    """An article's clean text (LF line ends), its encoding, what was removed and the warnings."""

    text: str
    encoding: str
    removed: tuple[Removal, ...]
    notes: tuple[Problem, ...]


def read_article_text(path: Path) -> DecodedText:
    """Read and clean the article file at `path`; raises InputError when it cannot be read."""
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError("the article file does not exist", where=str(path), hint="check the path") from None
    except IsADirectoryError:
        raise InputError("the article path is a folder", where=str(path), hint="name the .txt file") from None
    except OSError as error:
        raise InputError(
            f"cannot read the article: {error.strerror}", where=str(path), hint="check the file's permissions"
        ) from None
    return decode_article_bytes(raw, str(path))


def decode_article_bytes(raw: bytes, source: str) -> DecodedText:
    """Decode and clean an article's bytes; `source` names the file in errors and warnings."""
    decoding = decode_bytes(raw, source)
    text = LINE_END.sub("\n", decoding.text)
    cleaner = _Cleaner(text, source)
    cleaned = BLANK_LINE.sub("", SCAN.sub(cleaner.replace, text))
    if not cleaned.strip():
        removed = len(cleaner.removed)
        hint = f"it held only whitespace and {removed} removed character(s)" if removed else "the file has no text"
        raise InputError("the article is empty", where=source, hint=hint)
    notes = (*_encoding_notes(decoding, source), *cleaner.notes())
    return DecodedText(cleaned, decoding.encoding, tuple(cleaner.removed), notes)


def _encoding_notes(decoding: Decoding, source: str) -> tuple[Problem, ...]:
    """A warning when the encoding was guessed rather than known (UTF-8 or a BOM)."""
    if not decoding.guessed:
        return ()
    encoding = decoding.encoding
    return (
        Problem(
            "encoding",
            f"the article is not UTF-8; it was read as {encoding}",
            where=source,
            hint=f"save it as UTF-8 to be sure: iconv -f {encoding} -t UTF-8 {source} > article-utf8.txt",
        ),
    )


class _Cleaner:
    """Replaces what SCAN finds in one text, recording removals and conversions with their positions."""

    def __init__(self, text: str, source: str):
        self.text = text
        self.source = source
        self.removed: list[Removal] = []
        self._groups: dict[str, list[Removal]] = {}
        self._conversions: dict[str, list[tuple[int, int]]] = {}
        self._line_starts: list[int] | None = None

    def replace(self, match: re.Match[str]) -> str:
        """What a SCAN match becomes in the clean text."""
        if match.lastgroup == "escape":
            self._remove(match.group(), match.start(), "terminal escape sequence")
            return ""
        if match.lastgroup == "entity":
            return self._entity(match)
        return self._char(match.group(), match.start(), match.end())

    def notes(self) -> list[Problem]:
        """One warning per kind of removal or conversion: how many, and where the first one was."""
        notes = []
        for reason, removals in self._groups.items():
            first = removals[0]
            codes = ", ".join(sorted({r.codepoint for r in removals})[:5])
            notes.append(
                Problem(
                    "removed-character",
                    f"removed {len(removals)} {reason}(s) ({codes}); the first is here",
                    where=str(Where(self.source, first.line, first.column)),
                    hint=_HINTS[reason],
                )
            )
        for name, positions in self._conversions.items():
            line, column = positions[0]
            notes.append(
                Problem(
                    "converted-character",
                    f"{len(positions)} {name}(s) became spaces; the first is here",
                    where=str(Where(self.source, line, column)),
                    hint=_CONVERSION_HINTS[name],
                )
            )
        return notes

    def _entity(self, match: re.Match[str]) -> str:
        """An HTML entity decoded as html.unescape would, then treated like the character it names."""
        entity = match.group()
        decoded = html.unescape(entity)
        if decoded == entity:  # a name HTML does not know ("&foo;"): plain text
            return entity
        if entity.startswith("&#") and decoded in ("", "\ufffd"):
            # html.unescape drops or replaces these silently; report them instead.
            code = int(entity[3:-1], 16) if entity[2] in "xX" else int(entity[2:-1])
            if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
                self._remove(entity, match.start(), "entity for no character", code)
                return ""
            decoded = chr(code)
        if len(decoded) != 1:  # a few HTML5 names stand for a letter with a combining mark
            return decoded
        return self._char(decoded, match.start(), match.end(), entity)

    def _char(self, char: str, start: int, end: int, entity: str = "") -> str:
        """A removed or converted character (written raw, or as `entity`) as it goes into the text."""
        if char in CONVERTED:
            replacement, name = CONVERTED[char]
            self._conversions.setdefault(name, []).append(self._position(start))
            return replacement
        if char in ("\r", "\n"):  # only an entity (&#13;) can bring a line end here
            return "\n"
        if char == ZWJ and self._joins_emoji(start, end):
            return char
        reason = removal_reason(char)
        if reason is None:
            return char
        self._remove(char, start, reason, written_as=entity)
        return ""

    def _joins_emoji(self, start: int, end: int) -> bool:
        """Whether the ZWJ at text[start:end] joins two emoji, each written raw or as entities."""
        # A window wide enough for two entities (&#x1F3F3;&#xFE0F;) on either side.
        before = html.unescape(self.text[max(0, start - _EMOJI_WINDOW) : start])
        after = html.unescape(self.text[end : end + _EMOJI_WINDOW])
        return joins_emoji(before, after)

    def _remove(self, removed: str, offset: int, reason: str, code: int | None = None, written_as: str = "") -> None:
        """Record `removed`, found at `offset` of the text, as taken out for `reason`."""
        line, column = self._position(offset)
        code = ord(removed[0]) if code is None else code
        full_reason = f"{reason}, written as {written_as}" if written_as else reason
        removal = Removal(removed, f"U+{code:04X}", line, column, full_reason)
        self.removed.append(removal)
        self._groups.setdefault(reason, []).append(removal)

    def _position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of `offset` in the text."""
        if self._line_starts is None:
            self._line_starts = [0, *(m.end() for m in re.finditer("\n", self.text))]
        line = bisect.bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1
