"""Font discovery: an on-disk index of every installed face's family and style names."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from layout.cache import cache_dir, read_entry, write_entry

FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".otc")
INDEX_VERSION = 2  # bump when FaceRecord or the name-reading rule changes; 2: sealed


def system_font_dirs() -> tuple[Path, ...]:
    """The folders fontconfig (Linux) and Core Text (macOS) read fonts from."""
    home = Path.home()
    dirs = [
        Path("/usr/share/fonts"),
        Path("/usr/local/share/fonts"),
        home / ".local/share/fonts",
        home / ".fonts",
    ]
    if sys.platform == "darwin":
        dirs += [Path("/System/Library/Fonts"), Path("/Library/Fonts"), home / "Library/Fonts"]
    return tuple(dirs)


@dataclass(frozen=True, slots=True)
class FaceRecord:
    """One face of a font file and the (family, style) pairs it answers to."""

    path: str
    index: int  # face number inside a .ttc/.otc collection; 0 for a single font
    names: tuple[tuple[str, str], ...]  # (family, style), typographic and legacy

    def answers_to(self, family: str, style: str) -> bool:
        """Whether the face is named `family` `style` (case-insensitive)."""
        wanted = (family.casefold(), style.casefold())
        return any((f.casefold(), s.casefold()) == wanted for f, s in self.names)


def _english_name(font, name_id: int) -> str | None:
    # Windows/English first: the names config files and fontconfig use.
    record = font["name"].getName(name_id, 3, 1, 0x409) or font["name"].getName(name_id, 1, 0, 0)
    if record is None:
        record = next((r for r in font["name"].names if r.nameID == name_id), None)
    return record.toUnicode() if record is not None else None


def _face_names(font) -> tuple[tuple[str, str], ...]:
    # Name ids 16/17 (typographic family/subfamily) group weights beyond
    # Regular/Bold ("Noto Serif CJK SC" + "Black"); ids 1/2 are the legacy
    # four-style names ("Noto Serif CJK SC Black" + "Regular"). Accept both.
    pairs = []
    for family_id, style_id in ((16, 17), (1, 2)):
        family = _english_name(font, family_id)
        style = _english_name(font, style_id) or ("Regular" if family else None)
        if family and style and (family, style) not in pairs:
            pairs.append((family, style))
    return tuple(pairs)


def read_faces(path: Path) -> tuple[FaceRecord, ...]:
    """The faces of one font file; an unreadable file has none."""
    # fontTools loads only here: a warm build finds every face in the on-disk index.
    from fontTools.ttLib import TTCollection, TTFont, TTLibError

    try:
        if path.suffix.lower() in (".ttc", ".otc"):
            fonts = TTCollection(str(path), lazy=True).fonts
        else:
            fonts = [TTFont(str(path), lazy=True)]
        return tuple(
            FaceRecord(str(path), index, _face_names(font)) for index, font in enumerate(fonts)
        )
    except (TTLibError, OSError, KeyError, ValueError, AssertionError):
        return ()


def _font_files(roots: Iterable[Path]) -> Iterator[Path]:
    # Real paths: Debian's alternatives symlink fonts-japanese-mincho.ttf to
    # HanaMinA.ttf, and one file must be one face key.
    for root in roots:
        if root.is_file():
            yield root.resolve()
            continue
        if not root.is_dir():
            continue
        for folder, _dirs, files in os.walk(root, followlinks=True):
            for name in sorted(files):
                if name.lower().endswith(FONT_SUFFIXES):
                    yield (Path(folder) / name).resolve()


class FontIndex:
    """Every face found under the font folders, looked up by family and style."""

    def __init__(self, faces: tuple[FaceRecord, ...]):
        self.faces = faces

    @classmethod
    def scan(cls, extra_paths: Iterable[Path] = ()) -> FontIndex:
        """Index the configured paths, then the system folders; reuse cached entries.

        A file's entry is reused while its size and mtime are unchanged, so a
        warm scan only lists folders and stats files: 3 ms instead of 60 ms
        for the 250 font files of a Debian desktop, more with large collections.
        """
        index_path = cache_dir() / f"font-index-v{INDEX_VERSION}.json"
        cached = _load_index(index_path)
        entries: dict[str, dict] = {}
        for path in _font_files([*extra_paths, *system_font_dirs()]):
            key = str(path)
            if key in entries:
                continue
            try:
                stat = path.stat()
            except OSError:
                continue
            entry = cached.get(key)
            if not entry or (entry["size"], entry["mtime_ns"]) != (stat.st_size, stat.st_mtime_ns):
                faces = read_faces(path)
                names = [[list(pair) for pair in face.names] for face in faces]
                entry = {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns, "faces": names}
            entries[key] = entry
        if entries != cached:
            write_entry(index_path, json.dumps(entries, ensure_ascii=False).encode("utf-8"), "font index")
        faces = tuple(
            FaceRecord(path, index, tuple((f, s) for f, s in names))
            for path, entry in entries.items()
            for index, names in enumerate(entry["faces"])
        )
        return cls(faces)

    def find(self, family: str, style: str) -> FaceRecord | None:
        """The first face (configured paths first) named `family` `style`, if any."""
        return next((face for face in self.faces if face.answers_to(family, style)), None)


def _load_index(index_path: Path) -> dict[str, dict]:
    data = read_entry(index_path, "font index")
    return json.loads(data) if data is not None else {}
