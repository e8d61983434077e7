"""Where each line of a proof comes from: its text found again in the article files.

The PDF's own text (what pdfium reads back, as a reader's copy and paste would) is
matched against the article's source lines, so a click on the proof names the file and
line to edit. A line of text not found in any article (the 报眉, a generated credit) has no
place and is left out rather than guessed.
"""

from __future__ import annotations

import os
from pathlib import Path

from layout.errors import BanmianError
from layout.model.decode import read_article_text

UNIQUE_CHARS = 6  # a shorter line is taken only as a paragraph's last line (the 报眉's 邵阳日报 is not the byline)
PREFIX_CHARS = 8  # a line that ran across a joined paragraph is found by its start


def paragraph_map(pdf: Path, articles: tuple[Path, ...]) -> tuple[dict, ...]:
    """Each text line of the PDF's first page that an article holds: its box (fractions of the
    trim, y down) and the article's file:line."""
    sources = _source_lines(articles)
    places = []
    for text, box in _pdf_lines(pdf):
        where = _find(_squeezed(text), sources)
        if where:
            places.append({"box": box, "where": where, "text": text.strip()[:16]})
    return tuple(places)


def _source_lines(articles: tuple[Path, ...]) -> list[tuple[str, str]]:
    """(file:line, the line without spaces) for every line of every article that reads."""
    lines = []
    for path in articles:
        try:
            text = read_article_text(path).text
        except BanmianError:
            continue
        shown = _shown(path)
        lines += [(f"{shown}:{n}", _squeezed(line)) for n, line in enumerate(text.split("\n"), start=1)]
    return lines


def _find(key: str, sources: list[tuple[str, str]]) -> str | None:
    if len(key) < UNIQUE_CHARS:
        return next((where for where, line in sources if key and line.endswith(key)), None)
    for probe in (key, key[:PREFIX_CHARS]):
        found = next((where for where, line in sources if probe in line), None)
        if found:
            return found
    return None


def _pdf_lines(pdf: Path) -> list[tuple[str, list[float]]]:
    """The first page's text lines as pdfium reads them, each with its box as fractions of the trim."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(pdf))
    try:
        page = document[0]
        left, bottom, right, top = page.get_trimbox()
        width, height = right - left, top - bottom
        textpage = page.get_textpage()
        count = textpage.count_chars()
        text = textpage.get_text_range(0, count)
        lines, start = [], 0
        for end in [i for i, c in enumerate(text) if c == "\n"] + [len(text)]:
            boxes = [textpage.get_charbox(i) for i in range(start, end) if not text[i].isspace()]
            if boxes:
                x0, y0 = min(b[0] for b in boxes), min(b[1] for b in boxes)
                x1, y1 = max(b[2] for b in boxes), max(b[3] for b in boxes)
                box = [(x0 - left) / width, (top - y1) / height, (x1 - x0) / width, (y1 - y0) / height]
                lines.append((text[start:end], [round(v, 5) for v in box]))
            start = end + 1
    finally:
        document.close()
    return lines


def _squeezed(text: str) -> str:
    return "".join(text.split())


def _shown(path: Path) -> str:
    """The path as the editor would type it: relative to the working folder when inside it."""
    try:
        return os.path.relpath(path) if path.is_relative_to(Path.cwd()) else str(path)
    except ValueError:
        return str(path)
