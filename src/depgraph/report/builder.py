"""The proposal report: one self-contained HTML file a client can read.

:func:`build_report` gathers every figure the report shows (a :class:`Report`);
:func:`render_report` turns it into HTML through the Jinja2 templates in
``depgraph/templates``. The page makes no network request of any kind: the
dependency diagram and the cost chart are inline SVG, the style sheet and the
script are inline, fonts are the reader's system fonts.

The report has, in order: the site at a glance; the dependency diagram with an
interactive "what if" (click a component, in the diagram or in the list, to
see its blast radius); the top risks (single points of failure by cost per
hour); the fragmentation story (the costliest break-fix incidents, their
chains of vendors, and the same incidents under each plan); the plan
comparison (expected and simulated annual cost, the distribution of annual
cost per plan, the break-even fees in words); and every assumption.

The "what if" reads the single-failure down set of every component from a
JSON document embedded in the page, escaped so that no name can close the
``<script>`` element that holds it. The simulation runs
:data:`DEFAULT_YEARS` years unless told otherwise: enough for stable
percentiles, quick enough for a report. The same inventory, years and seed
give the same file, byte for byte.

Example:

>>> from depgraph import load_inventory
>>> inv = load_inventory('''
... version: 1
... site: {name: demo}
... vendors: [{id: netco}]
... components:
...   - {id: router, category: network, vendor: netco}
... services:
...   - {id: internet, requires: [router], cost_per_hour: 20, people: 4}
... plans:
...   - {id: care, monthly_fee: 100}
... ''')
>>> report = build_report(inv, years=50, seed=1)
>>> [risk.id for risk in report.risks]
['router']
>>> html = render_report(report)
>>> html.startswith("<!DOCTYPE html>") and "https://" not in html
True
"""

from __future__ import annotations

import json
import math
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup
from numpy.typing import ArrayLike, NDArray

from depgraph.costs.incidents import Incident, Party, incident, incidents
from depgraph.costs.plans import plan_ids
from depgraph.costs.yearly import (
    Fragmentation,
    assumptions,
    break_even_sentence,
    expected_year,
    fragmentation,
)
from depgraph.engine.blast import rank
from depgraph.engine.graph import graph_of
from depgraph.inventory.models import BREAK_FIX, Inventory, Plan, Site
from depgraph.render import build_scene, render_svg
from depgraph.simulation.simulator import simulate_years
from depgraph.simulation.summary import PlanSimulation, summarize
from depgraph.text import hours, money
from depgraph.version import __version__

FloatArray = NDArray[np.float64]

DEFAULT_YEARS = 2000
"""Simulated years unless told otherwise: stable percentiles in about a second."""

DEFAULT_SEED = 0
"""The simulation seed unless told otherwise."""

TOP_RISKS = 10
"""How many single points of failure the top-risks table lists."""

SHOWN_SERVICES = 3
"""How many of the services a risk takes down are named; the rest are counted."""

TOP_INCIDENTS = 5
"""How many of the costliest break-fix incidents the fragmentation story tells."""

CHIP_LIMIT = 250
"""Up to this many components the "what if" lists them as buttons; beyond, in a drop-down."""

DIAGRAM_GROUP_BY = "room"
"""How the report's diagram clusters components: by room, as a client walks the site."""


@dataclass(frozen=True)
class Figure:
    """One headline figure: a value and what it counts."""

    value: str
    label: str


@dataclass(frozen=True)
class VendorRow:
    """A vendor at a glance: who it is and how much of the site it owns."""

    name: str
    trade: str
    billing: str
    components: int


@dataclass(frozen=True)
class PlanRow:
    """A plan at a glance: who the partner is, the fee and what it covers."""

    name: str
    partner: str
    monthly_fee: str
    covers: str


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


@dataclass(frozen=True)
class Story:
    """One costly break-fix incident told across every plan."""

    root: str
    effect: str
    handlings: tuple[Handling, ...]


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
    break_even: str | None
    verdict: str | None
    color: int


