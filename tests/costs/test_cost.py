"""The cost model of ``cost-model.md`` sections 1 and 2, checked on a site worked out by hand.

The site (``HANDOFF_OFFICE``): an ISP line (billed ``included``) feeds NetCo's router,
which feeds an unowned switch, which feeds Bright AV's codec. Boardroom video
(owner Bright AV, $100/h, 5 people, noticed after 1 h) needs the codec;
internet (owner NetCo, $50/h, 10 people, noticed after 0.5 h) needs the
router. NetCo's NAS feeds nothing and is not monitored.

Model: blame 0.5, latent discovery 10 days = 240 h, unowned search 8 h.
Default vendor terms: response 10, diagnosis 1, rate 100, trip 50, minimum 2,
so one misdirected (diagnosing) engagement is 10 + 1 = 11 h and
50 + 100 x max(2, 1) = $250, expected 0.5 x 11 = 5.5 h and 0.5 x 250 = $125.

Engagements used below (hours; labor):
  Bright AV, not last: 8 + 1 = 9 h; 100 + 200 x max(3, 1) = $700
  Bright AV, last (codec repair 4): 8 + 1 + 4 = 13 h; 100 + 200 x max(3, 5) = $1,100
  unowned, not last: 8 search + 10 + 1 = 19 h; $250
  unowned, last (switch repair 1): 8 + 10 + 1 + 1 = 20 h; 50 + 100 x max(2, 2) = $250
  NetCo, not last: 20 + 2 = 22 h; 60 + 120 x max(1, 2) = $300
  NetCo, last (router repair 2): 20 + 2 + 2 = 24 h; 60 + 120 x max(1, 4) = $540
  NetCo, last (nas repair 3): 20 + 2 + 3 = 25 h; 60 + 120 x 5 = $660
  FiberCo (included), last (line repair 5): 4 + 1 + 5 = 10 h; $0
"""

from __future__ import annotations

import dataclasses
import json
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from sites import HANDOFF_OFFICE
from strategies import priced_acyclic_sites

from depgraph.cli.main import main
from depgraph.costs.impacts import requirement_path
from depgraph.costs.incidents import Engagement, incident, incidents
from depgraph.costs.plans import plan_ids
from depgraph.costs.yearly import break_even_sentence, expected_year, fragmentation
from depgraph.engine.graph import graph_of
from depgraph.errors import UnknownIdError
from depgraph.inventory.container import Inventory
from depgraph.loading import load_inventory


@pytest.fixture(scope="module")
def office() -> Inventory:
    return load_inventory(HANDOFF_OFFICE)


def figures(inv: Inventory, plan: str, root: str) -> tuple[float, ...]:
    i = incident(inv, plan, root)
    return (i.hours, i.labor, i.downtime_cost, i.people_hours, i.total, i.rate)


def test_chain_with_two_handoffs_through_an_unowned_part(office: Inventory) -> None:
    # router fails: video and internet down (S cost 150/h, 15 people); video is
    # the symptom ($100/h beats $50/h). Its owner Bright AV is called first;
    # the path video -> codec (avco) -> switch (unowned) -> router (netco)
    # gives the chain avco, unowned, netco: 2 hand-offs, both between
    # non-partners, so 2 expected misdirections.
    # hours = 1 notice + 9 + 19 + 24 + 2 x 5.5 = 64; labor = 700 + 250 + 540 + 2 x 125 = 1,740
    # downtime = 64 x 150 = 9,600; people-hours = 64 x 15 = 960; total = 11,340; rate 0.5
    i = incident(office, "break-fix", "router")
    assert (i.symptom, i.detection, i.detection_hours) == ("video", "symptom", 1.0)
    assert i.down_services == ("internet", "video")
    assert (i.service_cost_per_hour, i.service_people) == (150.0, 15)
    assert i.parties == ("avco", None, "netco")
    assert i.handoffs == 2
    assert i.engagements == (
        Engagement("avco", 9.0, 700.0),
        Engagement(None, 19.0, 250.0),
        Engagement("netco", 24.0, 540.0),
    )
    assert i.misdirectable_handoffs == 2
    assert (i.misdirection_hours, i.misdirection_labor) == (11.0, 250.0)
    assert figures(office, "break-fix", "router") == (64.0, 1740.0, 9600.0, 960.0, 11340.0, 0.5)
    assert not i.covered


