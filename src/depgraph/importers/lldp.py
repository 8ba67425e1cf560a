"""Importing LLDP neighbour tables: ``lldpctl -f keyvalue``, ``lldpctl -f json``, NAPALM.

Each file is the neighbour table of one host, named after it (``core1.txt``,
``sw2.json``); NAPALM's ``get_lldp_neighbors`` result may be wrapped in
``{"get_lldp_neighbors": ...}``. Links have no direction, so the root
(``--root NAME``, default: the device with most neighbours) orients them:
each device requires its neighbours one hop nearer the root, and a device
with two such neighbours requires ``{any: [...]}`` of them. Neighbours are
matched by name, ignoring case and the domain.

>>> parse_keyvalue("lldp.eth0.chassis.name=core1.example.net\\nlldp.eth0.port.ifname=xe-0/0/1\\n")
{'eth0': {'name': 'core1.example.net', 'mac': None, 'descr': None, 'ip': None}}
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from depgraph.errors import ImportDataError, UsageError
from depgraph.importers.categories import guess_category
from depgraph.importers.jsondata import JsonPath, Problems, read_text
from depgraph.importers.netbox_services import option_vendor
from depgraph.importers.options import ImportOptions, check_choice
from depgraph.importers.orient import orient
from depgraph.importers.site import SiteBuilder

__all__ = ["import_lldp", "parse_keyvalue", "parse_lldp_json"]

Neighbour = dict[str, str | None]


def parse_keyvalue(text: str, file: str = "<text>") -> dict[str, Neighbour]:
    """Neighbours by local interface from ``lldpctl -f keyvalue`` output."""
    found: dict[str, Neighbour] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        key, sep, value = line.partition("=")
        parts = key.split(".")
        if not sep or len(parts) < 3 or parts[0] != "lldp":
            raise ImportDataError([f"{file}:{number}: expected lldp.INTERFACE.KEY=VALUE "
                                   "(lldpctl -f keyvalue)"])
        neighbour = found.setdefault(parts[1], {"name": None, "mac": None, "descr": None, "ip": None})
        field = ".".join(parts[2:])
        slot = {"chassis.name": "name", "chassis.mac": "mac", "chassis.descr": "descr",
                "chassis.mgmt-ip": "ip"}.get(field)
        if slot and neighbour[slot] is None:
            neighbour[slot] = value.strip()
    return found


def _value(item: Any) -> str | None:
    if isinstance(item, list) and item:
        item = item[0]
    if isinstance(item, dict):
        item = item.get("value")
    return item if isinstance(item, str) and item else None


def parse_lldp_json(document: Any, file: str, problems: Problems) -> dict[str, Neighbour]:
    """Neighbours by local interface from ``lldpctl -f json`` or NAPALM ``get_lldp_neighbors``."""
    if isinstance(document, dict) and "lldp" in document:
        return _lldpctl(document["lldp"], file, problems)
    base: JsonPath = ()
    if isinstance(document, dict) and "get_lldp_neighbors" in document:
        document, base = document["get_lldp_neighbors"], ("get_lldp_neighbors",)
    if not isinstance(document, dict):
        problems.add(file, base, "expected an object: lldpctl -f json or NAPALM get_lldp_neighbors")
        return {}
    found: dict[str, Neighbour] = {}
    for interface in sorted(document):
        for index, item in enumerate(problems.object_list(document[interface], file, (*base, interface))):
            name = problems.text(item, "hostname", file, (*base, interface, index))
            if name is None:
                problems.add(file, (*base, interface, index, "hostname"), "expected the neighbour's name")
            else:
                found[f"{interface}#{index}"] = {"name": name, "mac": None, "descr": None, "ip": None}
    return found


def _lldpctl(body: Any, file: str, problems: Problems) -> dict[str, Neighbour]:
    path: JsonPath = ("lldp",)
    if isinstance(body, list):  # some versions wrap the body in a list
        body, path = (body[0] if body else {}), (*path, 0)
    if not isinstance(body, dict):
        problems.add(file, path, "expected an object")
        return {}
    interfaces = body.get("interface", [])
    if isinstance(interfaces, dict):
        interfaces = [interfaces]
    found: dict[str, Neighbour] = {}
    for index, group in enumerate(problems.object_list(interfaces, file, (*path, "interface"))):
        for name, interface in sorted(group.items()):
            where = (*path, "interface", index, name)
            if not isinstance(interface, dict):
                problems.add(file, where, "expected an object")
                continue
            chassis = problems.obj(interface, "chassis", file, where)
            found[name] = _chassis(chassis)
    return found


def _chassis(chassis: dict[str, Any]) -> Neighbour:
    if "name" in chassis or "id" in chassis:  # lldpctl -f json0
        name, body = _value(chassis.get("name")), chassis
    elif len(chassis) == 1:  # lldpctl -f json: {"NAME": {...}}
        name, body = next(iter(chassis)), next(iter(chassis.values()))
        body = body if isinstance(body, dict) else {}
    else:
        name, body = None, chassis
    identity = body.get("id")
    mac = _value(identity) if isinstance(identity, dict) and identity.get("type") == "mac" else None
    return {"name": name, "mac": mac, "descr": _value(body.get("descr")), "ip": _value(body.get("mgmt-ip"))}


def _short(name: str) -> str:
    return name.lower().split(".")[0]


def _read(file: str, problems: Problems) -> dict[str, Neighbour]:
    text = read_text(file)
    if text.lstrip().startswith(("{", "[")):
        try:
            document = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ImportDataError([f"{file}:{exc.lineno}:{exc.colno}: not valid JSON: {exc.msg}"]) from None
        return parse_lldp_json(document, file, problems)
    return parse_keyvalue(text, file)


def import_lldp(inputs: Sequence[str], options: ImportOptions) -> SiteBuilder:
    """Read one neighbour table per host and build the site, oriented from the root."""
    problems = Problems()
    builder = SiteBuilder(options.name or "LLDP neighbours", source="LLDP neighbour tables")
    if not options.name:
        builder.name_remark = "default: name the site (--name)"
    if "-" in inputs:
        raise UsageError("lldp: each table is named after its host's file; standard input has no name")
    tables = {Path(file).stem: _read(file, problems) for file in inputs}
    problems.raise_if_any()
    details: dict[str, Neighbour] = {}
    edges = []
    for host, neighbours in sorted(tables.items()):
        details.setdefault(_short(host), {"name": host, "mac": None, "descr": None, "ip": None})
        for neighbour in neighbours.values():
            if neighbour["name"]:
                other = _short(neighbour["name"])
                known = details.setdefault(other, dict(neighbour))
                known.update({k: v for k, v in neighbour.items() if v and not known.get(k)})
                edges.append((_short(host), other))
    for key, info in sorted(details.items()):
        guess = guess_category(info["descr"], info["name"])
        builder.component(f"lldp:{key}", str(info["name"]), guess[0] if guess else "network",
                          ip=info["ip"], tags={f"mac:{info['mac'].lower()}"} if info["mac"] else set(),
                          remarks={"category": f"guessed from {guess[1]!r}" if guess
                                   else "assumed: it speaks LLDP"})
    counts: dict[str, set[str]] = defaultdict(set)
    for a, b in edges:
        counts[a].add(b)
        counts[b].add(a)
    if options.root is not None:
        check_choice("device", _short(options.root), details)
        root = _short(options.root)
    else:
        root = min(counts, key=lambda n: (-len(counts[n]), n)) if counts else next(iter(details))
        builder.notes.append(f"root: {details[root]['name']} (most neighbours; --root NAME to choose)")
    upstream, peers = orient(edges, root=root)
    for node, ups in sorted(upstream.items()):
        builder.require(f"lldp:{node}", [f"lldp:{u}" for u in ups])
    for a, b in peers:
        builder.notes.append(f"{details[a]['name']} - {details[b]['name']}: same distance from the root, "
                             "no direction")
    unreached = sorted(set(details) - set(upstream) - {root})
    if unreached:
        builder.notes.append("not connected to the root: " + ", ".join(str(details[n]["name"])
                                                                       for n in unreached))
    required = {m for d in builder.nodes.values() for c in d.requires for m in c}
    leaves = [(k,) for k in sorted(builder.nodes) if k not in required]
    builder.service("service:network", "Network", leaves, "skeleton: each device nothing else requires")
    option_vendor(builder, options.vendor, sorted(builder.nodes))
    return builder
