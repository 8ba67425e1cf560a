"""Benchmark of ``depgraph import netbox`` on a NetBox dump grown to thousands of devices.

The NetBox demo database is replicated: each copy gets its own sites, racks,
devices, ports, cables, circuits and power records, with record numbers
shifted and names suffixed, so the cabling of every copy is the demo's own
(patch panels, dark fibre, dual cores, PDUs). Shared tables (roles, device
types, manufacturers, providers, contacts) are kept once. Two sources:

* ``full``: the whole demo dump from ``../shared/import-samples/`` beside the
  repository (or ``--full PATH``), every uncabled interface and port kept, as
  a real dump has them: 10,000 devices make a 281 MiB file;
* ``trimmed``: the copy in ``tests/fixtures/import``, cabled ports only
  (53 MiB at 10,000 devices).

Each import runs in a fresh Python process, so that no row profits from an
earlier one (caches, memory already taken). For each row the table shows
devices, records, file size, then the import (``import_site``: read the JSON,
trace the cables, write the YAML) in wall-clock and CPU seconds and that
process's peak memory, and, for information, validating the result
(``load_inventory``). The machine's load average is printed too: on a shared
machine the wall-clock time grows with it and the CPU time does not. Issue
15's target is an import of 10,000 devices in under 10 s.

Run: ``python bench/bench_import.py [--devices 1000,10000] [--trimmed 10000] [--full DUMP.json]``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

FIXTURE = Path(__file__).parent.parent / "tests" / "fixtures" / "import" / "netbox-demo-v3.6-trimmed.json"
FULL_DUMP = Path("shared") / "import-samples" / "netbox-demo-v3.6.json"
"""The full demo dump, looked for beside the repository and the folders above it."""

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


def _find_full_dump() -> Path | None:
    for folder in Path(__file__).resolve().parents[1:]:
        if (folder / FULL_DUMP).is_file():
            return folder / FULL_DUMP
    return None


def _peak_mib() -> float:
    """This process's peak memory: ``VmHWM`` (``ru_maxrss`` would count the parent's, forked before exec)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def import_once(path: str) -> dict[str, Any]:
    """Import one file in this process: wall and CPU seconds, peak memory, and the validation."""
    from depgraph import load_inventory
    from depgraph.importers import import_site

    start, cpu = time.perf_counter(), time.process_time()
    text = import_site("netbox", [path])
    row = {"import_s": time.perf_counter() - start, "import_cpu_s": time.process_time() - cpu,
           "peak_mib": _peak_mib()}
    start, cpu = time.perf_counter(), time.process_time()
    inventory = load_inventory(text)
    row.update(validate_s=time.perf_counter() - start, validate_cpu_s=time.process_time() - cpu,
               components=len(inventory.components), services=len(inventory.services))
    return row


def measure(source: str, entries: list[dict[str, Any]], devices: int, folder: Path) -> dict[str, Any]:
    """One row of the table: grow the dump, write it, import it in a fresh process."""
    grown = grow(entries, devices)
    path = folder / f"netbox-{source}-{devices}.json"
    path.write_text(json.dumps(grown))
    row: dict[str, Any] = {"source": source, "devices": sum(1 for e in grown if e["model"] == "dcim.device"),
                           "records": len(grown), "mib": path.stat().st_size / 2**20}
    del grown
    load = os.getloadavg()[0]
    child = subprocess.run([sys.executable, __file__, "--import-once", str(path)],
                           check=True, capture_output=True, text=True)
    row.update(json.loads(child.stdout), load=load)
    os.unlink(path)
    return row


def _print(rows: list[dict[str, Any]]) -> None:
    header = (f"{'source':>8} {'devices':>8} {'records':>8} {'MiB':>6} {'import s':>9} {'CPU s':>6} "
              f"{'peak MiB':>9} {'validate s':>11} {'CPU s':>6} {'components':>11} {'services':>9} "
              f"{'load':>5}")
    print(header)
    print("-" * len(header))
    for r in rows:
        print(f"{r['source']:>8} {r['devices']:>8} {r['records']:>8} {r['mib']:>6.1f} {r['import_s']:>9.2f} "
              f"{r['import_cpu_s']:>6.2f} {r['peak_mib']:>9.0f} {r['validate_s']:>11.2f} "
              f"{r['validate_cpu_s']:>6.2f} {r['components']:>11} {r['services']:>9} {r['load']:>5.1f}")
    for r in rows:
        if r["devices"] >= 10000:
            verdict = "met" if r["import_s"] < 10 else "NOT met"
            print(f"target (import of {r['devices']} devices, {r['source']} dump, < 10 s): {verdict} "
                  f"({r['import_s']:.2f} s wall, {r['import_cpu_s']:.2f} s CPU, "
                  f"load average {r['load']:.1f})")


def _sizes(text: str) -> list[int]:
    return [int(s) for s in text.split(",") if s]


def main() -> None:
    """Grow the dumps to each size, import each in a fresh process, print the table and the target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devices", default="1000,10000",
                        help="sizes grown from the full demo dump (default 1000,10000)")
    parser.add_argument("--trimmed", default="10000",
                        help="sizes grown from the trimmed fixture (default 10000; '' for none)")
    parser.add_argument("--full", help="the full NetBox dumpdata JSON to replicate "
                        f"(default: {FULL_DUMP} beside the repository)")
    parser.add_argument("--import-once", metavar="PATH", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.import_once:
        print(json.dumps(import_once(args.import_once)))
        return
    full = Path(args.full) if args.full else _find_full_dump()
    plan: list[tuple[str, Path, list[int]]] = [("trimmed", FIXTURE, _sizes(args.trimmed))]
    if full is None:
        print(f"the full demo dump ({FULL_DUMP}) was not found beside the repository: "
              "give it with --full; only the trimmed fixture is measured")
    else:
        plan.insert(0, ("full", full, _sizes(args.devices)))
    print(f"load average at start: {os.getloadavg()[0]:.1f} (2 cores here may be shared with other work)")
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for source, dump, sizes in plan:
            entries = json.loads(dump.read_text())
            for size in sizes:
                rows.append(measure(source, entries, size, Path(folder)))
    _print(rows)


if __name__ == "__main__":
    main()
