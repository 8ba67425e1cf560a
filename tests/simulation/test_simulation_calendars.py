"""The simulation on calendars (``time-and-people.md`` section 4) against a plain replay.

``reference_years`` replays every simulated year event by event, recomputing
the down set from scratch at each event, and charges each service down over
``[a, b)`` its ``cost_per_hour`` for the open hours of its calendar and its
``cost_per_hour_closed`` for the rest. A failure's restoration is its
timeline laid on the calendars from its start, scaled by its lognormal
factor, with its misdirected calls (:func:`depgraph.costs.timeline.restored`,
checked against a quarter-hour clock in ``tests/costs/test_calendar_reference.py``).
A failure latent alone that takes a service down in combination is costed by
the public :func:`depgraph.incident` on the components failed at that moment,
laid on the calendars the same way. The fast simulation must give the same
years, number for number, on random busy and redundant sites with random
calendars.
"""

from __future__ import annotations

import json
import math
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import busy_sites, redundant_sites

from depgraph import incident
from depgraph.costs.schedules import calendar
from depgraph.costs.timeline import restored
from depgraph.inventory.container import Inventory
from depgraph.loading import load_inventory
from depgraph.simulation.sampling import Failures
from depgraph.simulation.simulator import Simulator

SCHEDULES = ("24/7", "Mo-Fr 08:00-18:00", "Tu-Su 11:00-23:00; Fr,Sa 11:00-01:00", "Mo-Sa 07:00-19:00")


def _with_calendars(inventory: Inventory, draw: st.DrawFn) -> Inventory:
    data: dict[str, Any] = inventory.model_dump(mode="json", exclude_none=True)
    data["site"]["hours"] = draw(st.sampled_from(SCHEDULES))
    for service in data["services"]:
        service.pop("hours", None)
        if draw(st.booleans()):
            service["hours"] = draw(st.sampled_from(SCHEDULES))
        service["cost_per_hour_closed"] = draw(st.sampled_from([0, 3]))
    for vendor in data["vendors"]:
        vendor["hours"] = draw(st.sampled_from(SCHEDULES))
    for plan in data["plans"]:
        plan["hours"] = draw(st.sampled_from(SCHEDULES))
    data.setdefault("defaults", {}).setdefault("vendor", {})["hours"] = draw(st.sampled_from(SCHEDULES))
    data["defaults"] = {"vendor": data["defaults"]["vendor"]}
    return load_inventory(json.dumps(data))


@st.composite
def busy_sites_with_calendars(draw: st.DrawFn) -> Inventory:
    return _with_calendars(draw(busy_sites()), draw)


@st.composite
def redundant_sites_with_calendars(draw: st.DrawFn) -> Inventory:
    """Redundant parts that go unseen (combined failures often), on calendars."""
    return _with_calendars(draw(redundant_sites()), draw)


def _charge(inventory: Inventory, node: int, first: int, a: float, b: float) -> float:
    service = inventory.services[node - first]
    open_hours = calendar(inventory.service_hours(service)).open_time(a, b)
    return service.cost_per_hour * open_hours + service.cost_per_hour_closed * ((b - a) - open_hours)


def reference_years(simulator: Simulator, failures: Failures, years: int) -> list[dict[str, Any]]:
    """Per plan: each year's labor, downtime cost and incidents, replayed from scratch."""
    graph, inventory = simulator.graph, simulator.inventory
    blame = inventory.model.blame_probability
    exposing = [
        any(graph.is_service(n) for n in graph.down_from_scratch([c])) for c in range(graph.n_components)
    ]
    results = []
    for terms in simulator.terms:
        labor, downtime, incidents = [0.0] * years, [0.0] * years, [0] * years
        for year in range(years):
            chosen = []
            for i in np.flatnonzero(failures.year == year):
                c = int(failures.component[i])
                if terms.covered[c] and failures.prevented[i] < terms.failure_reduction:
                    continue
                slots = [failures.blame[i, j] < blame for j in range(terms.misdirectable[c])]
                start, spread = float(failures.start[i]), float(failures.spread[i])
                timeline = None if terms.timed is None else terms.timed.timelines[
                    int(terms.timed.timeline_of[c])]
                if timeline is None:
                    hours = terms.hours[c] * spread + sum(slots) * terms.misdirection_hours
                else:
                    misses = np.array([slots + [False] * (len(timeline.misdirectable) - len(slots))])
                    hours = float(restored(timeline, np.array([start]), np.array([spread]),
                                           misses.reshape(1, -1))[0]) - start
                chosen.append({
                    "c": c, "start": start, "hours": hours, "spread": spread,
                    "labor": terms.labor[c] + sum(slots) * terms.misdirection_labor,
                    "latent": bool(terms.latent[c]), "exposing": exposing[c],
                    "blame": failures.blame[i].tolist(),
                })
            year_labor, year_downtime, count = _replay_year(inventory, graph, terms.plan, chosen)
            labor[year], downtime[year], incidents[year] = year_labor, year_downtime, count
        results.append({"labor": labor, "downtime": downtime, "incidents": incidents})
    return results


