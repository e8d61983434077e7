"""The pipeline, start to finish: read → parse → set → compose → draw → prepare for print."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, replace
from itertools import zip_longest
from pathlib import Path

from layout.cache import taken_problems
from layout.compose.figures import Asset
from layout.compose.galley_proof import galley_slug, galley_spec
from layout.compose.grid import PageGrid
from layout.compose.items import FitReport, PageLayout, PlacedText, PlacedVertical
from layout.compose.module import StoryContent
from layout.compose.page import AdContent, PageFrame, compose_page
from layout.compose.setting import TextSetter
from layout.compose.tier_page import TierFrame, compose_tier_page, page_tiers
from layout.compose.vertical import VerticalSetter, VerticalSetting
from layout.errors import InputError, PrintCheckError, Problem, Where
from layout.memo import Memo, engine_digest, load_memo, memo_path, save_memo
from layout.model.assets import resolve_images
from layout.model.decode import read_article_text
from layout.model.document import Article, Join, Paragraph
from layout.model.load_spec import ad_area, load_page_spec
from layout.model.page_spec import PageSpec, StorySpec
from layout.model.parse_article import parse_article
from layout.model.story import Continuation, Story, continued_note
from layout.output import OutputOptions, write_pdf
from layout.text.fonts import FontBook
from layout.text.linebreak import detect_language
from layout.text.lines import TextStyle
from layout.text.punctuation import check_punctuation
from layout.text.vertical_shape import VerticalGlyphs, split_form_key

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown")
JUMPED_RANK = 99  # a continued story ranks below the page's own


@dataclass(frozen=True, slots=True)
class BuildOptions:
    """What the command line asked for beyond the page spec."""

    images_dir: str | None = None
    png: str | None = None
    png_dpi: float = 100.0
    print_mode: bool | None = None  # None: as the spec's [print] table says
    pdfx: str | None = None
    grid: bool = False
    continued: tuple[Continuation, ...] = ()  # stories jumped here from other pages of the edition


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
    stories: tuple[Story, ...]
    texts: tuple[str, ...]  # each story's article as decoded, for pointing at places in it
    book: FontBook
    problems: tuple[Problem, ...]
    galley: bool  # an article given alone: a galley proof (小样) as tall as it needs

    @property
    def joins(self) -> tuple[Join, ...]:
        return tuple(join for story in self.stories for join in story.article.joins)


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
    print_mode = inputs.spec.print.enabled if options.print_mode is None else options.print_mode
    # By file name, not path: a page spec copied to another folder keeps what was set
    # (the keys are the inputs themselves, so sharing a memo is never wrong, only slower).
    version, path = _memo_version(inputs), memo_path(Path(inputs.spec.source).name)
    memo = load_memo(path, version)
    setter = _setter(inputs, memo)
    contents, image_problems = _contents(inputs, print_mode, memo)
    if inputs.galley:
        inputs = replace(inputs, spec=galley_spec(inputs.spec, contents[0], setter))
    vertical = _vertical_setter(inputs, memo)
    if inputs.spec.vertical:
        ad_problems: tuple[Problem, ...] = ()
        layout = compose_tier_page(_tier_frame(inputs), contents, vertical, setter)
    else:
        ads, ad_problems = _ads(inputs.spec, print_mode, memo)
        grid = inputs.spec.grid
        layout = compose_page(_frame(inputs), contents, ads, setter,
                              VerticalSetting(vertical, grid.tier_chars, grid.tier_gap))
    save_memo(memo, path, version)
    problems = inputs.problems + image_problems + ad_problems + layout.problems + _uncovered(inputs, layout)
    problems += tuple(Problem("jump", f"story {j.story} 《{j.headline}》: {j.chars} characters continue on page "
                              f"{j.to_page}", inputs.spec.source, "build the edition to set them there")
                      for j in layout.jumps)
    if print_mode:
        _refuse_for_print(layout, problems)
    return Composed(inputs, layout, problems, print_mode)


def build(input_path: str, out_pdf: str, options: BuildOptions = BuildOptions()) -> BuildReport:
    """Build one page from a page spec (.toml), or a galley proof of an article (.txt, .md)."""
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
    return BuildReport(out_pdf, fonts, inputs.joins, layout.fit, problems,
                       time.perf_counter() - started, composed.print_mode)


def read_inputs(path: Path, options: BuildOptions) -> _Inputs:
    """The page spec, each story's parsed article and the fonts for the page's language."""
    galley = path.suffix.lower() in ARTICLE_SUFFIXES
    if path.suffix.lower() == ".toml":
        spec = load_page_spec(path)
        if not spec.stories:
            raise InputError("the page spec names no article", Where(str(path)),
                             "add a top-level line article = \"article.txt\", or [[story]] tables")
    elif galley:
        if not path.is_file():
            raise InputError("article not found", Where(str(path)), "check the path")
        spec = PageSpec(source=str(path), article=str(path), stories=(StorySpec(str(path), 1, 1),))
    else:
        raise InputError("not a page spec or an article", Where(str(path)),
                         "give a .toml page spec or a .txt/.md article")
    if options.images_dir:
        images_dir = str(Path(options.images_dir).resolve())
        spec = replace(spec, images_dir=images_dir,
                       stories=tuple(replace(s, images_dir=images_dir) for s in spec.stories))
    stories, texts, problems = [], [], []
    for story_spec in spec.stories:
        decoded = read_article_text(Path(story_spec.article))
        text, punctuation = check_punctuation(decoded.text, story_spec.article, spec.fix_punctuation)
        article = parse_article(text, story_spec.article, spec.joins)  # type: ignore[arg-type]
        stories.append(Story(article, story_spec.number, story_spec.rank, story_spec.columns, story_spec.place,
                             story_spec.continue_on, story_spec.headline_direction or "horizontal",
                             story_spec.direction or spec.direction))
        texts.append(decoded.text)
        problems += decoded.notes + punctuation  # notes sum up removals, one per kind
        if not article.body:
            problems.append(Problem("no-body", "the article has a headline but no body text", story_spec.article,
                                    "add paragraphs after the headline"))
    stories += [_continued_story(c, len(stories) + i + 1) for i, c in enumerate(options.continued)]
    language = spec.language if spec.language != "auto" else \
        detect_language("".join(_all_text(story.article) for story in stories))
    book = FontBook.load(spec.fonts_config, language)
    return _Inputs(replace(spec, language=language), tuple(stories), tuple(texts), book,
                   tuple(book.problems) + tuple(problems), galley)


def _continued_story(continuation: Continuation, number: int) -> Story:
    """A jumped story's rest as a story of this page, under its headline, opening with 「（上接第Y版）」."""
    first, *rest = continuation.blocks
    note = continued_note(continuation.from_page)
    opening = (Paragraph(note + first.text, first.line),) if isinstance(first, Paragraph) else \
        (Paragraph(note, first.line), first)
    article = Article(continuation.source, continuation.headline, body=(*opening, *rest))
    return Story(article, number, JUMPED_RANK)


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


