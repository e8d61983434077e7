"""Half-width punctuation in Chinese text: find it, and print it full-width when asked.

GB/T 15834-2011 §5.1.1: Chinese text takes the full-width forms of the marks. A
half-width , : ; ? ! ( ) with Chinese on both sides is a typing slip (作者:刘剑); the
check names each one by file, line and column. With [typesetting] fix_punctuation
the page prints the full-width form; the source file is never changed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from layout.errors import Problem, Where

HALF_TO_FULL = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}
# Chinese on a side: Han, kana, CJK marks and full-width forms, and the curly quotes Chinese uses.
_CJK = r"[\u2e80-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef“”‘’\U00020000-\U000323af]"
_HALF_WIDTH_RE = re.compile(rf"(?<={_CJK})[,:;?!()](?={_CJK})")
CONTEXT_CHARS = 4


@dataclass(frozen=True, slots=True)
class HalfWidthMark:
    """One half-width mark between Chinese characters: where it is, and its line around it."""

    offset: int  # in the text
    line: int  # 1-based
    column: int  # 1-based
    mark: str
    context: str


def half_width_marks(text: str) -> list[HalfWidthMark]:
    """Every half-width , : ; ? ! ( ) with Chinese characters on both sides, in order."""
    marks = []
    for match in _HALF_WIDTH_RE.finditer(text):
        start = match.start()
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", start)
        line_text = text[line_start : line_end if line_end >= 0 else len(text)]
        at = start - line_start
        context = line_text[max(at - CONTEXT_CHARS, 0) : at + CONTEXT_CHARS + 1]
        marks.append(HalfWidthMark(start, text.count("\n", 0, start) + 1, at + 1, match.group(), context))
    return marks


def check_punctuation(text: str, source: str, fix: bool) -> tuple[str, tuple[Problem, ...]]:
    """The text to set (full-width marks if `fix`) and a warning for each half-width mark."""
    marks = half_width_marks(text)
    problems = []
    for mark in marks:
        where = str(Where(source, mark.line, mark.column))
        full = HALF_TO_FULL[mark.mark]
        if fix:
            problems.append(Problem("punctuation-fixed", f"printed half-width '{mark.mark}' as '{full}' in "
                                    f"「{mark.context}」 (the source file is unchanged)", where))
        else:
            problems.append(Problem("half-width-punctuation", f"half-width '{mark.mark}' between Chinese "
                                    f"characters in 「{mark.context}」", where,
                                    f"GB/T 15834 takes '{full}'; or set [typesetting] fix_punctuation = true"))
    if fix:
        chars = list(text)
        for mark in marks:
            chars[mark.offset] = HALF_TO_FULL[mark.mark]
        text = "".join(chars)
    return text, tuple(problems)
