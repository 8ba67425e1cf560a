"""The Open-PSA export: names, gates and probabilities, and SCRAM finding depgraph's cut sets."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from references import brute_force
from sites import BUNDLED, small_site
from strategies import sites_with_loops

from depgraph.cli.main import main
from depgraph.costs.incidents import restoration_hours
from depgraph.engine.cutsets import minimal_cut_sets
from depgraph.export.openpsa import (
    event_name,
    fault_tree_name,
    gate_name,
    to_openpsa,
    unavailability,
)
from depgraph.generate import generate_site
from depgraph.inventory.container import Inventory
from depgraph.inventory.fields import ID_PATTERN
from depgraph.loading import load_inventory

SCRAM = shutil.which("scram")
needs_scram = pytest.mark.scram  # skipped by conftest.py when scram is missing

# The MEF identifier: an XML NCName (letter or _ first, no colon) made of dash-separated parts.
MEF_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")
MEF_PARTS = re.compile(r"^[^\-.]+(-[^\-.]+)*$")

ROUTERS = small_site(
    "  - {id: u1, category: network, failures_per_year: 2}\n"
    "  - {id: u2, category: network}\n"
    "  - {id: r1, category: network, requires: [{any: [u1, r2]}]}\n"
    "  - {id: r2, category: network, requires: [{any: [u2, r1]}]}",
    "  - {id: internet, requires: [{any: [r1, r2]}]}\n"
    "  - {id: vpn, requires: [internet, r1]}",
)


def scram_cut_sets(inventory: Inventory, order: int = 3) -> dict[str, list[tuple[str, ...]]]:
    """Every service's minimal cut sets as SCRAM finds them in the export."""
    assert SCRAM is not None
    events = {event_name(c.id): c.id for c in inventory.components}
    tops = {gate_name(s.id): s.id for s in inventory.services}
    with tempfile.TemporaryDirectory() as folder:
        model, report = Path(folder, "model.xml"), Path(folder, "report.xml")
        model.write_text(to_openpsa(inventory), encoding="utf-8")
        subprocess.run(
            [SCRAM, str(model), "--limit-order", str(order), "-o", str(report)],
            check=True, capture_output=True,
        )
        results = ET.parse(report).getroot().iter("sum-of-products")
        found = {
            tops[sop.get("name", "")]: sorted(
                (tuple(sorted(events[e.get("name", "")] for e in product))
                 for product in sop.iter("product")),
                key=lambda s: (len(s), s),
            )
            for sop in results
        }
    assert len(found) == len(inventory.services)  # one top event per fault tree
    return found


def parsed(inventory: Inventory) -> ET.Element:
    return ET.fromstring(to_openpsa(inventory))


def gate(root: ET.Element, name: str) -> ET.Element:
    (found,) = [g for g in root.iter("define-gate") if g.get("name") == name]
    return found


def formula(element: ET.Element) -> str:
    """A gate's formula as compact text, e.g. ``or(fails-r1, and(fails-u1, down-r2_v1))``."""
    if element.tag in ("gate", "basic-event"):
        return element.get("name", "")
    return f"{element.tag}({', '.join(formula(child) for child in element)})"


# --- names and probabilities ------------------------------------------------


def test_names_are_mef_identifiers_and_distinct() -> None:
    tricky = ["a", "a-b", "a--b", "a-", "a_b", "a__b", "a.b", "a_db", "a:b", "a_cb", "9lives",
              "x_h", "x-", "b.-.c", "A1"]
    names = [event_name(i) for i in tricky] + [gate_name(i) for i in tricky]
    names += [gate_name(i, 2) for i in tricky] + [fault_tree_name(i) for i in tricky]
    assert all(MEF_NAME.match(n) and MEF_PARTS.match(n) for n in names), names
    assert len(set(names)) == len(names)
    assert gate_name("isp-fiber") == "down-isp-fiber"
    assert event_name("wi.fi:5g") == "fails-wi_dfi_c5g"


@given(st.lists(st.from_regex(ID_PATTERN, fullmatch=True), min_size=2, max_size=6, unique=True))
def test_names_stay_valid_and_distinct_for_any_ids(ids: list[str]) -> None:
    for make in (event_name, gate_name, fault_tree_name):
        names = [make(i) for i in ids]
        assert all(MEF_NAME.match(n) and MEF_PARTS.match(n) for n in names)
        assert len(set(names)) == len(ids)


def test_unavailability() -> None:
    # 0.5 failures a year x 17.52 h = 8.76 h down a year: q = 8.76 / (8760 + 8.76).
    assert unavailability(0.5, 17.52) == pytest.approx(8.76 / 8768.76)
    assert unavailability(0, 100) == 0
    assert unavailability(50, 720) < 1  # a latent month, 50 times a year: still a probability


def test_basic_events_carry_rate_restore_hours_and_probability() -> None:
    root = parsed(ROUTERS)
    restore = restoration_hours(ROUTERS)
    events = {e.get("name"): e for e in root.iter("define-basic-event")}
    assert sorted(str(name) for name in events) == sorted(event_name(c) for c in ("u1", "u2", "r1", "r2"))
    u1 = events["fails-u1"]
    attributes = {a.get("name"): a.get("value") for a in u1.iter("attribute")}
    assert attributes == {
        "depgraph-id": "u1", "failures-per-year": "2.0", "restore-hours": repr(restore["u1"]),
    }
    value = u1.find("float")
    assert value is not None
    assert float(value.get("value", "")) == unavailability(2.0, restore["u1"])


# --- gates -------------------------------------------------------------------


