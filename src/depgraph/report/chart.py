"""The annual-cost chart: histogram geometry as SVG paths, with no knowledge of the site."""

from __future__ import annotations

import math
import textwrap
from collections.abc import Callable, Sequence

import numpy as np
from numpy.typing import ArrayLike, NDArray

from depgraph.report.model import Chart, ChartRow
from depgraph.report.sections import plan_color
from depgraph.text import money

__all__ = ["distribution_chart"]


FloatArray = NDArray[np.float64]


CHART_WIDTH = 780
CHART_LEFT = 210.0
CHART_RIGHT = 735.0
CHART_ROW = 92.0
CHART_BINS = 56


def distribution_chart(samples: Sequence[tuple[str, ArrayLike]], currency: str) -> Chart:
    """Histograms of annual cost, one row per plan, on one shared axis.

    The axis runs from 0 to a round figure above the largest 99th
    percentile, so one freak year does not squash the picture; years beyond it
    are counted in the row's note. Each histogram is scaled to its own
    tallest bin: a narrow spike is a predictable cost, a long flat tail is
    not. Under each histogram a bar spans the middle 80% of years (10th to
    90th percentile), with ticks at the median and the 99th percentile and a
    dot at the mean.

    >>> chart = distribution_chart([("A", [0.0, 10.0, 20.0]), ("B", [5.0, 5.0, 6.0])], "USD")
    >>> [t[1] for t in chart.ticks]
    ['$0', '$5', '$10', '$15', '$20']
    """
    arrays = [np.asarray(values, dtype=float) for _, values in samples]
    top = max((float(np.percentile(a, 99)) for a in arrays if a.size), default=0.0)
    step, limit = _axis(top)
    scale = (CHART_RIGHT - CHART_LEFT) / limit

    def x(value: float) -> float:
        return round(CHART_LEFT + min(value, limit) * scale, 1)

    rows = []
    for index, ((label, _), values) in enumerate(zip(samples, arrays, strict=True)):
        p10, p50, p90, p99 = (float(v) for v in np.percentile(values, [10, 50, 90, 99]))
        row_top = 24.0 + index * CHART_ROW
        rows.append(ChartRow(
            label=_label_lines(label),
            color=plan_color(index),
            top=row_top,
            area=_histogram_path(values, limit, row_top, x),
            p10=x(p10), p50=x(p50), p90=x(p90), p99=x(p99), mean=x(float(values.mean())),
            median=money(p50, currency),
            tail=money(p90, currency),
            beyond=int((values > limit).sum()),
        ))
    axis_y = 24.0 + len(rows) * CHART_ROW
    ticks = tuple(
        (x(step * i), money(step * i, currency)) for i in range(int(round(limit / step)) + 1)
    )
    return Chart(
        width=CHART_WIDTH,
        height=int(axis_y + 40),
        left=CHART_LEFT,
        right=CHART_RIGHT,
        row_height=CHART_ROW,
        axis_y=axis_y,
        ticks=ticks,
        rows=tuple(rows),
        years=max((a.size for a in arrays), default=0),
        limit=limit,
        limit_text=money(limit, currency),
    )


def _label_lines(label: str, width: int = 25) -> tuple[str, ...]:
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


def _histogram_path(
    values: FloatArray, limit: float, row_top: float, x: Callable[[float], float]
) -> str:
    """An SVG path of the histogram of ``values`` over [0, ``limit``], as steps.

    Values beyond ``limit`` are left out (the chart counts them in a note).
    """
    counts, edges = np.histogram(values, bins=CHART_BINS, range=(0, limit))
    tallest = max(int(counts.max()), 1)
    base = row_top + CHART_ROW - 34
    height = CHART_ROW - 44
    parts = [f"M{x(0.0)},{base}"]
    for count, left, right in zip(counts, edges[:-1], edges[1:], strict=True):
        y = round(base - height * int(count) / tallest, 1)
        parts.append(f"L{x(float(left))},{y}L{x(float(right))},{y}")
    parts.append(f"L{x(limit)},{base}Z")
    return "".join(parts)
