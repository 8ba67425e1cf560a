"""Benchmark of the graph engine on synthetic campuses (``depgraph.generate``).

Prints two tables:

1. For each size (default 1,000, 10,000 and 50,000 components): components,
   services, requirement edges, then the time and the peak memory of
   ``validate`` (``check_inventory`` of the file), ``blast`` of the core pair
   (both core switches, the failure everything on campus depends on) and
   ``rank`` (every component's single-failure blast radius).
2. On a 5,000-component site, ``rank`` against the naive baseline that builds
   the least fixpoint from scratch for every component
   (``DependencyGraph.down_from_scratch([c])``), timed in the same run, with
   the ratio, and whether both give every component the same number of down
   components.

Each step of table 1 runs in a fresh process that loads the file and then does
the step; the memory shown is that process's peak resident set size
(``ru_maxrss``): the interpreter, the loaded inventory and the step together,
which is what a user running the command needs. Times are wall-clock of the
step alone (``validate`` is the load itself). The targets of issue 3 are
checked at the end.

Run: ``python bench/bench_graph.py [--sizes 1000,10000,50000] [--quick]``.
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
from pathlib import Path
from typing import Any

from depgraph.engine.blast import blast_radius, rank
from depgraph.engine.graph import graph_of
from depgraph.generate import CORE, generate_site
from depgraph.loading import check_inventory, load_inventory
from depgraph.text import table

STEPS = ("validate", "blast", "rank")
RANK_TARGET_SECONDS = 10.0
RANK_TARGET_MB = 2048.0
SPEEDUP_TARGET = 20.0


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


class Stopwatch:
    """Wall-clock and CPU seconds since it was made (CPU time shrugs off a busy machine)."""

    def __init__(self) -> None:
        self.wall = time.perf_counter()
        self.cpu = time.process_time()

    def read(self) -> tuple[float, float]:
        """(wall seconds, CPU seconds) elapsed."""
        return time.perf_counter() - self.wall, time.process_time() - self.cpu


def measure(step: str, path: str) -> dict[str, Any]:
    """Do one step on the inventory at ``path`` in this process; time it and its peak memory."""
    if step == "validate":
        watch = Stopwatch()
        inventory = check_inventory(path).inventory
        seconds, cpu = watch.read()
        graph = graph_of(inventory)
        return {"seconds": seconds, "cpu": cpu, "peak_mb": _peak_mb(),
                "components": graph.n_components, "services": len(graph) - graph.n_components,
                "edges": sum(len(m) for m in graph.clause_members)}
    inventory = load_inventory(path)
    watch = Stopwatch()
    if step == "blast":
        blast_radius(inventory, CORE)
    else:
        rank(inventory)
    seconds, cpu = watch.read()
    return {"seconds": seconds, "cpu": cpu, "peak_mb": _peak_mb()}


def in_fresh_process(step: str, path: Path) -> dict[str, Any]:
    """Run :func:`measure` in a new interpreter, so that its peak memory is its own."""
    done = subprocess.run(
        [sys.executable, __file__, "--step", step, str(path)],
        check=True, capture_output=True, text=True,
    )
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def _seconds(value: float) -> str:
    return f"{value:.3f}" if value < 10 else f"{value:.1f}"


def _timing(found: dict[str, Any]) -> str:
    """``wall (cpu)`` seconds."""
    return f"{_seconds(found['seconds'])} ({_seconds(found['cpu'])})"


def size_rows(sizes: list[int], seed: int) -> tuple[list[list[str]], dict[int, dict[str, Any]]]:
    """One table row per size, and the raw figures per size."""
    rows, figures = [], {}
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            path = Path(folder) / f"campus-{size}.yaml"
            path.write_text(generate_site(size, seed), encoding="utf-8")
            found = {step: in_fresh_process(step, path) for step in STEPS}
            figures[size] = found
            valid = found["validate"]
            row = [f"{valid['components']:,}", f"{valid['services']:,}", f"{valid['edges']:,}"]
            for step in STEPS:
                row += [_timing(found[step]), f"{found[step]['peak_mb']:.0f}"]
            rows.append(row)
            print(f"  {size:,} components done", file=sys.stderr)
    return rows, figures


def naive_comparison(size: int, seed: int) -> tuple[tuple[float, float], tuple[float, float], bool]:
    """(wall, CPU) seconds of ``rank`` and of the naive baseline, and whether they agree.

    They agree when both give every component the same number of down components. The
    graph is compiled first (the loader does it), so both time propagation only.
    """
    inventory = load_inventory(generate_site(size, seed))
    graph = graph_of(inventory)
    watch = Stopwatch()
    risks = rank(inventory)
    fast = watch.read()
    watch = Stopwatch()
    naive = {
        graph.ids[c]: sum(1 for n in graph.down_from_scratch([c]) if not graph.is_service(n))
        for c in range(graph.n_components)
    }
    slow = watch.read()
    agree = all(naive[risk.id] == risk.down_components for risk in risks)
    return fast, slow, agree


def _verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


def report(sizes: list[int], naive_size: int, seed: int) -> str:
    """Both tables and the targets, as text."""
    load = os.getloadavg()[0]
    rows, figures = size_rows(sizes, seed)
    header = ["components", "services", "edges", "validate s (cpu)", "MB",
              "blast core s (cpu)", "MB", "rank s (cpu)", "MB"]
    fast, slow, agree = naive_comparison(naive_size, seed)
    ratio = slow[0] / fast[0]
    lines = [
        f"Synthetic campuses (seed {seed}), load average {load:.1f} on {os.cpu_count()} CPUs "
        "at the start.",
        "s = wall-clock seconds of the step (CPU seconds); MB = peak RSS of a fresh process "
        "that loads the file and does the step.",
        table(header, rows, right=range(len(header))),
        "",
        f"rank against the naive baseline (least fixpoint from scratch per component), "
        f"{naive_size:,} components:",
        table(["rank s (cpu)", "naive s (cpu)", "ratio (cpu)", "same results"],
              [[f"{_seconds(fast[0])} ({_seconds(fast[1])})",
                f"{_seconds(slow[0])} ({_seconds(slow[1])})",
                f"{ratio:.0f}x ({slow[1] / fast[1]:.0f}x)", "yes" if agree else "NO"]],
              right=range(3)),
        "",
    ]
    largest = max(sizes)
    ranked = figures[largest]["rank"]
    lines.append(
        f"target: rank of {largest:,} components < {RANK_TARGET_SECONDS:g} s and "
        f"< {RANK_TARGET_MB / 1024:g} GB: "
        + _verdict(ranked["seconds"] < RANK_TARGET_SECONDS and ranked["peak_mb"] < RANK_TARGET_MB)
    )
    lines.append(f"target: >= {SPEEDUP_TARGET:g}x faster than naive at {naive_size:,}: "
                 + _verdict(ratio >= SPEEDUP_TARGET and agree))
    return "\n".join(lines)


def main() -> None:
    """Parse the options and print the report (or, with ``--step``, one measurement)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,50000",
                        help="comma-separated component counts (default 1000,10000,50000)")
    parser.add_argument("--naive-size", type=int, default=5000,
                        help="size of the site for the naive comparison (default 5000)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the generated sites")
    parser.add_argument("--quick", action="store_true",
                        help="small sizes (1000,5000; naive at 2000) for a fast check")
    parser.add_argument("--step", nargs=2, metavar=("STEP", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.step:
        print(json.dumps(measure(*args.step)))
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    naive_size = args.naive_size
    if args.quick:
        sizes, naive_size = [1000, 5000], 2000
    print(report(sizes, naive_size, args.seed))


if __name__ == "__main__":
    main()
