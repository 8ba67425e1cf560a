"""Benchmark of minimal cut sets, the audit and the Open-PSA export.

For the bundled inventories and synthetic campuses (``depgraph.generate``,
default 1,000, 2,000 and 5,000 components) prints: components, services, the
minimal cut sets of order <= 3 found (all services together, then by order),
and the seconds of ``minimal_cut_sets`` (wall-clock and CPU: CPU time shrugs
off a busy machine), of the whole ``audit`` and of ``to_openpsa``. With
``--scram`` it also runs SCRAM on the export (``scram --limit-order 3``) and
says whether its minimal cut sets equal depgraph's.

The targets of issue 6 are checked at the end: bundled sites well under a
second, a 5,000-component site in seconds (< 10 s of CPU for the cut sets).

Run: ``python bench/bench_cutsets.py [--sizes 1000,2000,5000] [--seed 0] [--scram]``.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import tempfile
import time
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from depgraph.engine.cutsets import minimal_cut_sets
from depgraph.export.openpsa import event_name, gate_name, to_openpsa
from depgraph.findings import audit
from depgraph.generate import generate_site
from depgraph.inventory.container import Inventory
from depgraph.loading import load_inventory
from depgraph.text import table

BUNDLED = sorted(Path(__file__).resolve().parent.parent.glob("inventories/*.yaml"))
BUNDLED_TARGET_SECONDS = 1.0
LARGE_TARGET_SECONDS = 10.0


def timed(step: Callable[[], Any]) -> tuple[Any, float, float]:
    """The result of ``step``, its wall-clock seconds and its CPU seconds."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = step()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def scram_agrees(inventory: Inventory, xml: str, expected: dict[str, list[tuple[str, ...]]]) -> str:
    """Run SCRAM on the export; ``yes``/``NO`` and its seconds."""
    events = {event_name(c.id): c.id for c in inventory.components}
    tops = {gate_name(s.id): s.id for s in inventory.services}
    with tempfile.TemporaryDirectory() as folder:
        model, report = Path(folder, "model.xml"), Path(folder, "report.xml")
        model.write_text(xml, encoding="utf-8")
        start = time.perf_counter()
        subprocess.run(["scram", str(model), "--limit-order", "3", "-o", str(report)],
                       check=True, capture_output=True)
        seconds = time.perf_counter() - start
        found = {
            tops[sop.get("name", "")]: sorted(
                (tuple(sorted(events[e.get("name", "")] for e in p)) for p in sop.iter("product")),
                key=lambda s: (len(s), s),
            )
            for sop in ET.parse(report).getroot().iter("sum-of-products")
        }
    return f"{'yes' if found == expected else 'NO'} ({seconds:.2f} s)"


def measure(name: str, inventory: Inventory, with_scram: bool) -> tuple[list[str], float]:
    """One row of the table, and the CPU seconds of the cut sets."""
    cut_sets, wall, cpu = timed(lambda: minimal_cut_sets(inventory, 3))
    _, audit_wall, _ = timed(lambda: audit(inventory))
    xml, export_wall, _ = timed(lambda: to_openpsa(inventory))
    orders = Counter(len(s) for sets in cut_sets.values() for s in sets)
    row = [
        name, f"{len(inventory.components):,}", f"{len(inventory.services):,}",
        f"{sum(orders.values()):,}", " / ".join(f"{orders[k]:,}" for k in (1, 2, 3)),
        f"{wall:.3f}", f"{cpu:.3f}", f"{audit_wall:.3f}", f"{export_wall:.3f}",
    ]
    if with_scram:
        row.append(scram_agrees(inventory, xml, cut_sets))
    return row, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,2000,5000", help="generated site sizes")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--scram", action="store_true", help="also check the export with SCRAM")
    args = parser.parse_args()
    if args.scram and shutil.which("scram") is None:
        parser.error("SCRAM is not installed (Debian package scram)")
    rows, bundled_cpu, large_cpu = [], 0.0, 0.0
    for path in BUNDLED:
        row, cpu = measure(path.stem, load_inventory(path), args.scram)
        rows.append(row)
        bundled_cpu = max(bundled_cpu, cpu)
    for size in (int(s) for s in args.sizes.split(",")):
        row, cpu = measure(f"campus {size:,}", load_inventory(generate_site(size, args.seed)),
                           args.scram)
        rows.append(row)
        large_cpu = max(large_cpu, cpu) if size >= 5000 else large_cpu
    header = ["site", "components", "services", "cut sets", "order 1 / 2 / 3",
              "cut sets s", "CPU s", "audit s", "export s"]
    print(table(header + (["SCRAM agrees"] if args.scram else []), rows,
                right=tuple(range(1, 9))))
    print()
    print(f"bundled sites: cut sets in at most {bundled_cpu:.2f} s of CPU "
          f"(target < {BUNDLED_TARGET_SECONDS:.0f} s): "
          f"{'met' if bundled_cpu < BUNDLED_TARGET_SECONDS else 'NOT met'}")
    if large_cpu:
        print(f"5,000+ components: cut sets in {large_cpu:.2f} s of CPU "
              f"(target < {LARGE_TARGET_SECONDS:.0f} s): "
              f"{'met' if large_cpu < LARGE_TARGET_SECONDS else 'NOT met'}")


if __name__ == "__main__":
    main()
