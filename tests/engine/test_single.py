"""Single failures: computed once, and every stage that shows them agrees.

The down set, the services lost (in the symptom order), the clauses hit and
the nodes held of each component's failure are worked by hand on a small
site; then the report's "what if" and ``render --fail`` are shown to mark the
same nodes held, for every component of the bundled sites.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sites import BUNDLED, small_site
from strategies import sites_with_loops

from depgraph import load_inventory
from depgraph.engine.graph import DependencyGraph, graph_of
from depgraph.engine.single import failure_core, single_failures
from depgraph.inventory.container import Inventory
from depgraph.render import build_scene
from depgraph.report.what_if import what_if_json

# Two APs behind one switch; Wi-Fi needs 1 of the 2 APs, the POS needs the switch and
# both APs' power; the camera needs 2 of 3 of (ap-1, ap-2, switch).
SITE = small_site(
    """\
  - {id: switch, category: network}
  - {id: ap-1, category: network, requires: [switch]}
  - {id: ap-2, category: network}
  - {id: camera, category: surveillance, requires: [{at_least: 2, of: [ap-1, ap-2, switch]}]}""",
    """\
  - {id: wifi, requires: [{any: [ap-1, ap-2]}], cost_per_hour: 10, people: 5}
  - {id: pos, requires: [switch], cost_per_hour: 50, people: 1}
  - {id: video, requires: [camera], cost_per_hour: 10, people: 9}""",
)


def _ids(nodes: Iterable[int]) -> list[str]:
    graph = graph_of(SITE)
    return sorted(graph.ids[n] for n in nodes)


def test_the_single_failure_of_the_switch_by_hand() -> None:
    single, graph = single_failures(SITE), graph_of(SITE)
    switch = graph.component_index("switch")
    # The switch takes ap-1 and the POS down; the camera loses 2 of 3 (needs 2): down, and video.
    assert _ids(single.down(switch)) == ["ap-1", "camera", "pos", "switch", "video"]
    # Symptom order: pos (50/h) first, then video (10/h, 9 people).
    assert [graph.ids[n] for n in single.services(switch)] == ["pos", "video"]
    # Wi-Fi lost ap-1 and holds on ap-2.
    assert _ids(single.held(switch)) == ["wifi"]
    camera_clause = graph.node_clauses[graph.index["camera"]][0]
    wifi_clause = graph.node_clauses[graph.index["wifi"]][0]
    assert single.lost(switch)[camera_clause] == 2 and single.lost(switch)[wifi_clause] == 1
    assert graph.clause_slack[camera_clause] == 1 and graph.clause_slack[wifi_clause] == 1


def test_a_failure_that_redundancy_absorbs_loses_nothing() -> None:
    single, graph = single_failures(SITE), graph_of(SITE)
    ap2 = graph.component_index("ap-2")
    assert _ids(single.down(ap2)) == ["ap-2"] and single.services(ap2) == ()
    assert _ids(single.held(ap2)) == ["camera", "wifi"]


def test_single_failures_are_kept_with_the_inventory_and_not_with_a_copy() -> None:
    assert single_failures(SITE) is single_failures(SITE)
    copy = SITE.model_copy()
    assert single_failures(copy) is not single_failures(SITE)


def test_each_down_set_is_computed_once() -> None:
    inventory = SITE.model_copy()
    single = single_failures(inventory)
    assert single.down(0) is single.down(0) and single.held(0) is single.held(0)


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_what_if_and_render_fail_hold_the_same_nodes(path: Path) -> None:
    """The report's highlight and ``render --fail`` mark the same nodes held, for every component."""
    inventory = load_inventory(path)
    what_if = json.loads(what_if_json(inventory))["components"]
    for component in inventory.components:
        scene = build_scene(inventory, [component.id], collapse=False)
        held = sorted(
            member
            for box in scene.boxes
            if box.kind != "junction" and box.state == "held"
            for member in box.members
        )
        assert what_if[component.id]["held"] == held, component.id


# Two internet lines behind a router; the camera records to the cloud through it.
WAN_SITE = small_site(
    """\
  - {id: wan-a, category: network}
  - {id: wan-b, category: network}
  - {id: router, category: network, requires: [{any: [wan-a, wan-b]}]}
  - {id: ap, category: network, requires: [router]}
  - {id: camera, category: surveillance, requires: [router]}
  - {id: printer, category: other}""",
    """\
  - {id: wifi, requires: [ap], cost_per_hour: 10}
  - {id: video, requires: [camera], cost_per_hour: 5}""",
)


def test_parts_failing_while_already_down_add_no_propagation(monkeypatch: pytest.MonkeyPatch) -> None:
    inventory = WAN_SITE.model_copy()
    graph = graph_of(inventory)
    single = single_failures(inventory)
    node = graph.component_index
    calls: list[frozenset[int]] = []
    propagate = DependencyGraph.down

    def counted(self: DependencyGraph, failed: Iterable[int]) -> set[int]:
        calls.append(frozenset(failed))
        return propagate(self, failed)

    monkeypatch.setattr(DependencyGraph, "down", counted)
    lines_and_camera = single.down_together([node("wan-a"), node("wan-b"), node("camera")])
    # The camera is down anyway once both lines are: the core is the two lines.
    assert failure_core(graph, frozenset(calls[0]), lines_and_camera) == {node("wan-a"), node("wan-b")}
    lines_and_ap = single.down_together([node("wan-a"), node("wan-b"), node("ap")])
    assert lines_and_ap is lines_and_camera and len(calls) == 1
    # The printer does not depend on the lines: a new question, propagated.
    with_printer = single.down_together([node("wan-a"), node("wan-b"), node("printer")])
    assert len(calls) == 2
    assert sorted(graph.ids[n] for n in with_printer) == [
        "ap", "camera", "printer", "router", "video", "wan-a", "wan-b", "wifi",
    ]


@given(sites_with_loops(), st.data())
def test_failed_sets_answered_through_a_core_are_exact(inventory: Inventory, data: st.DataObject) -> None:
    """Whatever order failed sets come in, each answer is the reference least fixpoint."""
    graph, single = graph_of(inventory), single_failures(inventory)
    components = list(range(graph.n_components))
    for _ in range(6):
        failed = data.draw(st.sets(st.sampled_from(components), min_size=1))
        down = single.down_together(failed)
        assert set(down) == graph.down_from_scratch(failed)
        core = failure_core(graph, frozenset(failed), down)
        assert core <= failed and graph.down_from_scratch(core) == set(down)
        # the same core with other parts that are down already: answered from the core
        already = sorted(n for n in down if n < graph.n_components)
        more = core | data.draw(st.sets(st.sampled_from(already)))
        assert set(single.down_together(more)) == graph.down_from_scratch(more) == set(down)
