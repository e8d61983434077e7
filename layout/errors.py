"""What can go wrong, as values the command line prints in one line each.

* BanmianError            any failure the user can act on; exit code 1
  * InputError            an input file is wrong (article, page spec, image, font config)
  * FontError             a configured font cannot be found or used
  * PrintCheckError       print mode refused the page (overset, missing image, preflight)

Problem is a non-fatal finding (a warning) collected along the pipeline and
printed after the build; it never stops a proof.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Where:
    """A place in an input file: path, and optionally a 1-based line and column."""

    path: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        parts = [self.path]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)


class BanmianError(Exception):
    """A failure the user can fix: printed as 'where: error: message (hint: ...)'."""

    def __init__(self, message: str, where: Where | str | None = None, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.where = where
        self.hint = hint

    def one_line(self) -> str:
        """The error as the single line the command prints."""
        text = f"{self.where}: error: {self.message}" if self.where else f"error: {self.message}"
        return f"{text} (hint: {self.hint})" if self.hint else text


class InputError(BanmianError):
    """An input file (article, page spec, image) is wrong."""


class FontError(BanmianError):
    """A configured font is missing or unusable."""


class PrintCheckError(BanmianError):
    """Print mode refuses a page that would print wrong."""


@dataclass(frozen=True, slots=True)
class Problem:
    """A warning found while building: what, where, and how to fix it."""

    kind: str
    message: str
    where: str | None = None
    hint: str | None = None

    def one_line(self) -> str:
        """The warning as the single line the command prints."""
        text = f"{self.where}: warning: {self.message}" if self.where else f"warning: {self.message}"
        return f"{text} (hint: {self.hint})" if self.hint else text
