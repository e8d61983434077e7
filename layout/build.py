"""The pipeline, start to finish: read → parse → set → compose → draw → prepare for print."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, replace
from pathlib import Path

from layout.cache import taken_problems
from layout.compose.figures import Asset
from layout.compose.items import FitReport, PageLayout, PlacedText
from layout.compose.page import compose_page
from layout.compose.setting import TextSetter
from layout.errors import InputError, PrintCheckError, Problem, Where
from layout.memo import Memo, engine_digest, load_memo, memo_path, save_memo
from layout.model.assets import resolve_images
from layout.model.decode import read_article_text
from layout.model.document import Article, Join
from layout.model.load_spec import load_page_spec
from layout.model.page_spec import PageSpec
from layout.model.parse_article import parse_article
from layout.output import OutputOptions, write_pdf
from layout.text.fonts import FontBook
from layout.text.linebreak import detect_language
from layout.text.lines import TextStyle

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown")


@dataclass(frozen=True, slots=True)
class BuildOptions:
    """What the command line asked for beyond the page spec."""

    images_dir: str | None = None
    png: str | None = None
    png_dpi: float = 100.0
    print_mode: bool | None = None  # None: as the spec's [print] table says
    pdfx: str | None = None
    grid: bool = False


@dataclass(frozen=True, slots=True)
class BuildReport:
    """What a build did: fonts, joins, fit, warnings and time taken."""

    output: str
    fonts: tuple[str, ...]
    joins: tuple[Join, ...]
    fit: FitReport
    problems: tuple[Problem, ...]
    seconds: float
    print_mode: bool


@dataclass(frozen=True, slots=True)
class _Inputs:
    spec: PageSpec
    article: Article
    book: FontBook
    problems: tuple[Problem, ...]
    text: str  # the article as decoded, for pointing at places in it


@dataclass(frozen=True, slots=True)
class Composed:
    """A page composed from its inputs, before anything is drawn."""

    inputs: _Inputs
    layout: PageLayout
    problems: tuple[Problem, ...]
    print_mode: bool


def compose(input_path: str, options: BuildOptions = BuildOptions()) -> Composed:
    """Read, set and compose one page; print mode refuses here what would print wrong."""
    inputs = read_inputs(Path(input_path), options)
    spec = inputs.spec
    print_mode = spec.print.enabled if options.print_mode is None else options.print_mode
    # By file name, not path: a page spec copied to another folder keeps what was set
    # (the keys are the inputs themselves, so sharing a memo is never wrong, only slower).
    version, path = _memo_version(inputs), memo_path(Path(spec.source).name)
    memo = load_memo(path, version)
    assets, image_problems = _assets(inputs, print_mode, memo)
    layout = compose_page(inputs.article, spec, _setter(inputs, memo), assets)
    save_memo(memo, path, version)
    problems = inputs.problems + image_problems + layout.problems + _uncovered(inputs, layout)
    if print_mode:
        _refuse_for_print(layout, problems)
    return Composed(inputs, layout, problems, print_mode)


def build(input_path: str, out_pdf: str, options: BuildOptions = BuildOptions()) -> BuildReport:
    """Build one page from a page spec (.toml) or an article with the default template."""
    started = time.perf_counter()
    composed = compose(input_path, options)
    inputs, layout = composed.inputs, composed.layout
    image_problems = write_pdf(layout, inputs.book, inputs.spec, out_pdf,
                               OutputOptions(composed.print_mode, options.pdfx, options.grid))
    if options.png:
        from layout.render.preview import render_png

        render_png(out_pdf, options.png, options.png_dpi)
    fonts = tuple(sorted({f.family for f in inputs.book.faces if f.key in _faces_used(layout)}))
    problems = composed.problems + image_problems + taken_problems()  # the caches' repairs last
    return BuildReport(out_pdf, fonts, inputs.article.joins, layout.fit, problems,
                       time.perf_counter() - started, composed.print_mode)


def read_inputs(path: Path, options: BuildOptions) -> _Inputs:
    """The page spec, the parsed article and the fonts for its language."""
    if path.suffix.lower() == ".toml":
        spec = load_page_spec(path)
        if spec.article is None:
            raise InputError("the page spec names no article", Where(str(path)),
                             "add a top-level line: article = \"article.txt\"")
    elif path.suffix.lower() in ARTICLE_SUFFIXES:
        spec = PageSpec(source=str(path), article=str(path))
    else:
        raise InputError("not a page spec or an article", Where(str(path)),
                         "give a .toml page spec or a .txt/.md article")
    if options.images_dir:
        spec = replace(spec, images_dir=str(Path(options.images_dir).resolve()))
    decoded = read_article_text(Path(spec.article))
    article = parse_article(decoded.text, spec.article)
    language = spec.language if spec.language != "auto" else detect_language(_all_text(article))
    book = FontBook.load(spec.fonts_config, language)
    problems = tuple(decoded.notes) + tuple(book.problems)  # notes sum up removals, one per kind
    if not article.body:
        problems += (Problem("no-body", "the article has a headline but no body text", spec.article,
                             "add paragraphs after the headline"),)
    return _Inputs(replace(spec, language=language), article, book, problems, decoded.text)


def _all_text(article: Article) -> str:
    parts = [article.headline, article.kicker or "", article.subheadline or "", article.byline or ""]
    parts += [block.text for block in article.body] + [f.caption for f in article.figures]
    return "".join(parts)


def _setter(inputs: _Inputs, memo: Memo) -> TextSetter:
    """Glyph sources for every role the page uses, the page's CJK rules, and what earlier builds set."""
    spec = inputs.spec
    punctuation = spec.punctuation if spec.punctuation != "auto" else spec.language
    base = TextStyle(kinsoku=spec.kinsoku, punct_style=punctuation)  # type: ignore[arg-type]
    roles = {style.role for style in spec.styles.values()}
    return TextSetter({role: inputs.book.glyph_source(role) for role in roles}, base, memo)


