"""Font roles, faces and metrics: which installed face sets each character, and how wide it is."""

from __future__ import annotations

import hashlib
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import uharfbuzz as hb
from fontTools.ttLib import TTFont

from layout.errors import FontError, InputError, Problem
from layout.text.font_index import FaceRecord, FontIndex

DEFAULT_CONFIG = Path(__file__).resolve().parents[2] / "fonts" / "fonts.toml"
FALLBACK_ROLE = "fallback"

# The full-width rule. CJK fonts map these code points to proportional
# (Latin) glyphs by default: Noto CJK sets U+2014 — 0.89 em wide and U+00B7 ·
# 0.33 em. Chinese typesetting sets them in full-width cells (GB/T 15834-2011
# §4.13 破折号 and §4.14 间隔号 occupy one and two character cells; clreq §3.1.4
# treats all punctuation as full-width). So for exactly these characters the
# glyph is the one the face's GSUB gives with the language's `locl` and the
# `fwid` (full widths) feature applied; advance_em() and the embedded glyph
# both use that substituted glyph. Every other character uses the cmap glyph.
FULL_WIDTH_PUNCTUATION = frozenset(
    "\u2014\u2015"  # — ― 破折号 (set doubled: ——)
    "\u2026\u2025\u22ef"  # … ‥ ⋯ 省略号
    "\u00b7\u2027\u30fb"  # · ‧ ・ 间隔号
    "\u2018\u2019\u201c\u201d"  # ‘ ’ “ ” 引号
)


@dataclass(frozen=True, slots=True)
class FontSpec:
    """One entry of a role's fallback chain: a family and style name."""

    family: str
    style: str

    def __str__(self) -> str:
        return f"{self.family} {self.style}"


@dataclass(frozen=True, slots=True)
class FontConfig:
    """fonts.toml for one language: role chains, package names and search paths."""

    path: Path
    roles: dict[str, tuple[FontSpec, ...]]  # each chain already ends with the fallback chain
    packages: tuple[tuple[str, tuple[str, ...], str], ...]  # (family prefix, styles, package)
    search_paths: tuple[Path, ...]


@lru_cache(maxsize=None)
def _hb_blob(path: str) -> hb.Blob:
    # HarfBuzz maps the file: opening a 26 MB collection costs microseconds.
    return hb.Blob.from_file_path(path)


class Face:
    """One face of a font file: metrics and glyph lookup, loaded lazily and cached per process.

    Lookups go through HarfBuzz (the mapped file's cmap and hmtx), never a
    fontTools parse of the whole face, which takes seconds on a CJK font.
    """

    def __init__(self, key: str, path: str, index: int, family: str, style: str, language: str):
        self.key = key
        self.path = path
        self.index = index
        self.family = family
        self.style = style
        self.language = language
        self._font: hb.Font | None = None
        self._glyph_ids: dict[str, int | None] = {}
        self._vertical: tuple[float, float] | None = None

    def __repr__(self) -> str:
        return f"Face({self.key!r}, {self.family!r} {self.style!r})"

    @property
    def hb_font(self) -> hb.Font:
        """The HarfBuzz font (scale = units per em)."""
        if self._font is None:
            self._font = hb.Font(hb.Face(_hb_blob(self.path), self.index))
        return self._font

    @property
    def units_per_em(self) -> int:
        """Design units per em (head.unitsPerEm)."""
        return self.hb_font.face.upem

    @property
    def ascender(self) -> float:
        """Top of the ideographic em box above the baseline, in em (OS/2 sTypoAscender)."""
        return self._vertical_metrics()[0]

    @property
    def descender(self) -> float:
        """Bottom of the ideographic em box, in em, negative (OS/2 sTypoDescender)."""
        return self._vertical_metrics()[1]

    def _vertical_metrics(self) -> tuple[float, float]:
        # CJK fonts set OS/2 typo ascender − descender to exactly one em: it is
        # the ideographic em box (Noto CJK 880/−120, HanaMin 880/−144 of 1024),
        # the frame clreq §3.1 lays characters out in. hhea holds the clipping
        # extremes (Noto 1151/−286), useless for a grid, so it is only the
        # fallback for a font without an OS/2 table.
        if self._vertical is None:
            font = TTFont(self.path, fontNumber=self.index, lazy=True)
            upem = font["head"].unitsPerEm
            if "OS/2" in font:
                ascent, descent = font["OS/2"].sTypoAscender, font["OS/2"].sTypoDescender
            else:
                ascent, descent = font["hhea"].ascent, font["hhea"].descent
            self._vertical = (ascent / upem, descent / upem)
        return self._vertical

    def glyph_id(self, char: str) -> int | None:
        """The glyph that sets `char` (after the full-width rule), or None if the face lacks it."""
        if char not in self._glyph_ids:
            nominal = self.hb_font.get_nominal_glyph(ord(char))
            if nominal is not None and char in FULL_WIDTH_PUNCTUATION:
                nominal = self._full_width_glyph(char, nominal)
            self._glyph_ids[char] = nominal
        return self._glyph_ids[char]

    def _full_width_glyph(self, char: str, nominal: int) -> int:
        buffer = hb.Buffer()
        buffer.add_str(char)
        buffer.guess_segment_properties()
        buffer.script = "Hani"  # the punctuation is set as part of Han text
        buffer.language = self.language
        hb.shape(self.hb_font, buffer, {"fwid": True})
        infos = buffer.glyph_infos
        return infos[0].codepoint if len(infos) == 1 else nominal

    def has(self, char: str) -> bool:
        """Whether the face has a glyph for `char`."""
        return self.glyph_id(char) is not None

    def advance_em(self, char: str) -> float:
        """Advance width of `char` in em; a missing char has the .notdef glyph's width."""
        glyph = self.glyph_id(char)
        return self.hb_font.get_glyph_h_advance(glyph or 0) / self.units_per_em


