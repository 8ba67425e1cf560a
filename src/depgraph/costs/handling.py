"""How a chain of parties handles a failure under one plan: the part of an incident shared by many roots.

Section 1 of ``cost-model.md`` costs an incident in two halves. What is down
(the services, their cost per hour, the people) belongs to the root
(:mod:`depgraph.costs.impacts`); who is called and how long each takes
depends only on the chain of parties, how the failure is detected and the
root's repair hours. That second half is a :class:`Handling`: the
engagements, the hours and labor with and without the expected
misdirection, and the timeline on the calendars. A site of 50,000
components has a few hundred handlings per plan, so :class:`Handlings`
works each out once.

>>> from depgraph import load_inventory
>>> from depgraph.costs.plans import plan_view
>>> inv = load_inventory('''
... version: 1
... site: {name: demo}
... vendors: [{id: netco, response_hours: 4, diagnosis_hours: 1, hourly_rate: 100, trip_fee: 50}]
... components: [{id: router, category: network, vendor: netco, repair_hours: 2}]
... ''')
>>> view = plan_view(inv, "break-fix")
>>> handling = Handlings(view).handling([view.role(0)], None, 0.5, 2.0)
>>> handling.hours, handling.labor  # 0.5 to notice + 4 response + 1 diagnosis + 2 repair; 50 + 3 x 100
(7.5, 350.0)
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from depgraph.costs.plans import Engagement, PlanView, Role
from depgraph.costs.schedules import plain, site_calendars, timeline_of
from depgraph.costs.timeline import Timeline
from depgraph.inventory.intervals import IntervalSet

__all__ = ["Handling", "Handlings", "misdirectable_handoffs"]


def misdirectable_handoffs(chain: list[Role]) -> int:
    """The hand-offs of ``chain`` between two parties of which neither is the partner."""
    if len(chain) < 2:
        return 0
    return sum([1 for a, b in pairwise(chain) if a.kind != "partner" and b.kind != "partner"])


@dataclass(frozen=True, slots=True)
class Handling:
    """How a chain of parties handles a failure under one plan: the same for every root it fits.

    Everything of section 1 that depends only on the detection, the chain
    and the root's repair hours (not on what is down): the engagements, the
    hours and labor with and without the expected misdirection, and the
    timeline on the calendars. A site of 50,000 components has a few hundred
    of them per plan.
    """

    engagements: tuple[Engagement, ...]
    misdirectable: int
    work_hours: float
    base_hours: float
    base_labor: float
    hours: float
    labor: float
    timeline: Timeline
    plain: bool


class Handlings:
    """The handlings of one plan met so far, by what makes them (see :class:`Handling`)."""

    def __init__(self, view: PlanView) -> None:
        self.view = view
        self.calendars = site_calendars(view.inventory)
        self.by_key: dict[tuple[Any, ...], Handling] = {}

    def detection_calendar(self, symptom: int) -> IntervalSet:
        """The hours of the symptom service (graph node ``symptom``), on which someone notices."""
        return self.calendars.service(symptom - self.view.graph.n_components)

    def handling(
        self, chain: list[Role], detection_calendar: IntervalSet | None, detection_hours: float,
        repair: float,
    ) -> Handling:
        """The handling of this chain, detection and repair, worked out on first ask."""
        key = (tuple(chain), detection_calendar, detection_hours, repair)
        found = self.by_key.get(key)
        if found is None:
            found = self.by_key[key] = self._handling(chain, detection_calendar, detection_hours, repair)
        return found

    def _handling(
        self, chain: list[Role], detection_calendar: IntervalSet | None, detection_hours: float,
        repair: float,
    ) -> Handling:
        view = self.view
        *before, last = chain
        engagements = (
            *[view.engagement(role, None) for role in before], view.engagement(last, repair),
        )
        misdirectable = misdirectable_handoffs(chain)
        wrong_call, blame = view.wrong_call, view.blame_probability
        work_hours = sum([e.hours for e in engagements])
        base_hours = detection_hours + work_hours
        base_labor = sum([e.labor for e in engagements])
        timeline = timeline_of(
            view.inventory, view.plan, chain, detection_calendar, detection_hours, repair,
            self.calendars,
        )
        return Handling(
            engagements=engagements,
            misdirectable=misdirectable,
            work_hours=work_hours,
            base_hours=base_hours,
            base_labor=base_labor,
            hours=base_hours + misdirectable * blame * wrong_call.hours,
            labor=base_labor + misdirectable * blame * wrong_call.labor,
            timeline=timeline,
            plain=plain(timeline),
        )
