"""An edition: every page spec of a folder built on all cores, then bound into one PDF."""

from __future__ import annotations

import os
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from layout.cache import replacing
from layout.errors import BanmianError, InputError, Where
from layout.model.story import Continuation


@dataclass(frozen=True, slots=True)
class PageResult:
    """What building one page of the edition gave: its PDF, or the one-line error."""

    spec: str
    pdf: str | None
    summary: str
    error: str | None
    seconds: float
    overset: int = 0  # characters
    underset: int = 0  # lines
    warnings: int = 0


def build_edition(folder: Path, out_pdf: str, jobs: int = 0) -> int:
    """Build each *.toml in `folder` (in name order) and bind the pages into `out_pdf`."""
    specs = sorted(folder.glob("*.toml"))
    if not specs:
        raise InputError("no page specs (*.toml) in the folder", Where(str(folder)),
                         "put one page spec per page in it")
    workers = jobs or os.cpu_count() or 1
    import layout.build  # noqa: F401 — loaded once here, so forked workers need not import it again
    started = time.perf_counter()
    continued = _continuations(specs)
    with tempfile.TemporaryDirectory(prefix="banmian-edition-") as scratch:
        results = _build_pages(specs, Path(scratch), workers, continued)
        failed = [r for r in results if r.error]
        for result in failed:
            print(result.error, file=sys.stderr)
        if failed:
            print(f"edition not written: {len(failed)} of {len(specs)} pages failed", file=sys.stderr)
            return 1
        _bind([r.pdf for r in results], Path(out_pdf))
    seconds = time.perf_counter() - started
    print(f"wrote {out_pdf}: {len(results)} pages in {seconds:.2f} s with {workers} workers")
    for result in results:
        print(f"  {Path(result.spec).name}: {result.summary} ({result.seconds:.2f} s)")
    print(f"edition: overset {sum(r.overset for r in results)} characters, "
          f"underset {sum(r.underset for r in results)} lines, {sum(r.warnings for r in results)} warnings")
    return 0


def _continuations(specs: list[Path]) -> dict[str, tuple[Continuation, ...]]:
    """Spec path → the stories jumped to its page: each page with a `continue_on` story is composed
    first, and the rest of that story goes to the page whose [paper] edition it names."""
    from layout.build import compose
    from layout.model.load_spec import load_page_spec

    loaded = [(str(path), load_page_spec(path)) for path in specs]
    pages = {spec.paper.edition: path for path, spec in loaded if spec.paper.edition}
    continued: dict[str, list[Continuation]] = {}
    for path, spec in loaded:
        for story in spec.stories:
            if story.continue_on is not None and story.continue_on not in pages:
                raise InputError(f"'story[{story.number - 1}].continue_on' is {story.continue_on!r}, "
                                 "no page of the edition", Where(path),
                                 f"name a page's [paper] edition: {', '.join(sorted(pages)) or 'none is set'}")
        if any(story.continue_on for story in spec.stories):
            for jump in compose(path).layout.jumps:
                source = spec.stories[jump.story - 1].article
                continued.setdefault(pages[jump.to_page], []).append(
                    Continuation(jump.headline, spec.paper.edition, jump.blocks, source))
    return {path: tuple(stories) for path, stories in continued.items()}


def _build_pages(specs: list[Path], scratch: Path, workers: int,
                 continued: dict[str, tuple[Continuation, ...]]) -> list[PageResult]:
    """Pages in spec order, built in parallel; progress on a terminal, plain lines otherwise."""
    results: dict[str, PageResult] = {}
    jobs = [(str(spec), str(scratch / f"{i:03d}.pdf")) for i, spec in enumerate(specs)]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(build_page, spec, pdf, continued.get(spec, ())) for spec, pdf in jobs]
        for done, future in enumerate(as_completed(futures), start=1):
            result = future.result()
            results[result.spec] = result
            _progress(done, len(jobs), Path(result.spec).name)
    return [results[spec] for spec, _ in jobs]


def build_page(spec: str, pdf: str, continued: tuple[Continuation, ...] = ()) -> PageResult:
    """Build one page in a worker process, with the stories jumped to it; errors come back as their one line."""
    from layout.build import BuildOptions, build

    started = time.perf_counter()
    try:
        report = build(spec, pdf, BuildOptions(continued=continued))
    except BanmianError as error:
        return PageResult(spec, None, "", error.one_line(), time.perf_counter() - started)
    fit = report.fit
    underset = sum(fit.underset_lines)
    summary = (f"overset {fit.overset_chars} chars" if fit.overset_chars
               else f"underset {underset} lines") + f", {len(report.problems)} warnings"
    return PageResult(spec, pdf, summary, None, time.perf_counter() - started,
                      fit.overset_chars, underset, len(report.problems))


def _progress(done: int, total: int, name: str) -> None:
    if sys.stderr.isatty():
        filled = int(30 * done / total)
        print(f"\r[{'#' * filled}{'.' * (30 - filled)}] {done}/{total} {name:<30}", end="",
              file=sys.stderr, flush=True)
        if done == total:
            print(file=sys.stderr)
    else:
        print(f"page {done}/{total} built: {name}", file=sys.stderr)


def _bind(pages: list[str | None], out_pdf: Path) -> None:
    """Copy every page into one PDF, written atomically."""
    import pikepdf

    edition = pikepdf.new()
    for page_pdf in pages:
        with pikepdf.open(page_pdf) as single:
            edition.pages.extend(single.pages)
    with replacing(out_pdf) as temp:
        # The pages' streams are compressed already: recompressing 18 MB only costs time.
        edition.save(temp, deterministic_id=True, compress_streams=False)
