"""Choose a paragraph's line breaks over the whole paragraph (Knuth–Plass style, bounded window)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from layout.text.break_fit import (
    FORCED_BREAK_COST,
    LONE_CHAR_COST,
    break_costs,
    build_prefix,
    line_fit,
    line_mode,
    solve,
)
from layout.text.charclass import LINE_END_PROHIBITED, LINE_START_PROHIBITED, CharClass
from layout.text.itemize import Items
from layout.text.lines import TextStyle

# Lines short of the measure by more than this many em are tried only when no
# fuller line can end at a break: this bounds the active window, so the search
# is linear in the paragraph's length.
WINDOW_EM = 2.0
# What the prefix bounds do not see: the edge halves and the glue of the junction
# a line starts at (a line's natural width is at most ½ em over its prefix span,
# its tightest width at most 1¼ em under it).
OVER_EM, UNDER_EM = 0.5, 1.25
INF = float("inf")


def legal_breaks(items: Items, style: TextStyle) -> tuple[bool, ...]:
    """legal[k]: may a line end before units[k]? (clreq §6.1.1 at the style's level, §6.1.2)."""
    units, junctions = items.units, items.junctions
    no_start = LINE_START_PROHIBITED[style.kinsoku]
    no_end = LINE_END_PROHIBITED[style.kinsoku]
    legal = [True]
    for k in range(1, len(units)):
        # A space at the break takes no room: the mark before it is what ends the line.
        before = units[k - 2] if units[k - 1].cls is CharClass.SPACE and k > 1 else units[k - 1]
        after = units[k]
        legal.append(
            not junctions[k].bound
            and after.cls is not CharClass.SPACE  # a space stays at the end of its line
            and after.cls not in no_start
            and before.cls not in no_end
        )
    legal.append(True)
    return tuple(legal)


def choose_breaks(items: Items, measure: float, style: TextStyle, forced: bool = False) -> tuple[int, ...] | None:
    """Unit indices where lines end (the last is len(units)), or None when no legal setting exists.

    With `forced`, every junction may break, at FORCED_BREAK_COST for an illegal
    one, so the fewest prohibited breaks are taken.
    """
    n = len(items.units)
    legal = legal_breaks(items, style)
    nodes = [k for k in range(n + 1) if forced or legal[k]]
    prefix = build_prefix(items, style)
    costs = break_costs(items, style)
    node_pos = [prefix.pos[k] for k in nodes]
    node_min = [prefix.min_pos[k] for k in nodes]
    cost = [INF] * len(nodes)
    back = [-1] * len(nodes)
    cost[0] = 0.0
    window, over, under = WINDOW_EM * style.size, OVER_EM * style.size, UNDER_EM * style.size

    def line_cost(s: int, end: int) -> float:
        last = end == n
        fit = line_fit(items, prefix, nodes[s], end, measure, style)
        found = solve(fit, style, line_mode(style, last))
        if found is None:
            return INF
        extra = costs[end] if legal[end] else FORCED_BREAK_COST
        if last and nodes[s] > 0 and style.no_lone_last_char and fit.counted < 2:
            extra += LONE_CHAR_COST
        return cost[s] + found.cost + extra

    def relax(t: int, candidates) -> bool:
        improved = False
        for s in candidates:
            if cost[s] < INF:
                total = line_cost(s, nodes[t])
                if total < cost[t]:
                    cost[t], back[t], improved = total, s, True
        return improved

    for t in range(1, len(nodes)):
        end = nodes[t]
        lo = bisect_left(node_min, prefix.min_pos[end] - measure - under, 0, t)
        hi = t - 1 if end == n else bisect_right(node_pos, prefix.pos[end] - measure + window + over, 0, t) - 1
        hi = max(hi, 0) if lo == 0 else hi
        if not relax(t, range(lo, hi + 1)):
            relax(t, range(max(hi + 1, lo), t))  # only short lines reach here
    if cost[-1] == INF:
        return None
    ends = []
    t = len(nodes) - 1
    while t > 0:
        ends.append(nodes[t])
        t = back[t]
    return tuple(reversed(ends))
