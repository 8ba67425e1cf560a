"""``depgraph generate --components N``: write a synthetic campus inventory."""

from __future__ import annotations

import argparse
from typing import Any

from depgraph.files import write_output
from depgraph.generate import generate_site
from depgraph.text import count

__all__ = ["register", "run"]


def register(commands: Any) -> None:
    """Add the ``generate`` command."""
    parser = commands.add_parser(
        "generate", help="write a synthetic campus inventory (for benchmarks and tests)"
    )
    parser.add_argument("--components", type=int, required=True, metavar="N",
                        help="the number of components (exact)")
    parser.add_argument("--seed", type=int, default=0, metavar="S",
                        help="random seed; the same seed gives the same file (default 0)")
    parser.add_argument("-o", "--output", default="-", metavar="FILE",
                        help="where to write the YAML; - (the default) for standard output")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Write the inventory to the file and say where it is, or print it."""
    written = write_output(args.output, generate_site(args.components, args.seed))
    if written is not None:
        print(f"wrote {written}: {count(args.components, 'component')} (seed {args.seed})")
    return 0
