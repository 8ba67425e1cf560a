"""NetBox import: the demo database (dumpdata) and a REST export of a small HQ written for the tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from importers_helpers import fixture, imported, requires, spofs

import depgraph
from depgraph.importers import ImportOptions, import_site

DEMO = "netbox-demo-v3.6-trimmed.json"
HQ = "netbox-rest-hq.json"


def test_demo_validates_with_modeline_header_and_marked_defaults() -> None:
    text, inventory = imported("netbox", DEMO)
    lines = text.splitlines()
    assert lines[0] == "# yaml-language-server: $schema=../schema/inventory.schema.json"
    assert "#  - define the services people notice" in text
    assert "#  - check failure rates" in text
    assert "failures_per_year: 0.2  # depgraph default, not in the export" in text
    assert len(inventory.components) == 36
    ids = [c.id for c in inventory.components]
    assert ids == sorted(ids)


def test_repeated_names_get_site_prefix_and_nameless_devices_a_fallback() -> None:
    text, inventory = imported("netbox", DEMO)
    ids = {c.id: c for c in inventory.components}
    # three patch panels called PP:MDF, one per building
    assert {"ncsu-117.pp:mdf", "ncsu-118.pp:mdf", "ncsu-128.pp:mdf"} <= set(ids)
    assert ids["ncsu-128.pp:mdf"].name == "PP:MDF"
    # unnamed virtual-chassis members are named as NetBox shows them
    assert ids["r105-torsw:1"].name == "r105-torsw:1"
    assert "name: r105-torsw:1  # NetBox has no name: named as NetBox shows it" in text


def test_path_through_patch_panels_and_dark_fibre_and_two_cores() -> None:
    _, inventory = imported("netbox", DEMO)
    assert requires(inventory, "ncsu128-distswitch1") == [
        "ncsu-128.pp:mdf",
        "ncsu-facilities-dark-fiber-319031",
        "pp:b128",
        {"any": ["ncsu-coreswitch1", "ncsu-coreswitch2"]},
    ]


def test_core_pair_is_no_spof_but_the_fibre_and_panels_are() -> None:
    _, inventory = imported("netbox", DEMO)
    found = spofs(inventory)
    assert "ncsu-coreswitch1" not in found and "ncsu-coreswitch2" not in found
    assert {"ncsu-facilities-dark-fiber-319031", "pp:b128", "ncsu-128.pp:mdf", "ncsu128-distswitch1"} <= found


def test_branch_router_requires_either_circuit_and_its_pdu() -> None:
    _, inventory = imported("netbox", DEMO)
    assert requires(inventory, "dmi01-akron-rtr01") == [
        "dmi01-akron-pdu01",
        {"any": ["centurylink-internet-access-1002840283", "level-3-mpls-kkdg4923"]},
    ]
    assert requires(inventory, "level-3-mpls-kkdg4923") == ["level3-mpls"]
    vendors = {v.id: v for v in inventory.vendors}
    assert vendors["level-3"].billing == "included"


def test_site_contacts_become_vendors() -> None:
    text, inventory = imported("netbox", DEMO)
    switch = next(c for c in inventory.components if c.id == "dmi01-scranton-sw01")
    assert switch.vendor == "dwight-schrute"  # the operational contact of DM-Scranton
    assert "vendor: dwight-schrute  # NetBox contact of the site" in text


def test_site_option_and_unknown_site() -> None:
    _, inventory = imported("netbox", DEMO, sites=("dm-akron",))
    assert inventory.site.name == "DM-Akron"
    assert {c.id for c in inventory.components} == {
        "dmi01-akron-rtr01", "dmi01-akron-sw01", "dmi01-akron-pdu01", "panduit-48-port-patch-panel-74",
        "centurylink-internet-access-1002840283", "level-3-mpls-kkdg4923", "level3-mpls",
    }
    with pytest.raises(depgraph.UnknownIdError, match="did you mean 'dm-akron'"):
        imported("netbox", DEMO, sites=("dm-akorn",))


def test_blast_of_demo_building_fibre() -> None:
    _, inventory = imported("netbox", DEMO)
    blast = depgraph.blast_radius(inventory, ["ncsu-facilities-dark-fiber-319031"])
    assert sorted(blast.down_components) == ["ncsu-facilities-dark-fiber-319031", "ncsu128-distswitch1"]
    assert sorted(blast.down_services) == ["network-at-butler-communications"]


def test_rest_dual_power_and_core_pair_are_any() -> None:
    _, inventory = imported("netbox", HQ)
    assert requires(inventory, "hq-server1") == ["hq-access1", {"any": ["hq-pdu-a", "hq-pdu-b"]}]
    assert requires(inventory, "hq-access1") == [
        "hq-pp1", "hq-pp2", {"any": ["hq-core1", "hq-core2"]}, {"any": ["hq-pdu-a", "hq-pdu-b"]},
    ]
    assert requires(inventory, "hq-pdu-a") == ["feed-a1"]
    assert requires(inventory, "feed-a1") == ["panel-a"]


def test_rest_spofs_are_what_everything_runs_through() -> None:
    _, inventory = imported("netbox", HQ)
    assert spofs(inventory) == {
        "acme-fiber-internet-access-af-1001", "hq-rtr1", "hq-pp1", "hq-pp2", "hq-access1", "hq-server1",
    }


def test_rest_blast_matches_the_cabling() -> None:
    _, inventory = imported("netbox", HQ)
    one_core = depgraph.blast_radius(inventory, ["hq-core1"])
    assert one_core.down_components == ("hq-core1",) or list(one_core.down_components) == ["hq-core1"]
    assert not one_core.down_services
    both = depgraph.blast_radius(inventory, ["hq-core1", "hq-core2"])
    assert sorted(both.down_components) == ["hq-access1", "hq-core1", "hq-core2", "hq-server1"]
    assert sorted(both.down_services) == ["server-at-hq"]
    panel = depgraph.blast_radius(inventory, ["panel-a", "panel-b"])
    assert sorted(panel.down_services) == ["internet-access-at-hq", "server-at-hq"]


def test_rest_one_file_per_endpoint_gives_the_same_site(tmp_path: Path) -> None:
    merged = json.loads(Path(fixture(HQ)).read_text())
    files = []
    for endpoint, page in merged.items():
        path = tmp_path / (endpoint.replace("/", "-") + ".json")
        path.write_text(json.dumps(page))
        files.append(str(path))
    assert import_site("netbox", sorted(files)) == import_site("netbox", [fixture(HQ)])


def test_root_option_orients_from_that_device() -> None:
    text, inventory = imported("netbox", HQ, root="hq-core1")
    # from core1, the router and the access switch are one hop, core2 two: it reaches core1
    # through either, and the path through the access switch passes the two patch panels
    assert requires(inventory, "hq-core2") == [
        "hq-pdu-b", {"any": ["hq-core2-uplink-to-hq-access1", "hq-rtr1"]},
    ]
    assert requires(inventory, "hq-core2-uplink-to-hq-access1") == ["hq-access1", "hq-pp1", "hq-pp2"]
    assert "failures_per_year: 0.0  # fails only through what it requires" in text
    # the internet circuit still leads out, so it stays an upstream of the router beside core1
    assert requires(inventory, "hq-rtr1") == [
        {"any": ["acme-fiber-internet-access-af-1001", "hq-core1"]}, {"any": ["hq-pdu-a", "hq-pdu-b"]},
    ]
    assert requires(inventory, "internet-access-at-hq") == ["hq-rtr1"]


def test_vendor_option_covers_the_rest() -> None:
    text, inventory = imported("netbox", HQ, vendor="acme-it")
    owned = {c.id: c.vendor for c in inventory.components}
    assert owned["hq-core1"] == "acme-it"
    assert owned["acme-fiber-internet-access-af-1001"] == "acme-fiber"
    assert "vendor: acme-it  # from --vendor" in text


def test_import_is_deterministic() -> None:
    first = import_site("netbox", [fixture(DEMO)], ImportOptions())
    assert import_site("netbox", [fixture(DEMO)], ImportOptions()) == first


def test_command_writes_to_standard_output(capsys: pytest.CaptureFixture[str]) -> None:
    from depgraph.cli.main import main

    assert main(["import", "netbox", fixture(HQ), "-o", "-", "--site", "hq"]) == 0
    assert capsys.readouterr().out == import_site("netbox", [fixture(HQ)], ImportOptions(sites=("hq",)))


def test_command_says_what_it_wrote(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from depgraph.cli.main import main

    out = tmp_path / "hq.yaml"
    assert main(["import", "netbox", fixture(HQ), "-o", str(out)]) == 0
    assert capsys.readouterr().out == (
        f"wrote {out}: 14 components, 2 services, 1 vendor; see its header for what is left to do\n"
    )
    depgraph.load_inventory(str(out))


def test_netbox_42_circuit_terminations_name_their_site_and_network(tmp_path: Path) -> None:
    merged = json.loads(Path(fixture(HQ)).read_text())
    for termination in merged["circuits/circuit-terminations"]["results"]:
        site = termination.pop("site")
        termination.update({"termination_type": "dcim.site", "termination_id": site["id"]})
    merged["circuits/circuit-terminations"]["results"].append({
        "id": 2, "url": "https://netbox.example.com/api/circuits/circuit-terminations/2/",
        "circuit": {"id": 1}, "term_side": "A", "termination_type": "circuits.providernetwork",
        "termination_id": 7,
    })
    path = tmp_path / "hq-4.2.json"
    path.write_text(json.dumps(merged))
    inventory = depgraph.load_inventory(import_site("netbox", [str(path)]))
    circuit = next(c for c in inventory.components if c.id == "acme-fiber-internet-access-af-1001")
    assert requires(inventory, circuit.id) == ["provider-network-7"]
    assert spofs(inventory) >= {circuit.id, "provider-network-7"}
