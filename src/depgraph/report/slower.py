"""Why a plan can restore a failure more slowly than break-fix, said in the client's terms.

A plan is usually quicker: its monitoring notices sooner and its partner
knows the site. But the partner is called first for everything it takes on,
so a failure that break-fix sends straight to a utility or a cloud provider
goes through one more party under the plan, and the partner keeps its own
working hours (``time-and-people.md`` section 2). Both figures are right by
the model; :func:`slower_note` says, in one sentence, what makes the plan's
time longer for one failure, taken from the incident's chain and timeline:

* the partner is **called first**, before the party break-fix calls, which
  is reached only after the partner's visit;
* or the partner is **called in place of** break-fix's party and is slower
  to come and do the work;
* and, when the partner's working hours make anyone wait, **which hours**.

>>> import textwrap
>>> from depgraph import load_inventory
>>> from depgraph.costs.incidents import incident
>>> inv = load_inventory('''
... version: 1
... site: {name: demo}
... vendors:
...   - {id: power, name: the utility, billing: included, response_hours: 1, diagnosis_hours: 0.5}
... components:
...   - {id: mains, category: power, vendor: power, repair_hours: 3}
... services:
...   - {id: lights, requires: [mains], cost_per_hour: 10, people: 2, owner: power}
... plans:
...   - {id: care, partner: Care Co, monthly_fee: 100, covers: all, hours: "Mo-Fr"}
... ''')
>>> base, plan = incident(inv, "break-fix", "mains"), incident(inv, "care", "mains")
>>> print(textwrap.fill(slower_note(inv, plan, base), 80))
Slower than break-fix here: Care Co is called first, and the utility only after
its visit; Care Co works Mo-Fr, so a failure outside those hours waits for it.
>>> slower_note(inv, base, base)
''
"""

from __future__ import annotations

from collections.abc import Sequence

from depgraph.costs.incidents import Incident, Party
from depgraph.costs.plans import party_name
from depgraph.costs.schedules import step_parties
from depgraph.costs.timeline import StepHours, where_the_hours_go
from depgraph.inventory.container import Inventory
from depgraph.inventory.models import BREAK_FIX

__all__ = ["SLOWER", "slower_note"]

SLOWER = "Slower than break-fix here: "
"""How every note begins, so that a reader (and a test) can find it."""


def slower_note(inventory: Inventory, event: Incident, base: Incident) -> str:
    """Why ``event`` (one failure under a plan) takes longer than ``base`` (the same under
    break-fix), or nothing when it does not take longer."""
    if event.plan == BREAK_FIX or event.hours <= base.hours:
        return ""
    partner = event.plan
    chain, before = list(event.parties), list(base.parties)
    if partner not in chain:
        return SLOWER + _calls(inventory, event, base)
    name = _name(inventory, partner, partner)
    replaced = [p for p in before if p not in chain]
    rest = [p for p in chain if p != partner]
    waits = _partner_time(inventory, event)
    if not replaced and chain[0] == partner and rest:
        why = f"{name} is called first, and {_name(inventory, partner, rest[0])} only after its visit"
    elif replaced and waits[0] + waits[1] > _time(inventory, base, set(replaced)):
        instead = _names(inventory, base.plan, replaced)
        why = f"{name} is called in place of {instead}"
        if not waits[1]:
            why += ", and takes longer to come and do the work"
    else:
        return SLOWER + _calls(inventory, event, base)
    if waits[1]:
        hours = inventory.plan(partner).hours.replace("; ", ", ")
        why += f"; {name} works {hours}, so a failure outside those hours waits for it"
    return SLOWER + why + "."


def _partner_time(inventory: Inventory, event: Incident) -> tuple[float, float]:
    """The partner's hours in ``event``: (response and work, waiting for its working hours)."""
    steps = _steps(inventory, event)
    mine = [s for party, s in steps if party == event.plan]
    return (sum(s.lead + s.work for s in mine), sum(s.closed + s.paused for s in mine))


def _time(inventory: Inventory, event: Incident, parties: set[Party]) -> float:
    """The hours ``parties`` take in ``event``, waiting for their hours included."""
    return sum(s.lead + s.closed + s.work + s.paused
               for party, s in _steps(inventory, event) if party in parties)


def _steps(inventory: Inventory, event: Incident) -> list[tuple[Party, StepHours]]:
    """Each step of ``event``'s timeline with its party (``None`` for the client's search)."""
    assert event.timeline is not None, "every incident is laid on the calendars"
    week = where_the_hours_go(event.timeline, inventory.model.blame_probability)
    parties = [party for party, _ in step_parties(event.parties)]
    return list(zip(parties, week.steps, strict=True))


def _calls(inventory: Inventory, event: Incident, base: Incident) -> str:
    """Who is called under the plan and under break-fix: the fallback when no simpler reason holds."""
    return (f"the calls go to {_names(inventory, event.plan, event.parties)}, "
            f"against {_names(inventory, base.plan, base.parties)} under break-fix.")


def _name(inventory: Inventory, plan_id: str, party: Party) -> str:
    return party_name(inventory, plan_id, party, nobody="someone to fix a part nobody owns")


def _names(inventory: Inventory, plan_id: str, parties: Sequence[Party]) -> str:
    names = [_name(inventory, plan_id, p) for p in parties]
    return names[0] if len(names) == 1 else ", then ".join(names)