def test_included_isp_at_the_end_of_a_three_handoff_chain(office: Inventory) -> None:
    # line fails: chain avco, unowned, netco, isp (3 misdirectable hand-offs).
    # hours = 1 + 9 + 19 + 22 + 10 + 3 x 5.5 = 77.5; labor = 700 + 250 + 300 + 0 + 3 x 125 = 1,625
    # downtime = 77.5 x 150 = 11,625; people-hours = 1,162.5; total = 13,250; rate 1
    i = incident(office, "break-fix", "line")
    assert i.parties == ("avco", None, "netco", "isp")
    assert i.engagements[-1] == Engagement("isp", 10.0, 0.0)
    assert figures(office, "break-fix", "line") == (77.5, 1625.0, 11625.0, 1162.5, 13250.0, 1.0)


def test_unowned_part_repaired_last_and_a_chain_of_one(office: Inventory) -> None:
    # switch: chain avco, unowned; hours = 1 + 9 + 20 + 5.5 = 35.5, labor = 700 + 250 + 125
    # = 1,075, downtime = 35.5 x 100 = 3,550, people-hours = 177.5, total 4,625, rate 0.4.
    # codec: video's owner and the codec are both Bright AV: one party, no hand-off;
    # hours = 1 + 13 = 14, labor 1,100, downtime 1,400, people-hours 70, total 2,500.
    assert incident(office, "break-fix", "switch").engagements[-1] == Engagement(None, 20.0, 250.0)
    assert figures(office, "break-fix", "switch") == (35.5, 1075.0, 3550.0, 177.5, 4625.0, 0.4)
    codec = incident(office, "break-fix", "codec")
    assert (codec.parties, codec.handoffs, codec.misdirectable_handoffs) == (("avco",), 0, 0)
    assert figures(office, "break-fix", "codec") == (14.0, 1100.0, 1400.0, 70.0, 2500.0, 0.2)


def test_latent_failure(office: Inventory) -> None:
    # nas takes nothing down and nobody watches it: found after 10 x 24 = 240 h,
    # NetCo alone repairs it: hours = 240 + 25 = 265, labor 660, no downtime.
    i = incident(office, "break-fix", "nas")
    assert (i.symptom, i.detection, i.detection_hours) == (None, "latent", 240.0)
    assert i.parties == ("netco",)
    assert figures(office, "break-fix", "nas") == (265.0, 660.0, 0.0, 0.0, 660.0, 0.1)
    # Under NetCare the NAS is covered but unmonitored: still latent, the partner alone
    # repairs it: 240 + (1 - 0.5) x 4 + 0.5 + 3 = 245.5 h, no labor; rate 0.1 x 0.5 = 0.05.
    under_plan = incident(office, "netcare", "nas")
    assert (under_plan.detection, under_plan.parties) == ("latent", ("netcare",))
    assert figures(office, "netcare", "nas") == (245.5, 0.0, 0.0, 0.0, 0.0, 0.05)


