"""The site an importer builds: components, services and vendors before they get ids.

Importers describe what an export says with source keys (``device:12``,
``circuit:3``) and :class:`SiteBuilder` turns them into an inventory with
stable, valid ids: the slug of the name, ``<site>.<name>`` where a name
repeats across sites, a numbered suffix where it still repeats. Values the
export did not hold (a guessed category, a fallback name) carry a *remark*
that the writer prints as a trailing comment, so the user sees what to check.

>>> site = SiteBuilder("Demo")
>>> _ = site.component("dev:1", "Core Switch", "network")
>>> _ = site.component("dev:2", "Access 1", "network", remarks={"category": "guessed"})
>>> site.require("dev:2", ["dev:1"])
>>> built = site.build()
>>> [(c.id, c.requires) for c in built.components]
[('access-1', [('core-switch',)]), ('core-switch', [])]
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

__all__ = ["BuiltSite", "Draft", "SiteBuilder", "VendorDraft", "slug"]

_MAX_ID = 64
_NOT_ID = re.compile(r"[^a-z0-9_.:]+")
_SEPARATORS = re.compile(r"[-.]*-[-.]*")


def slug(text: str) -> str:
    """A valid depgraph id made from ``text`` (lower case, runs of other characters become ``-``).

    >>> slug("PP:MDF  (Rack 4)")
    'pp:mdf-rack-4'
    >>> slug("D. S. Weaver Labs")
    'd-s-weaver-labs'
    >>> slug("???")
    'unnamed'
    """
    value = _SEPARATORS.sub("-", _NOT_ID.sub("-", text.lower())).strip("-.:_")
    return value[:_MAX_ID].rstrip("-.:_") or "unnamed"


@dataclass
class Draft:
    """A component or service before it has an id; ``requires`` holds clauses of source keys.

    A clause of one member is a plain requirement; of several, ``{any: [...]}``.
    """

    key: str
    name: str
    kind: str  # "component" or "service"
    category: str = "other"
    site: str | None = None
    room: str | None = None
    manufacturer: str | None = None
    model: str | None = None
    ip: str | None = None
    vendor: str | None = None
    tags: set[str] = field(default_factory=set)
    requires: list[tuple[str, ...]] = field(default_factory=list)
    remarks: dict[str, str] = field(default_factory=dict)
    failures_per_year: float | None = None
    id: str = ""
    fixed_id: str | None = None


@dataclass
class VendorDraft:
    """A vendor as the export names it."""

    key: str
    name: str
    trade: str | None = None
    billing: str | None = None
    remarks: dict[str, str] = field(default_factory=dict)
    id: str = ""
    fixed_id: str | None = None


@dataclass
class BuiltSite:
    """The site with ids assigned and every reference rewritten to ids, sorted by id."""

    name: str
    kind: str | None
    source: str
    components: list[Draft]
    services: list[Draft]
    vendors: list[VendorDraft]
    todo: list[str]
    notes: list[str]
    name_remark: str | None = None


class SiteBuilder:
    """Collects what an export says about one site and assigns the ids."""

    def __init__(self, name: str, *, kind: str | None = None, source: str = "") -> None:
        self.name = name
        self.kind = kind
        self.source = source
        self.nodes: dict[str, Draft] = {}
        self.vendors: dict[str, VendorDraft] = {}
        self.todo: list[str] = []
        self.notes: list[str] = []
        self.name_remark: str | None = None

    def component(self, key: str, name: str, category: str, **fields: object) -> Draft:
        """Add (or return the existing) component for ``key``."""
        if key not in self.nodes:
            self.nodes[key] = Draft(key=key, name=name, kind="component", category=category)
            for attribute, value in fields.items():
                setattr(self.nodes[key], attribute, value)
        return self.nodes[key]

    def service(self, key: str, name: str, requires: Iterable[tuple[str, ...]], remark: str) -> None:
        """Add a service requiring the given clauses (members that were never added are dropped)."""
        clauses = [tuple(sorted(set(m for m in c if m in self.nodes))) for c in requires]
        clauses = [c for c in clauses if c]
        if clauses:
            self.nodes[key] = Draft(key=key, name=name, kind="service", requires=sorted(set(clauses)),
                                    remarks={"requires": remark})

    def vendor(self, key: str, name: str, **fields: object) -> VendorDraft:
        """Add (or return the existing) vendor for ``key``."""
        if key not in self.vendors:
            self.vendors[key] = VendorDraft(key=key, name=name)
            for attribute, value in fields.items():
                setattr(self.vendors[key], attribute, value)
        return self.vendors[key]

    def require(self, key: str, members: Iterable[str]) -> None:
        """``key`` needs at least one of ``members`` (one member: a plain requirement)."""
        clause = tuple(sorted(set(m for m in members if m != key)))
        node = self.nodes[key]
        if clause and clause not in node.requires:
            node.requires.append(clause)

    def build(self) -> BuiltSite:
        """Assign ids and return the site ready to write."""
        nodes = sorted(self.nodes.values(), key=lambda d: _natural(d.key))
        _assign_ids(nodes)
        vendors = sorted(self.vendors.values(), key=lambda v: _natural(v.key))
        _assign_ids(vendors)
        ids = {d.key: d.id for d in nodes}
        vendor_ids = {v.key: v.id for v in vendors}
        for draft in nodes:
            draft.requires = sorted(
                {tuple(sorted(ids[m] for m in clause if m in ids)) for clause in draft.requires} - {()},
                key=lambda c: (len(c), c),
            )
            draft.vendor = vendor_ids.get(draft.vendor) if draft.vendor else None
        return BuiltSite(
            name=self.name, kind=self.kind, source=self.source,
            components=sorted((d for d in nodes if d.kind == "component"), key=lambda d: d.id),
            services=sorted((d for d in nodes if d.kind == "service"), key=lambda d: d.id),
            vendors=sorted(vendors, key=lambda v: v.id), todo=list(self.todo), notes=sorted(set(self.notes)),
            name_remark=self.name_remark,
        )


def _natural(key: str) -> list[tuple[int, str]]:
    """Sort key that puts ``device:9`` before ``device:10``."""
    return [(int(part), "") if part.isdigit() else (-1, part) for part in re.split(r"(\d+)", key)]


def _assign_ids(items: Sequence[Draft | VendorDraft]) -> None:
    """``slug(name)``; ``<site>.<slug>`` where it repeats; then ``-2``, ``-3`` in key order."""
    bases = [slug(item.name) for item in items]
    repeats = Counter(bases)
    taken = {item.fixed_id for item in items if item.fixed_id}
    for item, base in zip(items, bases, strict=True):
        if item.fixed_id:
            item.id = item.fixed_id
            continue
        site = getattr(item, "site", None)
        if repeats[base] > 1 and site:
            base = f"{slug(site)[:20]}.{base}"[:_MAX_ID]
        candidate, number = base, 2
        while candidate in taken:
            suffix = f"-{number}"
            candidate = base[: _MAX_ID - len(suffix)] + suffix
            number += 1
        taken.add(candidate)
        item.id = candidate
