"""Which files a page reads, so the watcher knows what a save should rebuild."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from layout.build import ARTICLE_SUFFIXES
from layout.errors import BanmianError
from layout.model.decode import read_article_text
from layout.model.load_spec import load_page_spec
from layout.model.parse_article import parse_article


@dataclass(frozen=True, slots=True)
class PageInputs:
    """The files a page reads, and the picture folders any file of which it may use."""

    files: frozenset[Path]
    folders: frozenset[Path] = frozenset()

    def matches(self, path: Path) -> bool:
        """True when a change to `path` can change the page."""
        return path in self.files or path.parent in self.folders

    def watch_roots(self) -> frozenset[Path]:
        """The existing folders to watch: editors save by writing a new file and renaming it
        over the old one, which a watch on the file itself would miss."""
        return frozenset(p for p in {f.parent for f in self.files} | self.folders if p.is_dir())

    def stamps(self) -> tuple[tuple[Path, int], ...]:
        """Each file's and folder's modification time (-1: missing), to find a change the watcher missed."""
        return tuple((path, _mtime(path)) for path in sorted(self.files | self.folders))

    @property
    def articles(self) -> tuple[Path, ...]:
        return tuple(sorted(f for f in self.files if f.suffix.lower() in ARTICLE_SUFFIXES))


def _mtime(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return -1


def page_inputs(input_path: Path) -> PageInputs:
    """The spec itself, its articles, fonts config, mapped images and picture folders.

    A spec that does not load (saved half-edited) still has itself watched, so the save
    that mends it rebuilds the page.
    """
    path = input_path.resolve()
    if path.suffix.lower() != ".toml":
        return PageInputs(frozenset({path}) | _pictures_named(path))
    files, folders = {path}, set()
    try:
        spec = load_page_spec(path)
    except BanmianError:
        spec = None
    if spec is not None:
        files.update(Path(p) for p in (spec.article, spec.fonts_config, spec.print.profile) if p)
        files.update(Path(p).resolve() for p in spec.image_map.values())
        folders.update(Path(p) for p in (spec.images_dir,) if p)
    story_files, story_folders = _stories(path)
    files |= story_files
    for article in [f for f in files if f.suffix.lower() in ARTICLE_SUFFIXES]:
        files |= _pictures_named(article)
    return PageInputs(frozenset(files), frozenset(folders | story_folders))


def _pictures_named(article: Path) -> set[Path]:
    """The pictures an article names itself (![caption](path)), as the build resolves them."""
    try:
        figures = parse_article(read_article_text(article).text, str(article)).figures
    except (BanmianError, OSError):
        return set()
    return {(article.parent / figure.image).resolve() for figure in figures if figure.image}


def _stories(path: Path) -> tuple[set[Path], set[Path]]:
    """The articles and picture folders of [[story]] tables and the pictures of [[ad]] tables
    (the keys of a page of several stories), read from the TOML as written."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return set(), set()
    files, folders = set(), set()
    for table in _tables(data.get("story")):
        files.update(_resolved(path, table.get("article")))
        folders.update(_resolved(path, table.get("images")))
    for table in _tables(data.get("ad")):
        files.update(_resolved(path, table.get("image")))
    return files, folders


def _tables(value: object) -> list[dict]:
    return [t for t in value if isinstance(t, dict)] if isinstance(value, list) else []


def _resolved(spec: Path, value: object) -> list[Path]:
    return [(spec.parent / value).resolve()] if isinstance(value, str) else []
