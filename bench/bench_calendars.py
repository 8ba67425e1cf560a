"""Benchmark of calendars (``time-and-people.md``): the same campus with and without them.

A generated campus (``depgraph.generate``, 10,000 components by default) is
costed twice: as generated (every calendar ``24/7``), and with a calendar on
the site, on every service (four schedules in turn, from ``24/7`` to office
hours with a lunch break, and a cost for closed hours), on every vendor
(trades 8 to 5, ``24/7``, six days), on the default vendor terms and on every
plan. For each: the time of the incidents of every plan (``incidents``) and
of ``compare --years N`` (expected years and simulation, all plans). The
target of issue 11 (the calendar version within 3x of the plain one) is
checked at the end.

Times are wall-clock (CPU seconds in parentheses).

Run: ``python bench/bench_calendars.py [--components 10000] [--years 1000] [--quick]``.
"""

from __future__ import annotations

import argparse
import json
import time
from typing import Any

import yaml

from depgraph.costs.incidents import incidents
from depgraph.costs.plans import plan_ids
from depgraph.generate import generate_site
from depgraph.inventory.container import Inventory
from depgraph.loading import load_inventory
from depgraph.simulation.comparison import compare
from depgraph.text import table

TARGET_RATIO = 3.0
SERVICE_HOURS = ("24/7", "Mo-Fr 08:00-18:00", "Mo-Sa 07:00-22:00", "Mo-Fr 08:00-12:00,13:00-17:00")
VENDOR_HOURS = ("Mo-Fr 08:00-17:00", "24/7", "Mo-Sa 08:00-18:00")


def with_calendars(text: str) -> Inventory:
    """The generated site with a calendar on the site, every service, vendor and plan."""
    data: dict[str, Any] = yaml.safe_load(text)
    data["site"]["hours"] = "Mo-Fr 07:00-19:00"
    for i, service in enumerate(data.get("services", [])):
        service["hours"] = SERVICE_HOURS[i % len(SERVICE_HOURS)]
        service["cost_per_hour_closed"] = round(0.1 * float(service.get("cost_per_hour", 0)), 2)
    for i, vendor in enumerate(data.get("vendors", [])):
        vendor["hours"] = VENDOR_HOURS[i % len(VENDOR_HOURS)]
    data.setdefault("defaults", {}).setdefault("vendor", {})["hours"] = "Mo-Fr 08:00-17:00"
    for plan in data.get("plans", []):
        plan["hours"] = "Mo-Fr 07:00-19:00"
    return load_inventory(json.dumps(data))


def _timed(work: Any) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    work()
    return time.perf_counter() - wall, time.process_time() - cpu


def measure(inventory: Inventory, years: int) -> dict[str, tuple[float, float]]:
    """Seconds (wall, CPU) of the incidents of every plan, then of compare, on a fresh copy."""
    fresh = inventory.model_copy()
    found = _timed(lambda: [incidents(fresh, p) for p in plan_ids(fresh)])
    again = inventory.model_copy()
    compared = _timed(lambda: compare(again, years=years, seed=0))
    return {"incidents": found, f"compare --years {years}": compared}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--components", type=int, default=10_000)
    parser.add_argument("--years", type=int, default=1_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--quick", action="store_true", help="2,000 components, 200 years")
    args = parser.parse_args()
    size, years = (2_000, 200) if args.quick else (args.components, args.years)
    text = generate_site(size, args.seed)
    plain = load_inventory(text)
    timed = with_calendars(text)
    print(f"Campus of {size:,} components, {len(plain.services):,} services, "
          f"{len(plain.vendors)} vendors, {len(plain.plans)} plans (seed {args.seed})\n")
    before, after = measure(plain, years), measure(timed, years)
    rows, worst = [], 0.0
    for step in before:
        ratio = after[step][0] / before[step][0]
        worst = max(worst, ratio)
        rows.append([
            step, f"{before[step][0]:.2f} s ({before[step][1]:.2f})",
            f"{after[step][0]:.2f} s ({after[step][1]:.2f})", f"{ratio:.2f}x",
        ])
    print(table(["step", "24/7 (as generated)", "with calendars", "ratio"], rows, right=(1, 2, 3)))
    verdict = "met" if worst <= TARGET_RATIO else "NOT met"
    print(f"\nTarget: calendars within {TARGET_RATIO:g}x of the plain site: {verdict} "
          f"(worst {worst:.2f}x).")


if __name__ == "__main__":
    main()
