"""The on-disk cache every stage shares, and the one way to write a file so no reader sees half of it."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def cache_dir() -> Path:
    """Where banmian keeps its caches: $BANMIAN_CACHE, else $XDG_CACHE_HOME/banmian (~/.cache/banmian)."""
    configured = os.environ.get("BANMIAN_CACHE")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "banmian"


def atomic_write(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that readers see the old file or the new one, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with replacing(path) as temp:
        temp.write_bytes(data)


@contextmanager
def replacing(target: Path | str, keep_mode: bool = False) -> Iterator[Path]:
    """A temporary file beside `target` that replaces it when the block ends without an error.

    On an error the temporary file goes and `target` is untouched. The new file gets
    the permissions a newly created file would (mkstemp makes it readable by its owner
    only, and a PDF handed to a printer must not be), or the old file's with `keep_mode`.
    The file's data reaches the disk before the rename, and the rename before the
    block returns, so a crash or power cut leaves the old file or the whole new one.
    """
    target = Path(target)
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(fd)
    temp = Path(name)
    try:
        yield temp
        if keep_mode and target.exists():
            mode = target.stat().st_mode & 0o777
        else:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(temp, mode)
        _fsync(temp)
        os.replace(temp, target)
        _fsync(target.parent)
    finally:
        temp.unlink(missing_ok=True)


def _fsync(path: Path) -> None:
    """Flush a file's data, or a folder's entries, from the page cache to the disk."""
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