@lru_cache(maxsize=None)
def _face(key: str, path: str, index: int, family: str, style: str, language: str) -> Face:
    return Face(key, path, index, family, style, language)


class RoleGlyphs:
    """The GlyphSource of one role: the first face of its chain that has each character."""

    def __init__(self, faces: tuple[Face, ...]):
        self.faces = faces
        self.missing: set[str] = set()  # characters no face of the chain has
        self._memo: dict[str, tuple[str, float]] = {}

    def face_for(self, char: str) -> Face | None:
        """The face that sets `char`, or None if no face of the chain has it."""
        return next((face for face in self.faces if face.has(char)), None)

    def glyph(self, char: str) -> tuple[str, float]:
        """(face key, advance in em); an uncovered char is set in the primary face and recorded."""
        found = self._memo.get(char)
        if found is None:
            face = self.face_for(char)
            if face is None:
                self.missing.add(char)
                face = self.faces[0]
            found = self._memo[char] = (face.key, face.advance_em(char))
        return found


class FontBook:
    """The faces of every role for one language, found on this machine."""

    def __init__(
        self,
        language: str,
        chains: dict[str, tuple[Face, ...]],
        problems: Iterable[Problem] = (),
    ):
        self.language = language
        self.chains = chains
        self.problems: tuple[Problem, ...] = tuple(problems)
        self._faces = {face.key: face for chain in chains.values() for face in chain}
        self._sources: dict[str, RoleGlyphs] = {}

    @classmethod
    def load(cls, config_path: Path | str | None = None, language: str = "zh-Hans") -> FontBook:
        """Read fonts.toml (default: the repository's fonts/fonts.toml) and find every role's faces.

        Raises FontError when a configured face is missing and no later face
        of its chain is installed; a missing face with an installed successor
        becomes a warning in `problems`.
        """
        config = load_config(Path(config_path) if config_path else DEFAULT_CONFIG, language)
        index = FontIndex.scan(config.search_paths)
        problems: dict[str, Problem] = {}
        keys: dict[str, str] = {}  # face key -> path, to keep keys unique
        chains = {}
        for role, specs in config.roles.items():
            chain = []
            for spec, record in _find_chain(config, role, specs, index, problems):
                key = _face_key(record.path, record.index, keys)
                face = _face(key, record.path, record.index, spec.family, spec.style, language)
                chain.append(face)
            chains[role] = tuple(chain)
        return cls(language, chains, problems.values())

    @property
    def roles(self) -> tuple[str, ...]:
        """The configured role names."""
        return tuple(self.chains)

    @property
    def faces(self) -> tuple[Face, ...]:
        """Every face of every role, once each."""
        return tuple(self._faces.values())

    def face(self, key: str) -> Face:
        """The face named `key` (as returned by a glyph source)."""
        try:
            return self._faces[key]
        except KeyError:
            raise FontError(f"no font face {key!r} in this font book") from None

    def chain(self, role: str) -> tuple[Face, ...]:
        """The faces of `role`, primary first, ending with the fallback faces."""
        try:
            return self.chains[role]
        except KeyError:
            raise FontError(
                f"unknown font role {role!r}", hint=f"use one of {', '.join(self.chains)}"
            ) from None

    def glyph_source(self, role: str) -> RoleGlyphs:
        """The GlyphSource for `role` (one per role, memoised)."""
        if role not in self._sources:
            self._sources[role] = RoleGlyphs(self.chain(role))
        return self._sources[role]

    def uncovered(self, text: str, role: str) -> tuple[str, ...]:
        """The distinct characters of `text`, in order, that no face of `role` has."""
        source = self.glyph_source(role)
        seen = dict.fromkeys(text)
        return tuple(char for char in seen if source.face_for(char) is None)