def _vertical_setter(inputs: _Inputs, memo: Memo) -> VerticalSetter:
    """The setter of vertical lines: a vertical page's stories, a 竖题 on a horizontal page."""
    setter = _setter(inputs, memo)
    return VerticalSetter({role: VerticalGlyphs(source) for role, source in setter.sources.items()}, setter.base,
                          memo=memo)


def _memo_version(inputs: _Inputs) -> str:
    """What kept results depend on besides their keys: the engine's code and the font files."""
    fonts = []
    for role in sorted(inputs.book.roles):
        for face in inputs.book.chain(role):
            stat = os.stat(face.path)
            fonts.append((role, face.key, face.path, stat.st_size, stat.st_mtime_ns))
    return f"{engine_digest()}|{inputs.book.language}|{fonts}"


def _contents(inputs: _Inputs, print_mode: bool, memo: Memo) -> tuple[tuple[StoryContent, ...], tuple[Problem, ...]]:
    """Each story with its figures' images; a missing or broken image becomes a placeholder."""
    spec = inputs.spec
    contents, problems = [], []
    for story, story_spec in zip_longest(inputs.stories, spec.stories):
        article = story.article
        if story_spec is None:  # a story jumped here: its pictures stayed on its first page
            contents.append(StoryContent(story, ()))
            continue
        choices = resolve_images(article, spec.image_map, story_spec.images_dir, Path(story_spec.article).parent)
        assets = []
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
            size, problem = _image_size(choice.path, where, print_mode, memo)
            problems += [problem] if problem else []
            assets.append(Asset(choice.figure, choice.path if size else None, size))
        contents.append(StoryContent(story, tuple(assets)))
    return tuple(contents), tuple(problems)


