"""Benchmark of safe writes (``depgraph.files``) and of warning summaries.

First table: for outputs of several sizes, the seconds of a plain
``open().write()`` against :func:`depgraph.files.write_atomic` (unnamed
temporary file, ``fsync``, link and rename, the check against the inputs) and
against the same with named temporary files. Second table: for sites with many
components that nothing requires, the warnings ``validate`` finds, the lines it
prints to the terminal by default and with ``--all-warnings``, and the seconds
to build those lines.

Run: ``python bench/bench_files.py [--sizes-mb 1,10,100] [--orphans 1000,100000]``.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from depgraph import scratch
from depgraph.engine.loops import WARNING_KINDS
from depgraph.errors import Problem
from depgraph.files import write_atomic
from depgraph.text import summarise_warnings, table


def _seconds(action: Callable[[], None], repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - start)
    return best


def write_row(folder: Path, megabytes: int) -> list[str]:
    """One row: size, plain write, atomic write (unnamed, then named temporary file)."""
    data = b"x" * (megabytes << 20)
    target = folder / "out.bin"
    inventory = folder / "site.yaml"
    inventory.write_text("version: 1\n")

    def plain() -> None:
        with open(target, "wb") as stream:
            stream.write(data)

    def atomic() -> None:
        write_atomic(target, data, inputs=[(inventory, "inventory")])

    unnamed = scratch.UNNAMED
    row = [f"{megabytes:,}", f"{_seconds(plain):.3f}", f"{_seconds(atomic):.3f}"]
    scratch.UNNAMED = False
    row.append(f"{_seconds(atomic):.3f}")
    scratch.UNNAMED = unnamed
    return row


def warning_row(orphans: int) -> list[str]:
    """One row: warnings found, lines printed by default and with --all-warnings, seconds."""
    warnings = [
        Problem("site.yaml", i + 4, 5,
                f"warning: component 'c{i}' is not required by any component or service", "orphan")
        for i in range(orphans)
    ]
    start = time.perf_counter()
    shown = summarise_warnings(warnings, WARNING_KINDS)
    seconds = time.perf_counter() - start
    every = summarise_warnings(warnings, WARNING_KINDS, limit=None)
    return [f"{orphans:,}", f"{len(shown):,}", f"{len(every):,}", f"{seconds:.3f}"]


def main() -> None:
    """Print both tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes-mb", default="1,10,100", help="output sizes in MiB")
    parser.add_argument("--orphans", default="1000,100000,1000000", help="warning counts")
    parser.add_argument("--folder", default=None, help="where to write (default: a temporary folder)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.folder) as folder:
        rows = [write_row(Path(folder), int(size)) for size in args.sizes_mb.split(",")]
    print(table(["MiB", "plain write s", "write_atomic s", "named temporary s"], rows,
                right=range(4)))
    print()
    rows = [warning_row(int(count)) for count in args.orphans.split(",")]
    print(table(["orphans", "lines shown", "with --all-warnings", "summary s"], rows, right=range(4)))


if __name__ == "__main__":
    main()