def _face_key(path: str, index: int, keys: dict[str, str]) -> str:
    key = f"{Path(path).name}#{index}"
    if keys.setdefault(key, path) != path:  # same file name in two folders
        key = f"{key}@{hashlib.sha1(path.encode()).hexdigest()[:8]}"
        keys[key] = path
    return key


def _find_chain(
    config: FontConfig,
    role: str,
    specs: tuple[FontSpec, ...],
    index: FontIndex,
    problems: dict[str, Problem],
) -> list[tuple[FontSpec, FaceRecord]]:
    found = [(spec, index.find(spec.family, spec.style)) for spec in specs]
    for position, (spec, record) in enumerate(found):
        if record is not None:
            continue
        package = package_for(config, spec)
        install = f"install the Debian package {package}" if package else "install it"
        successor = next((s for s, r in found[position + 1 :] if r is not None), None)
        if successor is None:
            raise FontError(
                f"font {spec} (role {role}) is not installed",
                where=str(config.path),
                hint=f"{install}, or add its folder to [search] paths",
            )
        message = f"font {spec} is not installed; using {successor} instead"
        problems.setdefault(message, Problem("font-missing", message, str(config.path), install))
    return [(spec, record) for spec, record in found if record is not None]


def package_for(config: FontConfig, spec: FontSpec) -> str | None:
    """The Debian package that provides `spec`, from the config's [[packages]] table."""
    for family, styles, package in config.packages:
        if spec.family.startswith(family) and (not styles or spec.style in styles):
            return package
    return None


def load_config(path: Path, language: str) -> FontConfig:
    """Parse fonts.toml for `language`: fill in family templates, append the fallback chain."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise InputError(f"cannot read font config: {error.strerror}", where=str(path)) from None
    except tomllib.TOMLDecodeError as error:
        raise InputError(f"font config is not valid TOML: {error}", where=str(path)) from None
    languages = data.get("languages", {})
    if language not in languages:
        raise FontError(
            f"no [languages.{language}] in the font config",
            where=str(path),
            hint=f"use one of {', '.join(languages)} or add the language",
        )
    roles = {
        role: tuple(_spec(entry, languages[language], path, role) for entry in entries)
        for role, entries in data.get("roles", {}).items()
    }
    fallback = roles.get(FALLBACK_ROLE, ())
    roles = {
        role: chain if role == FALLBACK_ROLE else chain + fallback for role, chain in roles.items()
    }
    packages = tuple(
        (entry["family"], tuple(entry.get("styles", ())), entry["package"])
        for entry in data.get("packages", ())
    )
    search = tuple(
        (path.parent / Path(entry).expanduser()).resolve()
        for entry in data.get("search", {}).get("paths", ())
    )
    return FontConfig(path, roles, packages, search)


def _spec(entry: dict, variables: dict, path: Path, role: str) -> FontSpec:
    try:
        return FontSpec(entry["family"].format(**variables), entry.get("style", "Regular"))
    except (KeyError, TypeError, AttributeError) as error:
        raise InputError(
            f"role {role}: bad font entry {entry!r} ({error!r})",
            where=str(path),
            hint='write { family = "Noto Serif CJK {region}", style = "Regular" }',
        ) from None
