"""The figures of the report, as frozen view objects the template reads (no logic here)."""

from __future__ import annotations

from dataclasses import dataclass

from depgraph.costs.yearly import (
    Fragmentation,
)
from depgraph.inventory.models import Site
from depgraph.render.drill import FocusView
from depgraph.report.decision import Decision
from depgraph.report.fixes import FixList
from depgraph.report.timeline import Segment

__all__ = [
    "Chart",
    "ChartRow",
    "Chip",
    "ChipGroup",
    "Cover",
    "Handling",
    "PlanFigures",
    "Report",
    "Risk",
    "Row",
    "Story",
    "Table",
]


@dataclass(frozen=True)
class Cover:
    """The header of the report: the client's own description, who it is for and from, when.

    ``logo`` is a ``data:`` URI of the image (inlined, no request), or empty.
    """

    description: str
    prepared_for: str
    prepared_by: str
    date: str
    logo: str


@dataclass(frozen=True)
class Risk:
    """A single point of failure: what its failure takes down and what that costs."""

    id: str
    name: str
    vendor: str
    room: str
    services: tuple[str, ...]
    more_services: int
    people: int
    cost_per_hour: str
    restore: str
    per_failure: str
    failures_per_year: str


@dataclass(frozen=True)
class Handling:
    """One incident under one plan: who is called in turn, how long, and the bill."""

    plan: str
    detection: str
    detection_after: str
    chain: tuple[str, ...]
    handoffs: int
    restore: str
    labor: str
    downtime: str
    total: str
    baseline: bool
    timeline: tuple[Segment, ...]
    slower: str = ""
    """Why this plan takes longer than break-fix for this failure
    (:mod:`depgraph.report.slower`), or nothing."""


@dataclass(frozen=True)
class Story:
    """One costly break-fix incident told across every plan."""

    root: str
    effect: str
    handlings: tuple[Handling, ...]
    combined: str


@dataclass(frozen=True)
class PlanFigures:
    """One column of the plan comparison: expected and simulated annual cost."""

    name: str
    monthly_fee: str
    fee: str
    labor: str
    downtime: str
    expected: str
    mean: str
    std: str
    p50: str
    p90: str
    p99: str
    cheaper: str
    break_even: str
    color: int


@dataclass(frozen=True)
class ChartRow:
    """One option in the annual-cost chart; x values are in chart coordinates."""

    label: tuple[str, ...]
    color: int
    top: float
    p10: float
    p50: float
    p90: float
    expected: float
    fee: float
    median: str
    tail: str
    fee_text: str
    tail_anchor: str


@dataclass(frozen=True)
class Chart:
    """Annual cost per option on one axis: the middle 80% of years, median and 1 in 10."""

    width: int
    height: int
    left: float
    right: float
    row_height: float
    axis_y: float
    ticks: tuple[tuple[float, str], ...]
    rows: tuple[ChartRow, ...]
    years: int
    limit: float
    title: str


@dataclass(frozen=True)
class Row:
    """A generic table row: cells already formatted as text."""

    cells: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    """A table of assumptions: a caption, a header and rows.

    Cells from column ``numeric_from`` on are figures, aligned right; ``None``
    when the table has none.
    """

    caption: str
    note: str
    header: tuple[str, ...]
    rows: tuple[Row, ...]
    numeric_from: int | None


@dataclass(frozen=True)
class Chip:
    """A component in the clickable list of the "what if"."""

    id: str
    name: str
    spof: bool


@dataclass(frozen=True)
class ChipGroup:
    """The components of one room (or of no room) in the "what if" list."""

    label: str
    chips: tuple[Chip, ...]


@dataclass(frozen=True)
class Report:
    """Everything the report shows, formatted; :func:`render_report` lays it out."""

    site: Site
    version: str
    years: int
    seed: int
    cover: Cover
    decision: Decision
    fixes: FixList
    diagram: str
    printed_diagram: str
    chips: tuple[ChipGroup, ...]
    chip_list: bool
    spof_count: int
    risks: tuple[Risk, ...]
    fragmentation: Fragmentation
    stories: tuple[Story, ...]
    combined: str
    comparison: tuple[PlanFigures, ...]
    chart: Chart
    chart_note: str
    assumptions: tuple[Table, ...]
    what_if: str
    drill_downs: tuple[FocusView, ...] = ()
    hours_note: str = ""
    """What the failure timelines average over when the site has opening or working hours."""
    people_note: str = (
        "People are counted per service lost: someone who loses three services counts three times."
    )
