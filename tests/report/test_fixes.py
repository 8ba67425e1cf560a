"""What to fix first: findings grouped by cause in plain words, remedies under the recommendation.

The figures are those of the hand-worked office (``REPORT_OFFICE``, worked in
``test_report.py``): the line's break-fix failure costs $12,830 and happens once
a year; the router's costs $10,717.50 and happens 0.5 times a year ($5,358.75).
"""

from __future__ import annotations

import re

import pytest
from sites import BUNDLED, REPORT_OFFICE

from depgraph.findings import CHECKS, audit
from depgraph.findings.causes import by_cause, told
from depgraph.inventory.container import Inventory
from depgraph.loading import load_inventory
from depgraph.remedies import RemedyValue
from depgraph.report.fixes import KINDS, SHOWN_FIXES, fix_list

# The office with a second service on the same two access points, at no cost an hour and
# with nobody, so that every incident's figures stay those worked out by hand.
TWO_ON_THE_APS = REPORT_OFFICE.replace(
    "plans:",
    "  - {id: orders, name: Online orders, requires: [{any: [ap-1, ap-2]}], cost_per_hour: 0,\n"
    "     owner: netco}\nplans:",
)


@pytest.fixture(scope="module")
def office() -> Inventory:
    return load_inventory(REPORT_OFFICE)


def test_findings_with_the_same_failing_parts_are_one_cause_with_the_audits_figure(
    office: Inventory,
) -> None:
    fixes = fix_list(office)
    # 7 findings: the Wi-Fi's false redundancy (router or line), line (single point of
    # failure and long hand-off chain: one cause), router, codec, and two without a rate.
    assert [i.findings for i in fixes.items] == [1, 2, 1, 1, 1, 1]
    assert sum(i.findings for i in fixes.items) + fixes.more == len(audit(office)) == 7
    first, line, router = fixes.items[:3]
    # router 0.5 x $10,717.50 + line 1 x $12,830 = $18,188.75
    assert (first.check, first.cost) == ("Backup that is not one", "$18,189")
    assert first.amount == pytest.approx(18188.75)
    assert (line.check, line.cost) == ("Single point of failure · Long chain of calls", "$12,830")
    assert line.text == (
        "line is a single point of failure: on its own it takes down 2 services (Video calls and "
        "Wi-Fi), $110/h and 8 people; and when line fails under break-fix, the call passes "
        "through 3 parties (Bright AV → NetCo → FiberCo) and it takes 108 h to fix.")
    assert router.cost == "$5,359" and router.amount == pytest.approx(5358.75)
    # every cause's figure is the risk_per_year audit --json gives each of its findings
    for cause in by_cause(audit(office)):
        assert {f.evidence.get("risk_per_year", 0.0) for f in cause.findings} == {
            cause.risk_per_year}


def test_several_redundancies_one_failure_defeats_are_told_once() -> None:
    inventory = load_inventory(TWO_ON_THE_APS)
    fixes = fix_list(inventory)
    first = fixes.items[0]
    # both services' false redundancy comes from the router (or the line): one cause, the
    # same $18,188.75, where the audit lists two findings at that figure
    assert [f.subject for f in audit(inventory) if f.code == "DG102"] == ["orders", "wifi"]
    assert (first.findings, first.cost) == (2, "$18,189")
    assert fixes.items[1].cost == "$12,830"
    assert first.text == (
        "One failure of Router (or of line) takes down 2 services that look redundant but lose "
        "all of their options with it: Online orders and Wi-Fi.")


def test_a_single_false_redundancy_is_told_in_plain_words(office: Inventory) -> None:
    assert fix_list(office).items[0].text == (
        "Wi-Fi looks redundant (it can use any of ap-1 and ap-2), but both go down with Router "
        "(or with line), so that one failure still takes it down.")


def test_a_name_ending_in_s_owns_with_an_apostrophe_in_the_audit_too() -> None:
    inventory = load_inventory(TWO_ON_THE_APS)
    told = {f.subject: f.message for f in audit(inventory) if f.code == "DG102"}
    assert told["orders"].startswith("The redundancy of orders' requirement 1 (any of")
    assert told["wifi"].startswith("The redundancy of wifi's requirement 1 (any of")


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_the_bundled_sites_causes_are_plain_distinct_and_ranked(path: object) -> None:
    inventory = load_inventory(path)  # type: ignore[arg-type]
    fixes = fix_list(inventory)
    texts = [i.text for i in fixes.items]
    assert len(fixes.items) == SHOWN_FIXES and fixes.more > 0
    for text in texts:
        assert not re.search(r"requirement \d|members up|is not real|fewer than 1\b|'s'|s's\b",
                             text), text
    amounts = [i.amount for i in fixes.items]
    assert amounts == sorted(amounts, reverse=True)
    assert len(set(amounts)) == len(amounts)  # no cause told twice at one figure


def remedy(id_: str, nets: dict[str, float], months: dict[str, float | None]) -> RemedyValue:
    return RemedyValue(id_, id_.title(), 1000.0, 0.0, nets, nets, months, (), (), ())


def test_remedies_rank_under_the_recommended_plan_and_a_loss_goes_last(
    office: Inventory,
) -> None:
    remedies = [  # best first under break-fix, as the report receives them
        remedy("a", {"break-fix": 600.0, "care": -50.0}, {"break-fix": 20.0, "care": None}),
        remedy("b", {"break-fix": 300.0, "care": 400.0}, {"break-fix": 40.0, "care": 30.0}),
        remedy("c", {"break-fix": 100.0, "care": 20.0}, {"break-fix": 120.0, "care": 600.0}),
    ]
    under_care = fix_list(office, remedies, "care")
    assert (under_care.option, under_care.plan) == ("Office Care", "Office Care")
    assert [(r.name, r.net, r.payback, r.net_break_fix, r.payback_break_fix, r.loses)
            for r in under_care.remedies] == [
        ("B", "$400", "30 months", "$300", "40 months", False),
        ("C", "$20", "600 months", "$100", "120 months", False),
        ("A", "-$50", "never", "$600", "20 months", True),
    ]
    under_break_fix = fix_list(office, remedies)
    assert (under_break_fix.option, under_break_fix.plan) == ("break-fix", "")
    assert [(r.name, r.net, r.loses) for r in under_break_fix.remedies] == [
        ("A", "$600", False), ("B", "$300", False), ("C", "$100", False)]


def test_every_check_has_a_label_in_the_client_s_words() -> None:
    assert set(KINDS) == {c.code for c in CHECKS}
    assert not [label for label in KINDS.values() if "-" in label or "handoff" in label.lower()]


FRAGMENTED = """\
version: 1
site: {name: Chain office}
vendors: [{id: isp, name: Metro ISP, billing: included}, {id: netco, name: NetCo}]
components:
  - {id: line, category: network, vendor: isp}
  - {id: router, category: network, vendor: netco, requires: [line]}
services:
  - {id: internet, name: Internet, requires: [router], cost_per_hour: 40, people: 5}
"""


def test_fragmentation_and_concentration_are_told_without_modelling_words() -> None:
    """The report says "ways one failure can take a service down", never "critical paths"."""
    inventory = load_inventory(FRAGMENTED)
    causes = {c.findings[0].code: c for c in by_cause(audit(inventory))}
    assert told(inventory, causes["DG107"]) == (
        "Most failures need more than one company: of the 2 ways one failure can take a service "
        "down, 1 (50%) pass from one company to another before the fix.")
    assert told(inventory, causes["DG108"]) == (
        "NetCo is involved in 100% of the ways one failure can take a service down (1 service, "
        "$40/h): how fast it responds decides most outages.")
