"""Minimal cut sets: by hand on small sites, and against brute force on random and bundled ones."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from references import brute_force
from sites import BUNDLED, small_site
from strategies import sites_with_loops

from depgraph.costs.incidents import incidents, restoration_hours
from depgraph.engine.cutsets import HOURS_PER_YEAR, cut_set_frequency, minimal_cut_sets, service_cut_sets
from depgraph.errors import UsageError
from depgraph.inventory.container import Inventory
from depgraph.loading import load_inventory

# --- by hand ----------------------------------------------------------------


def test_two_access_points_each_on_its_own_switch() -> None:
    # wifi is down when both APs are down; each AP is down when it or its switch fails:
    # {ap-1 or poe-1} x {ap-2 or poe-2} = 4 pairs, and no single failure.
    inventory = small_site(
        "  - {id: poe-1, category: network}\n"
        "  - {id: poe-2, category: network}\n"
        "  - {id: ap-1, category: network, requires: [poe-1]}\n"
        "  - {id: ap-2, category: network, requires: [poe-2]}",
        "  - {id: wifi, requires: [{any: [ap-1, ap-2]}]}",
    )
    assert minimal_cut_sets(inventory)["wifi"] == [
        ("ap-1", "ap-2"), ("ap-1", "poe-2"), ("ap-2", "poe-1"), ("poe-1", "poe-2"),
    ]


def test_two_of_three_group_with_a_shared_controller() -> None:
    # "at least 2 of 3 up" fails when 2 members are down: C(3, 2) = 3 pairs of members, each
    # member down through the AP or its switch: 3 x 2 x 2 = 12 pairs; the controller alone.
    inventory = small_site(
        "  - {id: ctrl, category: network}\n"
        + "".join(
            f"  - {{id: sw-{i}, category: network}}\n"
            f"  - {{id: ap-{i}, category: network, requires: [sw-{i}, ctrl]}}\n"
            for i in (1, 2, 3)
        ),
        "  - {id: wifi, requires: [{at_least: 2, of: [ap-1, ap-2, ap-3]}]}",
    )
    sets = minimal_cut_sets(inventory)["wifi"]
    assert sets[0] == ("ctrl",)
    pairs = sets[1:]
    assert len(pairs) == 12 and all(len(p) == 2 for p in pairs)
    assert ("ap-1", "sw-2") in pairs and ("sw-1", "sw-3") in pairs
    assert ("ap-1", "sw-1") not in pairs  # the same member twice is still one member down


def test_routers_backing_each_other_up_fall_together_when_both_uplinks_fail() -> None:
    # r1 needs {u1 or r2}, r2 needs {u2 or r1}. Least fixpoint: with both uplinks down the
    # pair has no support and both fall, so {u1, u2} is a cut set. Also both routers, and a
    # router with the other's uplink (the survivor has lost its own uplink and its partner).
    inventory = small_site(
        "  - {id: u1, category: network}\n"
        "  - {id: u2, category: network}\n"
        "  - {id: r1, category: network, requires: [{any: [u1, r2]}]}\n"
        "  - {id: r2, category: network, requires: [{any: [u2, r1]}]}",
        "  - {id: internet, requires: [{any: [r1, r2]}]}",
    )
    assert minimal_cut_sets(inventory)["internet"] == [
        ("r1", "r2"), ("r1", "u2"), ("r2", "u1"), ("u1", "u2"),
    ]


def test_max_order_truncates_and_is_checked() -> None:
    # Any of four: the only cut set is all four, beyond order 3.
    inventory = small_site(
        "".join(f"  - {{id: a{i}, category: network}}\n" for i in range(4)),
        "  - {id: svc, requires: [{any: [a0, a1, a2, a3]}]}",
    )
    assert minimal_cut_sets(inventory)["svc"] == []
    assert minimal_cut_sets(inventory, max_order=4)["svc"] == [("a0", "a1", "a2", "a3")]
    with pytest.raises(UsageError, match="at least 1"):
        minimal_cut_sets(inventory, max_order=0)


def test_frequency_formula() -> None:
    # {a}: λa. {a, b}: λa λb (ra + rb) / 8760. {a, b, c}: λa λb λc (ra rb + ra rc + rb rc) / 8760².
    assert cut_set_frequency([0.4], [100]) == 0.4
    assert cut_set_frequency([0.5, 2.0], [10, 20]) == pytest.approx(0.5 * 2 * 30 / 8760)
    assert cut_set_frequency([1, 2, 3], [10, 20, 30]) == pytest.approx(
        6 * (200 + 300 + 600) / HOURS_PER_YEAR**2
    )


def test_service_cut_sets_with_given_restore_hours() -> None:
    # poe-1: 0.5/yr, 10 h; ap-1: 1/yr, 2 h; ap-2: 2/yr, 4 h (all on the one switch poe-1).
    # wifi = any of ap-1, ap-2: {poe-1} 0.5/yr; {ap-1, ap-2}: 1 x 2 x (2 + 4) / 8760.
    inventory = small_site(
        "  - {id: poe-1, category: network, failures_per_year: 0.5}\n"
        "  - {id: ap-1, category: network, requires: [poe-1], failures_per_year: 1}\n"
        "  - {id: ap-2, category: network, requires: [poe-1], failures_per_year: 2}",
        "  - {id: wifi, requires: [{any: [ap-1, ap-2]}]}",
    )
    (wifi,) = service_cut_sets(inventory, 3, {"poe-1": 10, "ap-1": 2, "ap-2": 4})
    assert [c.components for c in wifi.cut_sets] == [("poe-1",), ("ap-1", "ap-2")]
    assert wifi.cut_sets[0].frequency == 0.5
    assert wifi.cut_sets[1].frequency == pytest.approx(12 / 8760)
    assert wifi.cheapest_order == 1
    assert wifi.frequency == pytest.approx(0.5 + 12 / 8760)
    assert wifi.cut_sets[1].to_json() == {
        "components": ["ap-1", "ap-2"], "order": 2, "frequency": wifi.cut_sets[1].frequency,
    }


def test_restore_hours_are_the_break_fix_incident_hours() -> None:
    inventory = load_inventory(BUNDLED[0])
    hours = restoration_hours(inventory)
    assert hours == {i.root: i.hours for i in incidents(inventory)}
    for found in service_cut_sets(inventory, 2, hours):
        for cut in found.cut_sets:
            rates = [inventory.component(c).failures_per_year for c in cut.components]
            assert cut.frequency == cut_set_frequency(rates, [hours[c] for c in cut.components])


# --- against brute force ----------------------------------------------------




@settings(max_examples=80)
@given(sites_with_loops())
def test_symbolic_cut_sets_equal_brute_force(inventory: Inventory) -> None:
    assert minimal_cut_sets(inventory, 3) == brute_force(inventory, 3)


@settings(max_examples=30)
@given(sites_with_loops(), st.integers(1, 2))
def test_a_lower_max_order_keeps_exactly_the_smaller_cut_sets(
    inventory: Inventory, order: int
) -> None:
    wide = minimal_cut_sets(inventory, 3)
    narrow = minimal_cut_sets(inventory, order)
    assert narrow == {s: [c for c in sets if len(c) <= order] for s, sets in wide.items()}


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_bundled_sites_agree_with_brute_force_up_to_pairs(path: Path) -> None:
    inventory = load_inventory(path)
    assert minimal_cut_sets(inventory, 2) == brute_force(inventory, 2)
