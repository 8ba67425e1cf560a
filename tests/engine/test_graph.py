"""The graph engine: exact blast radii by hand, and properties over generated sites."""

from __future__ import annotations

import itertools
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import loop_site_data

from depgraph import (
    FailureState,
    Inventory,
    UnknownIdError,
    UsageError,
    blast_radius,
    graph_of,
    incidents,
    load_inventory,
)
from depgraph.cli.main import main
from depgraph.engine.blast import rank

# A small house, worked out by hand below.
#
#   fiber, lte --any--> router --> switch --> ap-1, ap-2, ap-3 --2 of 3--> wifi (service)
#   ctrl-a, ctrl-b: each requires {any: [its own uplink, the other controller]}; uplinks on switch
#   lights (service) requires {any: [ctrl-a, ctrl-b]}
HOUSE = """
version: 1
site: {name: House}
vendors: [{id: isp, billing: included}, {id: netco}, {id: av}]
components:
  - {id: fiber, category: network, vendor: isp}
  - {id: lte, category: network, vendor: isp}
  - {id: router, category: network, vendor: netco, requires: [{any: [fiber, lte]}]}
  - {id: switch, category: network, vendor: netco, requires: [router]}
  - {id: ap-1, category: network, vendor: netco, requires: [switch]}
  - {id: ap-2, category: network, vendor: netco, requires: [switch]}
  - {id: ap-3, category: network, vendor: netco, requires: [switch]}
  - {id: uplink-a, category: network, vendor: netco}
  - {id: uplink-b, category: network, vendor: netco}
  - {id: ctrl-a, category: control, vendor: av, requires: [{any: [uplink-a, ctrl-b]}]}
  - {id: ctrl-b, category: control, vendor: av, requires: [{any: [uplink-b, ctrl-a]}]}
services:
  - {id: internet, requires: [router], cost_per_hour: 30, people: 4}
  - {id: wifi, requires: [{at_least: 2, of: [ap-1, ap-2, ap-3]}], cost_per_hour: 20, people: 4}
  - {id: lights, requires: [{any: [ctrl-a, ctrl-b]}], cost_per_hour: 5, people: 2}
  - {id: everything, requires: [internet, wifi, lights], cost_per_hour: 100, people: 1}
"""


@pytest.fixture(scope="module")
def house() -> Inventory:
    return load_inventory(HOUSE)


@pytest.mark.parametrize(
    ("failed", "components", "services", "cost", "people", "vendors"),
    [
        # One ISP: the router still has the other.
        (["fiber"], ["fiber"], [], 0, 0, ["isp"]),
        # Both ISPs: router, switch, APs down; every service but lights.
        (["fiber", "lte"], ["ap-1", "ap-2", "ap-3", "fiber", "lte", "router", "switch"],
         ["everything", "internet", "wifi"], 150, 9, ["isp", "netco"]),
        # One AP of a 2-of-3 group: nothing lost. Two: Wi-Fi and what needs it.
        (["ap-1"], ["ap-1"], [], 0, 0, ["netco"]),
        (["ap-1", "ap-3"], ["ap-1", "ap-3"], ["everything", "wifi"], 120, 5, ["netco"]),
        # One controller uplink: the other controller carries both.
        (["uplink-a"], ["uplink-a"], [], 0, 0, ["netco"]),
        # Both uplinks: the loop must not keep itself alive (least fixpoint).
        (["uplink-a", "uplink-b"], ["ctrl-a", "ctrl-b", "uplink-a", "uplink-b"],
         ["everything", "lights"], 105, 3, ["av", "netco"]),
        # A controller itself: the other still stands on its own uplink.
        (["ctrl-a"], ["ctrl-a"], [], 0, 0, ["av"]),
        (["ctrl-a", "uplink-b"], ["ctrl-a", "ctrl-b", "uplink-b"], ["everything", "lights"],
         105, 3, ["av", "netco"]),
    ],
)
def test_blast_radius_by_hand(
    house: Inventory, failed: list[str], components: list[str], services: list[str],
    cost: float, people: int, vendors: list[str],
) -> None:
    result = blast_radius(house, failed)
    assert list(result.down_components) == components
    assert list(result.down_services) == services
    assert (result.cost_per_hour, result.people, list(result.vendors)) == (cost, people, vendors)


def test_rank_by_hand(house: Inventory) -> None:
    ranked = [(r.id, r.cost_per_hour, r.people, r.down_components, r.spof) for r in rank(house)]
    # The switch takes the APs (so Wi-Fi) but not the internet, which needs only the router.
    assert ranked[:2] == [("router", 150, 9, 5, True), ("switch", 120, 5, 4, True)]
    assert {r[0] for r in ranked if r[4]} == {"router", "switch"}
    # Ties on cost and people are broken by down components (descending), then id.
    assert [r[0] for r in ranked[2:]] == [
        "ap-1", "ap-2", "ap-3", "ctrl-a", "ctrl-b", "fiber", "lte", "uplink-a", "uplink-b"
    ]


