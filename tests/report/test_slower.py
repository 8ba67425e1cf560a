"""A plan slower than break-fix for a failure says why, under its bar and in the what-if.

Hand-worked site (24/7; a failure is noticed after 0.5 h under break-fix, after the
plan's 0.25 h alert under the plan):

* Mains, the utility's (billing included, 24/7): 1 h response, 0.5 h diagnosis + 3 h
  repair. Break-fix: 0.5 + 1 + 3.5 = 5.0 h.
* Router, NetCo's (hourly, 24/7): 2 h response, 0.5 h diagnosis + 0.5 h repair.
  Break-fix: 0.5 + 2 + 1 = 3.5 h.
* The plan (covers all, no remote fixes) sends Care Co (4 h response, 0.5 h diagnosis)
  who works ``Mo-Fr``: Monday 00:00 to Saturday 00:00. Its response ends at a quarter
  hour of the week, each once over the 672 starts: 192 times at the weekend, waiting
  for Monday 24.125 h on average (48, 47.75, ..., 0.25), 6.893 h over the week; its work
  of w hours stops for the 48-h weekend when it begins in Friday's last w hours, after
  the first of them (4w - 1 quarter hours): (4w - 1) x 48 / 672.

  - Mains: Care Co is called first (it does not repair the utility's line) and the
    utility after its visit: 0.25 + 4 + 6.893 + 0.5 + 1 x 48/672 (0.071) + 1 + 3.5 =
    16.214 h, slower than break-fix's 5.0.
  - Router: Care Co in place of NetCo, and does the repair: 0.25 + 4 + 6.893 + 1 +
    3 x 48/672 (0.214) = 12.357 h, slower than 3.5.

With Care Co working ``24/7`` the mains take 0.25 + 4 + 0.5 + 1 + 3.5 = 9.25 h and the
router 0.25 + 4 + 1 = 5.25 h: still slower, for the extra visit alone (no word on
hours). With a 1-hour response the router takes 0.25 + 1 + 1 = 2.25 h, quicker than
break-fix: no note.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from sites import BUNDLED

from depgraph.costs.incidents import incident
from depgraph.costs.plans import plan_ids
from depgraph.inventory.container import Inventory
from depgraph.inventory.models import BREAK_FIX
from depgraph.loading import load_inventory
from depgraph.report import build_report, render_report
from depgraph.report.decision import costliest_failures
from depgraph.report.sections import TOP_INCIDENTS
from depgraph.report.slower import SLOWER, slower_note

SITE = """\
version: 1
site: {{name: Home}}
vendors:
  - {{id: power, name: the utility, billing: included, response_hours: 1, diagnosis_hours: 0.5}}
  - {{id: netco, name: NetCo, response_hours: 2, diagnosis_hours: 0.5, hourly_rate: 100}}
components:
  - {{id: mains, name: Mains, category: power, vendor: power, repair_hours: 3}}
  - {{id: router, name: Router, category: network, vendor: netco, repair_hours: 0.5}}
services:
  - {{id: lights, name: Lights, requires: [mains], cost_per_hour: 10, people: 2, owner: power}}
  - {{id: internet, name: Internet, requires: [router], cost_per_hour: 20, people: 2, owner: netco}}
plans:
  - {{id: care, name: Care Plan, partner: Care Co, monthly_fee: 100, covers: all,
      response_hours: {response}, remote_fix_rate: 0, diagnosis_hours: 0.5, detection_hours: 0.25,
      hours: "{hours}"}}