def test_gates_of_a_two_of_three_group() -> None:
    inventory = small_site(
        "  - {id: sw, category: network}\n"
        "  - {id: ap-1, category: network, requires: [sw]}\n"
        "  - {id: ap-2, category: network}\n"
        "  - {id: ap-3, category: network}",
        "  - {id: wifi, requires: [sw, {at_least: 2, of: [ap-1, ap-2, ap-3]}]}\n"
        "  - {id: lobby, requires: [{any: [ap-2, ap-3]}]}",
    )
    root = parsed(inventory)
    # Down when the switch fails, or at least 3 - 2 + 1 = 2 APs are down: ap-1 and one of the
    # others, or both others.
    assert formula(gate(root, "down-wifi")[-1]) == "or(fails-sw, down-wifi_g2at2from1)"
    assert formula(gate(root, "down-wifi_g2at2from1")[-1]) == (
        "or(and(down-ap-1, or(fails-ap-2, fails-ap-3)), and(fails-ap-2, fails-ap-3))"
    )
    assert formula(gate(root, "down-ap-1")[-1]) == "or(fails-ap-1, fails-sw)"
    assert formula(gate(root, "down-lobby")[-1]) == "and(fails-ap-2, fails-ap-3)"
    assert not list(root.iter("atleast"))
    trees = {t.get("name"): [g.get("name") for g in t.iter("define-gate")]
             for t in root.iter("define-fault-tree")}
    assert trees == {
        "service-wifi": ["down-wifi", "down-wifi_g2at2from1", "down-ap-1"],
        "service-lobby": ["down-lobby"],
    }


def test_a_loop_is_unrolled_in_layers_and_a_required_service_is_referenced() -> None:
    root = parsed(ROUTERS)
    # Loop of 2: down-r1 is layer 2, built on r2 at layer 1, built on r1 at layer 0 = down.
    assert formula(gate(root, "down-r1")[-1]) == "or(fails-r1, and(fails-u1, down-r2_v1))"
    assert formula(gate(root, "down-r2_v1")[-1]) == "or(fails-r2, fails-u2)"
    assert formula(gate(root, "down-internet")[-1]) == "and(down-r1, down-r2)"
    assert formula(gate(root, "down-vpn")[-1]) == "or(down-internet, down-r1)"
    trees = {t.get("name"): [g.get("name") for g in t.iter("define-gate")]
             for t in root.iter("define-fault-tree")}
    assert trees == {
        "service-internet": ["down-internet", "down-r1", "down-r2", "down-r2_v1", "down-r1_v1"],
        "service-vpn": ["down-vpn"],
    }


def test_large_k_of_n_groups_take_a_gate_per_step_not_per_combination() -> None:
    # at least 20 of 30 up: down when 11 are down. C(30, 11) = 54,627,300 combinations; the
    # chain "member i down and j - 1 of the rest, or j of the rest" has one gate per (i, j)
    # with 1 < j < members left: at most 30 x 11.
    members = [f"cam-{i:02}" for i in range(30)]
    inventory = small_site(
        "".join(f"  - {{id: {m}, category: surveillance}}\n" for m in members),
        f"  - {{id: cctv, requires: [{{at_least: 20, of: [{', '.join(members)}]}}]}}",
    )
    root = parsed(inventory)
    gates = [g.get("name", "") for g in root.iter("define-gate")]
    assert len(gates) <= 1 + 30 * 11
    assert formula(gate(root, "down-cctv")[-1]) == "down-cctv_g1at11from1"
    assert formula(gate(root, "down-cctv_g1at11from1")[-1]) == (
        "or(and(fails-cam-00, down-cctv_g1at10from2), down-cctv_g1at11from2)"
    )


def test_export_is_deterministic() -> None:
    inventory = load_inventory(BUNDLED[0])
    assert to_openpsa(inventory) == to_openpsa(load_inventory(BUNDLED[0]))


# --- SCRAM finds the same minimal cut sets ------------------------------------


@needs_scram
def test_scram_agrees_on_a_loop() -> None:
    assert scram_cut_sets(ROUTERS) == {
        "internet": [("r1", "r2"), ("r1", "u2"), ("r2", "u1"), ("u1", "u2")],
        "vpn": [("r1",), ("r2", "u1"), ("u1", "u2")],
    }


@needs_scram
@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_scram_agrees_on_bundled_sites(path: Path) -> None:
    inventory = load_inventory(path)
    assert scram_cut_sets(inventory) == minimal_cut_sets(inventory, 3)


@needs_scram
@pytest.mark.parametrize(("components", "seed"), [(150, 1), (400, 2)])
def test_scram_agrees_on_generated_sites(components: int, seed: int) -> None:
    inventory = load_inventory(generate_site(components, seed))
    assert scram_cut_sets(inventory) == minimal_cut_sets(inventory, 3)


@needs_scram
@settings(max_examples=25)
@given(sites_with_loops())
def test_scram_agrees_with_brute_force_on_random_sites_with_loops(inventory: Inventory) -> None:
    assert scram_cut_sets(inventory) == brute_force(inventory, 3)


# --- command line ----------------------------------------------------------------


def test_export_command_writes_the_model(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "site.xml"
    assert main(["export", str(BUNDLED[0]), "--format", "openpsa", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == to_openpsa(load_inventory(BUNDLED[0]))
    assert capsys.readouterr().out == f"wrote {out}\n"


def test_export_command_rejects_a_missing_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "nowhere" / "site.xml"
    assert main(["export", str(BUNDLED[0]), "-o", str(out)]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert not out.exists()
