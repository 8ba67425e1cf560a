"""Hand-worked figures of ``time-and-people.md``: incidents on calendars, audiences.

Each site is small enough to work out on paper; the comment next to each
figure shows the working.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest

from depgraph import blast_radius, incident, load_inventory, rank
from depgraph.cli.main import main
from depgraph.costs.timeline import restored
from depgraph.errors import InventoryError
from depgraph.inventory.container import Inventory

FRIDAY = 4 * 24
MONDAY_NEXT = 7 * 24


def _site(
    *, service: str = "{}", vendor: str = "{}", site: str = "", model: str = "{}",
    defaults_vendor: str = "{}", extra: str = "",
) -> Inventory:
    return load_inventory(
        "version: 1\n"
        f"site: {{name: demo{site}}}\n"
        f"model: {model}\n"
        f"defaults: {{vendor: {defaults_vendor}}}\n"
        f"vendors: [{{id: trades, response_hours: 0, diagnosis_hours: 0, **{vendor}}}]\n"
        "components: [{id: box, category: other, vendor: trades, repair_hours: 0}]\n"
        f"services: [{{id: pos, requires: [box], notice_hours: 0, cost_per_hour: 100, **{service}}}]\n"
        f"{extra}"
    )


def _yaml(text: str) -> Inventory:
    return load_inventory(text)


def test_a_week_long_outage_costs_the_open_hours_and_the_closed_ones() -> None:
    inv = _yaml("""
version: 1
site: {name: demo}
vendors: [{id: trades, response_hours: 0, diagnosis_hours: 0}]
components: [{id: box, category: other, vendor: trades, repair_hours: 168}]
services:
  - {id: pos, requires: [box], notice_hours: 0, cost_per_hour: 100, cost_per_hour_closed: 10,
     people: 4, hours: "Mo-Fr 08:00-18:00"}
""")
    i = incident(inv, "break-fix", "box")
    assert i.hours == pytest.approx(168)  # restored a week after any start
    assert i.hours_p90 == pytest.approx(168)
    assert i.downtime_cost == pytest.approx(100 * 50 + 10 * 118)  # 50 open hours, 118 closed
    assert i.people_hours == pytest.approx(4 * 50)  # people count only while the service is open
    assert i.total == pytest.approx(i.labor + 6180)


def _monday_hours() -> list[float]:
    """Restoration hours by a Monday-only vendor (1 h of work), for each quarter-hour start."""
    hours = []
    for q in range(672):
        t0 = q / 4
        if t0 <= 23:
            hours.append(1.0)  # works at once (from 23:00 the hour ends at midnight)
        elif t0 < 24:
            hours.append(145.0)  # 24 - t0 on Monday, the rest next Monday: 168 + t0 - 23 - t0
        else:
            hours.append(169 - t0)  # next Monday 00:00 to 01:00
    return hours


def test_a_vendor_working_mondays_only() -> None:
    inv = _yaml("""
version: 1
site: {name: demo}
vendors: [{id: trades, response_hours: 0, diagnosis_hours: 1, hours: Mo}]
components: [{id: box, category: other, vendor: trades, repair_hours: 0}]
services: [{id: pos, requires: [box], notice_hours: 0, cost_per_hour: 2}]
""")
    i = incident(inv, "break-fix", "box")
    assert i.hours == pytest.approx(42648 / 672)  # 93 x 1 + 3 x 145 + 576 x 73.125, over 672
    assert i.hours_p90 == pytest.approx(float(np.percentile(_monday_hours(), 90)))
    assert i.downtime_cost == pytest.approx(2 * 42648 / 672)  # 24/7 service: wall-clock hours


def test_a_misdirected_call_goes_to_the_default_vendor_on_its_hours() -> None:
    inv = _yaml("""
version: 1
site: {name: demo}
model: {blame_probability: 0.5}
defaults: {vendor: {response_hours: 0, diagnosis_hours: 1, hourly_rate: 100, trip_fee: 0}}
vendors:
  - {id: av, response_hours: 0, diagnosis_hours: 0, hours: 24/7}
  - {id: net, response_hours: 0, diagnosis_hours: 0, hours: 24/7}