"""


def site(hours: str = "Mo-Fr", response: float = 4) -> Inventory:
    return load_inventory(SITE.format(hours=hours, response=response))


def note(inventory: Inventory, root: str) -> str:
    return slower_note(inventory, incident(inventory, "care", root),
                       incident(inventory, BREAK_FIX, root))


def test_the_hand_worked_hours() -> None:
    inventory = site()
    assert incident(inventory, BREAK_FIX, "mains").hours == pytest.approx(5.0)
    assert incident(inventory, BREAK_FIX, "router").hours == pytest.approx(3.5)
    assert incident(inventory, "care", "mains").hours == pytest.approx(
        0.25 + 4 + 4632 / 672 + 0.5 + 1 * 48 / 672 + 1 + 3.5)
    assert incident(inventory, "care", "router").hours == pytest.approx(
        0.25 + 4 + 4632 / 672 + 1 + 3 * 48 / 672)
    assert incident(inventory, "care", "mains").parties == ("care", "power")
    assert incident(inventory, "care", "router").parties == ("care",)


def test_a_partner_called_first_that_keeps_working_hours() -> None:
    assert note(site(), "mains") == (
        "Slower than break-fix here: Care Co is called first, and the utility only after "
        "its visit; Care Co works Mo-Fr, so a failure outside those hours waits for it.")


def test_a_partner_called_in_place_of_the_vendor_that_keeps_working_hours() -> None:
    assert note(site(), "router") == (
        "Slower than break-fix here: Care Co is called in place of NetCo; Care Co works "
        "Mo-Fr, so a failure outside those hours waits for it.")


def test_a_partner_around_the_clock_is_slower_for_its_visit_alone() -> None:
    inventory = site(hours="24/7")
    assert incident(inventory, "care", "mains").hours == pytest.approx(9.25)
    assert incident(inventory, "care", "router").hours == pytest.approx(5.25)
    assert note(inventory, "mains") == (
        "Slower than break-fix here: Care Co is called first, and the utility only after its visit.")
    assert note(inventory, "router") == (
        "Slower than break-fix here: Care Co is called in place of NetCo, and takes longer to "
        "come and do the work.")


def test_a_plan_quicker_than_break_fix_says_nothing() -> None:
    inventory = site(hours="24/7", response=1)
    assert incident(inventory, "care", "router").hours == pytest.approx(2.25)
    assert note(inventory, "router") == ""
    base = incident(inventory, BREAK_FIX, "router")
    assert slower_note(inventory, base, base) == ""  # break-fix is never slower than itself


def test_the_report_puts_the_note_under_the_plans_bar_and_in_the_what_if() -> None:
    inventory = site()
    report = build_report(inventory, years=20, seed=0)
    html = render_report(report)
    for story in report.stories:  # both failures are told, each slower under the plan
        assert [h.slower.startswith(SLOWER) for h in story.handlings] == [False, True]
    assert html.count('<p class="slower-why">') == 2
    assert "Care Co is called in place of NetCo; Care Co works Mo-Fr" in html
    handling = json.loads(report.what_if)["components"]["router"]["handling"]
    assert handling == [["NetCo", "3.5 h", handling[0][2], ""],
                        ["Care Co", "12 h", handling[1][2], note(inventory, "router")]]


def slower(inventory: Inventory, plan_id: str, root: str) -> bool:
    return incident(inventory, plan_id, root).hours > incident(inventory, BREAK_FIX, root).hours


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_on_the_bundled_sites_every_slower_plan_and_only_it_says_why(path: Path) -> None:
    inventory = load_inventory(path)
    report = build_report(inventory, years=20, seed=0)
    plans = plan_ids(inventory)
    roots = [e.root for e in costliest_failures(inventory)[:TOP_INCIDENTS]]
    assert len(roots) == len(report.stories)
    for root, story in zip(roots, report.stories, strict=True):
        for plan_id, handling in zip(plans, story.handlings, strict=True):
            assert handling.slower.startswith(SLOWER) == slower(inventory, plan_id, root), root
    components = json.loads(report.what_if)["components"]
    for root, entry in components.items():
        for plan_id, row in zip(plans, entry["handling"], strict=True):
            assert row[3].startswith(SLOWER) == slower(inventory, plan_id, root), (plan_id, root)
            assert (row[3] == "") == (not slower(inventory, plan_id, root))
    # the notes in the page are exactly those of the bars
    html = render_report(report)
    notes = re.findall(r'<p class="slower-why">([^<]*)</p>', html)
    assert len(notes) == sum(bool(h.slower) for s in report.stories for h in s.handlings)
