"""The preflight's verdict: one named check per rule, each with the figure it measured."""

from __future__ import annotations

import json
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Check:
    """One rule's outcome: its name, whether it passed, the measured figure, and why."""

    name: str
    passed: bool
    figure: str
    detail: str

    def format_line(self, name_width: int = 0, figure_width: int = 0) -> str:
        """`PASS  name  figure  detail`, columns padded to the given widths."""
        verdict = "PASS" if self.passed else "FAIL"
        return f"{verdict}  {self.name:<{name_width}}  {self.figure:<{figure_width}}  {self.detail}".rstrip()


@dataclass(frozen=True, slots=True)
class PreflightReport:
    """Every check run on one PDF; the PDF may go to press only if all passed."""

    checks: tuple[Check, ...]

    @property
    def passed(self) -> bool:
        """True when every check passed (an empty report never passes)."""
        return bool(self.checks) and all(check.passed for check in self.checks)

    @property
    def failures(self) -> tuple[Check, ...]:
        """The checks that failed, in report order."""
        return tuple(check for check in self.checks if not check.passed)

    def to_json(self) -> str:
        """The report as a JSON object: overall verdict and the list of checks."""
        checks = [
            {"name": c.name, "passed": c.passed, "figure": c.figure, "detail": c.detail} for c in self.checks
        ]
        return json.dumps({"passed": self.passed, "checks": checks}, ensure_ascii=False, indent=2)

    def format_text(self) -> str:
        """One aligned line per check, as the command prints it."""
        name_width = max((len(c.name) for c in self.checks), default=0)
        figure_width = max((len(c.figure) for c in self.checks), default=0)
        return "\n".join(check.format_line(name_width, figure_width) for check in self.checks)