@dataclass(frozen=True)
class ChartRow:
    """One plan in the distribution chart; x values are in chart coordinates."""

    label: tuple[str, ...]
    color: int
    top: float
    area: str
    p10: float
    p50: float
    p90: float
    p99: float
    mean: float
    median: str
    tail: str
    beyond: int


@dataclass(frozen=True)
class Chart:
    """The distribution of annual cost per plan, drawn as histograms on one axis."""

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
    limit_text: str


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
    summary: tuple[str, ...]
    figures: tuple[Figure, ...]
    vendors: tuple[VendorRow, ...]
    plans: tuple[PlanRow, ...]
    diagram: str
    chips: tuple[ChipGroup, ...]
    chip_list: bool
    spof_count: int
    risks: tuple[Risk, ...]
    fragmentation: Fragmentation
    stories: tuple[Story, ...]
    comparison: tuple[PlanFigures, ...]
    chart: Chart
    assumptions: tuple[Table, ...]
    what_if: str


def build_report(
    inventory: Inventory, *, years: int = DEFAULT_YEARS, seed: int = DEFAULT_SEED
) -> Report:
    """Every figure of the report of ``inventory``, with ``years`` simulated years from ``seed``."""
    years_figures = simulate_years(inventory, years, seed)
    simulation = summarize(inventory, years_figures, seed)
    comparison = _comparison(inventory, simulation.plans)
    spofs = [r.id for r in rank(inventory) if r.spof]
    risks = tuple(_risk(inventory, component_id) for component_id in spofs[:TOP_RISKS])
    return Report(
        site=inventory.site,
        version=__version__,
        years=years,
        seed=seed,
        summary=_summary(comparison, len(spofs), risks),
        figures=_figures(inventory, len(spofs)),
        vendors=_vendor_rows(inventory),
        plans=_plan_rows(inventory),
        diagram=render_svg(inventory, group_by=DIAGRAM_GROUP_BY),
        chips=_chips(inventory, set(spofs)),
        chip_list=len(inventory.components) <= CHIP_LIMIT,
        spof_count=len(spofs),
        risks=risks,
        fragmentation=fragmentation(inventory),
        stories=_stories(inventory),
        comparison=comparison,
        chart=distribution_chart(
            [(p.name, f.cost) for p, f in zip(comparison, years_figures, strict=True)],
            inventory.site.currency,
        ),
        assumptions=_assumption_tables(inventory, years, seed),
        what_if=what_if_json(inventory),
    )


def render_report(report: Report) -> str:
    """The report as one self-contained HTML document."""
    template = _environment().get_template("report.html.j2")
    return template.render(
        report=report,
        diagram=Markup(report.diagram),
        what_if=Markup(report.what_if),
    )


def report_html(
    inventory: Inventory, *, years: int = DEFAULT_YEARS, seed: int = DEFAULT_SEED
) -> str:
    """The HTML report of ``inventory``: :func:`build_report` then :func:`render_report`."""
    return render_report(build_report(inventory, years=years, seed=seed))


