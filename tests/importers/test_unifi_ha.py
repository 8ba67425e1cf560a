"""UniFi and Home Assistant imports on the vendored controller and registry samples."""

from __future__ import annotations

import json
from pathlib import Path

from importers_helpers import fixture, imported, requires, spofs

import depgraph
from depgraph.importers import import_site

UNIFI = ("unifi-stat-device.json", "unifi-stat-sta.json", "unifi-rest-wlanconf.json")
HA = "home-assistant-core.device_registry.json"
AREAS = "home-assistant-core.area_registry.json"


def test_unifi_uplinks_and_clients() -> None:
    _, inventory = imported("unifi", *UNIFI)
    assert requires(inventory, "switch-8") == ["usg"]  # uplink.uplink_mac
    assert requires(inventory, "switch-16") == ["switch-8"]
    assert requires(inventory, "access-point-ac-pro") == ["switch-8"]
    assert requires(inventory, "camera-acccde123456") == ["switch-16"]  # wired client: sw_mac
    assert requires(inventory, "client-1") == ["access-point-ac-pro"]  # its essid has no AP: ap_mac


def test_unifi_services_and_spofs() -> None:
    _, inventory = imported("unifi", *UNIFI)
    assert requires(inventory, "internet-access") == ["usg"]
    assert requires(inventory, "wi-fi-phg") == ["access-point-ac-pro"]
    assert spofs(inventory) == {"usg", "switch-8", "access-point-ac-pro"}


def test_unifi_pdu_outlets_that_match_nothing_are_listed() -> None:
    text, _ = imported("unifi", *UNIFI)
    assert "6 'UDM Pro'" in text and "19 'Server Cabinet Switch'" in text
    assert "'Outlet 8'" not in text  # default outlet names are not user names
    assert "SSID 'SSID 2' is disabled" in text


def test_unifi_pdu_outlet_named_like_a_device_powers_it(tmp_path: Path) -> None:
    devices = json.loads(Path(fixture("unifi-stat-device.json")).read_text())
    pdu = next(d for d in devices["data"] if d.get("outlet_table"))
    pdu["outlet_table"][5]["name"] = "switch 16"  # matched ignoring case and spaces
    path = tmp_path / "device.json"
    path.write_text(json.dumps(devices))
    inventory = depgraph.load_inventory(import_site("unifi", [str(path)]))
    assert requires(inventory, "switch-16") == ["main-server-cabinet-pdu", "switch-8"]


def test_home_assistant_hubs_services_and_rooms() -> None:
    text, inventory = imported("home-assistant", HA, AREAS)
    components = {c.id: c for c in inventory.components}
    assert requires(inventory, "reolink-chime") == ["voordeur.voordeur"]  # via_device_id
    assert components["voordeur.voordeur"].manufacturer == "Reolink"
    assert requires(inventory, "rsmeetsds920-schijf-1") == ["rsmeetsds920"]
    assert components["sun"].category == "cloud"
    assert "category: cloud  # a service entry (entry_type: service)" in text
    assert components["zithoek-links"].room == "Woonkamer"
    assert components["zithoek-links"].category == "lighting"
    assert "category: lighting  # guessed from 'lifx'" in text
    assert inventory.site.kind == "home"


def test_home_assistant_unifi_clients_join_by_mac() -> None:
    _, inventory = imported("home-assistant", HA, AREAS,
                            unifi_clients=(fixture("home-assistant-unifi-stat-sta.json"),))
    # the LIFX bulb is on Wi-Fi: it needs the AP it is associated with and the WLAN of its SSID
    assert requires(inventory, "zithoek-links") == ["ralphsmeetsiot", "u6-pro-boven-voorhuis"]
    assert requires(inventory, "tuin.tuin") == ["usw-flex-tuin"]  # the wired camera "Backyard": its switch
    blast = depgraph.blast_radius(inventory, ["u6-pro-boven-voorhuis"])
    assert "zithoek-links" in blast.down_components


def test_home_assistant_without_areas_keeps_area_ids_and_says_so() -> None:
    text, inventory = imported("home-assistant", HA)
    assert {c.room for c in inventory.components if c.id == "zithoek-links"} == {"woonkamer"}
    assert "room: woonkamer  # area id: give core.area_registry for its name" in text
