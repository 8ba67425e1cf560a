"""Remedies (``remedies.md``): risk, saving, net, payback and the budget's pick, worked by hand.

The site (``SITE``, ``sites.ROUTER_ON_FIBER``): an ISP fiber line (billed ``included``: response 4 h,
diagnosis 1 h) feeds NetCo's router (response 4 h, diagnosis 1 h, $100/h,
trip $50), which feeds internet ($100/h, owner NetCo by the breadth-first
rule). No misdirection (blame 0). Plan ``care`` ($100/month) covers all.

Break-fix:
  router (0.5/yr): 0.5 notice + NetCo 4 + 1 + 1 repair = 6.5 h; labor 50 + 100 x 2 = $250;
    total 650 + 250 = $900; risk $450.
  fiber (1/yr): 0.5 + NetCo 4 + 1 (diagnosis only, $150) + ISP 4 + 1 + 1 = 11.5 h; $150;
    total 1,150 + 150 = $1,300; risk $1,300.          Expected year: $1,750.
Care (failure reduction 0.3, response 4, remote fix 0.3, detection 0.25, diagnosis 0.5):
  router (covered, 0.35/yr, monitored): 0.25 + 0.7 x 4 + 0.5 + 1 = 4.55 h, no labor;
    total $455; risk $159.25.
  fiber (not covered, 1/yr; watched: the plan covers all and the ISP is included):
    0.25 + care 2.8 + 0.5 + ISP 6 = 9.55 h; total $955; risk $955.
  Expected year: 1,200 + 159.25 + 955 = $2,314.25; break-even (1,750 - 1,114.25) / 12.

Remedies:
  lte ($900, $45/month): an LTE line as the router's fallback. Fiber and LTE then fail
    without a symptom: no downtime, no labor (the ISP is included). Saving: break-fix
    $1,300, care $955; net 1,300 - 540 = $760 and 955 - 540 = $415.
  better-router ($200): failures 0.25 a year. Saving: break-fix $225 (half the router's
    risk), care 0.175 x 455 = $79.625.
  cheaper-care ($0): care at $80/month. Saving: care $240, break-fix 0.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from sites import ROOT
from sites import ROUTER_ON_FIBER as SITE

from depgraph.cli.main import main
from depgraph.costs.incidents import incidents
from depgraph.costs.plans import plan_ids
from depgraph.costs.yearly import expected_year
from depgraph.errors import InventoryError
from depgraph.inventory.applying import Placed
from depgraph.inventory.remedies import Remedy
from depgraph.inventory.yamldoc import YamlDocument
from depgraph.loading import check_inventory, load_inventory
from depgraph.proposal import apply_remedy
from depgraph.remedies import choose, evaluate, load_proposal, site_figures

LTE = """\
  - id: lte
    name: Add an LTE backup line
    one_time_cost: 900
    monthly_cost: 45
    add:
      components:
        - {id: lte, category: network, vendor: isp, failures_per_year: 1}
    change:
      - {id: router, requires: [{any: [fiber, lte]}]}
"""
BETTER_ROUTER = """\
  - id: better-router
    one_time_cost: 200
    change: [{id: router, failures_per_year: 0.25}]
"""
CHEAPER_CARE = """\
  - id: cheaper-care
    one_time_cost: 0
    change: [{id: care, monthly_fee: 80}]
"""
LTE_B = """\
  - id: lte-b
    one_time_cost: 950
    monthly_cost: 40
    add:
      components: [{id: lte-b, category: network, vendor: isp, failures_per_year: 1}]
    change: [{id: router, requires: [{any: [fiber, lte-b]}]}]
