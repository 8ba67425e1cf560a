"""Importing a Home Assistant home: the device registry, its areas and hubs.

``.storage/core.device_registry`` lists every device Home Assistant knows;
``via_device_id`` says which hub or bridge it is reached through, so the
device requires that hub. Entries with ``entry_type: service`` are cloud or
software services, not hardware: they become ``cloud`` components. The room
comes from ``core.area_registry`` when it is given (else the area id). The
category is guessed from manufacturer, model, integration and name, and
marked as a guess. ``--unifi-clients stat/sta.json`` joins devices to the
UniFi access point or switch they are on, by MAC (``connections``), so a
speaker on Wi-Fi requires that access point and the WLAN entry of its SSID.
Services: one per area, requiring each device in it (a skeleton).

>>> import json, pathlib, tempfile
>>> path = pathlib.Path(tempfile.mkdtemp()) / "core.device_registry"
>>> _ = path.write_text(json.dumps({"data": {"devices": [
...     {"id": "hub", "name": "Hue Bridge", "manufacturer": "Signify"},
...     {"id": "lamp", "name": "Desk lamp", "manufacturer": "Signify", "via_device_id": "hub"}]}}))
>>> site = import_home_assistant([str(path)], ImportOptions())
>>> site.nodes["ha:lamp"].requires, site.nodes["ha:lamp"].category
([('ha:hub',)], 'lighting')
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from depgraph.importers.categories import guess_category
from depgraph.importers.jsondata import JsonPath, Problems, read_json
from depgraph.importers.netbox_services import option_vendor
from depgraph.importers.options import ImportOptions
from depgraph.importers.site import SiteBuilder
from depgraph.importers.unifi import read_unifi_records

__all__ = ["import_home_assistant"]


def _registry(document: Any, file: str, problems: Problems) -> tuple[str, list[dict[str, Any]], JsonPath]:
    """Which registry a file is (``devices`` or ``areas``) and its entries."""
    data = document.get("data") if isinstance(document, dict) else None
    if not isinstance(data, dict):
        problems.add(file, ("data",), "expected an object (a Home Assistant .storage registry file)")
        return "", [], ()
    for kind in ("devices", "areas"):
        if kind in data:
            return kind, problems.object_list(data[kind], file, ("data", kind)), ("data", kind)
    problems.add(file, ("data",), "expected \"devices\" (core.device_registry) or \"areas\" "
                 "(core.area_registry)")
    return "", [], ()


def _macs(device: dict[str, Any], file: str, path: JsonPath, problems: Problems) -> list[str]:
    macs = []
    connections = device.get("connections") or []
    if not isinstance(connections, list):
        problems.add(file, (*path, "connections"), "expected a list")
        return []
    for index, pair in enumerate(connections):
        if not (isinstance(pair, list) and len(pair) == 2):
            problems.add(file, (*path, "connections", index), "expected [type, value]")
        elif pair[0] == "mac" and isinstance(pair[1], str):
            macs.append(pair[1].lower())
    return macs


def _integrations(device: dict[str, Any], file: str, path: JsonPath, problems: Problems) -> list[str]:
    """The integrations (domains) of a device's ``identifiers``: ``[["hue", "id"]]`` gives ``hue``."""
    identifiers = device.get("identifiers") or []
    if not isinstance(identifiers, list):
        problems.add(file, (*path, "identifiers"), "expected a list")
        return []
    return [pair[0] for pair in identifiers if isinstance(pair, list) and pair and isinstance(pair[0], str)]