components:
  - {id: switch, category: network, vendor: net, repair_hours: 0}
  - {id: codec, category: video, vendor: av, requires: [switch], repair_hours: 0}
services: [{id: video, requires: [codec], notice_hours: 0, cost_per_hour: 1, owner: av}]
""")
    plain = incident(inv, "break-fix", "switch")
    assert plain.parties == ("av", "net")
    assert plain.hours == pytest.approx(0.5 * 1)  # 24/7 everywhere: p x 1 h of the wrong party
    monday = _yaml(json.dumps(_as_data(inv, default_hours="Mo")))
    i = incident(monday, "break-fix", "switch")
    assert i.hours == pytest.approx(0.5 * 42648 / 672)  # half the time, a Monday-only wrong call
    assert i.labor == pytest.approx(plain.labor)  # billing depends on hours worked, not when
    assert i.hours_p90 == 0.0  # without misdirection everything is instant


def _as_data(inv: Inventory, default_hours: str) -> dict[str, object]:
    data = inv.model_dump(exclude_none=True, exclude={"defaults"})
    data["defaults"] = {"vendor": {"response_hours": 0, "diagnosis_hours": 1, "hourly_rate": 100,
                                   "trip_fee": 0, "hours": default_hours}}
    data["vendors"] = [{**v, "hours": "24/7"} for v in data["vendors"]]
    return data


def test_a_friday_evening_failure_waits_for_monday() -> None:
    inv = _yaml("""
version: 1
site: {name: demo, hours: "Mo-Fr 08:00-18:00"}
vendors: [{id: trades, response_hours: 2, diagnosis_hours: 1.5, hours: "Mo-Fr 08:00-17:00"}]
components: [{id: box, category: other, vendor: trades, repair_hours: 0.5}]
services: [{id: pos, requires: [box], notice_hours: 0.5, cost_per_hour: 100}]
""")
    i = incident(inv, "break-fix", "box")
    assert i.timeline is not None
    t0 = FRIDAY + 17.75  # 17:45: 15 minutes of notice Friday, 15 more Monday 08:00-08:15
    detected = i.timeline.detected(np.array([t0]))
    assert detected.tolist() == [MONDAY_NEXT + 8.25]
    end = restored(i.timeline, np.array([t0]))  # arrives 10:15, works 2 h: 12:15
    assert end.tolist() == [MONDAY_NEXT + 12.25]


def test_the_client_searches_on_the_site_hours_for_an_unowned_part() -> None:
    inv = _yaml("""
version: 1
site: {name: demo, hours: "Mo-Fr 08:00-18:00"}
model: {unowned_search_hours: 4}
defaults: {vendor: {response_hours: 0, diagnosis_hours: 0}}
components: [{id: box, category: other, repair_hours: 0}]
services: [{id: pos, requires: [box], notice_hours: 0, cost_per_hour: 1, hours: 24/7}]
""")
    i = incident(inv, "break-fix", "box")
    assert i.parties == (None,) and i.timeline is not None
    end = restored(i.timeline, np.array([FRIDAY + 16.0, 2.0]))
    assert end.tolist() == [MONDAY_NEXT + 10.0, 12.0]  # 2 h Friday + 2 h Monday; Monday 08-12


def test_the_partner_works_on_the_plan_hours() -> None:
    inv = _yaml("""
version: 1
site: {name: demo}
vendors: [{id: trades}]
components: [{id: box, category: other, vendor: trades, repair_hours: 1}]
services: [{id: pos, requires: [box], cost_per_hour: 1}]
plans:
  - {id: care, monthly_fee: 10, response_hours: 10, remote_fix_rate: 0.5, detection_hours: 1,
     diagnosis_hours: 1, hours: "Mo-Fr 09:00-17:00"}
