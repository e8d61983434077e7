"""Results of the pure layout functions kept between builds, so a rebuild sets only what changed.

A key is plain data (strings, numbers, tuples, frozen dataclasses) whose repr
names everything the result depends on; the memo file also carries a digest of
the engine's own source and of the fonts, so a new engine or font starts afresh.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from layout.cache import cache_dir, read_entry, write_entry

T = TypeVar("T")
FORMAT = 2  # 2: sealed
ENGINE_PARTS = ("text", "compose", "model", "prepress")  # the stages whose results are kept
KEPT_EARLIER = 3  # earlier entries kept, as a multiple of what one build uses


class Memo:
    """A dictionary of results by key digest; remembers which entries this build used."""

    def __init__(self, entries: dict[str, Any] | None = None):
        self.entries = entries or {}
        self.used: dict[str, Any] = {}

    def get(self, key: tuple, compute: Callable[[], T]) -> T:
        """The result for `key`, computed only when no build has kept it."""
        digest = hashlib.blake2b(repr(key).encode(), digest_size=16).hexdigest()
        if digest not in self.used:
            found = self.entries.get(digest)
            self.used[digest] = compute() if found is None else found
        return self.used[digest]


def engine_digest() -> str:
    """A digest of the source of the stages whose results a memo keeps."""
    digest = hashlib.blake2b(digest_size=16)
    root = Path(__file__).parent
    for part in ENGINE_PARTS:
        for path in sorted((root / part).glob("*.py")):
            digest.update(path.read_bytes())
    return digest.hexdigest()


def memo_path(name: str) -> Path:
    """Where the memo of the pages called `name` lives."""
    digest = hashlib.blake2b(name.encode(), digest_size=12).hexdigest()
    return cache_dir() / "layout" / f"{digest}-v{FORMAT}.pickle"


def load_memo(path: Path, version: str) -> Memo:
    """The memo kept at `path` for this `version` of engine and fonts, or an empty one.

    The file is sealed (a damaged one is deleted and reported), and its version is
    checked before its entries are unpickled: those of another engine may name
    classes that are gone.
    """
    data = read_entry(path, "layout memo")
    if data is None:
        return Memo()
    stored_version, entries = pickle.loads(data)
    if stored_version != (FORMAT, version):
        return Memo()
    return Memo(pickle.loads(entries))


def save_memo(memo: Memo, path: Path, version: str) -> None:
    """Keep the entries this build used, and the newest of the earlier ones up to three times as many.

    The earlier ones let an editor switch between versions of a page (or two pages
    of one name) without setting everything again; the bound keeps the file small.
    """
    earlier = [item for item in memo.entries.items() if item[0] not in memo.used]
    kept = dict(earlier[len(earlier) - KEPT_EARLIER * max(len(memo.used), 1):] if earlier else [])
    kept.update(memo.used)
    if kept.keys() == memo.entries.keys():
        return  # nothing new and nothing dropped: a warm build writes (and syncs) nothing
    entries = pickle.dumps(kept, protocol=pickle.HIGHEST_PROTOCOL)
    stored = pickle.dumps(((FORMAT, version), entries), protocol=pickle.HIGHEST_PROTOCOL)
    write_entry(path, stored, "layout memo")