def _combined(inventory: Inventory, graph: Any, plan: str, failure: dict[str, Any],
              failed: list[int], t: float) -> tuple[float, float]:
    """Restoration and labor of a failure latent alone that takes a service down in combination:
    the public :func:`incident` on the components failed at that moment, laid on the calendars."""
    event = incident(inventory, plan, graph.ids[failure["c"]], [graph.ids[c] for c in failed])
    assert event.detection == "symptom" and event.timeline is not None
    handoffs = event.misdirectable_handoffs
    missed = [u < inventory.model.blame_probability for u in failure["blame"][:handoffs]]
    end = restored(event.timeline, np.array([t]), np.array([failure["spread"]]),
                   np.array([missed], dtype=bool).reshape(1, handoffs))
    labor = sum(e.labor for e in event.engagements) + sum(missed) * event.misdirection_labor
    return float(end[0]), labor


def _replay_year(inventory: Inventory, graph: Any, plan: str, chosen: list[dict[str, Any]]) -> Any:
    first = graph.n_components
    failed: dict[int, int] = {}
    end: dict[int, float] = {}
    present: set[int] = set()
    down: set[int] = set()
    since: dict[int, float] = {}
    labor = downtime = 0.0
    count = 0
    arrivals = list(range(len(chosen)))
    while arrivals or failed:
        next_arrival = chosen[arrivals[0]]["start"] if arrivals else math.inf
        restoring = min(failed.values(), key=lambda k: (end[k], k), default=None)
        next_restore = end[restoring] if restoring is not None else math.inf
        t = min(next_arrival, next_restore)
        if restoring is not None and next_restore <= next_arrival:
            del failed[chosen[restoring]["c"]]
            present.discard(restoring)
            before, down = down, graph.down_from_scratch(failed)
            for node in before - down:
                if graph.is_service(node):
                    downtime += _charge(inventory, node, first, since.pop(node), t)
            continue
        k = arrivals.pop(0)
        failure = chosen[k]
        if failure["c"] in failed:
            continue
        count += 1
        before_failed = list(failed)
        failed[failure["c"]] = k
        before, down = down, graph.down_from_scratch(failed)
        lost = [n for n in down - before if graph.is_service(n)]
        for node in lost:
            since[node] = t
        end[k] = t + failure["hours"]
        cost = failure["labor"]
        if lost and failure["latent"]:  # latent alone, down in combination: a symptom incident
            end[k], cost = _combined(inventory, graph, plan, failure, before_failed, t)
        labor += cost
        if lost or failure["exposing"]:
            for j in present:
                end[j] = min(end[j], end[k])
        if failure["latent"] and not lost:
            present.add(k)
    return labor, downtime, count


def _agrees_with_the_reference(inventory: Inventory, seed: int) -> None:
    simulator = Simulator(inventory)
    years = 8
    failures = simulator.sample(years, np.random.Generator(np.random.PCG64(seed)))
    fast = simulator.run(failures, years)
    slow = reference_years(simulator, failures, years)
    for figures, expected in zip(fast, slow, strict=True):
        assert figures.incidents.tolist() == expected["incidents"]
        assert figures.labor.tolist() == pytest.approx(expected["labor"], rel=1e-9, abs=1e-6)
        assert figures.downtime_cost.tolist() == pytest.approx(expected["downtime"], rel=1e-9, abs=1e-6)


@settings(max_examples=40, deadline=None)
@given(busy_sites_with_calendars(), st.integers(0, 2**32 - 1))
def test_simulation_on_calendars_matches_the_event_by_event_reference(
    inventory: Inventory, seed: int
) -> None:
    _agrees_with_the_reference(inventory, seed)


@settings(max_examples=30, deadline=None)
@given(redundant_sites_with_calendars(), st.integers(0, 2**32 - 1))
def test_combined_failures_on_calendars_match_the_event_by_event_reference(
    inventory: Inventory, seed: int
) -> None:
    _agrees_with_the_reference(inventory, seed)
