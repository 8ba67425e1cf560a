"""Building the report: every figure gathered into a :class:`~depgraph.report.model.Report`, then HTML."""

from __future__ import annotations

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from depgraph.costs.yearly import (
    fragmentation,
)
from depgraph.engine.blast import rank
from depgraph.inventory.models import Inventory
from depgraph.render import render_svg
from depgraph.render.drill import drill_downs
from depgraph.report.chart import distribution_chart
from depgraph.report.model import Report
from depgraph.report.sections import (
    combined_failures,
    costliest_stories,
    headline_figures,
    plan_comparison,
    plan_rows,
    risk_of,
    summary_lines,
    vendor_rows,
)
from depgraph.report.tables import assumption_tables
from depgraph.report.what_if import DIAGRAM_GROUP_BY, component_chips, what_if_json
from depgraph.simulation.simulator import simulate_years
from depgraph.simulation.summary import summarize
from depgraph.version import __version__

__all__ = ["DEFAULT_SEED", "DEFAULT_YEARS", "build_report", "render_report", "report_html"]


DEFAULT_YEARS = 2000
"""Simulated years unless told otherwise: stable percentiles in about a second."""

DEFAULT_SEED = 0
"""The simulation seed unless told otherwise."""

TOP_RISKS = 10
"""How many single points of failure the top-risks table lists."""


CHIP_LIMIT = 250
"""Up to this many components the "what if" lists them as buttons; beyond, in a drop-down."""



def build_report(
    inventory: Inventory, *, years: int = DEFAULT_YEARS, seed: int = DEFAULT_SEED
) -> Report:
    """Every figure of the report of ``inventory``, with ``years`` simulated years from ``seed``."""
    years_figures = simulate_years(inventory, years, seed)
    simulation = summarize(inventory, years_figures, seed)
    comparison = plan_comparison(inventory, simulation.plans)
    spofs = [r.id for r in rank(inventory) if r.spof]
    risks = tuple(risk_of(inventory, component_id) for component_id in spofs[:TOP_RISKS])
    return Report(
        site=inventory.site,
        version=__version__,
        years=years,
        seed=seed,
        summary=summary_lines(comparison, len(spofs), risks),
        figures=headline_figures(inventory, len(spofs)),
        vendors=vendor_rows(inventory),
        plans=plan_rows(inventory),
        diagram=render_svg(inventory, group_by=DIAGRAM_GROUP_BY),
        chips=component_chips(inventory, set(spofs)),
        chip_list=len(inventory.components) <= CHIP_LIMIT,
        spof_count=len(spofs),
        risks=risks,
        fragmentation=fragmentation(inventory),
        stories=costliest_stories(inventory, simulation.plans[0].combined),
        combined=combined_failures(inventory, comparison, simulation.plans),
        comparison=comparison,
        chart=distribution_chart(
            [(p.name, f.cost) for p, f in zip(comparison, years_figures, strict=True)],
            inventory.site.currency,
        ),
        assumptions=assumption_tables(inventory, years, seed),
        what_if=what_if_json(inventory),
        drill_downs=drill_downs(inventory),
    )


def render_report(report: Report) -> str:
    """The report as one self-contained HTML document."""
    template = _environment().get_template("report.html.j2")
    return template.render(
        report=report,
        diagram=Markup(report.diagram),
        what_if=Markup(report.what_if),
        drill_downs=[(view.element_id, view.title, Markup(view.svg))
                     for view in report.drill_downs],
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
