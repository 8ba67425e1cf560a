"""The ``depgraph`` command line: a thin layer over the Python API.

Each command lives in :mod:`depgraph.cli.commands` as a module with ``register``
(adds its sub-parser) and ``run`` (does the work, returns the exit code).
This module parses the arguments and maps :class:`~depgraph.errors.DepgraphError`
to exit codes (``cli.md``): 2 for bad input or usage, with one line per problem.

It also keeps the files a command reads safe (see :mod:`depgraph.files`):
the command runs inside :func:`~depgraph.files.guarding_outputs`, with every
existing file named on the command line noted as an input, so that no output
replaces one; and SIGTERM (and SIGHUP, a closed terminal) is turned into an
exception (:class:`Terminated`), as Ctrl-C is, so that a half-written output
is removed before the process ends (exit 143, 129, and 130 for Ctrl-C). A
signal the caller chose to ignore (``nohup``) stays ignored.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import signal
import sys
from collections.abc import Iterator, Sequence
from types import FrameType
from typing import Any

from depgraph.cli.commands import COMMANDS, command_module
from depgraph.cli.exit_codes import EXIT_BAD_INPUT, EXIT_INTERRUPTED, EXIT_OK
from depgraph.collector import collector_paused
from depgraph.errors import DepgraphError, ImportDataError, InventoryError
from depgraph.files import guarding_outputs, note_input
from depgraph.quoting import printable
from depgraph.version import __version__

__all__ = ["MESSAGE_LIMIT", "Terminated", "build_parser", "console", "main"]

_OUTPUT_ARGUMENTS = frozenset({"output"})
"""Argument names that name what a command writes; every other file named is an input."""

_ROLES = {
    "file": "inventory", "before": "inventory", "after": "inventory", "remedies": "remedies file",
    "inputs": "import input", "unifi_clients": "import input", "into": "inventory",
}
"""How an input named by an argument is called in a refusal (otherwise "input file")."""


class Terminated(BaseException):
    """SIGTERM or SIGHUP arrived; raised like ``KeyboardInterrupt`` so that clean-up code runs."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The argument parser with every command registered, or only the one ``argv`` runs.

    A command's module imports the stages it needs (the report imports the
    diagrams, numpy and Jinja2), so ``depgraph rank FILE`` registers, and
    imports, ``rank`` alone; without a known command name (``--help``, a
    misspelt command) every command is registered, to be listed.
    """
    parser = argparse.ArgumentParser(
        prog="depgraph",
        description="What goes down when this fails, who gets called, and what it costs.",
    )
    parser.add_argument("--version", action="version", version=f"depgraph {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    chosen = _command_in(argv)
    for name in COMMANDS if chosen is None else [chosen]:
        command_module(name).register(commands)
    return parser


def _command_in(argv: Sequence[str] | None) -> str | None:
    """The command ``argv`` names: its first argument that is not an option, if it is a command."""
    first = next((a for a in argv or () if not a.startswith("-")), None)
    return first if first in COMMANDS else None


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return its exit code (the console script exits with it).

    A usage error (and ``--help``) returns argparse's code instead of exiting,
    so that callers of the API get a code back whatever the arguments.
    """
    try:
        arguments = sys.argv[1:] if argv is None else argv
        args = build_parser(arguments).parse_args(arguments)
    except SystemExit as stop:
        return stop.code if isinstance(stop.code, int) else EXIT_BAD_INPUT
    try:
        with _terminate_as_exception(), guarding_outputs():
            _note_inputs(args)
            code: int = args.run(args)
    except InventoryError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return EXIT_BAD_INPUT
    except ImportDataError as exc:
        for message in exc.problems:
            print(message, file=sys.stderr)
        return EXIT_BAD_INPUT
    except DepgraphError as exc:
        print(f"depgraph: error: {_one_line(str(exc))}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except Terminated as stop:
        return 128 + stop.signum  # as shells report a signal: 143 for SIGTERM, 129 for SIGHUP
    except BrokenPipeError:
        sys.stderr.close()
        return EXIT_OK
    return code


def _note_inputs(args: argparse.Namespace) -> None:
    """Note as inputs the existing files named by any argument but the output."""
    for name, value in sorted(vars(args).items()):
        if name in _OUTPUT_ARGUMENTS:
            continue
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str) and item != "-" and os.path.isfile(item):
                note_input(item, _ROLES.get(name, "input file"))


@contextlib.contextmanager
def _terminate_as_exception() -> Iterator[None]:
    """While the command runs, SIGTERM and SIGHUP raise :class:`Terminated` (main thread only;
    a signal already ignored stays ignored)."""

    def terminate(signum: int, frame: FrameType | None) -> None:
        raise Terminated(signum)

    previous: dict[int, Any] = {}
    try:
        for signum in (signal.SIGTERM, signal.SIGHUP):
            if signal.getsignal(signum) == signal.SIG_DFL:
                previous[signum] = signal.signal(signum, terminate)
    except ValueError:  # not the main thread: signals cannot be handled there
        pass
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


MESSAGE_LIMIT = 300
"""An error line shows at most this many characters (a tool's output can be long)."""


def _one_line(message: str) -> str:
    """``message`` on one line, control characters escaped, cut past :data:`MESSAGE_LIMIT`."""
    line = printable(message)
    return line if len(line) <= MESSAGE_LIMIT else line[:MESSAGE_LIMIT - 1] + "…"


def console() -> None:
    """Entry point of the ``depgraph`` console script.

    A command is one short process whose objects (an inventory, its derived
    figures, every plan's incidents) make next to no reference cycles, so the
    cyclic collector stays paused for it (see :mod:`depgraph.collector`) and
    what is still alive at the end is frozen, so the interpreter's last pass
    at exit skips it. On 50,000 components that was a quarter of
    ``rank --json``'s CPU time; ``report`` and ``simulate`` peak at the same
    memory either way. :func:`main`, called in-process, leaves the collector
    alone.
    """
    with collector_paused():
        code = main()
        gc.freeze()
    sys.exit(code)
