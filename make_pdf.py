#!/usr/bin/env python3
"""banmian's command: `python make_pdf.py build|check|build-edition …` (see --help)."""

import sys

from layout.cli import main

if __name__ == "__main__":
    sys.exit(main())
