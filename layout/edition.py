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
    with tempfile.TemporaryDirectory(prefix="banmian-edition-") as scratch:
        results = _build_pages(specs, Path(scratch), workers)
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


def _build_pages(specs: list[Path], scratch: Path, workers: int) -> list[PageResult]:
    """Pages in spec order, built in parallel; progress on a terminal, plain lines otherwise."""
    results: dict[str, PageResult] = {}
    jobs = [(str(spec), str(scratch / f"{i:03d}.pdf")) for i, spec in enumerate(specs)]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(build_page, spec, pdf) for spec, pdf in jobs]
        for done, future in enumerate(as_completed(futures), start=1):
            result = future.result()
            results[result.spec] = result
            _progress(done, len(jobs), Path(result.spec).name)
    return [results[spec] for spec, _ in jobs]


def build_page(spec: str, pdf: str) -> PageResult:
    """Build one page in a worker process; errors come back as their one line."""
    from layout.build import build

    started = time.perf_counter()
    try:
        report = build(spec, pdf)
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
