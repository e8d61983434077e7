"""The on-disk cache every stage shares, and the one way to write a file so no reader sees half of it."""

from __future__ import annotations

import os
import tempfile
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
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def publish(temp: Path | str, target: Path | str) -> None:
    """Rename a finished temporary file into place, with the permissions a new file would get.

    mkstemp makes files only the owner can read; a PDF handed to a printer must not be.
    """
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(temp, 0o666 & ~umask)
    os.replace(temp, target)
