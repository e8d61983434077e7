"""From a composed page to the finished file: fonts, CMYK images, drawing, PDF/X, preflight, atomic rename."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from layout.cache import replacing
from layout.compose.grid import PageGrid
from layout.compose.items import PageLayout, PlacedImage, PlacedRule, PlacedText, PlacedVertical
from layout.errors import InputError, PrintCheckError, Problem
from layout.model.page_spec import PageSpec
from layout.text.fonts import FontBook

# A proof is looked at on screen or at 100 dpi: 150 ppi pictures at JPEG quality 75 show
# everything it can, at about half the bytes of the 200 ppi, quality 85 that print embeds.
PROOF_PPI = 150.0
PROOF_JPEG_QUALITY = 75


@dataclass(frozen=True, slots=True)
class OutputOptions:
    """Proof or print, which PDF/X, and whether to draw the grid over a proof."""

    print_mode: bool = False
    pdfx: str | None = None
    grid: bool = False


def write_pdf(layout: PageLayout, book: FontBook, spec: PageSpec, out_pdf: str,
              options: OutputOptions) -> tuple[Problem, ...]:
    """Write the page to `out_pdf` and return the warnings of this stage (images).

    On any failure the old file (if any) is left untouched.
    """
    from layout.prepress.colour import load_output_profile
    from layout.render.draw import DrawOptions, draw_page
    from layout.render.embed import embed_fonts

    profile = load_output_profile(spec.print.profile)
    chars = _chars_by_face(layout, book)
    slug = _slug(spec) if options.print_mode and spec.print.slug else ""
    slug_face = book.chain("body")[0].key
    if slug:
        chars.setdefault(slug_face, set()).update(slug)
    fonts = embed_fonts(book, chars).names
    images, problems = _prepared_images(layout, profile, spec, options.print_mode)
    draw_options = DrawOptions(
        title=_title(spec, layout),
        bleed=spec.print.bleed if options.print_mode else 0.0,
        marks=options.print_mode and spec.print.marks,
        slug=slug,
        slug_font=fonts.get(slug_face),
        dash_ink=_dash_ink(book, chars),
        palette=spec.palette,
        images=images,
        grid_lines=_grid_lines(spec) if options.grid else (),
    )
    with replacing(out_pdf) as temp:
        draw_page(layout, str(temp), fonts, draw_options)
        if any(ord(char) > 0xFFFF for face_chars in chars.values() for char in face_chars):
            from layout.render.tounicode import repair_tounicode  # pikepdf loads only when needed

            repair_tounicode(temp)  # only non-BMP characters need it
        if options.print_mode:
            _make_print_ready(temp, spec, profile, draw_options.title, options.pdfx or spec.print.pdfx)
    return tuple(problems)


def _chars_by_face(layout: PageLayout, book: FontBook) -> dict[str, set[str]]:
    """The characters each face (or cut variant of a face) draws on the page."""
    from layout.render.draw_vertical import vertical_chars_by_face
    from layout.render.embed import trimmed_key

    verticals = vertical_chars_by_face(i for i in layout.items if isinstance(i, PlacedVertical))
    chars: dict[str, set[str]] = {key: set(found) for key, found in verticals.items()}
    for item in layout.items:
        if not isinstance(item, PlacedText):
            continue
        run = item.run
        trims = run.trims or ((0.0, 0.0),) * len(run.text)
        for char, trim in zip(run.text, trims):
            advance = book.face(run.face).advance_em(char)
            key = trimmed_key(run.face, trim, run.size, advance) or run.face
            chars.setdefault(key, set()).add(char)
    return chars


def _dash_ink(book: FontBook, chars: dict[str, set[str]]) -> dict[str, tuple[float, float, float, float]]:
    """Where the ink of each face's full-width dash lies in its em box: (left, right, bottom, top) in em.

    A —— is one line (GB/T 15834 §4.14), but the faces' full-width dashes have side
    bearings (0.07 em in Noto Serif CJK): the renderer bridges the gap between the two.
    """
    from layout.render.draw import DASHES

    ink = {}
    for key, face_chars in chars.items():
        if "@" in key or "~" in key or not face_chars & set(DASHES):  # cut marks and vertical forms
            continue
        face = book.face(key)
        extents = face.hb_font.get_glyph_extents(face.glyph_id(DASHES[0]))
        em = face.units_per_em
        ink[key] = (extents.x_bearing / em, (extents.x_bearing + extents.width) / em,
                    (extents.y_bearing + extents.height) / em, extents.y_bearing / em)
    return ink


def _slug(spec: PageSpec) -> str:
    """The slug line: page spec, build date and page, for the plate room."""
    paper = spec.paper
    edition = f"  page {paper.edition}" if paper.edition else ""
    return f"{Path(spec.source).name}  {build_date(spec):%Y-%m-%d %H:%M} UTC{edition}  banmian"


def _title(spec: PageSpec, layout: PageLayout) -> str:
    headline = next((i.run.text if isinstance(i, PlacedText) else i.line.text for i in layout.items
                     if isinstance(i, PlacedText | PlacedVertical) and i.kind == "headline"), "")
    paper = spec.paper
    return " ".join(t for t in (paper.name, paper.date, f"第{paper.edition}版" if paper.edition else "", headline) if t)


def _prepared_images(layout: PageLayout, profile, spec: PageSpec,
                     print_mode: bool) -> tuple[dict[str, str], list[Problem]]:
    """Each placed picture as a CMYK (or grey) JPEG at its placed size, and what was wrong.

    A picture that cannot be used is a placeholder and a warning in a proof, an
    error in print; print also refuses one below 100 ppi at its placed size.
    """
    from layout.prepress.images import FAIL_PPI, JPEG_QUALITY, prepare_image

    prepared, problems = {}, []
    for item in layout.items:
        if not isinstance(item, PlacedImage) or item.path is None:
            continue
        try:
            image = prepare_image(Path(item.path), item.rect.width, item.rect.height, profile,
                                  target_ppi=spec.print.target_ppi if print_mode else PROOF_PPI,
                                  quality=JPEG_QUALITY if print_mode else PROOF_JPEG_QUALITY)
        except InputError as error:
            if print_mode:
                raise
            problems.append(Problem("broken-image", error.message, str(error.where or item.path), error.hint))
            continue
        if print_mode and image.effective_ppi < FAIL_PPI:
            raise PrintCheckError(f"image is {image.effective_ppi:.0f} ppi at its placed size", item.path,
                                  f"print needs at least {FAIL_PPI} ppi: use a larger original")
        problems.extend(image.problems)
        prepared[item.path] = str(image.jpeg_path)
    return prepared, problems


def _grid_lines(spec: PageSpec) -> tuple[PlacedRule, ...]:
    """Column edges and body baselines, or on a vertical page every line place of the tiers, for --grid proofs."""
    if spec.vertical:
        from layout.compose.tier_page import page_tiers

        return page_tiers(spec).rules()
    grid = PageGrid.from_spec(spec)
    rules = []
    for column in range(grid.columns):
        for x in (grid.column_x(column), grid.column_x(column) + grid.column_width):
            rules.append(PlacedRule(x, grid.top, x, grid.bottom, 0.25))
    for row in range(grid.rows):
        y = grid.baseline(row)
        rules.append(PlacedRule(grid.left, y, grid.left + grid.width, y, 0.25))
    return tuple(rules)


def build_date(spec: PageSpec) -> datetime:
    """SOURCE_DATE_EPOCH, else the paper's date, else the article file's time: never 'now'."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc)
    try:
        return datetime.strptime(spec.paper.date[:10], "%Y-%m-%d").replace(tzinfo=timezone.utc)
    except ValueError:
        return datetime.fromtimestamp(int(Path(spec.article or spec.source).stat().st_mtime), tz=timezone.utc)


def _make_print_ready(path: Path, spec: PageSpec, profile, title: str, pdfx: str) -> None:
    """PDF/X keys, then the preflight on the very file that will be delivered."""
    from layout.prepress.pdfx import make_pdfx
    from layout.prepress.preflight import preflight

    make_pdfx(path, version=pdfx, profile_bytes=profile.icc_bytes,
              output_condition=profile.output_condition_identifier, title=title, date=build_date(spec),
              registry_name=profile.registry_name)
    report = preflight(path, tac_limit=profile.ink_limit_pct)
    failed = [c for c in report.checks if not c.passed]
    if failed:
        summary = "; ".join(f"{c.name} {c.figure}" for c in failed)
        raise PrintCheckError(f"preflight failed: {summary}", spec.source,
                              "run 'make_pdf.py check' on a proof for the details")