def test_plan_covering_some_vendors(office: Inventory) -> None:
    # NetCare covers netco; it lists isp, which is billed included and so never covered.
    # Partner engagement = (1 - 0.5) x 4 + 0.5 = 2.5 h (+ repair when last), no labor.
    # line (not covered, not watched: covers is not all): video's owner avco is first;
    # path parties avco, unowned, partner (router), isp. Only avco -> unowned can be
    # misdirected. hours = 1 + 9 + 19 + 2.5 + 10 + 5.5 = 47; labor = 700 + 250 + 125 = 1,075;
    # downtime = 47 x 150 = 7,050; people-hours 705; total 8,125; rate 1 (isp not covered).
    line = incident(office, "netcare", "line")
    assert line.parties == ("avco", None, "netcare", "isp")
    assert (line.handoffs, line.misdirectable_handoffs, line.covered) == (3, 1, False)
    assert figures(office, "netcare", "line") == (47.0, 1075.0, 7050.0, 705.0, 8125.0, 1.0)
    # router is covered and monitored: the alert comes after 0.25 h and the partner
    # fixes it: 0.25 + 2.5 + 2 = 4.75 h; downtime 712.5; rate 0.5 x (1 - 0.5) = 0.25.
    router = incident(office, "netcare", "router")
    assert (router.detection, router.detection_hours, router.parties) == (
        "monitoring", 0.25, ("netcare",),
    )
    assert figures(office, "netcare", "router") == (4.75, 0.0, 712.5, 71.25, 712.5, 0.25)
    # the switch (unowned, covers is a list) and the codec (avco) stay as under break-fix.
    for root in ("switch", "codec"):
        assert figures(office, "netcare", root) == figures(office, "break-fix", root)


def test_full_plan_watches_the_isp(office: Inventory) -> None:
    # Full Care covers all: netco, avco and the unowned switch, not the included ISP,
    # but it watches the monitored line and calls the ISP itself: chain Studio, isp,
    # 1 hand-off, none misdirectable. Partner engagement = 0.75 x 2 + 1 = 2.5 h.
    # hours = 0.5 detection + 2.5 + 10 = 13; downtime = 13 x 150 = 1,950; rate 1.
    line = incident(office, "full", "line")
    assert (line.detection, line.parties, line.handoffs) == ("monitoring", ("full", "isp"), 1)
    assert line.misdirectable_handoffs == 0
    assert figures(office, "full", "line") == (13.0, 0.0, 1950.0, 195.0, 1950.0, 1.0)
    # router: 0.5 + 2.5 + 2 = 5 h, downtime 750; rate 0.5 x 0.8 = 0.4.
    assert figures(office, "full", "router") == (5.0, 0.0, 750.0, 75.0, 750.0, 0.4)
    # switch (unowned, covered under all): 0.5 + 2.5 + 1 = 4 h, downtime 400; rate 0.4 x 0.8.
    assert figures(office, "full", "switch") == pytest.approx((4.0, 0.0, 400.0, 20.0, 400.0, 0.32))
    # codec is not monitored: noticed on video after 1 h, and with covers all the partner
    # is called first: 1 + 2.5 + 4 = 7.5 h, downtime 750; rate 0.2 x 0.8 = 0.16.
    codec = incident(office, "full", "codec")
    assert (codec.detection, codec.parties) == ("symptom", ("full",))
    assert figures(office, "full", "codec") == pytest.approx((7.5, 0.0, 750.0, 37.5, 750.0, 0.16))


def test_partner_called_first_because_it_covers_the_owner(office: Inventory) -> None:
    # Lemon covers avco only, with a 100 h response: video's owner is avco, so the
    # partner is called first on the line failure: chain lemon, unowned, netco, isp;
    # misdirectable: unowned -> netco and netco -> isp (2).
    # hours = 1 + (100 + 0.5) + 19 + 22 + 10 + 2 x 5.5 = 163.5; labor = 250 + 300 + 2 x 125 = 800
    line = incident(office, "lemon", "line")
    assert (line.parties, line.misdirectable_handoffs) == (("lemon", None, "netco", "isp"), 2)
    assert figures(office, "lemon", "line") == (163.5, 800.0, 24525.0, 2452.5, 25325.0, 1.0)


def test_misdirection_follows_the_default_billing_but_unowned_is_always_hourly() -> None:
    # With default vendor terms billed included (so Bright AV and NetCo, which do not
    # set their billing, are included too), a misdirected call costs hours only, while
    # the unowned switch is still billed hourly: 50 + 100 x max(2, 1) = 250.
    # router: hours as before (64), labor = 0 + 250 + 0 + 2 x 0 = 250.
    included = HANDOFF_OFFICE.replace("{hourly_rate: 100,", "{billing: included, hourly_rate: 100,", 1)
    inv = load_inventory(included)
    i = incident(inv, "break-fix", "router")
    assert (i.misdirection_hours, i.misdirection_labor) == (11.0, 0.0)
    assert (i.hours, i.labor) == (64.0, 250.0)


