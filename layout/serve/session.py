"""The warm builds behind the live proof: each page's last good proof, its status, one build number.

The session lives as long as the server: fonts, caches and the memo stay loaded, so a
rebuild after an edit re-sets only what changed. Builds run on one thread (the watcher's);
the web server's threads only read what the last build published.
"""

from __future__ import annotations

import io
import threading
import time
import zlib
from dataclasses import dataclass, replace
from pathlib import Path

from layout.build import BuildOptions, build
from layout.errors import BanmianError, InputError, Where
from layout.serve.inputs import PageInputs, page_inputs
from layout.serve.paragraphs import paragraph_map
from layout.serve.status import grid_overlay, page_status, session_status

SERVE_DPI = 100.0  # the proof at about screen size for a broadsheet at 100 % zoom
THUMBNAIL_REDUCTION = 8  # an edition's page strip: 1/8 of the proof each way (192 px wide at 100 dpi)


@dataclass(frozen=True, slots=True)
class PageProof:
    """One page as last built: the last good proof (kept when a build fails) and the latest status."""

    number: int
    source: Path
    inputs: PageInputs
    status: dict
    png: bytes | None = None
    version: int = 0  # the build that made `png`
    thumbnail: bytes | None = None  # the page strip's small copy of `png`, for editions
    stamps: tuple[tuple[Path, int], ...] = ()  # the inputs' modification times as the last build began


def page_sources(target: Path) -> tuple[Path, ...]:
    """The pages to serve: one page spec or article, or every *.toml of an edition's folder."""
    if target.is_dir():
        sources = tuple(sorted(p.resolve() for p in target.glob("*.toml")))
        if not sources:
            raise InputError("no page specs (*.toml) in the folder", Where(str(target)),
                             "give a page spec, an article, or a folder of page specs")
        return sources
    if not target.is_file():
        raise InputError("no such page spec or article", Where(str(target)), "check the path")
    return (target.resolve(),)


class ProofSession:
    """Builds the pages into `scratch` and publishes each build's proofs and status."""

    def __init__(self, target: Path, scratch: Path, dpi: float = SERVE_DPI, compact: bool = False):
        self._scratch, self._dpi, self._compact = scratch, dpi, compact
        self._published = threading.Condition()
        self._writing = threading.Lock()  # the scratch PDFs: a build writes them, a line map reads them
        self._maps: dict[tuple[int, int], tuple[dict, ...]] = {}  # (page, version) → its line map
        self._number = 0
        self._status: dict = session_status(0, (0.0, 0.0), "", [])
        self._pages = tuple(PageProof(n, source, page_inputs(source), dict(page_status(n, source), version=0))
                            for n, source in enumerate(page_sources(target), start=1))
        self.stopping = False

    @property
    def page_count(self) -> int:
        return len(self._pages)

    def inputs(self) -> tuple[PageInputs, ...]:
        """What each page reads, as of its last build."""
        return tuple(page.inputs for page in self._pages)

    def stale(self) -> set[Path]:
        """The inputs of pages changed since their last build: saves made before the watcher
        started, or while it started again on new folders, are found by looking."""
        return {path for page in self._pages if page.inputs.stamps() != page.stamps
                for path, _ in page.inputs.stamps()}

    def rebuild(self, changed: set[Path] | None = None) -> dict | None:
        """Build the pages a change touches (all when `changed` is None); publish and return the status.

        None when no page reads any of the changed files.
        """
        wanted = [p for p in self._pages if changed is None or any(p.inputs.matches(c) for c in changed)]
        if not wanted:
            return None
        started, cpu_started = time.perf_counter(), time.process_time()
        number = self._number + 1
        with self._writing:  # until published, the PDFs on disk are newer than the pages shown
            built = {page.number: self._build(page, number) for page in wanted}
            pages = tuple(built.get(page.number, page) for page in self._pages)
            # CPU time beside wall time: on a shared machine the wall time says more about the neighbours.
            status = session_status(number, (time.perf_counter() - started, time.process_time() - cpu_started),
                                    time.strftime("%H:%M:%S"), [page.status for page in pages])
            with self._published:
                self._pages, self._status, self._number = pages, status, number
                self._published.notify_all()
        return status

    def _build(self, page: PageProof, number: int) -> PageProof:
        pdf = self._scratch / f"page-{page.number}.pdf"
        inputs = page_inputs(page.source)  # a saved spec may name other files now
        stamps = inputs.stamps()
        try:
            report = build(str(page.source), str(pdf), BuildOptions())
            png, thumbnail = _png(pdf, self._dpi, self._compact, thumbnail=len(self._pages) > 1)
        except BanmianError as error:
            # The fit and warnings stay those of the proof still shown, the last good one.
            status = dict(page.status, ok=False, error=error.one_line())
            return replace(page, inputs=inputs, status=status, stamps=stamps)  # the last good proof stays
        status = dict(page_status(page.number, page.source, report), version=number,
                      grid=grid_overlay(page.source))
        return replace(page, inputs=inputs, status=status, png=png, thumbnail=thumbnail, version=number,
                       stamps=stamps)

    def paragraphs(self, number: int) -> tuple[int, tuple[dict, ...]]:
        """Where each line of page `number`'s proof comes from, and the proof's version.

        Made on the first click after a build, not during it: the rebuild's time goes to
        putting the proof on screen. The PDF read is the one of the proof shown (a failed
        build leaves it in place), and a build waits while it is read.
        """
        with self._writing:
            page = self._pages[number - 1]
            key = (number, page.version)
            if key not in self._maps:
                pdf = self._scratch / f"page-{number}.pdf"
                self._maps = {k: v for k, v in self._maps.items() if k[0] != number}  # only the proof shown
                self._maps[key] = paragraph_map(pdf, page.inputs.articles) if page.png else ()
            return page.version, self._maps[key]

    def status(self) -> dict:
        return self._status

    def page(self, number: int) -> PageProof | None:
        """Page `number` (1-based) as last published, or None when there is no such page."""
        pages = self._pages
        return pages[number - 1] if 1 <= number <= len(pages) else None

    def wait_for_build(self, after: int, timeout: float) -> int:
        """The latest build number once it is past `after`, or `after` when `timeout` passes first."""
        with self._published:
            self._published.wait_for(lambda: self._number > after or self.stopping, timeout)
            return self._number

    def stop(self) -> None:
        """Wake everyone waiting for a build, so they can end."""
        with self._published:
            self.stopping = True
            self._published.notify_all()


def _png(pdf: Path, dpi: float, compact: bool, thumbnail: bool) -> tuple[bytes, bytes | None]:
    """The proof as PNG bytes, and a thumbnail of it when asked: on screen a fast rebuild matters more than size.

    For a browser on this machine the pixels are stored, not compressed (the sample page at
    100 dpi: 9.9 MB in 0.07 s of CPU); for one across the network (`compact`) run-length
    deflate at level 1, which suits a page of white with text (2.4 MB in 0.12 s; level 6
    took 0.49 s). Thumbnails are always compressed: an edition's strip holds many.
    """
    from layout.render.preview import render_image

    image = render_image(str(pdf), dpi)
    small = _encoded(image.reduce(THUMBNAIL_REDUCTION), compact=True) if thumbnail else None
    return _encoded(image, compact), small


def _encoded(image, compact: bool) -> bytes:
    options = {"compress_level": 1, "compress_type": zlib.Z_RLE} if compact else {"compress_level": 0}
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", **options)
    return buffer.getvalue()
