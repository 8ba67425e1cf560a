"""Writing an imported site as inventory YAML a person can read and finish.

The text starts with the schema modeline of the bundled sites, then a header
comment saying what the user must still do; every value that was guessed or
defaulted rather than read from the export carries a trailing comment. The
output is sorted and the same export gives the same bytes.

>>> from depgraph.importers.site import SiteBuilder
>>> site = SiteBuilder("Demo", source="a test")
>>> _ = site.component("d:1", "Router", "network", remarks={"category": "guessed from the name"})
>>> print(inventory_yaml(site.build()).splitlines()[-4:])
['components:', '  - id: router', '    name: Router', '    category: network  # guessed from the name']
"""

from __future__ import annotations

import json
import re

from depgraph.importers.site import BuiltSite, Draft, VendorDraft
from depgraph.text import count

__all__ = ["MODELINE", "comment_text", "inventory_yaml", "node_lines", "scalar", "vendor_lines"]

MODELINE = "# yaml-language-server: $schema=../schema/inventory.schema.json"

DEFAULT_FAILURES = 0.2
DEFAULT_REPAIR_HOURS = 1.0

_UNPRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_PLAIN = re.compile(r"^[A-Za-z0-9_/(][A-Za-z0-9 _./:()&+,'-]*$")
_SPECIAL = re.compile(
    r"^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF"
    r"|null|Null|NULL|~|[-+]?[0-9][0-9_.:eE+-]*|0[xo][0-9a-fA-F_]+|\.inf|\.nan)$"
)


def scalar(text: str) -> str:
    r"""``text`` as a YAML scalar: plain where that reads back as the same string, else quoted.

    Characters YAML does not allow in a file (control characters, lone
    surrogates) are written as escapes.

    >>> scalar("Level 3"), scalar("yes"), scalar("a: b"), scalar("10"), scalar("bell\x07")
    ('Level 3', '"yes"', '"a: b"', '"10"', '"bell\\u0007"')
    """
    if _PLAIN.match(text) and not _SPECIAL.match(text) and ": " not in text and not text.endswith(
        (" ", ":")
    ):
        return text
    return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(text, ensure_ascii=False))


def comment_text(text: str) -> str:
    r"""``text`` made safe for a comment line: one line, printable characters only.

    >>> comment_text("two\nlines\x1b")
    'two lines?'
    """
    return _UNPRINTABLE.sub("?", re.sub(r"[\r\n\t]+", " ", text))


def _comment(remark: str | None) -> str:
    return f"  # {comment_text(remark)}" if remark else ""


def _flow(items: list[str]) -> str:
    return "[" + ", ".join(scalar(i) for i in items) + "]"


def _clause(clause: tuple[str, ...]) -> str:
    return scalar(clause[0]) if len(clause) == 1 else "{any: " + _flow(list(clause)) + "}"


def _header(site: BuiltSite) -> list[str]:
    lines = [
        MODELINE,
        f"# Imported by depgraph from {comment_text(site.source)}: "
        f"{count(len(site.components), 'component')}, {count(len(site.services), 'service')}, "
        f"{count(len(site.vendors), 'vendor')}.",
        "# Values marked with a trailing comment were guessed or defaulted, not read: check them.",
        "#",
        "# Still to do before the figures mean anything:",
    ]
    todo = [
        "define the services people notice (the ones below are a skeleton) and give each "
        "cost_per_hour and people (all 0 now)",
    ]
    unowned = sum(1 for c in site.components if not c.vendor)
    if unowned:
        todo.append(f"assign vendors: {unowned} of {len(site.components)} components have none "
                    "(--vendor ID gives them one)")
    todo.append(f"check failure rates: every component uses failures_per_year {DEFAULT_FAILURES} "
                f"and repair_hours {DEFAULT_REPAIR_HOURS} (depgraph defaults, under defaults:)")
    todo.extend(site.todo)
    lines.extend(f"#  - {comment_text(item)}" for item in todo)
    if site.notes:
        lines.append("#")
        lines.append("# What the export did not say:")
        lines.extend(f"#  - {comment_text(note)}" for note in site.notes)
    return lines


def _site(site: BuiltSite) -> list[str]:
    kind = site.kind or "mixed"
    remark = None if site.kind else "default: home, office or mixed?"
    return ["site:", f"  name: {scalar(site.name)}{_comment(site.name_remark)}",
            f"  kind: {kind}{_comment(remark)}"]


def _defaults() -> list[str]:
    return [
        "defaults:",
        "  component:",
        f"    failures_per_year: {DEFAULT_FAILURES}  # depgraph default, not in the export",
        f"    repair_hours: {DEFAULT_REPAIR_HOURS}  # depgraph default, not in the export",
    ]


def vendor_lines(vendor: VendorDraft) -> list[str]:
    """The list item of one vendor, indented as under ``vendors:``."""
    lines = [f"  - id: {scalar(vendor.id)}", f"    name: {scalar(vendor.name)}"]
    for key in ("trade", "billing"):
        value = getattr(vendor, key)
        if value:
            lines.append(f"    {key}: {scalar(value)}{_comment(vendor.remarks.get(key))}")
    return lines


def node_lines(node: Draft) -> list[str]:
    """The list item of one component or service, indented as under ``components:``."""
    remarks = node.remarks
    lines = [f"  - id: {scalar(node.id)}", f"    name: {scalar(node.name)}{_comment(remarks.get('name'))}"]
    if node.kind == "component":
        lines.append(f"    category: {node.category}{_comment(remarks.get('category'))}")
        for key in ("vendor", "room", "manufacturer", "model", "ip"):
            value = getattr(node, key)
            if value:
                lines.append(f"    {key}: {scalar(value)}{_comment(remarks.get(key))}")
        if node.failures_per_year is not None:
            remark = _comment(remarks.get("failures_per_year"))
            lines.append(f"    failures_per_year: {node.failures_per_year}{remark}")
    if node.requires:
        lines.append(f"    requires:{_comment(remarks.get('requires'))}")
        lines.extend(f"      - {_clause(c)}" for c in node.requires)
    if node.tags:
        lines.append(f"    tags: {_flow(sorted(node.tags))}")
    return lines


def inventory_yaml(site: BuiltSite) -> str:
    """The inventory text of ``site`` (format version 1), ending with a newline."""
    lines = [*_header(site), "version: 1", "", *_site(site), "", *_defaults()]
    if site.vendors:
        lines += ["", "vendors:"]
        for vendor in site.vendors:
            lines += vendor_lines(vendor)
    lines += ["", "components:"]
    for component in site.components:
        lines += node_lines(component)
    if site.services:
        lines += ["", "services:"]
        for service in site.services:
            lines += node_lines(service)
    return "\n".join(lines) + "\n"