def _environment() -> Environment:
    """Jinja2 with HTML autoescaping: every name from the inventory is printed as text."""
    return Environment(
        loader=PackageLoader("depgraph.report", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


# -- the "what if" data ---------------------------------------------------------------


def what_if_json(inventory: Inventory) -> str:
    """The "what if" data as JSON text that is safe inside a ``<script>`` element.

    For every component: its name; its single-failure down set, as computed
    by :meth:`DependencyGraph.down <depgraph.engine.graph.DependencyGraph.down>`
    (``down``: components by id, itself included; ``services``: the costliest
    first); the nodes it leaves *held* (``held``: up only thanks to
    redundancy, because a clause lost a member and still holds); the cost
    per hour and people of what is lost. For every service: its name, cost
    per hour and people. ``elements`` maps each SVG element id of the diagram
    to the ids it draws (several for a group of identical parts).

    ``<``, ``>`` and ``&`` are written as ``\\u003c``, ``\\u003e`` and
    ``\\u0026`` (still valid JSON), so that a name containing ``</script>``
    or ``<!--`` cannot end or disturb the element.

    >>> from depgraph import load_inventory
    >>> inv = load_inventory('''
    ... version: 1
    ... site: {name: demo}
    ... components: [{id: a, name: "</script>", category: other}]
    ... ''')
    >>> text = what_if_json(inv)
    >>> "</" in text, json.loads(text)["components"]["a"]["name"]
    (False, '</script>')
    """
    graph = graph_of(inventory)
    currency = inventory.site.currency
    components: dict[str, Any] = {}
    for node, component in enumerate(inventory.components):
        down = graph.down([node])
        held = {graph.clause_node[c] for n in down for c in graph.dependents[n]} - down
        cost = sum(graph.cost_per_hour[n] for n in down)
        components[component.id] = {
            "name": component.name,
            "down": sorted(graph.ids[n] for n in down if not graph.is_service(n)),
            "services": _by_cost(inventory, [graph.ids[n] for n in down if graph.is_service(n)]),
            "held": sorted(graph.ids[n] for n in held),
            "cost": f"{money(cost, currency)}/h",
            "people": sum(graph.people[n] for n in down),
        }
    services = {
        s.id: {"name": s.name, "cost": f"{money(s.cost_per_hour, currency)}/h", "people": s.people}
        for s in inventory.services
    }
    elements = build_scene(inventory, group_by=DIAGRAM_GROUP_BY).elements
    document = {
        "components": components,
        "services": services,
        "elements": {key: list(members) for key, members in elements.items()},
    }
    text = json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _chips(inventory: Inventory, spofs: set[str]) -> tuple[ChipGroup, ...]:
    """The components by room, rooms in order of first appearance, unplaced ones last."""
    rooms: dict[str | None, list[Chip]] = {}
    for component in inventory.components:
        chip = Chip(component.id, component.name, component.id in spofs)
        rooms.setdefault(component.room, []).append(chip)
    placed = [ChipGroup(room, tuple(chips)) for room, chips in rooms.items() if room is not None]
    unplaced = rooms.get(None)
    if unplaced:
        placed.append(ChipGroup("No room given" if placed else "Components", tuple(unplaced)))
    return tuple(placed)


# -- at a glance ------------------------------------------------------------------------


def _figures(inventory: Inventory, spof_count: int) -> tuple[Figure, ...]:
    """The headline counts."""
    owners = {c.vendor for c in inventory.components if c.vendor is not None}
    return (
        Figure(f"{len(inventory.components):,}", _plural(len(inventory.components), "component")),
        Figure(f"{len(inventory.services):,}", _plural(len(inventory.services), "service")),
        Figure(f"{len(owners):,}", _plural(len(owners), "vendor") + " on call"),
        Figure(f"{spof_count:,}", _plural(spof_count, "single point") + " of failure"),
        Figure(f"{len(inventory.plans):,}", _plural(len(inventory.plans), "plan") + " compared"),
    )


def _plural(n: int, word: str) -> str:
    return word if n == 1 else f"{word}s"


def _vendor_rows(inventory: Inventory) -> tuple[VendorRow, ...]:
    """Every vendor in file order with the number of components it supports."""
    owned: dict[str, int] = {}
    for component in inventory.components:
        if component.vendor is not None:
            owned[component.vendor] = owned.get(component.vendor, 0) + 1
    return tuple(
        VendorRow(
            name=v.name,
            trade=v.trade or "",
            billing="per visit" if v.billing == "hourly" else "included",
            components=owned.get(v.id, 0),
        )
        for v in inventory.vendors
    )


def _covers(inventory: Inventory, plan: Plan) -> str:
    if plan.covers == "all":
        return "every hourly vendor and every unowned component"
    return ", ".join(inventory.vendor(v).name for v in plan.covers)


def _plan_rows(inventory: Inventory) -> tuple[PlanRow, ...]:
    currency = inventory.site.currency
    return tuple(
        PlanRow(p.name, p.partner, money(p.monthly_fee, currency), _covers(inventory, p))
        for p in inventory.plans
    )


def _summary(
    comparison: Sequence[PlanFigures], spof_count: int, risks: Sequence[Risk]
) -> tuple[str, ...]:
    """The findings in a few sentences: the exposure, the worst risk, each plan's verdict."""
    baseline = comparison[0]
    lines = [
        f"Under break-fix, failures are expected to cost this site {baseline.expected} a year "
        f"({baseline.labor} in labor, {baseline.downtime} in downtime); one year in ten costs "
        f"more than {baseline.p90}.",
    ]
    if risks:
        worst = risks[0]
        count = "One component" if spof_count == 1 else f"{spof_count} components"
        lines.append(
            f"{count} can each take a service down alone. The costliest, {worst.name}, "
            f"stops {_count(len(worst.services) + worst.more_services, 'service')} at "
            f"{worst.cost_per_hour}; one failure costs about {worst.per_failure} under break-fix."
        )
    else:
        lines.append("No single component can take a service down alone.")
    lines += [f"{p.break_even} {p.verdict}" for p in comparison[1:]]
    return tuple(lines)


def _count(n: int, word: str) -> str:
    return f"{n:,} {_plural(n, word)}"


# -- top risks --------------------------------------------------------------------------


def _risk(inventory: Inventory, component_id: str) -> Risk:
    """A single point of failure with the break-fix cost of one failure."""
    currency = inventory.site.currency
    component = inventory.component(component_id)
    event = incident(inventory, BREAK_FIX, component_id)
    lost = _by_cost(inventory, event.down_services)
    return Risk(
        id=component.id,
        name=component.name,
        vendor=_party_name(inventory, BREAK_FIX, component.vendor),
        room=component.room or "",
        services=tuple(inventory.service(s).name for s in lost[:SHOWN_SERVICES]),
        more_services=max(len(lost) - SHOWN_SERVICES, 0),
        people=event.service_people,
        cost_per_hour=f"{money(event.service_cost_per_hour, currency)}/h",
        restore=hours(event.hours),
        per_failure=money(event.total, currency),
        failures_per_year=f"{component.failures_per_year:g}",
    )


def _plan_name(inventory: Inventory, plan_id: str) -> str:
    return "Break-fix" if plan_id == BREAK_FIX else inventory.plan(plan_id).name


def _by_cost(inventory: Inventory, service_ids: Sequence[str]) -> list[str]:
    """Service ids, the most costly per hour first, then most people, then by id."""
    services = sorted(
        map(inventory.service, service_ids), key=lambda s: (-s.cost_per_hour, -s.people, s.id)
    )
    return [s.id for s in services]


def _party_name(inventory: Inventory, plan_id: str, party: Party) -> str:
    """A party as the client knows it: the vendor, the plan's partner, or nobody yet."""
    if party is None:
        return "nobody on file"
    if plan_id != BREAK_FIX and party == plan_id:
        return inventory.plan(plan_id).partner
    return inventory.vendor(party).name


# -- the fragmentation story ------------------------------------------------------------


def _stories(inventory: Inventory) -> tuple[Story, ...]:
    """The costliest break-fix incidents, each with its handling under every plan."""
    costly = sorted(
        (i for i in incidents(inventory) if i.total > 0), key=lambda i: (-i.total, i.root)
    )
    return tuple(
        Story(
            root=inventory.component(event.root).name,
            effect=_effect(inventory, event),
            handlings=tuple(
                _handling(inventory, incident(inventory, plan_id, event.root))
                for plan_id in plan_ids(inventory)
            ),
        )
        for event in costly[:TOP_INCIDENTS]
    )


def _effect(inventory: Inventory, event: Incident) -> str:
    currency = inventory.site.currency
    if event.symptom is None:
        return "no service goes down, so nobody notices"
    names = [inventory.service(s).name for s in event.down_services]
    lost = names[0] if len(names) == 1 else f"{len(names)} services"
    return f"{lost} down, {money(event.service_cost_per_hour, currency)} an hour"


_DETECTION = {"monitoring": "monitoring alert", "symptom": "someone notices", "latent": "found by chance"}


def _handling(inventory: Inventory, event: Incident) -> Handling:
    currency = inventory.site.currency
    return Handling(
        plan=_plan_name(inventory, event.plan),
        detection=_DETECTION[event.detection],
        detection_after=hours(event.detection_hours),
        chain=tuple(_party_name(inventory, event.plan, p) for p in event.parties),
        handoffs=event.handoffs,
        restore=hours(event.hours),
        labor=money(event.labor, currency),
        downtime=money(event.downtime_cost, currency),
        total=money(event.total, currency),
        baseline=event.plan == BREAK_FIX,
    )


# -- the plan comparison ----------------------------------------------------------------


def _comparison(
    inventory: Inventory, simulated: Sequence[PlanSimulation]
) -> tuple[PlanFigures, ...]:
    """Break-fix and every plan: fee, expected parts and total, simulated statistics."""
    currency = inventory.site.currency
    baseline_year = expected_year(inventory, BREAK_FIX)
    rows = []
    for index, stats in enumerate(simulated):
        year = expected_year(inventory, stats.plan)
        cheaper = stats.cheaper_than_break_fix
        rows.append(PlanFigures(
            name=_plan_name(inventory, stats.plan),
            monthly_fee=money(year.monthly_fee, currency),
            fee=money(year.fee, currency),
            labor=money(year.labor, currency),
            downtime=money(year.downtime_cost, currency),
            expected=money(year.annual_cost, currency),
            mean=money(stats.mean, currency),
            std=money(stats.std, currency),
            p50=money(stats.p50, currency),
            p90=money(stats.p90, currency),
            p99=money(stats.p99, currency),
            cheaper="" if cheaper is None else _percent(cheaper),
            break_even=None if stats.plan == BREAK_FIX else break_even_sentence(inventory, year),
            verdict=None if stats.plan == BREAK_FIX else _verdict(
                baseline_year.annual_cost - year.annual_cost, stats, simulated[0], currency),
            color=_plan_color(index),
        ))
    return tuple(rows)


def _plan_color(index: int) -> int:
    """The colour slot of the plan at ``index`` (break-fix first): 0 for break-fix, then 1-5.

    >>> [_plan_color(i) for i in range(8)]
    [0, 1, 2, 3, 4, 5, 1, 2]
    """
    return 0 if index == 0 else 1 + (index - 1) % 5


def _percent(share: float) -> str:
    """A share as a whole percentage that never rounds to a misleading 0% or 100%.

    >>> _percent(0.5), _percent(0.001), _percent(0.9995), _percent(1.0)
    ('50%', 'under 1%', 'over 99%', '100%')
    """
    if 0 < share < 0.01:
        return "under 1%"
    if 0.99 < share < 1:
        return "over 99%"
    return f"{100 * share:.0f}%"


def _verdict(
    saving: float, plan: PlanSimulation, baseline: PlanSimulation, currency: str
) -> str:
    """What the plan does at its quoted fee: the expected saving, and how steady the bill is."""
    steadier = (
        f"one year in ten costs more than {money(plan.p90, currency)}, against "
        f"{money(baseline.p90, currency)} under break-fix"
    )
    if saving >= 0:
        return (
            f"At the quoted fee it saves {money(saving, currency)} in an expected year; "
            f"{steadier}."
        )
    return (
        f"At the quoted fee it costs {money(-saving, currency)} more than break-fix in an "
        f"expected year; in exchange, {steadier}."
    )


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
            color=_plan_color(index),
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


# -- assumptions ------------------------------------------------------------------------


def _assumption_tables(inventory: Inventory, years: int, seed: int) -> tuple[Table, ...]:
    """Every value the figures rest on, grouped as a client would check them."""
    return (
        _model_table(inventory, years, seed),
        _plan_table(inventory),
        _vendor_table(inventory),
        _service_table(inventory),
        _component_table(inventory),
    )


def _number(value: float) -> str:
    return f"{value:,g}"


def _model_table(inventory: Inventory, years: int, seed: int) -> Table:
    currency = inventory.site.currency
    values = assumptions(inventory)
    terms = values["default_vendor"]
    rows = [
        ("Wrong party called first", f"{100 * values['blame_probability']:g}%",
         "chance that, at a hand-off between two break-fix parties, the client first calls "
         "a party that cannot fix it"),
        ("Silent failure found after", f"{_number(values['latent_discovery_days'])} days",
         "a failure nothing shows and nobody monitors"),
        ("Finding someone for an unowned part", hours(values["unowned_search_hours"]),
         "the client's own time when no vendor is on file"),
        ("Spread of repair times", _number(values["duration_spread"]),
         "coefficient of variation of simulated times to restore"),
        ("Other trades: rate and trip fee",
         f"{money(terms['hourly_rate'], currency)}/h + {money(terms['trip_fee'], currency)}",
         f"minimum {_number(terms['minimum_hours'])} h billed; terms of a wrong-party call "
         "and of an unowned part"),
        ("Other trades: response and diagnosis",
         f"{hours(terms['response_hours'])} + {hours(terms['diagnosis_hours'])}", ""),
        ("Simulation", f"{years:,} years, seed {seed}",
         "failures drawn year by year; the same seed gives the same figures"),
    ]
    return Table(
        caption="Model",
        note="",
        header=("Assumption", "Value", "Meaning"),
        rows=tuple(Row(r) for r in rows),
        numeric_from=None,
    )


def _plan_table(inventory: Inventory) -> Table:
    currency = inventory.site.currency
    plans = inventory.plans

    def line(label: str, cell: Any) -> Row:
        return Row((label, *(cell(p) for p in plans)))

    rows = (
        line("Partner", lambda p: p.partner),
        line("Monthly fee", lambda p: money(p.monthly_fee, currency)),
        line("Covers", lambda p: _covers(inventory, p)),
        line("Alert after a failure", lambda p: hours(p.detection_hours)),
        line("On-site response", lambda p: hours(p.response_hours)),
        line("Diagnosis", lambda p: hours(p.diagnosis_hours)),
        line("Fixed remotely", lambda p: f"{100 * p.remote_fix_rate:g}%"),
        line("Failures prevented", lambda p: f"{100 * p.failure_reduction:g}%"),
    )
    return Table(
        caption="Plans",
        note="Break-fix is the baseline: every component stays with its own vendor and "
             "nobody watches the site.",
        header=("", *(p.name for p in plans)),
        rows=rows if plans else (),
        numeric_from=None,
    )


def _vendor_table(inventory: Inventory) -> Table:
    currency = inventory.site.currency
    rows = tuple(
        Row((
            v.name,
            "per visit" if v.billing == "hourly" else "included",
            money(v.hourly_rate, currency) if v.billing == "hourly" else "–",
            money(v.trip_fee, currency) if v.billing == "hourly" else "–",
            _number(v.minimum_hours) if v.billing == "hourly" else "–",
            hours(v.response_hours),
            hours(v.diagnosis_hours),
        ))
        for v in inventory.vendors
    )
    return Table(
        caption="Vendors under break-fix",
        note="",
        header=("Vendor", "Billing", "Rate /h", "Trip fee", "Min. hours", "Response",
                "Diagnosis"),
        rows=rows,
        numeric_from=2,
    )


def _service_table(inventory: Inventory) -> Table:
    currency = inventory.site.currency
    rows = tuple(
        Row((
            s.name,
            _party_name(inventory, BREAK_FIX, s.owner),
            f"{s.people:,}",
            money(s.cost_per_hour, currency),
            hours(s.notice_hours),
        ))
        for s in sorted(inventory.services, key=lambda s: (-s.cost_per_hour, -s.people, s.id))
    )
    return Table(
        caption="Services: what an hour of downtime costs",
        note="",
        header=("Service", "Called first", "People", "Cost /h", "Noticed after"),
        rows=rows,
        numeric_from=2,
    )


def _component_table(inventory: Inventory) -> Table:
    rows = tuple(
        Row((
            c.name,
            _party_name(inventory, BREAK_FIX, c.vendor),
            c.room or "",
            f"{c.failures_per_year:g}",
            hours(c.repair_hours),
            "yes" if c.monitored else "no",
        ))
        for c in inventory.components
    )
    return Table(
        caption="Components: how often they fail",
        note="",
        header=("Component", "Vendor", "Room", "Failures /yr", "Repair", "Monitorable"),
        rows=rows,
        numeric_from=3,
    )

