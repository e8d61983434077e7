"""Running make_pdf.py as a user does, for the tests that go through the real command."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent


def run(*args, cwd=ROOT) -> subprocess.CompletedProcess:
    """make_pdf.py with `args`; stdout and stderr captured as text."""
    return subprocess.run([sys.executable, str(ROOT / "make_pdf.py"), *map(str, args)],
                          capture_output=True, text=True, cwd=cwd, timeout=300)
