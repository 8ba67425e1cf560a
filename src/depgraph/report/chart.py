"""The annual-cost chart: one row per option on one common money axis, as SVG coordinates.

Each row is a bar over the middle 80% of simulated years (10th to 90th
percentile), with the median year and the 1-in-10 year (90th percentile)
labelled, a diamond at the expected year and a dashed line at the year's fees.
The axis runs from 0 to a round figure above the largest 90th percentile (and
fee and expected year), titled with its currency.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike

from depgraph.report.model import Chart, ChartRow
from depgraph.report.sections import plan_color
from depgraph.text import money

__all__ = ["distribution_chart"]


CHART_WIDTH = 720
CHART_LEFT = 200.0
CHART_RIGHT = 690.0
CHART_ROW = 66.0
CHART_TOP = 12.0


def distribution_chart(
    samples: Sequence[tuple[str, ArrayLike, float, float]], currency: str
) -> Chart:
    """The chart of ``(name, simulated annual costs, fees a year, expected year)`` per option.

    >>> chart = distribution_chart([("A", [0.0, 10.0, 20.0], 0.0, 10.0),
    ...                             ("B", [5.0, 5.0, 6.0], 5.0, 5.5)], "USD")
    >>> [t[1] for t in chart.ticks]
    ['$0', '$5', '$10', '$15', '$20']
    >>> chart.rows[0].median, chart.rows[0].tail, chart.rows[1].fee_text
    ('$10', '$18', '$5')
    """
    arrays = [np.asarray(values, dtype=float) for _, values, _, _ in samples]
    top = max(
        (max(float(np.percentile(a, 90)), fee, expected)
         for a, (_, _, fee, expected) in zip(arrays, samples, strict=True) if a.size),
        default=0.0,
    )
    step, limit = _axis(top)
    scale = (CHART_RIGHT - CHART_LEFT) / limit

    def x(value: float) -> float:
        return round(CHART_LEFT + min(max(value, 0.0), limit) * scale, 1)

    rows = []
    for index, ((label, _, fee, expected), values) in enumerate(zip(samples, arrays, strict=True)):
        p10, p50, p90 = (float(v) for v in np.percentile(values, [10, 50, 90]))
        rows.append(ChartRow(
            label=_label_lines(label),
            color=plan_color(index),
            top=CHART_TOP + index * CHART_ROW,
            p10=x(p10), p50=x(p50), p90=x(p90), expected=x(expected), fee=x(fee),
            median=money(p50, currency),
            tail=money(p90, currency),
            fee_text=money(fee, currency),
            tail_anchor="end" if x(p90) > CHART_RIGHT - 90 else "start",
        ))
    axis_y = CHART_TOP + len(rows) * CHART_ROW
    ticks = tuple(
        (x(step * i), money(step * i, currency)) for i in range(int(round(limit / step)) + 1)
    )
    return Chart(
        width=CHART_WIDTH,
        height=int(axis_y + 46),
        left=CHART_LEFT,
        right=CHART_RIGHT,
        row_height=CHART_ROW,
        axis_y=axis_y,
        ticks=ticks,
        rows=tuple(rows),
        years=max((a.size for a in arrays), default=0),
        limit=limit,
        title=f"Cost of a year, fees included ({currency})",
    )


def _label_lines(label: str, width: int = 24) -> tuple[str, ...]:
    """A plan's name on at most two lines of about ``width`` characters.

    A parenthesis starts the second line when the name before it fits on the first.

    >>> _label_lines("Summit Tech Care (network + AV only)")
    ('Summit Tech Care', '(network + AV only)')
    >>> _label_lines("Break-fix")
    ('Break-fix',)
    """
    head, bracket, tail = label.partition(" (")
    if bracket and len(head) <= width and len(label) > width:
        lines = [head, textwrap.shorten("(" + tail, width, placeholder="…")]
    else:
        lines = textwrap.wrap(label, width) or [""]
    if len(lines) > 2:
        lines = [lines[0], textwrap.shorten(" ".join(lines[1:]), width, placeholder="…")]
    return tuple(lines)


def _axis(top: float) -> tuple[float, float]:
    """A round tick step (at least one unit of money) and the axis end at or above ``top``.

    >>> _axis(37_400.0), _axis(0.0)
    ((10000.0, 40000.0), (1.0, 4.0))
    """
    if top <= 4:
        return 1.0, 4.0
    rough = top / 4
    magnitude = 10 ** math.floor(math.log10(rough))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= rough)
    return float(step), float(step * math.ceil(top / step))
