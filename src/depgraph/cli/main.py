"""The ``depgraph`` command line: a thin layer over the Python API.

Each command lives in :mod:`depgraph.cli.commands` as a module with ``register``
(adds its sub-parser) and ``run`` (does the work, returns the exit code).
This module parses the arguments and maps :class:`~depgraph.errors.DepgraphError`
to exit codes (``cli.md``): 2 for bad input or usage, with one line per problem.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from depgraph.cli.commands import COMMANDS
from depgraph.cli.exit_codes import EXIT_BAD_INPUT, EXIT_INTERRUPTED, EXIT_OK
from depgraph.errors import DepgraphError, InventoryError
from depgraph.version import __version__

__all__ = ["build_parser", "console", "main"]


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every command registered."""
    parser = argparse.ArgumentParser(
        prog="depgraph",
        description="What goes down when this fails, who gets called, and what it costs.",
    )
    parser.add_argument("--version", action="version", version=f"depgraph {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for command in COMMANDS:
        command.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return its exit code (the console script exits with it).

    A usage error (and ``--help``) returns argparse's code instead of exiting,
    so that callers of the API get a code back whatever the arguments.
    """
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as stop:
        return stop.code if isinstance(stop.code, int) else EXIT_BAD_INPUT
    try:
        code: int = args.run(args)
    except InventoryError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return EXIT_BAD_INPUT
    except DepgraphError as exc:
        print(f"depgraph: error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        sys.stderr.close()
        return EXIT_OK
    return code


def console() -> None:
    """Entry point of the ``depgraph`` console script."""
    sys.exit(main())