"""


def with_remedies(*remedies: str) -> str:
    return SITE + "remedies:\n" + "".join(remedies)


Capture = pytest.CaptureFixture[str]


def write(tmp_path: Path, text: str, name: str = "site.yaml") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


# --- risk -----------------------------------------------------------------------------------


def test_risk_per_component_per_plan() -> None:
    figures = site_figures(load_inventory(SITE))
    assert figures.risk == {
        "fiber": {"break-fix": 1300.0, "care": pytest.approx(955.0)},
        "router": {"break-fix": 450.0, "care": pytest.approx(159.25)},
    }
    assert figures.annual["break-fix"] == 1750.0
    assert figures.annual["care"] == pytest.approx(2314.25)
    assert figures.break_even("care") == pytest.approx((1750 - 1114.25) / 12)


def test_risks_sum_to_the_expected_year_less_the_fee() -> None:
    inventory = load_inventory(ROOT / "inventories" / "small-office.yaml")
    figures = site_figures(inventory)
    for plan in plan_ids(inventory):
        total = sum(risk[plan] for risk in figures.risk.values())
        year = expected_year(inventory, plan)
        assert total == pytest.approx(year.annual_cost - year.fee)
        assert figures.annual[plan] == year.annual_cost  # bit for bit


def test_rank_json_and_by_risk(tmp_path: Path, capsys: Capture) -> None:
    path = write(tmp_path, SITE)
    assert main(["rank", path, "--json"]) == 0
    entries = json.loads(capsys.readouterr().out)["components"]
    # by cost per hour both take internet down ($100/h); router takes fewer components down
    assert [e["id"] for e in entries] == ["fiber", "router"]
    assert entries[1]["risk"] == {"break-fix": 450.0, "care": pytest.approx(159.25)}
    assert main(["rank", path, "--by", "risk", "--json"]) == 0
    assert [e["id"] for e in json.loads(capsys.readouterr().out)["components"]] == ["fiber", "router"]
    assert main(["rank", path, "--by", "risk"]) == 0
    assert "$1,300" in capsys.readouterr().out


def test_rank_by_risk_orders_by_money_not_blast(tmp_path: Path, capsys: Capture) -> None:
    # fiber now fails rarely: its blast is as large, its risk smaller than the router's.
    path = write(tmp_path, SITE.replace("failures_per_year: 1}", "failures_per_year: 0.1}"))
    assert main(["rank", path, "--by", "risk", "--json"]) == 0
    assert [e["id"] for e in json.loads(capsys.readouterr().out)["components"]] == ["router", "fiber"]


# --- the value of one remedy ---------------------------------------------------------------------


def test_saving_net_payback_spofs() -> None:
    values = {v.id: v for v in evaluate(load_proposal(with_remedies(LTE, BETTER_ROUTER, CHEAPER_CARE)))}
    lte = values["lte"]
    assert lte.saving == {"break-fix": 1300.0, "care": pytest.approx(955.0)}
    assert lte.net == {"break-fix": 760.0, "care": pytest.approx(415.0)}
    assert lte.payback_months["break-fix"] == pytest.approx(900 / (760 / 12))
    assert lte.payback_months["care"] == pytest.approx(900 / (415 / 12))
    assert (lte.spofs_removed, lte.spofs_added, lte.services_changed) == (("fiber",), (), ())
    router = values["better-router"]
    assert router.saving == {"break-fix": 225.0, "care": pytest.approx(79.625)}
    assert router.payback_months["break-fix"] == pytest.approx(200 / (225 / 12))
    care = values["cheaper-care"]
    assert care.saving == {"break-fix": 0.0, "care": 240.0}
    assert care.payback_months == {"break-fix": None, "care": 0.0}


def test_remedies_best_first_under_the_chosen_plan(tmp_path: Path, capsys: Capture) -> None:
    path = write(tmp_path, with_remedies(LTE, BETTER_ROUTER, CHEAPER_CARE))
    assert main(["remedies", path, "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["plan"] == "break-fix" and document["chosen"] is None
    assert [r["id"] for r in document["remedies"]] == ["lte", "better-router", "cheaper-care"]
    assert list(document["remedies"][0]) == [
        "id", "name", "one_time_cost", "monthly_cost", "saving", "net", "payback_months",
        "spofs_removed", "spofs_added", "services_changed",
    ]
    assert main(["remedies", path, "--json", "--plan", "care"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert [r["id"] for r in document["remedies"]] == ["lte", "cheaper-care", "better-router"]


def test_worst_single_failure_changes() -> None:
    # A second, cheaper service on the router alone: fiber's failure then costs $130/h.
    text = SITE.replace("plans:", "  - {id: printing, requires: [router], cost_per_hour: 30}\nplans:")
    values = evaluate(load_proposal(text + "remedies:\n" + LTE))
    # internet's worst single failure: $130/h (fiber or router) before; router's $130 after.
    assert values[0].services_changed == ()
    other = text.replace("  - {id: printing, requires: [router]", "  - {id: printing, requires: [fiber]")
    (value,) = evaluate(load_proposal(other + "remedies:\n" + LTE))
    # before: fiber takes both down ($130/h); after: fiber takes printing alone ($30/h),
    # internet's worst is the router's $100/h.
    assert value.services_changed == ("internet", "printing")
    assert value.spofs_removed == ()


# --- the budget ----------------------------------------------------------------------------------


def test_budget_picks_by_net_per_cost_within_what_is_left() -> None:
    proposal = load_proposal(with_remedies(LTE, BETTER_ROUTER, CHEAPER_CARE))
    # better-router: 225 / 200 = 1.125 per unit, lte 760 / 900 = 0.84; cheaper-care nets 0.
    chosen = choose(proposal, 1000)
    assert chosen.remedies == ("better-router",)  # lte ($900) no longer fits the $800 left
    assert (chosen.one_time_cost, chosen.net) == (200.0, 225.0)
    assert chosen.payback_months == pytest.approx(200 / (225 / 12))
    both = choose(proposal, 1100)
    assert both.remedies == ("better-router", "lte")
    # together: 1,750 - 225 (the router's risk halved, fiber's gone) - 12 x 45
    assert both.net == pytest.approx(985.0)
    assert both.payback_months == pytest.approx(1100 / (985 / 12))


def test_budget_a_free_remedy_first_and_per_plan() -> None:
    proposal = load_proposal(with_remedies(LTE, BETTER_ROUTER, CHEAPER_CARE))
    chosen = choose(proposal, 1100, "care")
    # care: cheaper-care (free, 240), then lte (415 / 900 = 0.46 a unit) before
    # better-router (79.625 / 200 = 0.40).
    assert chosen.remedies == ("cheaper-care", "lte", "better-router")  # $200 left: it fits
    assert chosen.net == pytest.approx(240 + 955 + 79.625 - 540)


def test_two_remedies_for_the_same_weakness_do_not_both_count() -> None:
    proposal = load_proposal(with_remedies(LTE, BETTER_ROUTER, LTE_B))
    # lte-b: net 1,300 - 480 = 820 for 950 (0.86 per unit) beats lte (0.84); once it is
    # chosen, lte saves nothing more (fiber is already backed up) and is not picked.
    chosen = choose(proposal, 5000)
    assert chosen.remedies == ("better-router", "lte-b")
    assert chosen.net == pytest.approx(1750 - 225 - 480)


def test_budget_json_and_text(tmp_path: Path, capsys: Capture) -> None:
    path = write(tmp_path, with_remedies(LTE, BETTER_ROUTER))
    assert main(["remedies", path, "--budget", "1100", "--json"]) == 0
    chosen = json.loads(capsys.readouterr().out)["chosen"]
    assert list(chosen) == ["budget", "remedies", "one_time_cost", "net", "payback_months"]
    assert chosen["remedies"] == ["better-router", "lte"] and chosen["budget"] == 1100.0
    assert main(["remedies", path, "--budget", "1100"]) == 0
    out = capsys.readouterr().out
    assert "With a budget of $1,100: better-router, lte" in out
    assert main(["remedies", path, "--budget", "-5"]) == 2


# --- reading and checking remedies ---------------------------------------------------------------


def test_a_separate_remedies_file(tmp_path: Path, capsys: Capture) -> None:
    site = write(tmp_path, SITE)
    extra = write(tmp_path, "version: 1\nremedies:\n" + LTE, "remedies.yaml")
    assert main(["remedies", site, "--remedies", extra, "--json"]) == 0
    assert [r["id"] for r in json.loads(capsys.readouterr().out)["remedies"]] == ["lte"]


BROKEN = with_remedies("""\
  - id: typo
    one_time_cost: 10
    change:
      - {id: ruoter, monitored: false}
