"""The caches through the real command: the PDF depends only on the inputs, whatever the cache holds."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from command import ROOT, run
from PIL import Image

from layout import cache as cache_module

SPEC = ROOT / "examples" / "beita" / "page.toml"


def build(cache: Path, out: Path, *options) -> tuple[str, bytes]:
    """Build the sample page with `cache` as BANMIAN_CACHE; (its report, the PDF's bytes)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BANMIAN_CACHE", str(cache))
        result = run("build", SPEC, "-o", out, *options)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return result.stdout, out.read_bytes()


def warnings_of(report: str) -> list[str]:
    """The report's warnings but the sample's own (its half-width colons, GB/T 15834)."""
    return [line for line in report.splitlines() if "warning:" in line and "half-width" not in line]


@pytest.fixture(scope="module")
def clean(tmp_path_factory):
    """The sample page built once from an empty cache, as a proof and for print, and the proof's warm cache."""
    folder = tmp_path_factory.mktemp("clean")
    proof_report, proof = build(folder / "cache", folder / "proof.pdf")
    warm = shutil.copytree(folder / "cache", folder / "proof-cache")  # only what a proof reads
    print_report, printed = build(folder / "cache", folder / "print.pdf", "--print")
    assert warnings_of(proof_report) == warnings_of(print_report) == []
    return {"proof": proof, "print": printed, "cache": warm}


def copy_cache(clean, tmp_path: Path) -> Path:
    """A copy of the clean proof's warm cache, to damage or to build with."""
    return shutil.copytree(clean["cache"], tmp_path / "cache")


@pytest.mark.parametrize("mode", ["proof", "print"])
def test_the_pdf_does_not_depend_on_where_the_cache_is_or_what_it_holds(clean, tmp_path, mode):
    options = ("--print",) if mode == "print" else ()
    _, elsewhere = build(tmp_path / "another-cache", tmp_path / "cold.pdf", *options)
    assert elsewhere == clean[mode]
    _, warm = build(tmp_path / "another-cache", tmp_path / "warm.pdf", *options)
    assert warm == clean[mode]


def test_the_pdf_does_not_depend_on_where_the_inputs_are_or_their_dates(clean, tmp_path):
    """As on another machine: the page and its pictures copied elsewhere, with other file times."""
    shutil.copytree(SPEC.parent, tmp_path / "examples" / "beita")
    images = shutil.copytree(ROOT / "images" / "beita", tmp_path / "images" / "beita")
    for picture in images.iterdir():
        os.utime(picture, (1e9, 1e9))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BANMIAN_CACHE", str(copy_cache(clean, tmp_path)))
        result = run("build", "examples/beita/page.toml", "-o", "page.pdf", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "page.pdf").read_bytes() == clean["proof"]


def test_a_replaced_file_reaches_the_disk_before_its_name_does(tmp_path, monkeypatch):
    events = []
    real_fsync, real_replace = os.fsync, os.replace
    monkeypatch.setattr(os, "fsync", lambda fd: events.append(("fsync", os.readlink(f"/proc/self/fd/{fd}")))
                        or real_fsync(fd))
    monkeypatch.setattr(os, "replace", lambda a, b: events.append(("replace", str(b))) or real_replace(a, b))
    target = tmp_path / "out.pdf"
    with cache_module.replacing(target) as temp:
        temp.write_bytes(b"%PDF-")
    (kind, synced), replaced, (dir_kind, folder) = events
    assert kind == "fsync" and Path(synced).parent == tmp_path and synced != str(target)
    assert replaced == ("replace", str(target))
    assert (dir_kind, folder) == ("fsync", str(tmp_path))
    assert target.read_bytes() == b"%PDF-"


def largest(folder: Path, pattern: str) -> Path:
    return max(folder.glob(pattern), key=lambda path: (path.stat().st_size, path.name))


# Each cache's entry to damage in a copy of the warm cache, and what else to delete so the build reads it.
ENTRIES = {
    "font subset": lambda cache: (largest(cache / "subsets", "*.ttf"), ()),
    # The glyph stores are read only to build a subset: without subsets, every one is.
    "glyph store": lambda cache: (largest(cache / "glyphs", "*.bin"), tuple((cache / "subsets").iterdir())),
    "prepared image": lambda cache: (largest(cache / "images", "*.jpg"), ()),
    "prepared image record": lambda cache: (largest(cache / "images", "*.json"), ()),
    "layout memo": lambda cache: (largest(cache / "layout", "*.pickle"), ()),
    "font index": lambda cache: (largest(cache, "font-index-*.json"), ()),
    "font hash": lambda cache: (largest(cache, "font-hashes-*.json"), ()),
}
DAMAGES = {
    "truncated": lambda data: data[: len(data) // 2],
    "zero bytes": lambda data: b"",
    "random bytes": lambda data: random.Random(len(data)).randbytes(len(data)),
}


@pytest.mark.parametrize("damage", sorted(DAMAGES))
@pytest.mark.parametrize("entry", sorted(ENTRIES))
def test_a_damaged_cache_entry_is_rebuilt_with_one_warning_and_the_same_pdf(clean, tmp_path, entry, damage):
    cache = copy_cache(clean, tmp_path)
    damaged, deleted = ENTRIES[entry](cache)
    for path in deleted:
        path.unlink()
    damaged.write_bytes(DAMAGES[damage](damaged.read_bytes()))
    report, pdf = build(cache, tmp_path / "page.pdf")
    (warning,) = warnings_of(report)
    assert f"damaged {entry.removesuffix(' record')} cache entry" in warning and str(damaged) in warning
    assert pdf == clean["proof"]
    report, pdf = build(cache, tmp_path / "again.pdf")
    assert warnings_of(report) == [] and pdf == clean["proof"]  # repaired for good


def test_an_unwritable_cache_folder_gives_a_temporary_cache_and_a_warning(clean, tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache's parent folder should be")  # unwritable even for root
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setenv("TMPDIR", str(scratch))
    report, pdf = build(blocker / "cache", tmp_path / "page.pdf")
    (warning,) = warnings_of(report)
    assert str(blocker / "cache") in warning and "temporary cache" in warning
    assert pdf == clean["proof"]
    assert list(scratch.iterdir()) == []  # the temporary cache went with the process


GALLERY = ["气清乾坤", "清廉北塔", "百年沧桑", "哪个小鬼敢胡来", "清·廉", "历览前贤", "一身正氣", "不贪是福"]


def repaint(picture: Path, colour: tuple[int, int, int], size: tuple[int, int] | None = None) -> None:
    """Write over `picture` with a plain one of `size` (its own size by default), a second newer."""
    with Image.open(picture) as old:
        size = size or old.size
    Image.new("RGB", size, colour).save(picture)
    later = picture.stat().st_mtime + 1  # a new version even on a filesystem with coarse times
    os.utime(picture, (later, later))


def memo_free_copy(clean, tmp_path: Path, name: str) -> Path:
    """A copy of the warm cache without the layout memo: what it builds is what an empty cache builds."""
    copy = shutil.copytree(clean["cache"], tmp_path / name)
    shutil.rmtree(copy / "layout")
    return copy


def test_another_images_folder_places_its_own_pictures(clean, tmp_path):
    first = shutil.copytree(ROOT / "images" / "beita", tmp_path / "first")
    second = shutil.copytree(first, tmp_path / "second")
    for title in GALLERY:  # same names and sizes, other pictures: every plan's key but the files
        repaint(second / f"{title}.jpg", (20, 120, 60))
    cache = copy_cache(clean, tmp_path)
    build(cache, tmp_path / "first.pdf", "--images", first)
    shutil.rmtree(first)  # the old pictures are gone: nothing may still point at them
    report, pdf = build(cache, tmp_path / "second.pdf", "--images", second)
    assert warnings_of(report) == []
    _, expected = build(memo_free_copy(clean, tmp_path, "fresh"), tmp_path / "expected.pdf", "--images", second)
    assert pdf == expected


def test_a_picture_edited_in_place_is_placed_in_its_new_version(clean, tmp_path):
    images = shutil.copytree(ROOT / "images" / "beita", tmp_path / "images")
    cache = copy_cache(clean, tmp_path)
    build(cache, tmp_path / "before.pdf", "--images", images)
    repaint(images / "气清乾坤.jpg", (200, 30, 30), (900, 1800))  # another picture, another shape
    report, pdf = build(cache, tmp_path / "after.pdf", "--images", images)
    assert warnings_of(report) == []
    _, expected = build(memo_free_copy(clean, tmp_path, "fresh"), tmp_path / "expected.pdf", "--images", images)
    assert pdf == expected


# Moments to kill a cold build at, each seen from outside: the process is killed as soon as it holds.
KILL_POINTS = {
    "starting up": lambda cache, out, seconds: seconds > 0.05,
    "fonts indexed": lambda cache, out, seconds: any(cache.glob("font-index-*.json")),
    "glyphs converted": lambda cache, out, seconds: any(cache.glob("glyphs/*.bin")),
    "subsets written": lambda cache, out, seconds: any(cache.glob("subsets/*.ttf")),
    "images prepared": lambda cache, out, seconds: any(cache.glob("images/*.jpg")),
    "writing the PDF": lambda cache, out, seconds: any(out.parent.glob(f".{out.name}.*.tmp")),
}


def killed_at(point: str, cache: Path, out: Path) -> bool:
    """Start a build and SIGKILL it at `point`; whether it was still running then."""
    environment = {**os.environ, "BANMIAN_CACHE": str(cache)}
    process = subprocess.Popen([sys.executable, str(ROOT / "make_pdf.py"), "build", str(SPEC), "-o", str(out)],
                               env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    started = time.monotonic()
    while process.poll() is None and not KILL_POINTS[point](cache, out, time.monotonic() - started):
        time.sleep(0.001)
    process.send_signal(signal.SIGKILL)
    return process.wait() == -signal.SIGKILL


@pytest.mark.parametrize("point", list(KILL_POINTS))
def test_a_build_killed_leaves_the_old_pdf_and_a_cache_the_next_build_uses(clean, tmp_path, point):
    out = tmp_path / "out" / "page.pdf"
    out.parent.mkdir()
    out.write_bytes(b"the previous build's PDF")
    # A loaded machine may let a build run past a short moment (the PDF is written in ~0.1 s) before
    # the kill lands: then it has finished, and a new cold cache tries again.
    caches = [tmp_path / f"cache-{attempt}" for attempt in range(3)]
    cache = next((cache for cache in caches if killed_at(point, cache, out)), None)
    assert cache is not None, f"every build ended before {point}"
    assert out.read_bytes() in (b"the previous build's PDF", clean["proof"])  # never half a file
    report, pdf = build(cache, out)
    assert warnings_of(report) == []
    assert pdf == clean["proof"]


FOLDERS = {"font subset": "subsets", "glyph store": "glyphs", "prepared image": "images", "layout memo": "layout"}


@pytest.mark.parametrize("entry", sorted(FOLDERS))
def test_a_file_in_place_of_a_cache_folder_is_replaced_with_one_warning(clean, tmp_path, entry):
    cache = copy_cache(clean, tmp_path)
    folder = cache / FOLDERS[entry]
    shutil.rmtree(folder)
    folder.write_bytes(b"not a folder")
    if entry == "glyph store":
        shutil.rmtree(cache / "subsets")  # so that the stores are read
    report, pdf = build(cache, tmp_path / "page.pdf")
    (warning,) = warnings_of(report)
    assert f"damaged {entry} cache entry" in warning and str(folder) in warning
    assert pdf == clean["proof"]
    assert folder.is_dir()


def test_a_cache_that_cannot_keep_an_entry_costs_one_warning_not_the_build(tmp_path, monkeypatch):
    def disk_full(path, data):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(cache_module, "atomic_write", disk_full)
    cache_module.taken_problems()
    for name in ("a", "b"):
        cache_module.write_entry(tmp_path / "subsets" / name, b"data", "font subset")
    (problem,) = cache_module.taken_problems()
    assert "No space left" in problem.message and "font subset" in problem.message
    assert problem.where == str(tmp_path / "subsets")