def _ads(spec: PageSpec, print_mode: bool, memo: Memo) -> tuple[tuple[AdContent, ...], tuple[Problem, ...]]:
    """Each booked ad with its area on the grid and its picture's size."""
    ads, problems = [], []
    for ad in spec.ads:
        size, problem = _image_size(ad.image, f"{spec.source}: ad[{ad.number - 1}].image", print_mode, memo)
        problems += [problem] if problem else []
        label = Path(ad.image).stem
        ads.append(AdContent(ad_area(ad, spec.grid.columns, spec.rows), ad.image if size else None, size, label))
    return tuple(ads), tuple(problems)


def _image_size(path: str, where: str, print_mode: bool, memo: Memo) -> tuple[tuple[int, int] | None, Problem | None]:
    """An image's pixel size, or None and a warning (an error in print) when it cannot be read."""
    try:
        info = _probe(Path(path), memo)
    except InputError as error:
        if print_mode:
            raise
        return None, Problem("broken-image", error.message, str(error.where or where), error.hint)
    return (info.width_px, info.height_px), None


def _frame(inputs: _Inputs) -> PageFrame:
    """What the page composer needs of the spec: trim, grid, styles, the 报眉 or the galley's slug."""
    spec = inputs.spec
    paper = None if inputs.galley else spec.paper
    slug = galley_slug(Path(spec.source), inputs.stories[0].article, spec.rows) if inputs.galley else None
    return PageFrame(spec.trim, PageGrid.from_spec(spec), spec.styles, paper, spec.placements, spec.source, slug)


def _tier_frame(inputs: _Inputs) -> TierFrame:
    """What the vertical page composer needs of the spec: trim, tiers, styles, the 报眉."""
    spec = inputs.spec
    return TierFrame(spec.trim, page_tiers(spec), spec.styles, spec.paper)


def _probe(path: Path, memo: Memo):
    """The image's size and mode, read once per version of the file."""
    from layout.prepress.images import probe_image

    try:
        stat = path.stat()
    except OSError:
        return probe_image(path)  # says, in one line, why the file cannot be read
    return memo.get(("probe", str(path), stat.st_size, stat.st_mtime_ns), lambda: probe_image(path))


def _uncovered(inputs: _Inputs, layout: PageLayout) -> tuple[Problem, ...]:
    """Characters no font of their role covers, with where they stand in the articles."""
    sources = [(story.article.source, text.split("\n")) for story, text in zip(inputs.stories, inputs.texts)]
    problems = []
    for char in sorted({c for text in _texts(layout) for c in text}):
        if char.isspace() or any(face.has(char) for face in inputs.book.faces):
            continue
        where = next((f"{name}:{n}:{line.index(char) + 1}" for name, lines in sources
                      for n, line in enumerate(lines, 1) if char in line), inputs.spec.source)
        problems.append(Problem("uncovered-character", f"no font has U+{ord(char):04X} {char}", where,
                                "install a font that covers it and add it to the fallback role"))
    return tuple(problems)


def _texts(layout: PageLayout) -> list[str]:
    """The text of every placed line, horizontal or vertical."""
    return [item.run.text if isinstance(item, PlacedText) else item.line.text for item in layout.items
            if isinstance(item, PlacedText | PlacedVertical)]


def _faces_used(layout: PageLayout) -> set[str]:
    """The faces the page draws with; a vertical form counts as its face."""
    runs = [run for item in layout.items if isinstance(item, PlacedVertical) for run in item.line.runs]
    runs += [item.run for item in layout.items if isinstance(item, PlacedText)]
    return {split_form_key(run.face)[0] for run in runs}


def _refuse_for_print(layout: PageLayout, problems: tuple[Problem, ...]) -> None:
    """Print mode stops where a proof only warns: lost text, lost pictures."""
    fatal = [p for p in problems if p.kind in ("overset", "missing-image", "broken-image",
                                               "photo-not-placed", "gallery-not-placed",
                                               "uncovered-character")]
    if fatal:
        first = fatal[0]
        raise PrintCheckError(f"{first.message} — not sent to print", first.where, first.hint)
