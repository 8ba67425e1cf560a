"""``depgraph render FILE -o OUT [--focus ID ...] [--detail] [--fail ID ...] [--page P]``: a diagram."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from depgraph.errors import UsageError
from depgraph.files import STDOUT
from depgraph.loading import load_inventory
from depgraph.render import COLLAPSE_THRESHOLD, FORMATS, GROUP_BY, PAGES, write_diagram

__all__ = ["register", "run"]

_BINARY = ("png", "pdf")


def register(commands: Any) -> None:
    """Add the ``render`` command."""
    parser = commands.add_parser(
        "render", help="draw the dependency diagram (.svg, .png, .pdf or .dot)"
    )
    parser.add_argument("file", help="inventory YAML file, or - for standard input")
    parser.add_argument(
        "-o", "--output", required=True, metavar="OUT",
        help=f"the file to write; its suffix picks the format: {', '.join(FORMATS)}; "
        "- for standard output",
    )
    parser.add_argument(
        "--format", choices=FORMATS,
        help="the format, whatever the suffix (with -o -, the default is dot)",
    )
    parser.add_argument(
        "--fail", action="append", default=[], metavar="ID",
        help="highlight the blast radius of this component failing (repeat for several)",
    )
    parser.add_argument(
        "--focus", action="append", default=[], metavar="ID",
        help="draw what this component or service needs and what needs it, part by part "
        "(repeat for several)",
    )
    parser.add_argument(
        "--detail", action="store_true",
        help="draw every part (by default an overview draws like parts as one box)",
    )
    parser.add_argument(
        "--page", choices=list(PAGES), default="letter",
        help="draw a PDF or PNG on a whole landscape sheet of this page (default letter: "
        "792 x 612 pt, a PNG 1650 x 1275 px at 150 dpi; a4: 842 x 595 pt), scaled to fit and "
        "centred; a --detail diagram too large for one sheet becomes one PDF of several "
        "pages, or one PNG file per page; none keeps the drawing's full size",
    )
    parser.add_argument(
        "--group-by", choices=[*GROUP_BY, "none"], default="room",
        help="frame the components of the --detail view by room (the default), vendor or "
        "category; none for no frames",
    )
    parser.add_argument(
        "--no-collapse", action="store_true",
        help=f"with --detail, draw every component even above {COLLAPSE_THRESHOLD} nodes "
        "(by default identical parts share one box there)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Write the diagram, say where it is and anything about its size."""
    if args.output == STDOUT and args.format in _BINARY and sys.stdout.isatty():
        raise UsageError(
            f"refusing to print a {args.format.upper()} image on the terminal; "
            f"redirect it (> site.{args.format}) or give a file name with -o"
        )
    inventory = load_inventory(args.file)
    written, notes = write_diagram(
        inventory,
        args.output,
        failed=args.fail,
        group_by=None if args.group_by == "none" else args.group_by,
        collapse=not args.no_collapse,
        view="detail" if args.detail else "overview",
        focus=args.focus,
        page=args.page,
        file_format=args.format,
    )
    for note in notes:
        print(f"note: {note}", file=sys.stderr)
    for path in written:
        print(f"wrote {path}")
    return 0
