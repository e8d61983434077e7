"""The pipeline's shape: each stage imports only the stages before it, and only render/ draws with reportlab."""

import ast
from pathlib import Path

import pytest

LAYOUT = Path(__file__).parent.parent / "layout"
# Each stage and what it may import (besides itself and the shared modules).
ORDER = ["model", "text", "compose", "render", "prepress"]
SHARED = {"errors", "units", "cache", "memo"}
MAY_IMPORT = {
    "model": set(),
    "text": {"model"},
    "compose": {"model", "text"},
    "render": {"model", "text", "compose"},
    "prepress": {"model"},
}


def imports_of(path: Path) -> set[str]:
    """The layout.* and third-party top-level modules a file imports, anywhere in it."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


@pytest.mark.parametrize("stage", ORDER)
def test_stages_import_only_earlier_stages(stage):
    for path in (LAYOUT / stage).glob("*.py"):
        for name in imports_of(path):
            parts = name.split(".")
            if parts[0] != "layout" or len(parts) < 2 or parts[1] in SHARED | {stage}:
                continue
            assert parts[1] in MAY_IMPORT[stage], f"{path.name} imports {name}"


def test_only_render_uses_reportlab():
    for path in LAYOUT.rglob("*.py"):
        uses = any(name.split(".")[0] == "reportlab" for name in imports_of(path))
        assert not uses or path.parent.name == "render", path