""")
    i = incident(inv, "care", "box")
    assert i.detection == "monitoring" and i.timeline is not None
    # Friday 12:00 + 1 h detection (wall clock) + 5 h lead = 18:00: closed; Monday 09:00 + 2 h
    assert restored(i.timeline, np.array([FRIDAY + 12.0])).tolist() == [MONDAY_NEXT + 11.0]


AUDIENCES = """
version: 1
site: {name: demo}
audiences: [{id: staff, name: Office staff, people: 10}]
vendors: [{id: trades, response_hours: 0, diagnosis_hours: 0}]
components:
  - {id: switch, category: network, vendor: trades, repair_hours: 168}
  - {id: ap, category: network, vendor: trades, requires: [switch]}
services:
  - {id: wifi, requires: [ap], people: 6, audience: staff, notice_hours: 0}
  - {id: boardroom, requires: [switch], people: 6, audience: staff, notice_hours: 0,
     hours: "Mo-Fr 08:00-18:00"}
  - {id: lobby, requires: [switch], people: 3, notice_hours: 0}
"""


def test_people_are_counted_once_per_audience() -> None:
    inv = _yaml(AUDIENCES)
    radius = blast_radius(inv, ["switch"])
    assert radius.people == 10 + 3  # min(10, 6 + 6) staff, and 3 with no audience
    assert {r.id: r.people for r in rank(inv)} == {"switch": 13, "ap": 6}
    i = incident(inv, "break-fix", "switch")
    # a week: 50 h with both staff services open (10 people) + 118 h of Wi-Fi alone (6), + 3 x 168
    assert i.people_hours == pytest.approx(10 * 50 + 6 * 118 + 3 * 168)
    assert i.service_people == 13


def test_people_figures_say_what_they_mean(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "site.yaml"
    path.write_text(AUDIENCES)
    assert main(["blast", str(path), "--fail", "switch"]) == 0
    assert "13 people affected: up to 10 staff and 3 other people" in capsys.readouterr().out
    assert main(["blast", str(path), "--fail", "switch", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["people"] == 13


def test_unknown_audience_and_too_many_people() -> None:
    text = AUDIENCES.replace("audience: staff, notice_hours: 0}", "audience: staf, notice_hours: 0}")
    text = text.replace("people: 6, audience: staff, notice_hours: 0,", "people: 12, audience: staff,"
                        " notice_hours: 0,")
    with pytest.raises(InventoryError) as caught:
        _yaml(text)
    messages = [p.message for p in caught.value.problems]
    assert messages == [
        "service 'wifi' names audience 'staf', which is not defined; did you mean 'staff'? "
        "(audiences: staff)",
        "service 'boardroom': people 12 is more than audience 'staff' has (10); people counts how "
        "many of that audience lose the service",
    ]


SIMULATED = """
version: 1
site: {name: demo, hours: "Mo-Fr 08:00-18:00"}
model: {blame_probability: 0.5, duration_spread: 0.4}
defaults: {vendor: {hours: "Mo-Fr 09:00-17:00", response_hours: 2, diagnosis_hours: 1}}
vendors:
  - {id: av, response_hours: 4, diagnosis_hours: 1, hours: "Mo-Sa 08:00-20:00"}
  - {id: net, response_hours: 8, diagnosis_hours: 2, hours: "Mo-Fr 08:00-17:00"}
components:
  - {id: switch, category: network, vendor: net, repair_hours: 3, failures_per_year: 0.05}
  - {id: codec, category: video, vendor: av, requires: [switch], failures_per_year: 0.05}
services:
  - {id: video, requires: [codec], cost_per_hour: 100, cost_per_hour_closed: 5, owner: av,
     notice_hours: 1}
  - {id: signage, requires: [switch], cost_per_hour: 10, hours: 24/7}
plans:
  - {id: care, monthly_fee: 100, hours: "Mo-Fr 07:00-19:00"}
