"""The on-disk cache every stage shares, and the one way to write a file so no reader sees half of it.

Every cache entry is sealed with a digest of its bytes when written and checked when
read: an entry cut short, zeroed or overwritten is deleted and built again, and the
build report says so once. A cache folder that cannot be written is replaced by a
temporary one for the life of the process, and the report says that too.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from layout.errors import Problem

SEAL_BYTES = 16  # the blake2b digest after an entry's data
_usable: dict[Path, Path] = {}  # the configured cache folder -> itself, or the temporary one used instead
_problems: list[Problem] = []  # what the caches repaired or worked around since last taken


def cache_dir() -> Path:
    """Where banmian keeps its caches: $BANMIAN_CACHE, else $XDG_CACHE_HOME/banmian (~/.cache/banmian).

    When that folder cannot be made or written, a temporary folder, removed when the
    process ends: the build goes on, only slower, and its report says why.
    """
    configured = _configured_dir()
    if configured not in _usable:  # checked once per process and folder
        reason = _unwritable(configured)
        _usable[configured] = configured if reason is None else _temporary_cache(configured, reason)
    return _usable[configured]


def _temporary_cache(configured: Path, reason: str) -> Path:
    from multiprocessing.util import Finalize

    folder = Path(tempfile.mkdtemp(prefix="banmian-cache-"))
    # Removed when the process that made it ends, an edition's worker included (they skip atexit).
    Finalize(None, shutil.rmtree, args=(folder,), kwargs={"ignore_errors": True}, exitpriority=0)
    _problems.append(Problem("cache-unwritable", f"cannot write the cache folder ({reason}): "
                             "using a temporary cache for this build", str(configured),
                             "set BANMIAN_CACHE to a folder you can write"))
    return folder


def _configured_dir() -> Path:
    configured = os.environ.get("BANMIAN_CACHE")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "banmian"


def _unwritable(folder: Path) -> str | None:
    """Why no file can be created in `folder` (made if missing), or None when one can."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            return None
    except OSError as error:
        return error.strerror or str(error)


def taken_problems() -> tuple[Problem, ...]:
    """What the caches repaired or worked around since the last call (each once), for the build report."""
    taken = tuple(dict.fromkeys(_problems))
    _problems.clear()
    return taken


def write_entry(path: Path, data: bytes, cache_name: str) -> None:
    """Keep `data` at `path` in the cache, sealed so that read_entry recognises a damaged copy.

    A cache that cannot keep it (disk full, no permission) costs only time: the
    build goes on with the data it holds, and its report says so.
    """
    try:
        make_folder(path.parent, cache_name)
        atomic_write(path, data + _seal(data))
    except OSError as error:
        _problems.append(Problem("cache-unwritable", f"cannot keep {cache_name} cache entries "
                                 f"({error.strerror or error}): the build goes on without them", str(path.parent),
                                 "free some space, or make the cache folder writable"))


def make_folder(folder: Path, cache_name: str) -> None:
    """Make a folder of the cache; a file in its place (a damaged cache) is deleted first."""
    if folder.is_file() and folder.is_relative_to(cache_dir()):
        discard(folder, cache_name, "a file where its folder should be")
    folder.mkdir(parents=True, exist_ok=True)


def read_entry(path: Path, cache_name: str) -> bytes | None:
    """The data write_entry kept at `path`, or None when there is none or it was damaged.

    A damaged entry is deleted and reported (naming `cache_name`), so the caller
    builds it again as if it had never been there.
    """
    try:
        sealed = path.read_bytes()
    except (FileNotFoundError, NotADirectoryError):
        return None  # a file in place of the folder is repaired (and reported) by write_entry
    except OSError as error:
        discard(path, cache_name, error.strerror or str(error))
        return None
    data, seal = sealed[:-SEAL_BYTES], sealed[-SEAL_BYTES:]
    if len(sealed) < SEAL_BYTES or _seal(data) != seal:
        discard(path, cache_name, "empty" if not sealed else "its checksum does not match")
        return None
    return data


def discard(path: Path, cache_name: str, reason: str) -> None:
    """Delete a damaged cache entry and say so in the build report."""
    try:
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink(missing_ok=True)
    except OSError:
        pass  # built again, it is written over (or write_entry reports why it cannot be)
    _problems.append(Problem("cache-repaired", f"damaged {cache_name} cache entry ({reason}): built again",
                             str(path), "nothing to do; if this recurs, check the disk the cache is on"))


def _seal(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=SEAL_BYTES).digest()


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
