"""Shared test options and a per-session cache folder, so tests never touch ~/.cache."""

import os

import pytest
from hypothesis import settings

settings.register_profile("ci", derandomize=True, deadline=None, max_examples=100)
settings.register_profile("dev", deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


def pytest_addoption(parser):
    parser.addoption("--update-goldens", action="store_true", help="rewrite tests/golden/ from this build")


@pytest.fixture(autouse=True, scope="session")
def _cache_dir(tmp_path_factory):
    """Font subsets and prepared images go to a throwaway cache shared by this run."""
    if "BANMIAN_CACHE" not in os.environ:
        os.environ["BANMIAN_CACHE"] = str(tmp_path_factory.mktemp("banmian-cache"))
    yield


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """A fresh cache directory for one test: it starts cold."""
    monkeypatch.setenv("BANMIAN_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    """The font book of the installed fonts, loaded once per test module."""
    from layout.text.fonts import FontBook

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BANMIAN_CACHE", str(tmp_path_factory.mktemp("book-cache")))
        return FontBook.load()
