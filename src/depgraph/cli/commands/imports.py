"""``depgraph import SOURCE INPUT... -o site.yaml``: an inventory from NetBox, UniFi, Home Assistant, LLDP.

With ``--into site.yaml`` the import is merged into an existing inventory:
what is new is added, what the user wrote is kept, and the previous file is
kept as ``site.yaml.bak``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from depgraph.errors import UsageError
from depgraph.files import rewrite_in_place, write_atomic
from depgraph.text import count

__all__ = ["register", "run"]
from depgraph.importers import SOURCES, ImportOptions, build_site, checked_yaml, merge_into
from depgraph.importers.site import BuiltSite


def register(commands: Any) -> None:
    """Add the ``import`` command."""
    parser = commands.add_parser(
        "import", help="write an inventory from NetBox, UniFi, Home Assistant or LLDP exports",
        description="Read what another tool already knows about a site and write an inventory "
        "(or add to one with --into). Guessed and defaulted values are marked with a comment.",
    )
    parser.add_argument("source", choices=sorted(SOURCES), help="what the exports come from")
    parser.add_argument("inputs", nargs="+", metavar="INPUT",
                        help="export files (JSON; LLDP: text or JSON); - for standard input")
    parser.add_argument("-o", "--output", metavar="FILE",
                        help="the inventory to write; - for standard output")
    parser.add_argument("--into", metavar="FILE",
                        help="merge into this inventory (kept as FILE.bak) instead of writing a new one")
    parser.add_argument("--site", action="append", default=[], metavar="SLUG",
                        help="NetBox: import only this site (repeatable)")
    parser.add_argument("--root", metavar="NAME",
                        help="NetBox, LLDP: the device nearest the core; links are oriented from it")
    parser.add_argument("--vendor", metavar="ID",
                        help="the vendor of every component the export names none for")
    parser.add_argument("--unifi-clients", action="append", default=[], metavar="STA_JSON",
                        help="Home Assistant: UniFi stat/sta output joining devices to their AP or switch")
    parser.add_argument("--name", metavar="TEXT", help="the site name to write")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Import, then write (or merge) and say what was done.

    The command line runs this inside :func:`depgraph.files.guarding_outputs` with every file named
    on it noted as an input, so no output (``-o``) can replace an export being read; ``--into``
    is the one file edited in place, through :func:`depgraph.files.rewrite_in_place`.
    """
    if args.output is None and args.into is None:
        raise UsageError("say where to write: -o FILE (or - for standard output), or --into FILE")
    options = ImportOptions(sites=tuple(args.site), root=args.root, vendor=args.vendor,
                            unifi_clients=tuple(args.unifi_clients), name=args.name)
    site = build_site(args.source, args.inputs, options).build()
    if args.into is None:
        text = checked_yaml(site, args.inputs)
        if args.output == "-":
            sys.stdout.write(text)
            return 0
        written = write_atomic(args.output, text)
        print(f"wrote {written}: {count(len(site.components), 'component')}, "
              f"{count(len(site.services), 'service')}, {count(len(site.vendors), 'vendor')}; "
              "see its header for what is left to do")
        return 0
    return _merge(args, site)


def _merge(args: argparse.Namespace, site: BuiltSite) -> int:
    target = Path(args.into)
    try:
        existing = target.read_text(encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"{target}: cannot read the inventory to merge into: {exc.strerror}") from None
    text, report = merge_into(existing, site)
    for line in report.lines():
        print(line)
    if args.output == "-":
        sys.stdout.write(text)
    elif args.output is not None and Path(args.output).resolve() != target.resolve():
        print(f"wrote {write_atomic(args.output, text)}")
    elif text == existing:
        print(f"{target}: nothing new; left unchanged")
    else:
        rewrite_in_place(target, text)
        print(f"wrote {target} (the previous version is {target}.bak)")
    return 0
