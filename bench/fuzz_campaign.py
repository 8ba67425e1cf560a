"""A long fuzz campaign: structural mutants of valid sites through every command.

Each mutant (see ``tests/mutants.py``: deleted keys, changed types, extreme
numbers, explicit YAML tags, unicode and control characters, loops, long
names, truncation) goes through ``validate``, ``blast``, ``rank``,
``incidents``, ``compare`` and ``report`` (few simulated years), ``audit --fail-on error``,
``export -o -`` and ``render`` to DOT, in-process. Every run is checked
against the contract (exit 0/1/2, no traceback, no Python warning, strict
JSON, well-formed XML, messages with their place, on one readable line,
within 20 s of CPU time).

Prints two tables: per command, how many runs exited 0, 1 and 2 and how many
broke the contract; then each distinct violation (its kind, command and
place) with its count and the mutations of its first mutant. With
``--keep DIR`` the mutants behind each distinct violation are written there.
With ``--dot N``, every N-th mutant's DOT also goes through Graphviz's
``dot`` (which must accept it).

Run: ``python bench/fuzz_campaign.py [--mutants 10000] [--seed 0] [--keep DIR] [--dot 20]``.
The process limits its own address space (``--memory-gb``, default 4) so
that a runaway mutant fails with MemoryError instead of swapping the machine.
"""

from __future__ import annotations

import argparse
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from mutants import COMMANDS, Mutant, Outcome, base_sites, check_mutant, mutate  # noqa: E402

from depgraph.text import table  # noqa: E402


def _signature(outcome: Outcome, violation: str) -> str:
    """A violation without the details that differ from mutant to mutant."""
    kind = violation.split(":", 1)[0]
    detail = re.sub(r"\d+", "N", violation)[:90]
    if kind == "exception":
        detail = violation.split(": ", 2)[1] if violation.count(": ") >= 2 else violation
    return f"{outcome.command}: {kind}: {detail}"


def _dot_accepts(folder: Path) -> str | None:
    """Why ``dot`` refuses the DOT in ``folder``, or None when it accepts it."""
    diagram = folder / "diagram.dot"
    if not diagram.is_file() or shutil.which("dot") is None:
        return None
    done = subprocess.run(["dot", "-Tsvg", "-o", "/dev/null", str(diagram)],
                          capture_output=True, check=False, timeout=60)
    return None if done.returncode == 0 else done.stderr.decode(errors="replace")[:120]


def campaign(mutants: int, seed: int, keep: Path | None, dot_every: int) -> int:
    """Run the campaign; print the tables; return the number of mutants that broke something."""
    rng = random.Random(seed)
    sites = base_sites()
    exits: dict[str, Counter[str]] = {c: Counter() for c in COMMANDS}
    distinct: dict[str, tuple[int, Mutant]] = {}
    counts: Counter[str] = Counter()
    slowest: dict[str, float] = dict.fromkeys(COMMANDS, 0.0)
    broken = 0
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        for number in range(mutants):
            mutant = mutate(rng, sites)
            outcomes = check_mutant(mutant, folder)
            if dot_every and number % dot_every == 0:
                refusal = _dot_accepts(folder)
                if refusal:
                    outcomes[COMMANDS.index("render")].violations.append(f"dot: {refusal}")
            hit = False
            for outcome in outcomes:
                exits[outcome.command][str(outcome.exit)] += 1
                slowest[outcome.command] = max(slowest[outcome.command], outcome.seconds)
                for violation in outcome.violations:
                    hit = True
                    signature = _signature(outcome, violation)
                    counts[signature] += 1
                    distinct.setdefault(signature, (number, mutant))
                    exits[outcome.command]["broken"] += 1
            broken += hit
            if (number + 1) % 500 == 0:
                print(f"... {number + 1:,} mutants, {time.perf_counter() - started:,.0f} s",
                      file=sys.stderr)
    rows = [
        [c, *(f"{exits[c][k]:,}" for k in ("0", "1", "2", "broken")), f"{slowest[c]:.1f}"]
        for c in COMMANDS
    ]
    print(f"{mutants:,} mutants (seed {seed}) in {time.perf_counter() - started:,.0f} s; "
          f"{broken:,} broke the contract somewhere\n")
    print(table(["command", "exit 0", "exit 1", "exit 2", "broken", "slowest (CPU s)"], rows,
                right=[1, 2, 3, 4, 5]))
    if distinct:
        print()
        print(table(["violation", "runs", "first mutant: mutations"], [
            [signature, f"{counts[signature]:,}", f"#{n}: {'; '.join(m.mutations)[:100]}"]
            for signature, (n, m) in sorted(distinct.items())
        ], right=[1]))
    if keep is not None:
        keep.mkdir(parents=True, exist_ok=True)
        for i, (_, (number, mutant)) in enumerate(sorted(distinct.items())):
            (keep / f"violation-{i:03d}-mutant-{number}.yaml").write_text(
                mutant.text, encoding="utf-8", errors="surrogatepass")
    return broken


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mutants", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--keep", type=Path, help="write the mutant behind each distinct violation here")
    parser.add_argument("--dot", type=int, default=0, metavar="N",
                        help="check every N-th mutant's DOT with Graphviz (0: never)")
    parser.add_argument("--memory-gb", type=float, default=4.0)
    args = parser.parse_args()
    limit = int(args.memory_gb * 2**30)
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    campaign(args.mutants, args.seed, args.keep, args.dot)


if __name__ == "__main__":
    main()