def test_blast_json_keys_and_sorting(house: Inventory, capsys: pytest.CaptureFixture[str],
                                     tmp_path: Any) -> None:
    path = tmp_path / "house.yaml"
    path.write_text(HOUSE)
    assert main(["blast", str(path), "--fail", "lte", "--fail", "fiber", "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert list(document) == [
        "failed", "down_components", "down_services", "cost_per_hour", "people", "vendors"
    ]
    assert document["failed"] == ["fiber", "lte"] and document["people"] == 9


def test_rank_json_top(house: Inventory, capsys: pytest.CaptureFixture[str], tmp_path: Any) -> None:
    path = tmp_path / "house.yaml"
    path.write_text(HOUSE)
    assert main(["rank", str(path), "--top", "2", "--json"]) == 0
    entries = json.loads(capsys.readouterr().out)["components"]
    assert [e["id"] for e in entries] == ["router", "switch"]
    assert list(entries[0]) == ["id", "down_components", "down_services", "cost_per_hour",
                                "people", "spof", "risk"]
    assert entries[0]["down_services"] == ["everything", "internet", "wifi"]


def test_unknown_fail_id_suggests(capsys: pytest.CaptureFixture[str], tmp_path: Any) -> None:
    path = tmp_path / "house.yaml"
    path.write_text(HOUSE)
    assert main(["blast", str(path), "--fail", "swtich"]) == 2
    assert "unknown component 'swtich'; did you mean 'switch'?" in capsys.readouterr().err
    assert main(["blast", str(path), "--fail", "wifi"]) == 2
    assert "'wifi' is a service, not a component" in capsys.readouterr().err
    with pytest.raises(UnknownIdError):
        blast_radius(load_inventory(HOUSE), ["wi-fi"])
    with pytest.raises(UsageError, match="is a service"):
        blast_radius(load_inventory(HOUSE), ["wifi"])


def test_rank_top_must_be_a_whole_number(capsys: pytest.CaptureFixture[str], tmp_path: Any) -> None:
    path = tmp_path / "house.yaml"
    path.write_text(HOUSE)
    assert main(["rank", str(path), "--top", "-1"]) == 2
    assert "expected a whole number of at least 0, not '-1'" in capsys.readouterr().err


# --- generated sites --------------------------------------------------------




def _dedupe(data: dict[str, Any]) -> Inventory:
    """Drop duplicate clause members the strategy may draw, then build the inventory."""
    for node in data["components"] + data["services"]:
        cleaned = []
        for clause in node.get("requires", []):
            if isinstance(clause, dict):
                key = "any" if "any" in clause else "of"
                clause[key] = list(dict.fromkeys(clause[key]))
            cleaned.append(clause)
        if cleaned:
            node["requires"] = cleaned
    return Inventory.model_validate(data)


@settings(max_examples=60)
@given(loop_site_data())
def test_fast_engine_agrees_with_least_fixpoint_on_single_and_pair_failures(
    data: dict[str, Any],
) -> None:
    graph = graph_of(_dedupe(data))
    assert graph.down_from_scratch(()) == set()
    components = range(graph.n_components)
    for pair in itertools.chain(((c,) for c in components), itertools.combinations(components, 2)):
        assert graph.down(pair) == graph.down_from_scratch(pair), pair


@settings(max_examples=60)
@given(loop_site_data(), st.data())
def test_more_failures_never_bring_a_node_back(data: dict[str, Any], extra: st.DataObject) -> None:
    graph = graph_of(_dedupe(data))
    everything = list(range(graph.n_components))
    small = extra.draw(st.lists(st.sampled_from(everything), unique=True))
    more = extra.draw(st.lists(st.sampled_from(everything), unique=True))
    assert graph.down(small) <= graph.down(small + more)


@settings(max_examples=40)
@given(loop_site_data())
def test_any_behaves_as_at_least_one(data: dict[str, Any]) -> None:
    original = _dedupe(data)
    rewritten = json.loads(json.dumps(data).replace('{"any": ', '{"at_least": 1, "of": '))
    other = _dedupe(rewritten)
    for component in original.components:
        assert blast_radius(original, [component.id]) == blast_radius(other, [component.id])


@settings(max_examples=40)
@given(loop_site_data(), st.randoms(use_true_random=False))
def test_file_order_changes_nothing(data: dict[str, Any], random: Any) -> None:
    original = _dedupe(data)
    shuffled = dict(data, components=list(data["components"]), services=list(data["services"]))
    random.shuffle(shuffled["components"])
    random.shuffle(shuffled["services"])
    other = _dedupe(shuffled)
    assert [r.to_json() for r in rank(original)] == [r.to_json() for r in rank(other)]
    ids = [c.id for c in original.components]
    for pair in itertools.combinations(ids, 2):
        assert blast_radius(original, pair) == blast_radius(other, pair)


@settings(max_examples=60)
@given(loop_site_data(), st.lists(st.tuples(st.booleans(), st.integers(0, 100)), max_size=30))
def test_failure_state_tracks_the_least_fixpoint(
    data: dict[str, Any], steps: list[tuple[bool, int]]
) -> None:
    graph = graph_of(_dedupe(data))
    state = FailureState(graph)
    failed: set[int] = set()
    for fail, pick in steps:
        node = pick % graph.n_components
        if fail:
            state.fail(node)
            failed.add(node)
        else:
            state.restore(node)
            failed.discard(node)
        down = graph.down_from_scratch(failed)
        assert {i for i, up in enumerate(state.up) if not up} == down
        assert state.cost_per_hour == sum(graph.cost_per_hour[i] for i in down)
        assert state.people == sum(graph.people[i] for i in down)


def test_a_copy_with_other_services_recomputes_its_blast_radius() -> None:
    """``model_copy(update=...)`` must not answer with the original's cached graph."""
    inv = load_inventory(
        "version: 1\nsite: {name: Demo}\ncomponents: [{id: r, category: network}]\n"
        "services: [{id: s, requires: [r], cost_per_hour: 10}]\n"
    )
    assert blast_radius(inv, ["r"]).cost_per_hour == 10.0
    dearer = inv.services[0].model_copy(update={"cost_per_hour": 99.0})
    copy = inv.model_copy(update={"services": (dearer,)})
    assert blast_radius(copy, ["r"]).cost_per_hour == 99.0
    assert incidents(copy, "break-fix")[0].downtime_cost != incidents(inv, "break-fix")[0].downtime_cost
    assert blast_radius(inv, ["r"]).cost_per_hour == 10.0
