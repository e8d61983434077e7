"""A proof of one article set vertically in tiers, without a page spec (pages of stories set vertically
come through `make_pdf.py build` with `[typesetting] direction = "vertical"`: docs/vertical.md).

    python -m layout.vertical_proof ARTICLE.txt -o OUT.pdf [--png OUT.png] [--grid] [--print]
                                   [--tiers N] [--tier-chars N]
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from layout.compose.items import PageLayout
from layout.compose.vertical import Tiers, VerticalPage, VerticalSetter, VerticalStory, compose_vertical_page
from layout.errors import BanmianError
from layout.model.assets import resolve_images
from layout.model.decode import read_article_text
from layout.model.document import Article
from layout.model.page_spec import DEFAULT_STYLES, PageSpec, Style
from layout.model.parse_article import parse_article
from layout.output import OutputOptions, write_pdf
from layout.text.fonts import FontBook
from layout.text.linebreak import detect_language
from layout.text.lines import TextStyle
from layout.text.vertical_shape import VerticalGlyphs
from layout.units import mm

# One story's module as a page: three tiers of 15 characters of 10 pt, as a Taiwanese or Japanese
# paper sets its features, with a picture in the last tier.
DEFAULT_PAGE = VerticalPage(
    trim=(mm(210), mm(206)),
    margins=(mm(18), mm(14), mm(16), mm(14)),
    tiers=3,
    story=VerticalStory(
        tier_chars=15,
        pitch=15.0,
        gap=mm(6),
        body=Style("body", 10.0),
        headline=Style("headline", 32.0),
        subheadline=Style("heading", 16.0),
        byline=Style("kai", 10.0),
        section_head=Style("heading", 10.0),
        caption=Style("kai", 9.0),
        picture_tiers=1,
        picture_lines=10,
    ),
)
GRID_COLOUR_NAME = "grid"
GRID_CYAN = (1.0, 0.0, 0.0, 0.0)


def compose_article(article_path: str,
                    page: VerticalPage = DEFAULT_PAGE) -> tuple[PageLayout, Tiers, FontBook, str]:
    """The article composed vertically, its tier grid, the font book of its language, and that language."""
    decoded = read_article_text(Path(article_path))
    article = parse_article(decoded.text, article_path)
    language = detect_language(decoded.text)
    book = FontBook.load(language=language)
    story = page.story
    styles = (story.body, story.headline, story.subheadline, story.byline, story.section_head, story.caption)
    roles = {style.role for style in styles}
    sources = {role: VerticalGlyphs(book.glyph_source(role)) for role in roles}
    # Japanese papers keep small kana and ー off the line start too (jlreq's strict 行頭禁則).
    kinsoku = "strict" if language == "ja" else "basic"
    base = TextStyle(kinsoku=kinsoku, punct_style=language)  # type: ignore[arg-type]
    picture = _picture(article, Path(article_path).parent)
    layout, tiers = compose_vertical_page(article, page, VerticalSetter(sources, base), picture)
    return layout, tiers, book, language


def _picture(article: Article, folder: Path) -> str | None:
    """The first photo's file, found in the article's folder as for horizontal pages; None: a placeholder."""
    choices = resolve_images(article, {}, str(folder), folder)
    return choices[0].path if choices else None


def build_vertical(article_path: str, out_pdf: str, page: VerticalPage = DEFAULT_PAGE,
                   png: str | None = None, grid: bool = False, print_mode: bool = False) -> PageLayout:
    """Write the article's vertical page to `out_pdf` (and a PNG proof, the tier grid over it); return its layout."""
    layout, tiers, book, language = compose_article(article_path, page)
    if grid:
        layout = replace(layout, items=layout.items + tiers.rules(GRID_COLOUR_NAME))
    spec = PageSpec(source=article_path, article=article_path, language=language,
                    styles=dict(DEFAULT_STYLES), palette={GRID_COLOUR_NAME: GRID_CYAN})
    write_pdf(layout, book, spec, out_pdf, OutputOptions(print_mode=print_mode))
    if png:
        from layout.render.preview import render_png

        render_png(out_pdf, png, 100.0)
    return layout


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m layout.vertical_proof", description=__doc__)
    parser.add_argument("article")
    parser.add_argument("-o", "--output", required=True)
    parser.add_argument("--png")
    parser.add_argument("--grid", action="store_true", help="draw the tier grid over the page (a proof)")
    parser.add_argument("--print", action="store_true", dest="print_mode", help="PDF/X-1a, CMYK, preflight")
    parser.add_argument("--tiers", type=int, default=DEFAULT_PAGE.tiers)
    parser.add_argument("--tier-chars", type=int, default=DEFAULT_PAGE.story.tier_chars)
    args = parser.parse_args(argv)
    page = replace(DEFAULT_PAGE, tiers=args.tiers, story=replace(DEFAULT_PAGE.story, tier_chars=args.tier_chars))
    try:
        layout = build_vertical(args.article, args.output, page, args.png, args.grid, args.print_mode)
    except BanmianError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    fit = layout.fit
    print(f"{args.output}: {fit.body_lines} body lines, {sum(fit.underset_lines)} line places left empty,"
          f" overset {fit.overset_chars} characters ({fit.overset_lines} lines)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