""", """\
  - id: gone
    one_time_cost: 10
    remove: [fiber]
""", """\
  - id: field
    one_time_cost: 10
    change:
      - {id: router, colour: red}
""", """\
  - id: bad-add
    one_time_cost: 10
    add:
      components: [{id: ups, category: powr}]
    change: [{id: router, requires: [fiber, upss]}]
""")


def test_broken_remedies_every_problem_at_its_line(tmp_path: Path, capsys: Capture) -> None:
    path = write(tmp_path, BROKEN)
    assert main(["validate", path]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == [
        f"{path}:18:14: remedy 'typo': it changes 'ruoter', which is no component, "
        "service, vendor, plan or audience; did you mean 'router'?",
        f"{path}:21:14: remedy 'gone': removing 'fiber' leaves component 'router' "
        "referring to it (its requires); change or remove that too in this remedy",
        f"{path}:25:22: remedy 'field': a component has no field 'colour'",
        f"{path}:29:40: remedy 'bad-add': component 'ups': 'powr' is not a category; "
        "did you mean 'power'? (one of: network, power, compute, cloud, control, lighting, "
        "shades, climate, audio, video, conferencing, voip, surveillance, access, security, other)",
        f"{path}:30:45: remedy 'bad-add': 'router' requires 'upss', which is no "
        "component or service; did you mean 'ups'?",
    ]
    assert BROKEN.splitlines()[17] == "      - {id: ruoter, monitored: false}"
    assert main(["remedies", path]) == 2  # the same problems, from any command
    assert main(["compare", path, "--years", "1"]) == 2


def test_broken_shapes_and_remedies_file(tmp_path: Path, capsys: Capture) -> None:
    site = write(tmp_path, SITE)
    extra = write(tmp_path, """\
