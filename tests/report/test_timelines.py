"""The failure timelines of the report on calendars (``time-and-people.md`` section 2).

Hand-worked sites. ``Mo-Fr`` is open Monday 00:00 to Saturday 00:00 (hours 0-120 of
the week) and closed the 48 weekend hours. Of the 672 quarter-hour starts, 192 fall
at the weekend; a stretch that reaches the weekend from one of them waits for Monday,
168 - t, which is 48, 47.75, ..., 0.25 h: 24.125 h on average, 4,632 h in all.

* Noticed only when the site opens (site ``Mo-Fr``, 1 h to notice, a 24/7 vendor:
  2 h response, 1 h diagnosis + 0.5 h repair): a start on Friday after 23:00 (3 starts)
  waits the whole weekend, 48 h; the 192 weekend starts wait 4,632 h. Waiting for the
  site to open: (3 x 48 + 4,632) / 672 = 7.107 h; hours 1 + 7.107 + 2 + 1.5 = 11.607.
* A vendor working Mo-Fr (a 24/7 site; 0.5 h alert-free notice; NetCo 24/7, 24 h
  response and 1 h diagnosis; a wrong call at the hand-off, blame 0.5, 24 + 1.5 h on the
  default terms, 24/7; then Trades on Mo-Fr, 4 h response, 1 h diagnosis + 1 h repair).
  Every delay before Trades is a multiple of a quarter hour, so the moment its response
  ends falls on each quarter hour of the week once, with or without the wrong call:
  192 times at the weekend, waiting 4,632 / 672 = 6.893 h on average for its hours; 7
  times in Friday's last 2 hours (after 22:00), where its 2 h of work stop for the 48-h
  weekend: 7 x 48 / 672 = 0.5 h. Hours: 0.5 + 25 + 12.75 + 4 + 6.893 + 2 + 0.5 = 51.643.
* A part nobody owns (site ``Mo-Fr``, a 24/7 service noticed after 0.5 h, 8 h search,
  the default vendor 24/7: 24 h + 1.5 h, repair 0.5 h): the search starts at a quarter
  hour t; from Friday after 16:00 (31 starts) it stops for the weekend, 48 h; from the
  weekend (192) it waits for Monday. Stopped: (31 x 48 + 4,632) / 672 = 9.107 h;
  hours 0.5 + 8 + 9.107 + 24 + 2 = 43.607.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sites import BUNDLED, REPORT_OFFICE

from depgraph.costs.incidents import incident, incidents
from depgraph.costs.plans import plan_ids
from depgraph.costs.schedules import site_calendars
from depgraph.costs.timeline import over_the_week, where_the_hours_go
from depgraph.inventory.container import Inventory
from depgraph.inventory.models import BREAK_FIX
from depgraph.loading import load_inventory
from depgraph.report import build_report, render_report
from depgraph.report.timeline import HOURS_NOTE, segments

NOTICED_AT_OPENING = """\
version: 1
site: {name: Weekday shop, hours: Mo-Fr}
vendors: [{id: fixit, name: FixIt, response_hours: 2, diagnosis_hours: 1}]
components: [{id: till, category: other, vendor: fixit, repair_hours: 0.5}]
services: [{id: sales, name: Sales, requires: [till], notice_hours: 1, cost_per_hour: 10,
            owner: fixit}]
"""

WEEKDAY_TRADES = """\
version: 1
site: {name: Always open}
model: {blame_probability: 0.5}
vendors:
  - {id: netco, name: NetCo, response_hours: 24, diagnosis_hours: 1}
  - {id: trades, name: Trades, response_hours: 4, diagnosis_hours: 1, hours: Mo-Fr}
components:
  - {id: panel, category: power, vendor: trades, repair_hours: 1}
  - {id: router, category: network, vendor: netco, requires: [panel]}
services: [{id: net, name: Internet, requires: [router], notice_hours: 0.5, cost_per_hour: 10,
            owner: netco}]
"""

NOBODY_OWNS_IT = """\
version: 1
site: {name: Weekday shop, hours: Mo-Fr}
model: {unowned_search_hours: 8}
components: [{id: heater, category: other, repair_hours: 0.5}]
services: [{id: warmth, name: Warmth, requires: [heater], notice_hours: 0.5, cost_per_hour: 10,
            hours: 24/7}]