class _Home:
    def __init__(self, inputs: Sequence[str], options: ImportOptions) -> None:
        self.problems = Problems()
        self.devices: list[tuple[dict[str, Any], str, JsonPath]] = []
        self.areas: dict[str, str] = {}
        for file in inputs:
            kind, entries, base = _registry(read_json(file), file, self.problems)
            for index, entry in enumerate(entries):
                if kind == "devices":
                    self.devices.append((entry, file, (*base, index)))
                elif isinstance(entry.get("id"), str):
                    self.areas[entry["id"]] = str(entry.get("name") or entry["id"])
        self.options = options
        self.builder = SiteBuilder(options.name or "Home", kind="home", source="Home Assistant")
        if not options.name:
            self.builder.name_remark = "default: name the site (--name)"
        self.by_mac: dict[str, str] = {}

    def build(self) -> SiteBuilder:
        known = {e.get("id") for e, _, _ in self.devices if isinstance(e.get("id"), str)}
        disabled = 0
        for entry, file, path in self.devices:
            if entry.get("disabled_by"):
                disabled += 1
            else:
                self._device(entry, file, path, known)
        if disabled:
            self.builder.notes.append(f"{disabled} disabled devices were left out")
        self._unifi_clients()
        self.problems.raise_if_any()
        self._services()
        option_vendor(self.builder, self.options.vendor, sorted(self.builder.nodes))
        return self.builder

    def _device(self, entry: dict[str, Any], file: str, path: JsonPath, known: set[Any]) -> None:
        p = self.problems
        number = p.text(entry, "id", file, path)
        if number is None:
            p.add(file, (*path, "id"), "a device needs its id")
            return
        maker, model = p.text(entry, "manufacturer", file, path), p.text(entry, "model", file, path)
        name = p.text(entry, "name_by_user", file, path) or p.text(entry, "name", file, path)
        remarks: dict[str, str] = {}
        if name is None:
            name = " ".join(x for x in (maker, model) if x) or f"Device {number[:8]}"
            remarks["name"] = "unnamed in Home Assistant: named from manufacturer and model"
        integrations = _integrations(entry, file, path, p)
        if entry.get("entry_type") == "service" and "wlan" not in (model or "").lower():
            category, remarks["category"] = "cloud", "a service entry (entry_type: service)"
        else:
            guess = guess_category(maker, model, *integrations, name)
            category = guess[0] if guess else "other"
            remarks["category"] = f"guessed from {guess[1]!r}" if guess else "default: nothing to go on"
        area = p.text(entry, "area_id", file, path)
        room = self.areas.get(area, area) if area else None
        if area and area not in self.areas:
            remarks["room"] = "area id: give core.area_registry for its name"
        key = f"ha:{number}"
        macs = _macs(entry, file, path, p)
        tags = {f"ha:{number}", *(f"mac:{m}" for m in macs), *(f"ha-integration:{i}" for i in integrations)}
        serial = p.text(entry, "serial_number", file, path)
        if serial:
            tags.add(f"serial:{serial}")
        self.builder.component(key, name, category, manufacturer=maker, model=model, room=room, tags=tags,
                               remarks=remarks, site=room)
        for mac in macs:
            self.by_mac.setdefault(mac, key)
        via = p.text(entry, "via_device_id", file, path)
        if via and via in known:
            self.builder.require(key, [f"ha:{via}"])
        elif via:
            self.builder.notes.append(f"{name}: via_device_id {via} is not in the registry")

    def _unifi_clients(self) -> None:
        if not self.options.unifi_clients:
            return
        records = read_unifi_records(self.options.unifi_clients, self.problems)
        wlans = {d.name: k for k, d in self.builder.nodes.items() if "wlan" in (d.model or "").lower()}
        joined = 0
        for record, _file, _path in records["client"]:
            key = self.by_mac.get(str(record.get("mac", "")).lower())
            if key is None:
                continue
            joined += 1
            upstream = record.get("sw_mac") if record.get("is_wired") else record.get("ap_mac")
            target = self.by_mac.get(str(upstream or "").lower())
            if target is None:
                self.builder.notes.append(f"{self.builder.nodes[key].name}: its UniFi "
                                          f"{'switch' if record.get('is_wired') else 'access point'} "
                                          f"{upstream} is not in the registry")
            elif target != key:
                self.builder.require(key, [target])
            ssid = record.get("essid")
            if not record.get("is_wired") and isinstance(ssid, str) and ssid in wlans:
                self.builder.require(key, [wlans[ssid]])
        self.builder.notes.append(f"--unifi-clients: {joined} of {len(records['client'])} UniFi clients "
                                  "matched a Home Assistant device by MAC")

    def _services(self) -> None:
        rooms: dict[str, list[str]] = defaultdict(list)
        for key, draft in self.builder.nodes.items():
            if draft.room and draft.category != "cloud":
                rooms[draft.room].append(key)
        for room, members in sorted(rooms.items()):
            self.builder.service(f"service:room:{room}", f"Everything in {room}", [(m,) for m in members],
                                 "skeleton: each device in this area; keep the ones people notice")


def import_home_assistant(inputs: Sequence[str], options: ImportOptions) -> SiteBuilder:
    """Read Home Assistant registries (and UniFi clients) and build the site."""
    return _Home(inputs, options).build()
