"""The caches through the real command: the PDF depends only on the inputs, whatever the cache holds."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from layout import cache as cache_module
from tests.command import ROOT, run

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
    return [line for line in report.splitlines() if "warning:" in line]


@pytest.fixture(scope="module")
def clean(tmp_path_factory):
    """The sample page built once from an empty cache, as a proof and for print, and that warm cache."""
    folder = tmp_path_factory.mktemp("clean")
    warm = folder / "cache"
    proof_report, proof = build(warm, folder / "proof.pdf")
    print_report, printed = build(warm, folder / "print.pdf", "--print")
    assert warnings_of(proof_report) == warnings_of(print_report) == []
    return {"proof": proof, "print": printed, "cache": warm}


@pytest.mark.parametrize("mode", ["proof", "print"])
def test_the_pdf_does_not_depend_on_where_the_cache_is_or_what_it_holds(clean, tmp_path, mode):
    options = ("--print",) if mode == "print" else ()
    _, elsewhere = build(tmp_path / "another-cache", tmp_path / "cold.pdf", *options)
    assert elsewhere == clean[mode]
    _, warm = build(tmp_path / "another-cache", tmp_path / "warm.pdf", *options)
    assert warm == clean[mode]


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


def copy_cache(clean, tmp_path: Path) -> Path:
    """A copy of the warm cache of the clean build, to damage."""
    copy = tmp_path / "cache"
    shutil.copytree(clean["cache"], copy)
    return copy
