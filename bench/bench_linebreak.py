"""Time the line breaker on the sample article at 13 characters of 9 pt, and print its quality figures.

Run: .venv/bin/python bench/bench_linebreak.py [article.txt]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import itertools

from layout.text.charclass import CharClass, char_class
from layout.text.fonts import FontBook
from layout.text.linebreak import set_paragraph
from layout.text.lines import TextStyle

SIZE = 9.0
MEASURE = 13 * SIZE


def paragraphs(path: Path) -> list[str]:
    """Every non-empty, non-heading line of a newsroom export."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def han_on_grid(lines) -> tuple[int, int]:
    """(Han followed by Han at exactly 1 em, all Han followed by Han) over the lines."""
    exact = total = 0
    for line in lines:
        chars = [(ch, x) for run in line.runs for ch, x in zip(run.text, run.xs)]
        for (a, xa), (b, xb) in itertools.pairwise(chars):
            if char_class(a) is CharClass.HAN and char_class(b) is CharClass.HAN:
                total += 1
                exact += abs(xb - xa - SIZE) < 0.005
    return exact, total


def main() -> None:
    """Set the article five times, report the best time and the figures of one setting."""
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "examples" / "beita" / "article.txt"
    texts = paragraphs(path)
    style = TextStyle(size=SIZE)
    glyphs = FontBook.load().glyph_source("body")  # the real body face's widths
    best = float("inf")
    for _ in range(5):
        began = time.perf_counter()
        setting = [set_paragraph(text, MEASURE, style, glyphs) for text in texts]
        best = min(best, time.perf_counter() - began)
    lines = [line for paragraph in setting for line in paragraph]
    exact, total = han_on_grid(lines)
    chars = sum(len(t) for t in texts)
    print(f"{path.name}: {len(texts)} paragraphs, {chars} characters, {len(lines)} lines at 13 x {SIZE:g} pt")
    print(f"best of 5: {best * 1000:.1f} ms ({best / chars * 1e6:.1f} us per character)")
    print(f"Han followed by Han at exactly 1 em: {exact}/{total} = {exact / max(total, 1):.3f}")


if __name__ == "__main__":
    main()