version: 1
remedys: []
remedies:
  - {id: a, one_time_cost: -1}
  - {id: a, one_time_cost: 5, monthly_cots: 3}
  - {id: b, one_time_cost: }
  - {id: c, one_time_cost: 1, add: {component: []}}
""", "extra.yaml")
    assert main(["remedies", site, "--remedies", extra]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == [
        f"{extra}:2:1: unknown key 'remedys' in a remedies file (it holds version and remedies "
        "only); did you mean 'remedies'?",
        f"{extra}:4:28: remedy 'a': one_time_cost must be at least 0, not -1",
        f"{extra}:5:31: remedy 'a': unknown key 'monthly_cots' of a remedy; did you mean 'monthly_cost'?",
        f"{extra}:6:13: remedy 'b': one_time_cost is not filled in: write the price of the remedy "
        "(equipment and installation)",
        f"{extra}:7:37: remedy 'c': unknown key 'component' in 'add' of a remedy; did you mean "
        "'components'?",
    ]
    assert main(["remedies", site, "--remedies", write(tmp_path, "remedies: []\n", "x.yaml")]) == 2
    assert "missing 'version: 1'" in capsys.readouterr().err


def test_duplicate_remedy_ids_across_file_and_inventory(tmp_path: Path, capsys: Capture) -> None:
    site = write(tmp_path, with_remedies(LTE))
    extra = write(tmp_path, "version: 1\nremedies:\n" + LTE, "extra.yaml")
    assert main(["remedies", site, "--remedies", extra]) == 2
    assert capsys.readouterr().err == (
        f"{extra}:3:9: remedy 'lte': duplicate remedy id (first written in {site} at line 15)\n"
    )


def test_remedy_ids_have_their_own_namespace_and_an_id_in_two_kinds_is_an_error() -> None:
    # A remedy may share its id with a component; a change of 'netco' is ambiguous when a
    # component is called netco too.
    text = SITE.replace("plans:", "  - {id: extra, requires: [router]}\nplans:").replace(
        "  - {id: fiber,", "  - {id: netco, category: other}\n  - {id: fiber,")
    with pytest.raises(InventoryError, match="'netco' is both a component and a vendor"):
        load_proposal(
            text + "remedies:\n  - {id: router, one_time_cost: 1, change: [{id: netco, trade: x}]}\n"
        )


def test_a_remedy_that_leaves_a_loop_with_no_support_is_an_error() -> None:
    text = with_remedies("  - {id: loop, one_time_cost: 1, change: [{id: fiber, requires: [router]}]}\n")
    with pytest.raises(InventoryError, match="remedy 'loop': dependency loop with no independent support"):
        check_inventory(text)


def test_add_uses_defaults_and_change_rederives_the_owner() -> None:
    text = SITE.replace("model: {blame_probability: 0}",
                        "model: {blame_probability: 0}\ndefaults: {component: {failures_per_year: 3}}")
    proposal = load_proposal(text + "remedies:\n  - id: r\n    one_time_cost: 0\n    add:\n"
                             "      vendors: [{id: avco}]\n"
                             "      components: [{id: box, category: video, vendor: avco}]\n"
                             "    change: [{id: internet, requires: [box, router]}]\n")
    after, _ = proposal.applied["r"]
    assert after.component("box").failures_per_year == 3  # from defaults
    assert after.service("internet").owner == "avco"  # the first vendor, breadth-first


# --- incremental figures equal figures from scratch --------------------------------------------


@st.composite
def sites_and_remedies(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, Any]]:
    """A random acyclic site and a random remedy that keeps it acyclic."""
    n = draw(st.integers(2, 8))
    vendors = [None, "v1", "v2", "isp"]
    components: list[dict[str, Any]] = []
    for i in range(n):
        c: dict[str, Any] = {"id": f"c{i}", "category": "other",
                             "failures_per_year": draw(st.sampled_from([0, 0.1, 0.5, 2])),
                             "monitored": draw(st.booleans())}
        if (vendor := draw(st.sampled_from(vendors))) is not None:
            c["vendor"] = vendor
        if i and draw(st.booleans()):
            members = draw(st.lists(st.sampled_from([f"c{j}" for j in range(i)]), min_size=1,
                                    max_size=3, unique=True))
            c["requires"] = [{"at_least": draw(st.integers(1, len(members))), "of": members}]
        components.append(c)
    services: list[dict[str, Any]] = [{"id": f"s{j}", "cost_per_hour": draw(st.sampled_from([0, 10, 50])),
                 "requires": draw(st.lists(st.sampled_from([c["id"] for c in components]),
                                           min_size=1, max_size=2, unique=True))}
                for j in range(draw(st.integers(1, 3)))]
    site = {"version": 1, "site": {"name": "random"},
            "vendors": [{"id": "v1"}, {"id": "v2", "hourly_rate": 90, "response_hours": 8},
                        {"id": "isp", "billing": "included"}],
            "components": components, "services": services,
            "plans": [{"id": "all", "monthly_fee": 300}, {"id": "v1-only", "monthly_fee": 50,
                                                          "covers": ["v1"]}]}
    target = draw(st.sampled_from(components))["id"]
    index = int(target[1:])
    earlier = [f"c{j}" for j in range(index)]
    change: dict[str, Any] = {"id": target}
    kind = draw(st.sampled_from(["requires", "vendor", "rate", "monitored", "twin", "service", "v2"]))
    remedy: dict[str, Any] = {"id": "r", "one_time_cost": 1}
    if kind == "requires" and earlier:
        change["requires"] = [{"any": draw(st.lists(st.sampled_from(earlier), min_size=1, max_size=2,
                                                     unique=True))}]
    elif kind == "vendor":
        change["vendor"] = draw(st.sampled_from(["v1", "v2", "isp"]))
    elif kind == "monitored":
        change["monitored"] = not components[index]["monitored"]
    elif kind == "twin":
        remedy["add"] = {"components": [{"id": "twin", "category": "other",
                                         "requires": components[index].get("requires", [])}]}
        service = services[0]
        change = {"id": service["id"], "requires": [{"any": [service["requires"][0], "twin"]}]}
    elif kind == "service":
        change = {"id": "s0", "cost_per_hour": 77}
    elif kind == "v2":
        change = {"id": "v2", "billing": "included"}
    else:
        change["failures_per_year"] = draw(st.sampled_from([0, 1.5]))
    remedy["change"] = [change]
    return site, remedy


@settings(max_examples=80)
@given(sites_and_remedies())
def test_incremental_figures_equal_figures_from_scratch(case: tuple[dict[str, Any], dict[str, Any]]) -> None:
    site, raw = case
    before = load_inventory(json.dumps(site))
    placed = Placed(Remedy.model_validate(raw), YamlDocument(None), "<test>", ("remedies", 0))
    after, _ = apply_remedy(site, placed)
    reused = site_figures(after, site_figures(before))
    fresh = site_figures(after)
    assert reused.incidents == fresh.incidents
    assert reused.annual == fresh.annual and reused.down == fresh.down
    assert (reused.spofs, reused.worst) == (fresh.spofs, fresh.worst)
    for plan in plan_ids(after):
        assert reused.incidents[plan] == {i.root: i for i in incidents(after, plan)}
        assert reused.annual[plan] == expected_year(after, plan).annual_cost


# --- suggestions ---------------------------------------------------------------------------------


def test_suggestions_load_once_priced(tmp_path: Path, capsys: Capture) -> None:
    site = write(tmp_path, SITE.replace("vendor: netco, failures_per_year: 0.5",
                                        "failures_per_year: 0.5, monitored: false"))
    assert main(["remedies", site, "--suggest"]) == 0
    block = capsys.readouterr().out
    data = yaml.safe_load(block)
    ids = [r["id"] for r in data["remedies"]]
    # fiber ($1,300 a year) first, then the router: a twin, monitoring and an owner for it
    assert ids == ["twin-fiber", "twin-router", "watch-router", "owner-router"]
    assert all(r["one_time_cost"] is None for r in data["remedies"])
    assert "# router is a single point of failure" in block
    unpriced = write(tmp_path, "version: 1\n" + block, "suggested.yaml")
    assert main(["remedies", site, "--remedies", unpriced]) == 2  # only priced remedies count
    assert "one_time_cost is not filled in" in capsys.readouterr().err
    priced = write(tmp_path, "version: 1\n" + block.replace("one_time_cost:", "one_time_cost: 100"),
                   "priced.yaml")
    assert main(["remedies", site, "--remedies", priced, "--json"]) == 0
    values = {r["id"]: r for r in json.loads(capsys.readouterr().out)["remedies"]}
    assert values["twin-fiber"]["spofs_removed"] == ["fiber"]
    assert values["twin-router"]["spofs_removed"] == ["router"]


def test_suggestions_to_a_file_never_over_an_input(tmp_path: Path, capsys: Capture) -> None:
    site = write(tmp_path, SITE)
    extra = write(tmp_path, "version: 1\nremedies:\n" + LTE, "remedies.yaml")
    assert main(["remedies", site, "--suggest", "-o", site]) == 2
    assert "it is the inventory being read" in capsys.readouterr().err
    assert main(["remedies", site, "--remedies", extra, "--suggest", "-o", extra]) == 2
    assert "it is the remedies file being read" in capsys.readouterr().err
    assert (tmp_path / "remedies.yaml").read_text(encoding="utf-8").endswith(LTE)  # untouched
    out = tmp_path / "suggested.yaml"
    assert main(["remedies", site, "--suggest", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("# Candidate remedies")
    assert main(["remedies", site, "-o", str(out)]) == 2  # only suggestions go to a file
