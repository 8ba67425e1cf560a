"""LLDP import: lldpctl keyvalue and JSON, NAPALM, oriented from the root."""

from __future__ import annotations

import pytest
from importers_helpers import imported, requires, spofs

import depgraph

FILES = ("lldp/access1.json", "lldp/access2.txt", "lldp/core1.txt", "lldp/core2.json", "lldp/edge1.json")


def test_default_root_is_the_device_with_most_neighbours() -> None:
    text, inventory = imported("lldp", *FILES)
    assert "root: core1.campus.example.net (most neighbours" in text
    assert requires(inventory, "access1") == ["core1.campus.example.net"]
    assert requires(inventory, "server1") == ["access1"]  # known only from access1's table
    assert {c.id for c in inventory.components} == {
        "access1", "access2", "core1.campus.example.net", "core2.campus.example.net",
        "edge1.campus.example.net", "server1",
    }


def test_two_nearer_neighbours_become_any() -> None:
    _, inventory = imported("lldp", *FILES, root="edge1")
    assert requires(inventory, "core1.campus.example.net") == ["edge1.campus.example.net"]
    assert requires(inventory, "access1") == [
        {"any": ["core1.campus.example.net", "core2.campus.example.net"]},
    ]
    assert requires(inventory, "access2") == requires(inventory, "access1")
    found = spofs(inventory)
    assert "core1.campus.example.net" not in found and "core2.campus.example.net" not in found
    assert {"edge1.campus.example.net", "access1", "server1"} <= found


def test_blast_of_both_cores() -> None:
    _, inventory = imported("lldp", *FILES, root="edge1")
    blast = depgraph.blast_radius(inventory, ["core1.campus.example.net", "core2.campus.example.net"])
    assert sorted(blast.down_components) == [
        "access1", "access2", "core1.campus.example.net", "core2.campus.example.net", "server1",
    ]


def test_details_come_from_the_tables() -> None:
    _, inventory = imported("lldp", *FILES)
    components = {c.id: c for c in inventory.components}
    assert components["access2"].ip == "10.0.1.5"
    assert "mac:0c:86:10:00:00:05" in components["access2"].tags
    assert components["server1"].category == "compute"


def test_unknown_root_suggests() -> None:
    with pytest.raises(depgraph.UnknownIdError, match="did you mean 'edge1'"):
        imported("lldp", *FILES, root="edge2")
