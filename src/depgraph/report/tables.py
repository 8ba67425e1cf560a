"""The assumptions appendix: every value the figures rest on, as tables a client can check."""

from __future__ import annotations

from typing import Any

from depgraph.costs.yearly import (
    assumptions,
)
from depgraph.engine.graph import graph_of
from depgraph.engine.people import people_note, service_people
from depgraph.inventory.container import Inventory
from depgraph.inventory.models import BREAK_FIX
from depgraph.report.model import Row, Table
from depgraph.report.sections import covers_text, party_name
from depgraph.report.timeline import hours_note
from depgraph.text import hours, money

__all__ = ["assumption_tables"]


def assumption_tables(inventory: Inventory, years: int, seed: int) -> tuple[Table, ...]:
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
    if hours_note(inventory):
        rows.insert(-1, (
            "Opening and working hours", "averaged over the week",
            "a failure is as likely to start at any quarter-hour of the week; times to restore, "
            "costs and the parts of each failure timeline are the mean over all 672 such starts, "
            "with each wrong-party call weighted by its chance"))
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
        line("Covers", lambda p: covers_text(inventory, p)),
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
    """The vendors' terms; with calendars, also the hours each one works."""
    currency = inventory.site.currency
    timed = any(v.hours != "24/7" for v in inventory.vendors)
    rows = tuple(
        Row((
            v.name,
            "per visit" if v.billing == "hourly" else "included",
            money(v.hourly_rate, currency) if v.billing == "hourly" else "–",
            money(v.trip_fee, currency) if v.billing == "hourly" else "–",
            _number(v.minimum_hours) if v.billing == "hourly" else "–",
            hours(v.response_hours),
            hours(v.diagnosis_hours),
            *((v.hours,) if timed else ()),
        ))
        for v in inventory.vendors
    )
    return Table(
        caption="Vendors under break-fix",
        note="",
        header=("Vendor", "Billing", "Rate /h", "Trip fee", "Min. hours", "Response",
                "Diagnosis", *(("Works",) if timed else ())),
        rows=rows,
        numeric_from=2,
    )


def _service_table(inventory: Inventory) -> Table:
    """The services; with calendars, also their hours and the cost of an hour down while closed."""
    currency = inventory.site.currency
    graph = graph_of(inventory)
    services = [inventory.service(graph.ids[n]) for n in graph.symptom_order]
    timed = any(inventory.service_hours(s) != "24/7" for s in inventory.services)
    rows = tuple(
        Row((
            s.name,
            party_name(inventory, BREAK_FIX, s.owner),
            service_people(inventory, s.id) if s.audience else f"{s.people:,}",
            money(s.cost_per_hour, currency),
            *((inventory.service_hours(s), money(s.cost_per_hour_closed, currency)) if timed else ()),
            hours(s.notice_hours),
        ))
        for s in services
    )
    extra = ("Hours", "Cost /h closed") if timed else ()
    return Table(
        caption="Services: what an hour of downtime costs",
        note=people_note(inventory) if inventory.audiences else "",
        header=("Service", "Called first", "People", "Cost /h", *extra, "Noticed after"),
        rows=rows,
        numeric_from=2,
    )


def _component_table(inventory: Inventory) -> Table:
    rows = tuple(
        Row((
            c.name,
            party_name(inventory, BREAK_FIX, c.vendor),
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