def test_expected_year_and_break_even(office: Inventory) -> None:
    # break-fix: line 1 x 13,250 + router 0.5 x 11,340 + switch 0.4 x 4,625
    #   + codec 0.2 x 2,500 + nas 0.1 x 660 = 13,250 + 5,670 + 1,850 + 500 + 66 = 21,336
    # labor = 1,625 + 870 + 430 + 220 + 66 = 3,211; downtime = 21,336 - 3,211 = 18,125
    # internet hours = 1 x 77.5 + 0.5 x 64 = 109.5;
    # video hours = 109.5 + 0.4 x 35.5 + 0.2 x 14 = 109.5 + 14.2 + 2.8 = 126.5
    base = expected_year(office, "break-fix")
    assert (base.monthly_fee, base.fee, base.break_even_monthly_fee) == (0.0, 0.0, None)
    assert (base.annual_cost, base.labor, base.downtime_cost) == pytest.approx((21336, 3211, 18125))
    assert base.downtime_hours == pytest.approx({"internet": 109.5, "video": 126.5})
    # Full Care: fee 12 x 500 = 6,000; risk = 1,950 + 0.4 x 750 + 0.32 x 400 + 0.16 x 750 + 0
    #   = 1,950 + 300 + 128 + 120 = 2,498; annual = 8,498; no labor.
    # break-even = (21,336 - 2,498) / 12 = 18,838 / 12 = 1,569.83
    # internet hours = 13 + 0.4 x 5 = 15; video = 15 + 0.32 x 4 + 0.16 x 7.5 = 17.48
    full = expected_year(office, "full")
    assert (full.fee, full.annual_cost, full.labor) == pytest.approx((6000, 8498, 0))
    assert full.downtime_cost == pytest.approx(2498)
    assert full.break_even_monthly_fee == pytest.approx(18838 / 12)
    assert full.downtime_hours == pytest.approx({"internet": 15, "video": 17.48})
    assert break_even_sentence(office, full) == (
        "Full Care pays for itself at any fee below $1,570 a month; it is quoted at $500."
    )
    # NetCare: risk = 8,125 + 0.25 x 712.5 + 1,850 + 500 + 0 = 10,653.125; annual = 11,853.125
    # break-even = (21,336 - 10,653.125) / 12 = 890.24
    netcare = expected_year(office, "netcare")
    assert netcare.annual_cost == pytest.approx(11853.125)
    assert netcare.break_even_monthly_fee == pytest.approx((21336 - 10653.125) / 12)
    # Quoted above break-even: 12 x (950 - 890.24) = 717.1 a year more, said in words.
    quoted_high = dataclasses.replace(netcare, monthly_fee=950)
    assert break_even_sentence(office, quoted_high) == (
        "NetCare pays for itself at any fee below $890 a month; it is quoted at $950, "
        "so on these assumptions it costs $717 a year more than break-fix."
    )


def test_a_plan_that_does_not_pay_off(office: Inventory) -> None:
    # Lemon: risk = 25,325 + 0.5 x 23,415 + 0.4 x 12,400 + 0.2 x 10,550 + 0.1 x 660
    #   = 25,325 + 11,707.5 + 4,960 + 2,110 + 66 = 44,168.5; annual = 120 + 44,168.5
    # break-even = (21,336 - 44,168.5) / 12 = -1,902.71: negative, said in words.
    lemon = expected_year(office, "lemon")
    assert lemon.annual_cost == pytest.approx(44288.5)
    assert lemon.break_even_monthly_fee == pytest.approx(-22832.5 / 12)
    assert break_even_sentence(office, lemon).startswith("Lemon does not pay off")


