"""Benchmark of ``depgraph import netbox`` on a NetBox dump grown to thousands of devices.

The NetBox demo database (the trimmed copy in ``tests/fixtures/import``, or
``--source`` for the full one) is replicated: each copy gets its own sites,
racks, devices, ports, cables, circuits and power records, with record
numbers shifted and names suffixed, so the cabling of every copy is the
demo's own (patch panels, dark fibre, dual cores, PDUs). Shared tables (roles,
device types, manufacturers, providers, contacts) are kept once. For each size
the table shows devices, records, file size, then the wall-clock time to read
the JSON, trace the cables and write the YAML (``import_site``) and, for
information, to validate the result (``load_inventory``). Issue 15's target is
an import of 10,000 devices in under 10 s.

Run: ``python bench/bench_import.py [--devices 1000,10000] [--source DUMP.json]``.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from depgraph import load_inventory
from depgraph.importers import import_site

FIXTURE = Path(__file__).parent.parent / "tests" / "fixtures" / "import" / "netbox-demo-v3.6-trimmed.json"

COPIED = {
    "dcim.site", "dcim.location", "dcim.rack", "dcim.device", "dcim.interface", "dcim.frontport",
    "dcim.rearport", "dcim.powerport", "dcim.poweroutlet", "dcim.powerfeed", "dcim.powerpanel", "dcim.cable",
    "dcim.cabletermination", "circuits.circuit", "circuits.circuittermination", "dcim.virtualchassis",
    "tenancy.contactassignment",
}
"""Models every copy has its own records of; the others are shared by all copies."""

REFERENCES = {
    "device": "dcim.device", "site": "dcim.site", "location": "dcim.location", "parent": "dcim.location",
    "rack": "dcim.rack", "virtual_chassis": "dcim.virtualchassis", "cable": "dcim.cable",
    "rear_port": "dcim.rearport", "power_port": "dcim.powerport", "power_panel": "dcim.powerpanel",
    "circuit": "circuits.circuit", "termination_a": "circuits.circuittermination",
    "termination_z": "circuits.circuittermination", "master": "dcim.device",
}
NAMED = {"dcim.site": ("name", "slug"), "dcim.device": ("name",), "dcim.virtualchassis": ("name",),
         "circuits.circuit": ("cid",), "dcim.rack": ("name",), "dcim.location": ("name", "slug")}
DROPPED = ("_path", "_device", "_rack", "_location", "_site", "lag", "parent_interface", "bridge")


def _shift(fields: dict[str, Any], model: str, copy: int, strides: dict[str, int]) -> dict[str, Any]:
    out = {k: v for k, v in fields.items() if k not in DROPPED}
    for key, target in REFERENCES.items():
        if isinstance(out.get(key), int) and target in COPIED:
            out[key] = out[key] + copy * strides[target]
    if model == "dcim.cabletermination":
        kind = "{}.{}".format(*out["termination_type"])
        if kind in COPIED:
            out["termination_id"] += copy * strides[kind]
    if model == "tenancy.contactassignment":
        kind = "{}.{}".format(*out["content_type"])
        if kind in COPIED:
            out["object_id"] += copy * strides[kind]
    for key in NAMED.get(model, ()):
        if isinstance(out.get(key), str):
            out[key] = f"{out[key]}-{copy}"
    return out


def grow(entries: list[dict[str, Any]], devices: int) -> list[dict[str, Any]]:
    """The dump replicated until it holds at least ``devices`` devices."""
    strides: dict[str, int] = defaultdict(int)
    for entry in entries:
        if isinstance(entry.get("pk"), int):
            strides[entry["model"]] = max(strides[entry["model"]], entry["pk"] + 1)
    per_copy = sum(1 for e in entries if e["model"] == "dcim.device")
    copies = -(-devices // per_copy)
    grown = [e for e in entries if e["model"] not in COPIED]
    for copy in range(copies):
        for entry in entries:
            if entry["model"] in COPIED:
                grown.append({"model": entry["model"], "pk": entry["pk"] + copy * strides[entry["model"]],
                              "fields": _shift(entry["fields"], entry["model"], copy, strides)})
    return grown


def measure(entries: list[dict[str, Any]], devices: int, folder: Path) -> dict[str, Any]:
    """One row of the table."""
    grown = grow(entries, devices)
    path = folder / f"netbox-{devices}.json"
    path.write_text(json.dumps(grown))
    start = time.perf_counter()
    text = import_site("netbox", [str(path)])
    imported = time.perf_counter() - start
    start = time.perf_counter()
    inventory = load_inventory(text)
    validated = time.perf_counter() - start
    row = {
        "devices": sum(1 for e in grown if e["model"] == "dcim.device"), "records": len(grown),
        "mib": path.stat().st_size / 2**20, "import_s": imported, "validate_s": validated,
        "components": len(inventory.components), "services": len(inventory.services),
    }
    os.unlink(path)
    return row


def main() -> None:
    """Grow the dump to each size, import it, print the table and the target check."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devices", default="1000,10000", help="comma-separated sizes (default 1000,10000)")
    parser.add_argument("--source", default=str(FIXTURE), help="the NetBox dumpdata JSON to replicate")
    args = parser.parse_args()
    entries = json.loads(Path(args.source).read_text())
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for size in (int(s) for s in args.devices.split(",")):
            rows.append(measure(entries, size, Path(folder)))
    header = f"{'devices':>8} {'records':>9} {'MiB':>7} {'import s':>9} {'validate s':>11} " \
             f"{'components':>11} {'services':>9}"
    print(header)
    print("-" * len(header))
    for r in rows:
        print(f"{r['devices']:>8} {r['records']:>9} {r['mib']:>7.1f} {r['import_s']:>9.2f} "
              f"{r['validate_s']:>11.2f} {r['components']:>11} {r['services']:>9}")
    big = [r for r in rows if r["devices"] >= 10000]
    for r in big:
        verdict = "met" if r["import_s"] < 10 else "NOT met"
        print(f"target (import of {r['devices']} devices < 10 s): {verdict} ({r['import_s']:.2f} s)")


if __name__ == "__main__":
    main()