"""


def test_simulated_mean_agrees_with_the_expected_value_when_failures_do_not_overlap() -> None:
    from depgraph import compare

    # with duration_spread 0: with a spread, waiting for opening hours makes the cost a
    # convex function of the lognormal factor, and the simulated mean sits above (Jensen)
    inv = _yaml(SIMULATED.replace("duration_spread: 0.4", "duration_spread: 0"))
    result = compare(inv, years=20_000, seed=5)
    for plan in result.plans:
        simulated, expected = plan.simulation, plan.expected
        assert simulated.labor == pytest.approx(expected.labor, rel=0.06)
        assert simulated.downtime_cost == pytest.approx(expected.downtime_cost, rel=0.06)


def test_calendars_change_the_simulated_figures_not_the_failures() -> None:
    from depgraph import simulate

    plain_text = re.sub(r',? ?hours: ("[^"]*"|24/7)', "", SIMULATED).replace("{, ", "{")
    assert "hours:" not in plain_text.replace("_hours:", "")
    with_calendars = simulate(_yaml(SIMULATED), years=300, seed=1).plans[0]
    without = simulate(_yaml(plain_text), years=300, seed=1).plans[0]
    assert with_calendars.incidents == without.incidents  # the same failures
    assert with_calendars.labor == without.labor  # billing depends on hours worked, not when
    assert with_calendars.downtime_cost != without.downtime_cost  # charged on the calendars


def test_the_story_of_a_friday_evening_failure(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "clinic.yaml"
    path.write_text("""
version: 1
site: {name: Dental clinic, hours: "Mo-Fr 08:00-17:00"}
vendors:
  - {id: netco, name: NetCo, response_hours: 2, diagnosis_hours: 1, hours: "Mo-Fr 08:00-17:00"}
components: [{id: switch, category: network, vendor: netco, repair_hours: 0.5}]
services: [{id: pos, name: Front desk, requires: [switch], notice_hours: 0.5, cost_per_hour: 100}]
""")
    assert main(["incidents", str(path)]) == 0
    out = capsys.readouterr().out
    # Friday 18:00: nobody is there until Monday 08:00; noticed 08:30; NetCo 2 h later; 1.5 h of work
    assert ("(failing Friday 18:00, restored after 66 h: noticed Monday 08:30, NetCo at work "
            "Monday 10:30, restored Monday 12:00)") in out
    assert ("Hours (figures are averaged over every quarter-hour start of the week): "
            "Mo-Fr 08:00-17:00 (45 h a week): the site, NetCo.") in out


def test_rank_says_what_people_counts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "site.yaml"
    path.write_text(AUDIENCES)
    assert main(["rank", str(path)]) == 0
    assert ("People: each audience counted once, at most its size (up to 10 staff); services with "
            "no audience add their own people.") in capsys.readouterr().out


def test_a_latent_failure_is_found_by_the_wall_clock_then_waits_for_the_vendor() -> None:
    inv = _yaml("""
version: 1
site: {name: demo}
model: {latent_discovery_days: 1}
vendors: [{id: trades, response_hours: 0, diagnosis_hours: 1, hours: "Mo-Fr 08:00-17:00"}]
components:
  - {id: spare, category: network, vendor: trades, repair_hours: 0}
  - {id: main, category: network, vendor: trades}
services: [{id: pos, requires: [{any: [main, spare]}], cost_per_hour: 1}]
""")
    i = incident(inv, "break-fix", "spare")
    assert i.detection == "latent" and i.timeline is not None
    # Thursday 20:00 + 24 h (wall clock) = Friday 20:00; the trade starts Monday 08:00, done 09:00
    assert restored(i.timeline, np.array([3 * 24 + 20.0])).tolist() == [MONDAY_NEXT + 9.0]
    assert i.downtime_cost == 0.0 and i.people_hours == 0.0  # nothing goes down


def test_defaults_set_hours_and_audience_for_every_service() -> None:
    inv = _yaml("""
version: 1
site: {name: demo}
audiences: [{id: staff, people: 5}]
defaults: {service: {hours: "Mo-Fr 08:00-18:00", audience: staff, people: 5}}
components: [{id: box, category: other}]
services: [{id: a, requires: [box]}, {id: b, requires: [box], hours: 24/7}]
""")
    assert [inv.service_hours(s) for s in inv.services] == ["Mo-Fr 08:00-18:00", "24/7"]
    assert blast_radius(inv, ["box"]).people == 5  # both services: 5 staff, counted once
