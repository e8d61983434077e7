"""What /status.json says about a build: per page the fit, overset and underset, warnings, errors."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

from layout.errors import BanmianError, Problem
from layout.model.load_spec import load_page_spec
from layout.model.page_spec import PageSpec

FIT_KINDS = ("overset", "underset")  # problems about fit, listed apart from the other warnings


def page_status(number: int, source: Path, report=None) -> dict:
    """One page's status: from its BuildReport, or empty before the first build."""
    status = {"page": number, "source": source.name, "proof": f"/proof/{number}.png", "ok": True, "error": None,
              "overset": [], "underset": [], "warnings": [], "fit": {}, "seconds": None}
    if report is None:
        return status
    problems = report.problems
    fit = asdict(report.fit)
    status.update(seconds=round(report.seconds, 3), fit=fit,
                  overset=[_problem(p) for p in problems if p.kind == "overset"],
                  underset=[_problem(p) for p in problems if p.kind == "underset"] or _underset(fit),
                  warnings=[_problem(p) for p in problems if p.kind not in FIT_KINDS])
    return status


def _problem(problem: Problem) -> dict:
    return {"kind": problem.kind, "message": problem.message, "where": problem.where, "hint": problem.hint}


def _underset(fit: dict) -> list[dict]:
    """Underset from the fit report when the build did not list it as problems: per story when
    the report has stories (a page of several), else for the page."""
    stories = fit.get("stories") or [dict(fit, number=None)]
    return [{"kind": "underset", "message": message, "where": None, "hint": None}
            for story in stories for message in _short(story)]


def _short(fit: dict) -> list[str]:
    """What a story's (or the page's) fit says is short, as the lines the editor reads."""
    story = f"story {fit['number']} 《{fit.get('headline', '')}》: " if fit.get("number") else ""
    columns = fit.get("underset_lines") or ()
    lines = []
    if sum(columns):
        per_column = " ".join(str(n) for n in columns)
        lines.append(f"{story}underset: {sum(columns)} lines (per column: {per_column})")
    if fit.get("empty_rows_below"):
        lines.append(f"{story}underset: empty for {fit['empty_rows_below']} lines under the text")
    return lines


def grid_overlay(source: Path) -> dict:
    """The page's columns and baselines as fractions of the trim, for the grid drawn over the proof."""
    try:
        spec = load_page_spec(source) if source.suffix.lower() == ".toml" else PageSpec(source=str(source))
    except BanmianError:
        return {}
    width, height = spec.trim
    left, top, _, _ = spec.type_area
    grid = spec.grid
    step = grid.column_width + grid.gutter
    return {"columns": [[(left + i * step) / width, grid.column_width / width] for i in range(grid.columns)],
            "top": top / height, "pitch": grid.line_pitch / height, "rows": spec.rows}


def session_status(number: int, seconds: tuple[float, float], finished: str, pages: list[dict]) -> dict:
    """The whole build: its number, time taken (wall, CPU), and every page's lists gathered, each item
    naming its page."""
    def gathered(key: str) -> list[dict]:
        return [dict(item, page=page["page"]) for page in pages for item in page[key]]

    return {"build": number, "seconds": round(seconds[0], 3), "cpu_seconds": round(seconds[1], 3), "finished": finished,
            "ok": all(page["ok"] for page in pages), "pages": pages,
            "errors": [{"page": page["page"], "message": page["error"]} for page in pages if page["error"]],
            "overset": gathered("overset"), "underset": gathered("underset"), "warnings": gathered("warnings")}
