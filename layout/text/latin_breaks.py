"""Where Latin words and web addresses may break inside: hyphenation points and address breaks.

A narrow CJK column cannot hold an English title or a URL whole without leaving
word gaps of several ems; these are the places inside them where a line may end.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

# The kind of break a line may take inside a word: with a hyphen added, after a break
# character (or the word's own hyphen), or between syllables of an address's name.
WordBreak = Literal["", "hyphen", "after", "inside"]

# A web or e-mail address: a scheme or www. and what may follow in a URL, or user@host.tld.
ADDRESS_RE = re.compile(
    r"(?:https?://|www\.)[A-Za-z0-9\-._~:/?#@!$&*+,;=%]+"
    r"|[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+"
)
ADDRESS_BREAK_AFTER = frozenset("/.-_?&=")  # a line may end after these, with no hyphen added
NOT_IN_ADDRESS_AT_END = ".,;:!?"  # a sentence mark right after an address is the sentence's
HYPHENATE_MIN_CHARS = 5  # shorter words never break
HYPHENATE_LEFT, HYPHENATE_RIGHT = 2, 3  # letters kept before and after a hyphen (Chicago 7.36)


@lru_cache(maxsize=1)
def _dictionary():
    """The English hyphenation patterns, loaded at the first word that needs them (50 ms: most pages
    have no word to break, and a proof should not wait for them)."""
    import pyphen

    return pyphen.Pyphen(lang="en_US", left=HYPHENATE_LEFT, right=HYPHENATE_RIGHT)


def address_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every web or e-mail address in `text`."""
    spans = []
    for match in ADDRESS_RE.finditer(text):
        end = match.end()
        while end > match.start() + 1 and text[end - 1] in NOT_IN_ADDRESS_AT_END:
            end -= 1
        spans.append((match.start(), end))
    return spans


def address_pieces(address: str) -> list[tuple[str, WordBreak]]:
    """The address cut after each run of break characters (https:// stays one piece),
    and, costlier, after its @ and between the syllables of a long name, each with the
    kind of break before it."""
    pieces: list[tuple[str, WordBreak]] = []
    for n, part in enumerate(_split_after(address, ADDRESS_BREAK_AFTER)):
        for m, name in enumerate(_split_after(part, "@")):
            stem = name.rstrip("".join(ADDRESS_BREAK_AFTER) + "@")
            *head, tail = syllables(stem.lower()) if stem.isalpha() else (stem,)
            offset = 0  # syllables of the lower-cased stem, taken in the address's own letters
            for k, syllable in enumerate([*head, tail + name[len(stem):]]):
                kind: WordBreak = "" if not pieces else "after" if m == k == 0 and n else "inside"
                pieces.append((name[offset : offset + len(syllable)], kind))
                offset += len(syllable)
    return pieces


def _split_after(text: str, breaks: str | frozenset[str]) -> list[str]:
    """`text` cut after each run of `breaks` characters that something follows."""
    parts, start = [], 0
    for k in range(1, len(text)):
        if text[k - 1] in breaks and text[k] not in breaks:
            parts.append(text[start:k])
            start = k
    parts.append(text[start:])
    return parts


def word_pieces(word: str) -> list[tuple[str, WordBreak]]:
    """A Latin word cut after its own hyphens and at its hyphenation points."""
    pieces: list[tuple[str, WordBreak]] = []
    for part in re.split(r"(?<=-)(?=[A-Za-z])", word):
        stem, hyphen = (part[:-1], "-") if part.endswith("-") else (part, "")
        *head, tail = syllables(stem)
        for n, piece in enumerate([*head, tail + hyphen]):
            pieces.append((piece, "" if not pieces else "after" if n == 0 else "hyphen"))
    return pieces


@lru_cache(maxsize=4096)
def syllables(word: str) -> tuple[str, ...]:
    """An English word cut at its legal hyphenation points (Hunspell's patterns, via pyphen).

    Only plain words: not an acronym or a camel-cased name (OpenAI, iPhone).
    """
    plain = word.isascii() and word.isalpha() and word[1:].islower()
    if len(word) < HYPHENATE_MIN_CHARS or not plain:
        return (word,)
    points = _dictionary().positions(word)
    return tuple(word[a:b] for a, b in zip([0, *points], [*points, len(word)]))