def _memo_version(inputs: _Inputs) -> str:
    """What kept results depend on besides their keys: the engine's code and the font files."""
    fonts = []
    for role in sorted(inputs.book.roles):
        for face in inputs.book.chain(role):
            stat = os.stat(face.path)
            fonts.append((role, face.key, face.path, stat.st_size, stat.st_mtime_ns))
    return f"{engine_digest()}|{inputs.book.language}|{fonts}"


def _assets(inputs: _Inputs, print_mode: bool, memo: Memo) -> tuple[tuple[Asset, ...], tuple[Problem, ...]]:
    """Each figure's image file and pixel size; a missing or broken one becomes a placeholder."""
    spec, article = inputs.spec, inputs.article
    choices = resolve_images(article, spec.image_map, spec.images_dir, Path(spec.article).parent)
    assets, problems = [], []
    for choice in choices:
        where = f"{article.source}:{choice.figure.line}"
        if choice.path is None:
            problem = Problem("missing-image", f"no image for '{choice.figure.caption}'", where,
                              "name a file after the 《title》 in the images folder, or map it in [images.map]")
            if print_mode:
                raise PrintCheckError(problem.message, where, problem.hint)
            problems.append(problem)
            assets.append(Asset(choice.figure, None, None))
            continue
        try:
            info = _probe(Path(choice.path), memo)
        except InputError as error:
            if print_mode:
                raise
            problems.append(Problem("broken-image", error.message, str(error.where or where), error.hint))
            assets.append(Asset(choice.figure, None, None))
            continue
        assets.append(Asset(choice.figure, choice.path, (info.width_px, info.height_px)))
    return tuple(assets), tuple(problems)


def _probe(path: Path, memo: Memo):
    """The image's size and mode, read once per version of the file."""
    from layout.prepress.images import probe_image

    try:
        stat = path.stat()
    except OSError:
        return probe_image(path)  # says, in one line, why the file cannot be read
    return memo.get(("probe", str(path), stat.st_size, stat.st_mtime_ns), lambda: probe_image(path))


def _uncovered(inputs: _Inputs, layout: PageLayout) -> tuple[Problem, ...]:
    """Characters no font of their role covers, with where they stand in the article."""
    source = inputs.text.split("\n")  # decoded once, whatever the file's encoding
    problems = []
    for char in sorted({c for t in layout.items if isinstance(t, PlacedText) for c in t.run.text}):
        if char.isspace() or any(face.has(char) for face in inputs.book.faces):
            continue
        where = next((f"{inputs.spec.article}:{n}:{line.index(char) + 1}"
                      for n, line in enumerate(source, 1) if char in line), inputs.spec.article)
        problems.append(Problem("uncovered-character", f"no font has U+{ord(char):04X} {char}", where,
                                "install a font that covers it and add it to the fallback role"))
    return tuple(problems)


def _faces_used(layout: PageLayout) -> set[str]:
    return {item.run.face for item in layout.items if isinstance(item, PlacedText)}


def _refuse_for_print(layout: PageLayout, problems: tuple[Problem, ...]) -> None:
    """Print mode stops where a proof only warns: lost text, lost pictures."""
    fatal = [p for p in problems if p.kind in ("overset", "missing-image", "broken-image",
                                               "photo-not-placed", "gallery-not-placed",
                                               "uncovered-character")]
    if fatal:
        first = fatal[0]
        raise PrintCheckError(f"{first.message} — not sent to print", first.where, first.hint)
