"""Building the report: every figure gathered into a :class:`~depgraph.report.model.Report`, then HTML."""

from __future__ import annotations

import base64
from collections.abc import Sequence
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from depgraph.costs.yearly import expected_year, fragmentation
from depgraph.engine.blast import rank
from depgraph.engine.people import people_note
from depgraph.errors import UsageError
from depgraph.inventory.container import Inventory
from depgraph.inventory.logo import IMAGE_TYPES, NOT_AN_IMAGE, logo_path
from depgraph.inventory.models import ReportDetails
from depgraph.remedies import RemedyValue
from depgraph.render import render_svg
from depgraph.render.drill import drill_downs
from depgraph.report.chart import distribution_chart
from depgraph.report.decision import decide
from depgraph.report.fixes import fix_list
from depgraph.report.model import Cover, Report
from depgraph.report.printed import printed_overview
from depgraph.report.sections import (
    chart_note,
    combined_failures,
    costliest_stories,
    plan_comparison,
    top_risks,
)
from depgraph.report.tables import assumption_tables
from depgraph.report.timeline import hours_note
from depgraph.report.what_if import DIAGRAM_GROUP_BY, component_chips, what_if_json
from depgraph.simulation.summary import summarize
from depgraph.simulation.years import simulate_years
from depgraph.version import __version__

__all__ = ["DEFAULT_SEED", "DEFAULT_YEARS", "build_report", "cover_of", "render_report",
           "report_html"]


DEFAULT_YEARS = 10_000
"""Simulated years unless told otherwise: the same as ``compare`` (``cli.md``), so the figures agree."""

DEFAULT_SEED = 0
"""The simulation seed unless told otherwise: the same as ``compare``."""

TOP_RISKS = 10
"""How many single points of failure the top-risks table lists."""

CHIP_LIMIT = 250
"""Up to this many components the "what if" lists them as buttons; beyond, in a drop-down."""

def cover_of(inventory: Inventory, details: ReportDetails | None = None,
             base: Path | None = None) -> Cover:
    """The report's header: ``details`` (options) over the inventory's ``report:`` section.

    A logo path is read relative to ``base`` (the inventory's folder) and
    inlined as a ``data:`` URI. Raises :class:`UsageError` for a logo that
    cannot be read or is not an image.
    """
    given = inventory.report
    override = details or ReportDetails()

    def pick(name: str) -> str:
        value = getattr(override, name) or getattr(given, name)
        return str(value) if value else ""

    logo = pick("logo")
    return Cover(
        description=inventory.site.description or "",
        prepared_for=pick("prepared_for"),
        prepared_by=pick("prepared_by"),
        date=pick("date"),
        logo=_inline(logo_path(logo, None if override.logo else base))
        if logo else "",
    )


def _inline(path: Path) -> str:
    kind = IMAGE_TYPES.get(path.suffix.lower())
    if kind is None:
        raise UsageError(f"{path}: {NOT_AN_IMAGE}")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise UsageError(f"{path}: cannot read the logo ({error.strerror or error})") from None
    return f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"


def build_report(
    inventory: Inventory, *, years: int = DEFAULT_YEARS, seed: int = DEFAULT_SEED,
    details: ReportDetails | None = None, base: Path | None = None,
    remedies: Sequence[RemedyValue] = (),
) -> Report:
    """Every figure of the report of ``inventory``, with ``years`` simulated years from ``seed``.

    ``details`` (who the report is for and from, date, logo) override the
    inventory's ``report:`` section; ``base`` is the folder a logo path is
    relative to; ``remedies`` are the priced remedies as
    :func:`depgraph.remedies.evaluate` values them (best first).
    """
    years_figures = simulate_years(inventory, years, seed)
    simulation = summarize(inventory, years_figures, seed)
    comparison = plan_comparison(inventory, simulation.plans)
    expected = [expected_year(inventory, s.plan) for s in simulation.plans]
    spofs = [r.id for r in rank(inventory) if r.spof]
    risks = top_risks(inventory, spofs, TOP_RISKS)
    currency = inventory.site.currency
    decision = decide(inventory, simulation.plans)
    return Report(
        site=inventory.site,
        version=__version__,
        years=years,
        seed=seed,
        cover=cover_of(inventory, details, base),
        decision=decision,
        fixes=fix_list(inventory, remedies, decision.options[decision.recommended].plan),
        diagram=render_svg(inventory, group_by=DIAGRAM_GROUP_BY),
        printed_diagram=printed_overview(inventory),
        chips=component_chips(inventory, set(spofs)),
        chip_list=len(inventory.components) <= CHIP_LIMIT,
        spof_count=len(spofs),
        risks=risks,
        fragmentation=fragmentation(inventory),
        stories=costliest_stories(inventory, simulation.plans[0].combined),
        combined=combined_failures(inventory, comparison, simulation.plans),
        comparison=comparison,
        chart=distribution_chart(
            [(p.name, f.cost, y.fee, y.annual_cost)
             for p, f, y in zip(comparison, years_figures, expected, strict=True)],
            currency,
        ),
        chart_note=chart_note(comparison, [y.annual_cost for y in expected],
                              [s.mean for s in simulation.plans], currency),
        assumptions=assumption_tables(inventory, years, seed),
        what_if=what_if_json(inventory),
        drill_downs=drill_downs(inventory),
        people_note=people_note(inventory),
        hours_note=hours_note(inventory),
    )


def render_report(report: Report) -> str:
    """The report as one self-contained HTML document."""
    template = _environment().get_template("report.html.j2")
    return template.render(
        report=report,
        diagram=Markup(report.diagram),
        printed_diagram=Markup(report.printed_diagram),
        what_if=Markup(report.what_if),
        drill_downs=[(view.element_id, view.title, Markup(view.svg))
                     for view in report.drill_downs],
    )


def report_html(
    inventory: Inventory, *, years: int = DEFAULT_YEARS, seed: int = DEFAULT_SEED,
    details: ReportDetails | None = None, base: Path | None = None,
    remedies: Sequence[RemedyValue] = (),
) -> str:
    """The HTML report of ``inventory``: :func:`build_report` then :func:`render_report`."""
    return render_report(build_report(inventory, years=years, seed=seed, details=details,
                                      base=base, remedies=remedies))


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

