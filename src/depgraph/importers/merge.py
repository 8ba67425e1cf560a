"""Merging an import into an inventory the user already wrote, without touching their text.

Imported components are matched to existing ones by id, then by name
(ignoring case, spaces and punctuation), then by a shared ``mac:`` or ``serial:`` (or source) tag.
Matched ones are left exactly as written: where the import says something
different about their requirements, the report says so and the file keeps
the user's version. What is new (components, services, vendors) is appended
to the end of each list, with references to matched components rewritten to
the user's ids; the user's lines, comments and order are kept byte for byte.

>>> existing = '''version: 1
... site: {name: Home}
... components:
...   - id: gw   # the gateway
...     name: USG
...     category: network
... '''
>>> from depgraph.importers.site import SiteBuilder
>>> site = SiteBuilder("x")
>>> _ = site.component("u:1", "USG", "network")
>>> _ = site.component("u:2", "Switch 8", "network")
>>> site.require("u:2", ["u:1"])
>>> text, report = merge_into(existing, site.build())
>>> print(text[len(existing):])
  - id: switch-8
    name: Switch 8
    category: network
    requires:
      - gw
<BLANKLINE>
>>> report.lines()
['added component switch-8', 'matched usg to gw (by name)']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

import depgraph
from depgraph.errors import UsageError
from depgraph.importers.site import BuiltSite, Draft
from depgraph.importers.writer import node_lines, vendor_lines

__all__ = ["MergeReport", "merge_into"]

_MATCH_TAGS = ("mac:", "serial:", "netbox:", "ha:", "unifi:")


@dataclass
class MergeReport:
    """What a merge did: what it matched, added, and left as the user wrote it."""

    matched: list[tuple[str, str, str]] = field(default_factory=list)
    added: list[tuple[str, str]] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """One sentence per change, sorted."""
        out = [f"matched {new} to {old} ({how})" for new, old, how in self.matched]
        out += [f"added {kind} {ident}" for kind, ident in self.added]
        out += self.kept
        return sorted(out)


def _match(draft: Draft, inventory: Any) -> tuple[str, str] | None:
    by_id = {c.id: c for c in (*inventory.components, *inventory.services)}
    if draft.id in by_id:
        return draft.id, "by id"
    for node in (*inventory.components, *inventory.services):
        if _plain(node.name) == _plain(draft.name) or node.id.casefold() == draft.id.casefold():
            return node.id, "by name"
    mine = {t.lower() for t in draft.tags if t.lower().startswith(_MATCH_TAGS)}
    for node in inventory.components:
        shared = mine & {t.lower() for t in node.tags}
        if shared:
            return node.id, f"by tag {sorted(shared)[0]}"
    return None


def _plain(name: str) -> str:
    """A name for matching: case, spaces and punctuation ignored (``Switch 8`` is ``switch-8``)."""
    return re.sub(r"[^0-9a-z]+", "", name.casefold())


def _sequences(text: str) -> dict[str, Any]:
    """Top-level keys of the user's file and their value nodes (for finding where lists end)."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    if not isinstance(root, yaml.MappingNode):
        raise UsageError("--into: the inventory is not a mapping")
    return {k.value: v for k, v in root.value if isinstance(k, yaml.ScalarNode)}


def _insert_point(text: str, node: Any, key: str) -> tuple[int, int]:
    """Where to append items to a block list, and the indentation of its dashes."""
    if not isinstance(node, yaml.SequenceNode) or node.flow_style or not node.value:
        raise UsageError(f"--into: '{key}:' must be a block list ('- ' items) to add to it")
    first = node.value[0].start_mark
    line_start = text.rfind("\n", 0, first.index) + 1
    prefix = text[line_start:first.index]
    indent = len(prefix) - len(prefix.lstrip(" "))
    end = node.value[-1].end_mark.index
    if end > 0 and text[end - 1] != "\n":
        newline = text.find("\n", end)
        end = len(text) if newline < 0 else newline + 1
    return end, indent


def _block(lines: list[str], indent: int) -> str:
    return "".join(" " * indent + line[2:] + "\n" for line in lines)


def merge_into(existing: str, site: BuiltSite) -> tuple[str, MergeReport]:
    """The user's inventory text with what is new in ``site`` appended, and what was done."""
    inventory = depgraph.load_inventory(existing)
    report = MergeReport()
    rename: dict[str, str] = {}
    new_nodes: dict[str, list[Draft]] = {"components": [], "services": []}
    for kind, drafts in (("components", site.components), ("services", site.services)):
        for draft in drafts:
            found = _match(draft, inventory)
            if found is None:
                new_nodes[kind].append(draft)
                report.added.append((kind[:-1], draft.id))
            else:
                rename[draft.id] = found[0]
                report.matched.append((draft.id, found[0], found[1]))
    vendor_ids = {v.id for v in inventory.vendors}
    vendor_names = {v.name.casefold(): v.id for v in inventory.vendors}
    new_vendors = []
    for vendor in site.vendors:
        if vendor.id in vendor_ids or vendor.name.casefold() in vendor_names:
            rename_vendor = vendor_names.get(vendor.name.casefold(), vendor.id)
            for draft in new_nodes["components"]:
                draft.vendor = rename_vendor if draft.vendor == vendor.id else draft.vendor
        else:
            new_vendors.append(vendor)
            report.added.append(("vendor", vendor.id))
    _kept(site, inventory, rename, report)
    for drafts in new_nodes.values():
        for draft in drafts:
            draft.requires = [tuple(sorted(rename.get(m, m) for m in clause)) for clause in draft.requires]
    blocks = {"components": [line for d in new_nodes["components"] for line in node_lines(d)],
              "services": [line for d in new_nodes["services"] for line in node_lines(d)],
              "vendors": [line for v in new_vendors for line in vendor_lines(v)]}
    text = _splice(existing, blocks)
    depgraph.load_inventory(text)  # the merged file must still be valid
    return text, report


def _kept(site: BuiltSite, inventory: Any, rename: dict[str, str], report: MergeReport) -> None:
    written = {c.id: c for c in (*inventory.components, *inventory.services)}
    for draft in (*site.components, *site.services):
        old = written.get(rename.get(draft.id, ""))
        if old is None:
            continue
        theirs = {tuple(sorted(rename.get(m, m) for m in clause)) for clause in draft.requires}
        mine = {tuple(sorted(c.members)) for c in old.clauses}
        missing = sorted(theirs - mine)
        if missing:
            said = ", ".join(c[0] if len(c) == 1 else "{any: [" + ", ".join(c) + "]}" for c in missing)
            report.kept.append(f"kept {old.id} as written; the import also says it requires {said}")


def _splice(existing: str, blocks: dict[str, list[str]]) -> str:
    nodes = _sequences(existing)
    inserts: list[tuple[int, str]] = []
    appended = ""
    for key in ("vendors", "components", "services"):
        if not blocks[key]:
            continue
        if key in nodes and not (isinstance(nodes[key], yaml.SequenceNode) and not nodes[key].value):
            at, indent = _insert_point(existing, nodes[key], key)
            inserts.append((at, _block(blocks[key], indent)))
        elif key in nodes:
            raise UsageError(f"--into: '{key}:' is empty; write it as a block list to add to it")
        else:
            appended += f"\n{key}:\n" + _block(blocks[key], 2)
    text = existing
    for at, block in sorted(inserts, reverse=True):
        text = text[:at] + block + text[at:]
    if appended and not text.endswith("\n"):
        text += "\n"
    return text + appended
