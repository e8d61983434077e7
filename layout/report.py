"""The build report a layout editor reads after each proof."""

from __future__ import annotations

from layout.build import BuildReport


def format_build_report(report: BuildReport) -> str:
    """Fonts, joins, fit and warnings, a line each, newsroom units."""
    fit = report.fit
    mode = "print (PDF/X)" if report.print_mode else "proof"
    lines = [f"wrote {report.output} ({mode}) in {report.seconds:.2f} s",
             f"fonts: {', '.join(report.fonts) or 'none'}",
             f"paragraph joins: {len(report.joins)}"]
    lines += [f"  line {j.line}+{j.next_line}: …{j.before} | {j.after}…" for j in report.joins]
    lines.append(f"body: {fit.body_lines} lines")
    if fit.overset_chars:
        lines.append(f"overset: {fit.overset_chars} characters ({fit.overset_lines} lines)")
    else:
        lines.append("overset: none")
    underset = sum(fit.underset_lines)
    per_column = " ".join(str(n) for n in fit.underset_lines)
    lines.append(f"underset: {underset} lines (per column: {per_column})")
    if fit.empty_rows_below:
        lines.append(f"underset: the page is empty for {fit.empty_rows_below} lines under the text "
                     f"(add copy or pictures, or use a smaller page)")
    lines += [problem.one_line() for problem in report.problems]
    return "\n".join(lines)
