"""``depgraph incidents FILE [--plan ID]``: who is called and what each failure costs."""

from __future__ import annotations

import argparse
from typing import Any

from depgraph.cli.commands.arguments import whole_number
from depgraph.costs.incidents import LATENT, MONITORING, Incident, Party, incidents
from depgraph.costs.plans import party_name
from depgraph.costs.schedules import hours_lines, plain
from depgraph.costs.timeline import Timeline, milestones
from depgraph.costs.yearly import assumptions
from depgraph.inventory.calendars import weekday_time
from depgraph.inventory.container import Inventory
from depgraph.inventory.models import BREAK_FIX
from depgraph.jsontext import to_json
from depgraph.loading import load_inventory
from depgraph.text import assumption_lines, hours, money, possessive

__all__ = ["describe", "register", "run", "story"]


def register(commands: Any) -> None:
    """Add the ``incidents`` command."""
    parser = commands.add_parser(
        "incidents", help="one incident per component: who is called and what it costs"
    )
    parser.add_argument("file", help="inventory YAML file, or - for standard input")
    parser.add_argument(
        "--plan", default=BREAK_FIX, metavar="ID",
        help="a plan id, or break-fix for the baseline (the default)",
    )
    parser.add_argument(
        "--top", type=whole_number, metavar="N", help="show only the N costliest (readable output only)"
    )
    parser.add_argument("--json", action="store_true", help="print JSON (see cli.md)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print every incident as JSON, or the costly ones as one-line stories."""
    inventory = load_inventory(args.file)
    found = incidents(inventory, args.plan)
    if args.json:
        document = {"plan": args.plan, "incidents": [i.to_json() for i in found]}
        print(to_json(document), end="")
    else:
        print(describe(inventory, args.plan, found, args.top), end="")
    return 0


def describe(inventory: Inventory, plan_id: str, found: list[Incident], top: int | None) -> str:
    """The incidents that cost something, costliest first, then the assumptions used."""
    costly = sorted((i for i in found if i.total > 0), key=lambda i: (-i.total, i.root))
    shown = costly if top is None else costly[:top]
    title = "break-fix (no plan)" if plan_id == BREAK_FIX else inventory.plan(plan_id).name
    lines = [f"Incidents under {title}: {len(costly)} of {len(found)} failures cost something"]
    if len(shown) < len(costly):
        lines[0] += f"; the {len(shown)} costliest:"
    lines += [f"  {story(inventory, i)}" for i in shown]
    lines += ["", *assumption_lines(assumptions(inventory)), *hours_lines(inventory)]
    return "\n".join(lines) + "\n"


def story(inventory: Inventory, incident: Incident) -> str:
    """One incident in one line a client understands.

    For example: "core-switch fails → Boardroom video calls down; Bright AV is
    called first, hands off to NetCo; restored after 84 h; $965 labor +
    $42,776 downtime".
    """
    currency = inventory.site.currency
    root = inventory.component(incident.root).name
    restored = f"restored after {hours(incident.hours)}"
    timeline = incident.timeline
    if timeline is not None and not plain(timeline):
        restored += f" on average ({_friday_evening(inventory, incident, timeline)})"
    return (
        f"{root} fails → {_effect(inventory, incident)}; {_calls(inventory, incident)}; "
        f"{restored}; {money(incident.labor, currency)} labor + "
        f"{money(incident.downtime_cost, currency)} downtime"
    )


FRIDAY_EVENING = 4 * 24 + 18.0
"""The start of the worked example of an incident on calendars: Friday 18:00."""


def _friday_evening(inventory: Inventory, incident: Incident, timeline: Timeline) -> str:
    """"failing Friday 18:00, restored after 62 h: noticed Monday 08:30, NetCo arrives ...".

    The timeline without misdirection, step by step.
    """
    detected, steps = milestones(timeline, FRIDAY_EVENING)
    seen = {MONITORING: "alert", LATENT: "found"}.get(incident.detection, "noticed")
    events = [f"{seen} {weekday_time(detected)}"]
    step = 0
    for party in incident.parties:
        name = _party_name(inventory, incident.plan, party)
        if party is None:
            events.append(f"a contractor found {weekday_time(steps[step][1])}")
            step += 1
            name = "the contractor"
        events.append(f"{name} at work {weekday_time(steps[step][0])}")
        step += 1
    end = steps[-1][1] if steps else detected
    return (
        f"failing {weekday_time(FRIDAY_EVENING)}, restored after {hours(end - FRIDAY_EVENING)}: "
        + ", ".join(events) + f", restored {weekday_time(end)}"
    )


def _effect(inventory: Inventory, incident: Incident) -> str:
    if incident.symptom is None:
        return "no service goes down"
    name = inventory.service(incident.symptom).name
    others = len(incident.down_services) - 1
    if others == 0:
        return f"{name} down"
    return f"{name} and {others} other service{'s' if others > 1 else ''} down"


def _calls(inventory: Inventory, incident: Incident) -> str:
    names = [_party_name(inventory, incident.plan, p) for p in incident.parties]
    first, rest = names[0], names[1:]
    if incident.detection == MONITORING:
        told = f"{possessive(first)} monitoring sees it"
        return told + "".join(f", calls {n}" for n in rest)
    if incident.detection == LATENT:
        return f"unnoticed for {hours(incident.detection_hours)}, then {first} is called"
    if not rest:
        return f"{first} is called"
    return f"{first} is called first, hands off to " + ", then to ".join(rest)


def _party_name(inventory: Inventory, plan_id: str, party: Party) -> str:
    return party_name(inventory, plan_id, party, nobody="a contractor yet to be found (no vendor on file)")
