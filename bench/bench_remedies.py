"""Benchmark of remedies and diff on synthetic campuses (``depgraph.generate``).

Prints two tables:

1. ``remedies`` with 20 candidates on a 1,000-component campus. The
   candidates are the twins, monitoring changes and owners that
   ``remedies --suggest`` drafts for the costliest single points of failure,
   priced from a seeded random draw. Rows: reading and checking the site and
   the 20 remedies (each applied to the site and validated), evaluating every
   remedy (figures reused where a remedy cannot reach them), the same
   evaluation from scratch for reference, the ``--budget`` selection (every
   remaining remedy re-evaluated after each pick) and the whole command as a
   user runs it (a fresh process, ``depgraph remedies FILE``, then with
   ``--budget B``). The target of issue 12 is the command under 10 s.
2. ``diff`` of two 10,000-component campuses (the second with some remedies
   applied by hand) with ``--years 1000``: the command in a fresh process,
   and its parts in this one (loading both, the expected figures, the two
   simulations).

Times are wall-clock seconds (CPU seconds in brackets); run on a quiet
machine. Run: ``python bench/bench_remedies.py [--quick]`` (``--quick``: a
5,000-component diff with 200 years).
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

from depgraph.generate import generate_site
from depgraph.loading import load_inventory
from depgraph.remedies import choose, evaluate, load_proposal, site_figures, suggest_remedies
from depgraph.remedies.valuation import value_of
from depgraph.simulation.years import simulate
from depgraph.text import table

CANDIDATES = 20
TARGET_SECONDS = 10.0


class Stopwatch:
    """Wall-clock and CPU seconds since it was made."""

    def __init__(self) -> None:
        self.wall = time.perf_counter()
        self.cpu = time.process_time()

    def text(self) -> str:
        wall, cpu = time.perf_counter() - self.wall, time.process_time() - self.cpu
        return f"{wall:.2f} ({cpu:.2f})"

    def seconds(self) -> float:
        return time.perf_counter() - self.wall


def candidates(site_text: str, count: int, seed: int) -> list[dict[str, Any]]:
    """``count`` suggested remedies for the campus, each priced at random (seeded)."""
    inventory = load_inventory(site_text)
    block = suggest_remedies(inventory, count=count, data=yaml.safe_load(site_text))
    drafted: list[dict[str, Any]] = yaml.safe_load(block)["remedies"]
    rng = random.Random(seed)
    priced = []
    for remedy in drafted[:count]:
        remedy["one_time_cost"] = rng.choice([0, 150, 400, 900, 1500, 3000, 6000])
        remedy["monthly_cost"] = rng.choice([0, 0, 0, 10, 25])
        priced.append(remedy)
    return priced


def _run(args: list[str]) -> float:
    watch = Stopwatch()
    subprocess.run([sys.executable, "-m", "depgraph", *args], check=True, capture_output=True)
    return watch.seconds()


def remedies_rows(folder: Path, seed: int) -> tuple[list[list[str]], float]:
    site_text = generate_site(1000, seed)
    remedies = candidates(site_text, CANDIDATES, seed)
    site = folder / "campus-1000.yaml"
    site.write_text(site_text, encoding="utf-8")
    extra = folder / "remedies.yaml"
    extra.write_text(yaml.safe_dump({"version": 1, "remedies": remedies}, sort_keys=False), encoding="utf-8")
    budget = sum(r["one_time_cost"] for r in remedies) / 2
    rows = []
    watch = Stopwatch()
    proposal = load_proposal(site, extra)
    rows.append([f"read and check the site and {len(proposal.remedies)} remedies", watch.text()])
    watch = Stopwatch()
    base = site_figures(proposal.inventory)
    rows.append(["figures of the site (incidents of every plan)", watch.text()])
    watch = Stopwatch()
    values = evaluate(proposal, base=base)
    rows.append([f"evaluate {len(values)} remedies, reusing what they cannot reach", watch.text()])
    watch = Stopwatch()
    fresh = [value_of(p, base, site_figures(proposal.applied[p.remedy.id][0])) for p in proposal.remedies]
    rows.append([f"evaluate {len(fresh)} remedies from scratch (reference)", watch.text()])
    same = sorted(v.to_json()["net"]["break-fix"] for v in values) == sorted(
        v.to_json()["net"]["break-fix"] for v in fresh)
    watch = Stopwatch()
    chosen = choose(proposal, budget, base=base)
    rows.append([f"--budget {budget:,.0f}: {len(chosen.remedies)} picked, every remaining one "
                 "re-evaluated after each pick", watch.text()])
    command = _run(["remedies", str(site), "--remedies", str(extra), "--json"])
    rows.append(["depgraph remedies FILE --remedies R (fresh process)", f"{command:.2f}"])
    with_budget = _run(["remedies", str(site), "--remedies", str(extra), "--budget", str(budget), "--json"])
    rows.append(["depgraph remedies FILE --remedies R --budget B (fresh process)", f"{with_budget:.2f}"])
    rows.append(["incremental and from-scratch figures agree", "yes" if same else "NO"])
    return rows, command


def _after_text(site_text: str, seed: int) -> str:
    """The campus with its five costliest single points of failure twinned, written by hand."""
    data = yaml.safe_load(site_text)
    inventory = load_inventory(site_text)
    block = yaml.safe_load(suggest_remedies(inventory, count=5, data=data))
    nodes = {item["id"]: item for section in ("components", "services") for item in data[section]}
    for remedy in block["remedies"]:
        if not remedy["id"].startswith("twin-"):
            continue
        data["components"] += remedy["add"]["components"]
        for change in remedy["change"]:
            nodes[change["id"]]["requires"] = change["requires"]
        nodes.update({c["id"]: c for c in remedy["add"]["components"]})
    return json.dumps(data)


def diff_rows(folder: Path, size: int, years: int, seed: int) -> list[list[str]]:
    before_text = generate_site(size, seed)
    after_text = _after_text(before_text, seed)
    before, after = folder / f"before-{size}.yaml", folder / f"after-{size}.yaml"
    before.write_text(before_text, encoding="utf-8")
    after.write_text(after_text, encoding="utf-8")
    rows = []
    command = _run(["diff", str(before), str(after), "--years", str(years), "--json"])
    rows.append([f"depgraph diff ({size:,} components, --years {years:,}, fresh process)", f"{command:.2f}"])
    watch = Stopwatch()
    old, new = load_inventory(before), load_inventory(after)
    rows.append(["  load and check both", watch.text()])
    watch = Stopwatch()
    site_figures(new, site_figures(old))
    rows.append(["  expected figures of both (the second reusing the first)", watch.text()])
    watch = Stopwatch()
    simulate(old, years, 0)
    simulate(new, years, 0)
    rows.append([f"  simulate both ({years:,} years each)", watch.text()])
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a 5,000-component diff with 200 years")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    size, years = (5000, 200) if args.quick else (10_000, 1000)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        rows, command = remedies_rows(folder, args.seed)
        print(f"remedies: {CANDIDATES} candidates on a 1,000-component campus (seed {args.seed})\n")
        print(table(["step", "seconds (cpu)"], rows, right=(1,)))
        print(f"\nTarget: the command under {TARGET_SECONDS:.0f} s: "
              f"{'met' if command < TARGET_SECONDS else 'NOT met'} ({command:.2f} s).\n")
        print(f"diff of two {size:,}-component campuses\n")
        print(table(["step", "seconds (cpu)"], diff_rows(folder, size, years, args.seed), right=(1,)))


if __name__ == "__main__":
    main()