"""


def parts(text: str) -> tuple[list[tuple[str, str, float]], float]:
    inventory = load_inventory(text)
    event = incident(inventory, BREAK_FIX, inventory.components[0].id)
    return [(g.kind, g.party, g.hours) for g in segments(inventory, event)], event.hours


def test_a_failure_noticed_only_when_the_site_opens() -> None:
    shown, hours = parts(NOTICED_AT_OPENING)
    assert shown == [
        ("notice", "", 1.0), ("closed", "", pytest.approx(4776 / 672)),
        ("wait", "FixIt", 2.0), ("work", "FixIt", 1.5)]
    assert hours == pytest.approx(1 + 4776 / 672 + 2 + 1.5)
    inventory = load_inventory(NOTICED_AT_OPENING)
    texts = [g.text for g in segments(inventory, incident(inventory, BREAK_FIX, "till"))]
    assert texts[1] == "7.1 h waiting for the site to open"


def test_a_vendor_working_weekdays_waits_for_its_hours_and_stops_at_the_weekend() -> None:
    shown, hours = parts(WEEKDAY_TRADES)
    assert shown == [
        ("notice", "", 0.5), ("wait", "NetCo", 24.0), ("work", "NetCo", 1.0),
        ("wrong", "", pytest.approx(12.75)),
        ("wait", "Trades", 4.0), ("closed", "Trades", pytest.approx(4632 / 672)),
        ("work", "Trades", 2.0), ("closed", "Trades", pytest.approx(0.5))]
    assert hours == pytest.approx(0.5 + 25 + 12.75 + 4 + 4632 / 672 + 2 + 0.5)
    inventory = load_inventory(WEEKDAY_TRADES)
    texts = [g.text for g in segments(inventory, incident(inventory, BREAK_FIX, "panel"))]
    assert texts[-3:] == ["6.9 h waiting for the working hours of Trades",
                          "2.0 h Trades on site, repair included",
                          "30 min of work stopped outside the working hours of Trades"]


def test_the_search_for_someone_stops_while_the_site_is_closed() -> None:
    shown, hours = parts(NOBODY_OWNS_IT)
    assert shown == [
        ("notice", "", 0.5), ("search", "someone", 8.0),
        ("closed", "someone", pytest.approx(6120 / 672)),
        ("wait", "someone", 24.0), ("work", "someone", 2.0)]
    assert hours == pytest.approx(0.5 + 8 + 6120 / 672 + 24 + 2)


def test_without_calendars_the_parts_are_the_nominal_durations() -> None:
    inventory = load_inventory(REPORT_OFFICE)
    for plan_id in plan_ids(inventory):
        for event in incidents(inventory, plan_id):
            shown = segments(inventory, event)
            assert "closed" not in {g.kind for g in shown}
            assert sum(g.hours for g in shown) == pytest.approx(event.hours, rel=1e-12)


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_on_the_bundled_sites_every_bar_adds_up_to_its_hours(path: Any) -> None:
    inventory = load_inventory(path)
    waited = 0.0
    for plan_id in plan_ids(inventory):
        for event in incidents(inventory, plan_id):
            shown = segments(inventory, event)
            assert all(g.hours > 0 for g in shown)
            assert sum(g.hours for g in shown) == pytest.approx(event.hours, rel=1e-9, abs=1e-9)
            waited += sum(g.hours for g in shown if g.kind == "closed")
    assert waited > 0  # every bundled site keeps opening or working hours


def test_the_report_says_what_the_bars_average_over() -> None:
    for text, note in ((NOTICED_AT_OPENING, True), (REPORT_OFFICE, False)):
        html = render_report(build_report(load_inventory(text), years=20, seed=0))
        body, appendix = html.split('<section id="assumptions">')
        assert (HOURS_NOTE in body) is note
        assert ("waiting for opening or working hours" in body) is note
        assert ("averaged over the week" in appendix) is note
        assert "quarter-hour" not in body


CALENDARS = ["24/7", "Mo-Fr 08:00-18:00", "Mo-Su 11:30-22:00", "Tu-Su 11:00-23:00; Fr,Sa 11:00-01:00",
             "Mo,We,Fr 09:00-12:00"]


@st.composite
def calendar_sites(draw: st.DrawFn) -> Inventory:
    """The report's hand-worked office with random calendars on the site, vendors and plan."""
    hours = st.sampled_from(CALENDARS)
    text = REPORT_OFFICE.replace(
        "site: {name: Hand-worked office, kind: office}",
        f"site: {{name: Hand-worked office, kind: office, hours: '{draw(hours)}'}}",
    ).replace(
        "model: {blame_probability: 0.5}",
        f"model: {{blame_probability: {draw(st.sampled_from([0, 0.3, 1]))}}}\n"
        f"defaults: {{vendor: {{hours: '{draw(hours)}'}}}}",
    )
    for party in ("{id: isp, ", "{id: netco, ", "{id: avco, ", "{id: care, "):
        text = text.replace(party, f"{party}hours: '{draw(hours)}', ")
    if draw(st.booleans()):  # the codec nobody owns: the client's search, on the site's hours
        text = text.replace("category: conferencing, vendor: avco,", "category: conferencing,")
    return load_inventory(text)


@settings(max_examples=15, deadline=None)
@given(calendar_sites())
def test_the_parts_add_up_to_the_hours_whatever_the_calendars(inventory: Inventory) -> None:
    blame = inventory.model.blame_probability
    calendars = site_calendars(inventory)
    for plan_id in plan_ids(inventory):
        for event in incidents(inventory, plan_id):
            assert event.timeline is not None
            week = where_the_hours_go(event.timeline, blame)
            expected = over_the_week(event.timeline, blame, tuple(calendars.stretches)).hours
            assert week.hours == pytest.approx(expected, rel=1e-9)
            assert sum(g.hours for g in segments(inventory, event)) == pytest.approx(
                event.hours, rel=1e-9)
            pieces = [week.noticing, week.noticing_closed,
                      *(x for s in week.steps for x in vars(s).values())]
            assert min(pieces) >= 0