def test_fragmentation(office: Inventory) -> None:
    # vendors owning a component: isp, netco, avco = 3.
    # edges: router->line (netco/isp), switch->router (unowned/netco), codec->switch
    # (avco/unowned) cross; video->codec (owner avco/avco), internet->router (netco/netco)
    # do not: 3 boundary edges.
    # mean hand-offs over non-latent incidents (nas is latent):
    # (1 x 3 + 0.5 x 2 + 0.4 x 1 + 0.2 x 0) / (1 + 0.5 + 0.4 + 0.2) = 4.4 / 2.1
    f = fragmentation(office)
    assert (f.vendors, f.boundary_edges) == (3, 3)
    assert f.mean_handoffs == pytest.approx(4.4 / 2.1)


SMALL = """\
version: 1
site: {name: ties}
vendors: [{id: a}, {id: b}, {id: c}]
components:
  - {id: root, category: network, vendor: c}
  - {id: left, category: network, vendor: a, requires: [root]}
  - {id: right, category: network, vendor: b, requires: [root]}
services:
  - {id: s2, requires: [right, left], cost_per_hour: 10, people: 3, owner: b}
  - {id: s1, requires: [left], cost_per_hour: 10, people: 3, owner: a}
  - {id: s0, requires: [right], cost_per_hour: 10, people: 2}
  - {id: hub, requires: [s1], owner: c}
"""


def test_symptom_ties_and_the_first_reached_path() -> None:
    # root takes everything down. s2 and s1 tie on cost (10) and people (3); s1 wins on id.
    # From s2 both right and left reach root in two steps; right is listed first, so the
    # path is s2 -> right -> root.
    inv = load_inventory(SMALL)
    assert incident(inv, "break-fix", "root").symptom == "s1"
    graph = graph_of(inv)
    path = requirement_path(graph, graph.index["s2"], graph.index["root"], set(range(len(graph))))
    assert [graph.ids[n] for n in path] == ["s2", "right", "root"]


def test_boundary_edges_between_services_and_components_use_the_owner() -> None:
    # A service's party is its owner; s0 names none, so it is that of right: b.
    # Crossing: left->root (a/c), right->root (b/c), s2->left (b/a), hub->s1 (c/a) = 4;
    # not crossing: s2->right (b/b), s1->left (a/a), s0->right (b/b).
    inv = load_inventory(SMALL)
    assert inv.service("s0").owner == "b"
    assert fragmentation(inv).boundary_edges == 4


SERVICE_CHAIN = """\
version: 1
site: {name: service chain}
vendors: [{id: a}, {id: c}]
components:
  - {id: box, category: compute, vendor: a, monitored: false}
services:
  - {id: base, requires: [box], owner: a}
  - {id: top, requires: [base], owner: c, cost_per_hour: 5}
plans:
  - {id: care, monthly_fee: 1, covers: [a]}
"""


def test_a_path_through_a_service_calls_the_service_party() -> None:
    # box (not monitored) fails: base and top go down; top ($5/h) is the symptom. The path top -> base -> box
    # gives: top's owner c, base's owner a, box's vendor a: chain c, a.
    # Under care (covers a): top's owner c is not covered, so c is first; base's owner a is
    # covered, so its party is the partner, and so is box's: chain c, care.
    inv = load_inventory(SERVICE_CHAIN)
    assert incident(inv, "break-fix", "box").parties == ("c", "a")
    under_care = incident(inv, "care", "box")
    assert (under_care.detection, under_care.parties) == ("symptom", ("c", "care"))


def test_unknown_plan_and_component(office: Inventory) -> None:
    with pytest.raises(UnknownIdError, match="did you mean 'full'"):
        incidents(office, "ful")
    with pytest.raises(UnknownIdError, match="component"):
        incident(office, "break-fix", "rooter")
    assert plan_ids(office) == ["break-fix", "netcare", "full", "lemon"]


