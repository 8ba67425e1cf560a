"""Incidents on calendars against a plain reference: a clock that ticks a quarter hour at a time.

On random small sites (a symptom service, two vendors in a chain, a
misdirected hand-off, random weekly calendars, costs for closed hours and an
audience) every duration is a whole number of quarter hours and every
calendar opens and closes on a quarter hour, so walking the week in quarter
hours is exact: the reference notices, waits for opening hours and works
slot by slot, with no interval arithmetic at all, and averages over the 672
start times and both misdirection outcomes.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from depgraph import incident, load_inventory
from depgraph.inventory.calendars import DAYS, parse_calendar

Q = 0.25


@st.composite
def quarter_schedule(draw: st.DrawFn) -> str:
    if draw(st.booleans()):
        return "24/7"
    first, last = draw(st.integers(0, 6)), draw(st.integers(0, 6))
    start = draw(st.integers(0, 22 * 4))
    length = draw(st.integers(1, 12 * 4))
    end = (start + length) % 96
    days = DAYS[first] if first == last else f"{DAYS[first]}-{DAYS[last]}"
    return f"{days} {start // 4:02d}:{start % 4 * 15:02d}-{end // 4:02d}:{end % 4 * 15:02d}"


def quarters(draw: st.DrawFn, most: int) -> float:
    return draw(st.integers(0, most)) * Q


@st.composite
def sites(draw: st.DrawFn) -> dict[str, object]:
    return {
        "service_hours": draw(quarter_schedule()), "a_hours": draw(quarter_schedule()),
        "b_hours": draw(quarter_schedule()), "default_hours": draw(quarter_schedule()),
        "notice": quarters(draw, 8), "a_response": quarters(draw, 40), "a_diagnosis": quarters(draw, 8),
        "b_response": quarters(draw, 40), "b_diagnosis": quarters(draw, 8),
        "repair": quarters(draw, 12), "d_response": quarters(draw, 40), "d_diagnosis": quarters(draw, 8),
        "blame": draw(st.sampled_from([0.0, 0.25, 0.5, 1.0])),
        "cost": draw(st.integers(2, 100)), "closed": draw(st.integers(0, 20)),  # front is the symptom
        "people": (draw(st.integers(0, 9)), draw(st.integers(0, 9))), "cap": draw(st.integers(1, 12)),
    }


def _yaml(s: dict[str, Any]) -> str:
    p1, p2 = s["people"]
    return f"""
version: 1
site: {{name: ref}}
model: {{blame_probability: {s['blame']}}}
audiences: [{{id: staff, people: {max(p1, p2, s['cap'])}}}]
defaults: {{vendor: {{response_hours: {s['d_response']}, diagnosis_hours: {s['d_diagnosis']},
  hours: "{s['default_hours']}"}}}}
vendors:
  - {{id: a, response_hours: {s['a_response']}, diagnosis_hours: {s['a_diagnosis']}, hours: "{s['a_hours']}"}}
  - {{id: b, response_hours: {s['b_response']}, diagnosis_hours: {s['b_diagnosis']}, hours: "{s['b_hours']}"}}
components:
  - {{id: root, category: network, vendor: b, repair_hours: {s['repair']}}}
  - {{id: box, category: network, vendor: a, requires: [root]}}
services:
  - {{id: front, requires: [box], owner: a, notice_hours: {s['notice']}, cost_per_hour: {s['cost']},
     cost_per_hour_closed: {s['closed']}, hours: "{s['service_hours']}", people: {p1}, audience: staff}}
  - {{id: back, requires: [root], people: {p2}, audience: staff, cost_per_hour: 1}}
"""


class Clock:
    """A calendar read one quarter hour at a time."""

    def __init__(self, text: str) -> None:
        calendar = parse_calendar(text)
        self.slots = [bool(calendar.open_at(q * Q + Q / 2)) for q in range(672)]

    def open(self, t: float) -> bool:
        return self.slots[round(t / Q) % 672]

    def next_open(self, t: float) -> float:
        while not self.open(t):
            t += Q
        return t

    def advance(self, t: float, work: float) -> float:
        left = round(work / Q)
        while left:
            left -= self.open(t)
            t += Q
        return t


def _reference(site: dict[str, Any]) -> tuple[float, float, float, float]:
    """Expected hours, downtime cost and people hours, and the p90 of hours, by walking the clock."""
    service, a, b, d = (Clock(str(site[k])) for k in ("service_hours", "a_hours", "b_hours", "default_hours"))
    f = {k: float(v) for k, v in site.items() if isinstance(v, (int, float)) and not isinstance(v, str)}
    p1, p2 = site["people"]
    cap = max(p1, p2, int(f["cap"]))
    totals = [0.0, 0.0, 0.0]
    plain_hours = []
    for q in range(672):
        t0 = q * Q
        for missed, weight in ((False, 1 - f["blame"]), (True, f["blame"])):
            if weight == 0 and missed:
                continue  # the outcome without misdirection always counts for the p90
            tau = service.advance(t0, f["notice"])
            tau = a.advance(a.next_open(tau + f["a_response"]), f["a_diagnosis"])
            if missed:
                tau = d.advance(d.next_open(tau + f["d_response"]), f["d_diagnosis"])
            end = b.advance(b.next_open(tau + f["b_response"]), f["b_diagnosis"] + f["repair"])
            cost = people = 0.0
            t = t0
            while t < end:
                front_open = service.open(t)
                cost += (f["cost"] if front_open else f["closed"]) * Q
                cost += 1 * Q  # back: 24/7 at $1 an hour
                people += min(cap, p1 * front_open + p2) * Q  # back is 24/7 too
                t += Q
            for k, value in enumerate((end - t0, cost, people)):
                totals[k] += weight * value / 672
            if not missed:
                plain_hours.append(end - t0)
    return totals[0], totals[1], totals[2], float(np.percentile(plain_hours, 90))


@settings(max_examples=8, deadline=None)
@given(sites())
def test_incident_figures_agree_with_a_quarter_hour_clock(site: dict[str, object]) -> None:
    inventory = load_inventory(_yaml(site))
    found = incident(inventory, "break-fix", "root")
    assert found.parties == ("a", "b") and found.misdirectable_handoffs == 1
    hours, cost, people, p90 = _reference(site)
    assert found.hours == pytest.approx(hours, abs=1e-6)
    assert found.downtime_cost == pytest.approx(cost, abs=1e-6)
    assert found.people_hours == pytest.approx(people, abs=1e-6)
    assert found.hours_p90 == pytest.approx(p90, abs=1e-6)
