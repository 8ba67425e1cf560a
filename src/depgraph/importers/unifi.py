"""Importing a UniFi site: controller devices, their clients, SSIDs and PDU outlets.

``stat/device`` gives the gateways, switches, access points and PDUs; each
requires its uplink device (``uplink.uplink_mac``, else ``last_uplink``, else
its LLDP table). ``stat/sta`` adds clients: a wired client requires its
switch (``sw_mac``), a wireless one any access point broadcasting its SSID.
``rest/wlanconf`` names the SSIDs. Services: internet access through the
gateway, and one Wi-Fi service per SSID. A SmartPower PDU's outlets carry the
names users gave them; an outlet named like a device powers it, and the
outlets that match nothing are listed in the header.

The files may be given in any order; each one's kind is told from its records.

>>> import json, pathlib, tempfile
>>> path = pathlib.Path(tempfile.mkdtemp()) / "device.json"
>>> _ = path.write_text(json.dumps({"data": [
...     {"mac": "aa:00:00:00:00:01", "name": "USG", "type": "ugw"},
...     {"mac": "aa:00:00:00:00:02", "name": "Switch", "type": "usw",
...      "uplink": {"uplink_mac": "aa:00:00:00:00:01"}}]}))
>>> site = import_unifi([str(path)], ImportOptions())
>>> site.nodes["unifi:aa:00:00:00:00:02"].requires
[('unifi:aa:00:00:00:00:01',)]
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from depgraph.importers.categories import guess_category
from depgraph.importers.jsondata import JsonPath, Problems, read_json
from depgraph.importers.netbox_services import option_vendor
from depgraph.importers.options import ImportOptions
from depgraph.importers.site import SiteBuilder

__all__ = ["UnifiExport", "import_unifi", "read_unifi_records"]

_GATEWAYS = ("ugw", "udm", "uxg", "ucg")
_DEFAULT_OUTLET = re.compile(r"^(usb )?outlet \d+$", re.IGNORECASE)


def _records(document: Any, file: str, problems: Problems) -> tuple[list[dict[str, Any]], JsonPath]:
    if isinstance(document, dict) and "data" in document:
        return problems.object_list(document["data"], file, ("data",)), ("data",)
    if isinstance(document, list):
        return problems.object_list(document, file, ()), ()
    problems.add(file, (), "expected a UniFi API response ({\"data\": [...]}) or a list of records")
    return [], ()


def _kind(record: dict[str, Any]) -> str | None:
    if "port_table" in record or "uplink" in record or record.get("type") in (*_GATEWAYS, "usw", "uap"):
        return "device"
    if any(k in record for k in ("is_wired", "sw_mac", "ap_mac", "essid")):
        return "client"
    if any(k in record for k in ("security", "wpa_mode", "wlangroup_id", "x_passphrase")):
        return "wlan"
    return None


def read_unifi_records(inputs: Sequence[str], problems: Problems
                       ) -> dict[str, list[tuple[dict[str, Any], str, JsonPath]]]:
    """Every record of the files by kind (``device``, ``client``, ``wlan``), with where it was."""
    found: dict[str, list[tuple[dict[str, Any], str, JsonPath]]] = defaultdict(list)
    for file in inputs:
        records, base = _records(read_json(file), file, problems)
        for index, record in enumerate(records):
            kind = _kind(record)
            if kind is None:
                problems.add(file, (*base, index), "not a UniFi device, client or WLAN record "
                             "(expected stat/device, stat/sta or rest/wlanconf)")
            else:
                found[kind].append((record, file, (*base, index)))
    return found


def _mac(value: Any) -> str | None:
    return value.strip().lower() if isinstance(value, str) and value.strip() else None


_MAC_ADDRESS = re.compile(r"[0-9a-f]{2}([:-]?)[0-9a-f]{2}(\1[0-9a-f]{2}){4}")


def _own_mac(problems: Problems, record: dict[str, Any], file: str, path: JsonPath, kind: str) -> str | None:
    """The MAC address of a device or client record; a problem at ``mac`` when it is missing or not one."""
    value = record.get("mac")
    if value is None or (isinstance(value, str) and not value.strip()):
        problems.add(file, (*path, "mac"), f"a {kind} needs its MAC address")
        return None
    mac = _mac(value)
    if mac is None or not _MAC_ADDRESS.fullmatch(mac):
        problems.add(file, (*path, "mac"),
                     f"expected a MAC address such as 'f0:9f:c2:12:34:56', found {value!r}")
        return None
    return mac


class UnifiExport:
    """One UniFi import being built."""

    def __init__(self, inputs: Sequence[str], options: ImportOptions) -> None:
        self.problems = Problems()
        self.records = read_unifi_records(inputs, self.problems)
        self.options = options
        name = options.name or "UniFi site"
        self.builder = SiteBuilder(name, source=f"UniFi ({', '.join(Path(i).name for i in inputs)})")
        if not options.name:
            self.builder.name_remark = "default: name the site (--name)"
        self.by_mac: dict[str, str] = {}
        self.ssids: dict[str, set[str]] = defaultdict(set)

    def build(self) -> SiteBuilder:
        """Devices, uplinks, clients, power and services."""
        for record, file, path in self.records["device"]:
            self._device(record, file, path)
        for record, file, path in self.records["device"]:
            self._uplink(record, file, path)
        for record, file, path in self.records["client"]:
            self._client(record, file, path)
        for record, file, path in self.records["device"]:
            self._outlets(record, file, path)
        self.problems.raise_if_any()
        self._services()
        option_vendor(self.builder, self.options.vendor, sorted(self.builder.nodes))
        return self.builder

    def _device(self, record: dict[str, Any], file: str, path: JsonPath) -> None:
        mac = _own_mac(self.problems, record, file, path, "device")
        if mac is None:
            return
        model = self.problems.text(record, "model", file, path)
        kind = self.problems.text(record, "type", file, path) or ""
        name = self.problems.text(record, "name", file, path)
        remarks = {}
        if name is None:
            name = f"UniFi {model or kind or 'device'} {mac}"
            remarks["name"] = "unnamed in the controller: named from model and MAC"
        outlets = self.problems.objects(record, "outlet_table", file, path)
        category, why = ("power", "a UniFi PDU (outlet table)") if outlets else (
            "network", f"UniFi device type {kind!r}")
        key = f"unifi:{mac}"
        remarks["category"] = why
        remarks["manufacturer"] = "a UniFi controller device"
        draft = self.builder.component(key, name, category, model=model, manufacturer="Ubiquiti",
                                       ip=self.problems.text(record, "ip", file, path),
                                       tags={f"mac:{mac}"}, remarks=remarks)
        serial = self.problems.text(record, "serial", file, path)
        if serial:
            draft.tags.add(f"serial:{serial}")
        if kind in _GATEWAYS:
            draft.tags.add("unifi:gateway")
        self.by_mac[mac] = key
        for vap in self.problems.objects(record, "vap_table", file, path):
            ssid = vap.get("essid")
            if isinstance(ssid, str) and ssid:
                self.ssids[ssid].add(key)

    def _uplink(self, record: dict[str, Any], file: str, path: JsonPath) -> None:
        mac = _mac(record.get("mac"))
        if mac is None or f"unifi:{mac}" not in self.builder.nodes:
            return
        if record.get("type") in _GATEWAYS:
            self.problems.obj(record, "uplink", file, path)  # unused, but must be well formed
            return
        uplink = self.problems.obj(record, "uplink", file, path)
        last = self.problems.obj(record, "last_uplink", file, path)
        target = _mac(uplink.get("uplink_mac")) or _mac(last.get("uplink_mac"))
        label = uplink.get("uplink_device_name") or last.get("uplink_device_name")
        if target is None:
            for entry in self.problems.objects(record, "lldp_table", file, path):
                if entry.get("is_wired", True) and _mac(entry.get("chassis_id")):
                    target = _mac(entry.get("chassis_id"))
                    break
        key = f"unifi:{mac}"
        if self.builder.nodes[key].category == "power":
            if target is not None:
                self.builder.notes.append(f"{self.builder.nodes[key].name}: its network uplink is not a "
                                          "requirement (the outlets keep power when the network is down)")
            return
        if target is None:
            self.builder.notes.append(f"{self.builder.nodes[key].name}: no uplink in the export")
            return
        self.builder.require(key, [self._known(target, label)])

    def _known(self, mac: str, label: Any) -> str:
        """The device with this MAC; one named from the uplink if the export does not list it."""
        if mac in self.by_mac:
            return self.by_mac[mac]
        key = f"unifi:{mac}"
        name = label if isinstance(label, str) and label else f"Device {mac}"
        self.builder.component(key, name, "network", tags={f"mac:{mac}"},
                               remarks={"name": "not in stat/device: named from the uplink that points "
                                        "to it", "category": "assumed: an uplink is a network device"})
        self.builder.notes.append(f"{name} ({mac}) is an uplink but not in stat/device: add what it requires")
        self.by_mac[mac] = key
        return key

    def _client(self, record: dict[str, Any], file: str, path: JsonPath) -> None:
        mac = _own_mac(self.problems, record, file, path, "client")
        if mac is None:
            return
        name = self.problems.text(record, "name", file, path) or self.problems.text(record, "hostname", file,
                                                                                   path)
        remarks = {}
        if name is None:
            name = f"Client {mac}"
            remarks["name"] = "unnamed in the controller: named from the MAC"
        guess = guess_category(name, self.problems.text(record, "device_name", file, path),
                               self.problems.text(record, "oui", file, path))
        remarks["category"] = f"guessed from {guess[1]!r}" if guess else "default: nothing to go on"
        key = f"unifi:{mac}"
        self.builder.component(key, name, guess[0] if guess else "other",
                               ip=self.problems.text(record, "ip", file, path), tags={f"mac:{mac}"},
                               remarks=remarks)
        self.by_mac.setdefault(mac, key)
        if record.get("is_wired") is True or ("sw_mac" in record and "ap_mac" not in record):
            switch = _mac(self.problems.text(record, "sw_mac", file, path))
            if switch:
                self.builder.require(key, [self._known(switch, None)])
            return
        ssid = self.problems.text(record, "essid", file, path)
        aps = self.ssids.get(ssid or "", set())
        ap = _mac(self.problems.text(record, "ap_mac", file, path))
        if aps:
            self.builder.require(key, aps)
            self.builder.nodes[key].remarks["requires"] = f"any access point broadcasting {ssid!r}"
        elif ap:
            self.builder.require(key, [self._known(ap, None)])

    def _outlets(self, record: dict[str, Any], file: str, path: JsonPath) -> None:
        mac = _mac(record.get("mac"))
        outlets = self.problems.objects(record, "outlet_table", file, path)
        if mac is None or not outlets:
            return
        pdu = f"unifi:{mac}"
        names = {_norm(d.name): k for k, d in self.builder.nodes.items() if k != pdu}
        unmatched = []
        for outlet in outlets:
            label = outlet.get("name")
            if not isinstance(label, str) or not label.strip() or _DEFAULT_OUTLET.match(label.strip()):
                continue
            target = names.get(_norm(label))
            if target is None:
                unmatched.append(f"{outlet.get('index', '?')} {label.strip()!r}")
            else:
                self.builder.require(target, [pdu])
                self.builder.nodes[target].remarks["requires"] = "PDU outlet named like this device"
        if unmatched:
            self.builder.notes.append(
                f"{self.builder.nodes[pdu].name}: outlets named like no device in the export: "
                + ", ".join(unmatched) + " (add those devices and require the PDU)")

    def _services(self) -> None:
        gateways = [k for k, d in self.builder.nodes.items() if "unifi:gateway" in d.tags]
        if gateways:
            self.builder.service("service:internet", "Internet access", [tuple(gateways)],
                                 "skeleton: through the gateway")
        else:
            self.builder.notes.append("no gateway in stat/device: no internet access service")
        wanted = dict.fromkeys(sorted(self.ssids))
        for record, file, path in self.records["wlan"]:
            ssid = self.problems.text(record, "name", file, path)
            if ssid and record.get("enabled") is False:
                self.builder.notes.append(f"SSID {ssid!r} is disabled: no service for it")
                wanted.pop(ssid, None)
            elif ssid:
                wanted.setdefault(ssid)
        for ssid in wanted:
            aps = self.ssids.get(ssid)
            if not aps:
                self.builder.notes.append(f"SSID {ssid!r}: no access point in stat/device broadcasts it")
                continue
            self.builder.service(f"service:wifi:{ssid}", f"Wi-Fi {ssid}", [tuple(aps)],
                                 "skeleton: any access point broadcasting this SSID")


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", text.lower())


def import_unifi(inputs: Sequence[str], options: ImportOptions) -> SiteBuilder:
    """Read UniFi controller responses and build the site."""
    return UnifiExport(inputs, options).build()
