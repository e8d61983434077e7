"""A stable text dump of a composed page, for golden tests and for reading a layout in a diff."""

from __future__ import annotations

from layout.compose.items import PageLayout, PlacedImage, PlacedMark, PlacedRule, PlacedText, PlacedVertical


def dump_layout(layout: PageLayout) -> str:
    """One line per placed item, rounded to 0.01 pt, in drawing order.

    A text run lists the x of every glyph, so a diff shows where each character sits,
    not only where its run starts.
    """
    lines = [f"page {layout.width:.2f} x {layout.height:.2f}"]
    for item in layout.items:
        match item:
            case PlacedText(x=x, y=y, run=run, kind=kind):
                xs = " ".join(f"{x + glyph_x:.2f}" for glyph_x in run.xs)
                lines.append(f"text {kind} y={y:.2f} size={run.size:g} face={run.face} {run.text!r} xs={xs}")
            case PlacedVertical(x=x, y=y, line=line, kind=kind):
                ys = " ".join(f"{y + glyph_y:.2f}" for run in line.runs for glyph_y in run.ys)
                size = line.runs[0].size if line.runs else 0
                lines.append(f"vertical {kind} x={x:.2f} size={size:g} {line.text!r} ys={ys}")
            case PlacedImage(rect=r, path=path, crop=crop):
                name = path.rsplit("/", 1)[-1] if path else "(placeholder)"
                lines.append(f"image x={r.x:.2f} y={r.y:.2f} w={r.width:.2f} h={r.height:.2f} "
                             f"{'crop' if crop else 'whole'} {name}")
            case PlacedRule(x1=x1, y1=y1, x2=x2, y2=y2, width=width):
                lines.append(f"rule {x1:.2f},{y1:.2f} {x2:.2f},{y2:.2f} w={width:g}")
            case PlacedMark(rect=r, label=label):
                lines.append(f"mark x={r.x:.2f} y={r.y:.2f} {label}")
    for block in layout.blocks:
        r = block.rect
        lines.append(f"block {block.name} x={r.x:.2f} y={r.y:.2f} w={r.width:.2f} h={r.height:.2f}")
    fit = layout.fit
    lines.append(f"fit overset={fit.overset_chars} underset={list(fit.underset_lines)} lines={fit.body_lines}")
    return "\n".join(lines) + "\n"