def test_incidents_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "office.yaml"
    path.write_text(HANDOFF_OFFICE)
    assert main(["incidents", str(path), "--plan", "full", "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert list(document) == ["plan", "incidents"]
    assert document["plan"] == "full"
    roots = [i["root"] for i in document["incidents"]]
    assert roots == ["codec", "line", "nas", "router", "switch"]
    line = document["incidents"][1]
    assert list(line) == [
        "root", "symptom", "detection", "parties", "handoffs", "hours", "labor",
        "downtime_cost", "people_hours", "total", "rate", "hours_p90",
    ]
    assert line == {
        "root": "line", "symptom": "video", "detection": "monitoring", "parties": ["full", "isp"],
        "handoffs": 1, "hours": 13.0, "labor": 0.0, "downtime_cost": 1950.0,
        "people_hours": 195.0, "total": 1950.0, "rate": 1.0, "hours_p90": 13.0,
    }
    assert main(["incidents", str(path), "--json"]) == 0
    unowned = json.loads(capsys.readouterr().out)["incidents"][4]
    assert (unowned["root"], unowned["parties"]) == ("switch", ["avco", None])


def test_incidents_unknown_plan_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "office.yaml"
    path.write_text(HANDOFF_OFFICE)
    assert main(["incidents", str(path), "--plan", "ful"]) == 2
    assert capsys.readouterr().err == "depgraph: error: unknown plan 'ful'; did you mean 'full'?\n"


def test_incidents_story(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "office.yaml"
    path.write_text(HANDOFF_OFFICE)
    assert main(["incidents", str(path), "--top", "2"]) == 0
    assert capsys.readouterr().out == (
        "Incidents under break-fix (no plan): 5 of 5 failures cost something;"
        " the 2 costliest:\n"
        "  line fails → Boardroom video calls and 1 other service down; Bright AV is called"
        " first, hands off to a contractor yet to be found (no vendor on file), then to NetCo,"
        " then to FiberCo; restored after 78 h; $1,625 labor + $11,625 downtime\n"
        "  router fails → Boardroom video calls and 1 other service down; Bright AV is called"
        " first, hands off to a contractor yet to be found (no vendor on file), then to NetCo;"
        " restored after 64 h; $1,740 labor + $9,600 downtime\n"
        "\n"
        "Assumptions: blame_probability = 0.5, latent_discovery_days = 10,"
        " unowned_search_hours = 8, duration_spread = 0.5.\n"
        "Default vendor terms (unowned parts, misdirected calls): billing = hourly,"
        " hourly_rate = 100, trip_fee = 50, minimum_hours = 2, response_hours = 10,"
        " diagnosis_hours = 1, hours = 24/7.\n"
    )
    assert main(["incidents", str(path), "--plan", "full", "--top", "1"]) == 0
    story = "Studio's monitoring sees it, calls FiberCo; restored after 13 h"
    assert story in capsys.readouterr().out




@settings(max_examples=60)
@given(priced_acyclic_sites())
def test_a_plan_covering_nothing_costs_what_break_fix_costs(text: str) -> None:
    inv = load_inventory(text)
    for base, same in zip(incidents(inv), incidents(inv, "nothing"), strict=True):
        assert base.to_json() == same.to_json()
    assert expected_year(inv, "nothing").break_even_monthly_fee == pytest.approx(0, abs=1e-9)


@settings(max_examples=60)
@given(priced_acyclic_sites())
def test_incident_invariants(text: str) -> None:
    inv = load_inventory(text)
    graph = graph_of(inv)
    for plan in plan_ids(inv):
        for i in incidents(inv, plan):
            assert i.handoffs == len(i.parties) - 1 == len(i.engagements) - 1
            assert all(a != b for a, b in pairwise(i.parties))
            assert i.total == pytest.approx(i.labor + i.downtime_cost)
            assert i.hours >= i.detection_hours + sum(e.hours for e in i.engagements) - 1e-9
            assert (i.symptom is None) == (not i.down_services)
            if i.symptom is not None:
                down = graph.down([graph.index[i.root]])
                assert requirement_path(graph, graph.index[i.symptom], graph.index[i.root], down)
            if i.detection == "latent":
                assert i.handoffs == 0 and i.symptom is None
