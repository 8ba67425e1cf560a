"""Applying a remedy: the site's raw data with ``add``, ``change`` and ``remove`` done.

A remedy is applied to the data read from YAML, before defaults, so that the
new inventory is exactly the file a user would get by making the same edits
by hand: ``defaults`` fill the items it adds, and a service whose owner the
file leaves out gets it from the breadth-first rule again. The new data is
then checked by the loader itself (:func:`depgraph.inventory.loader.read_document`;
:mod:`depgraph.proposal` adds the loop check of :mod:`depgraph.engine.loops`),
through a document that puts every position on the remedy's own lines: a
value the remedy wrote is found where it wrote it, and anything else (a loop
it closes among items it did not write) at the remedy's id.

Example:

>>> site = {"version": 1, "site": {"name": "demo"},
...         "components": [{"id": "modem", "category": "network"}],
...         "services": [{"id": "internet", "requires": ["modem"]}]}
>>> remedy = Remedy.model_validate({"id": "lte", "one_time_cost": 900,
...     "add": {"components": [{"id": "lte", "category": "network"}]},
...     "change": [{"id": "internet", "requires": [{"any": ["modem", "lte"]}]}]})
>>> read, _ = read_applied(site, Placed(remedy, YamlDocument(None), "<demo>", ("remedies", 0)))
>>> read.inventory.service("internet").clauses[0].members
('modem', 'lte')
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from pydantic import BaseModel

from depgraph.errors import InventoryError, Problem
from depgraph.inventory import models
from depgraph.inventory.loader import ReadInventory, read_document
from depgraph.inventory.models import Component, Plan, Service, Vendor
from depgraph.inventory.remedies import ADD_SECTIONS, Remedy
from depgraph.inventory.suggest import did_you_mean
from depgraph.inventory.yamldoc import Path, Position, Scalar, YamlDocument
from depgraph.quoting import quoted

__all__ = ["LOOKUP_ORDER", "Placed", "RawSite", "item_models", "read_applied"]

LOOKUP_ORDER = ("components", "services", "vendors", "plans", "audiences")
"""Where a ``change`` or ``remove`` id is looked up, in this order (``remedies.md``)."""

_KIND = {"components": "component", "services": "service", "vendors": "vendor", "plans": "plan",
         "audiences": "audience"}

RawSite = dict[str, Any]
_Finding = tuple[Path, str, bool]  # path in the remedy's document, message, at the key


def item_models() -> dict[str, type[BaseModel]]:
    """The model of each list of the format (``audiences`` once the format has them)."""
    found: dict[str, type[BaseModel]] = {
        "components": Component, "services": Service, "vendors": Vendor, "plans": Plan,
    }
    audience = getattr(models, "Audience", None)
    if isinstance(audience, type) and issubclass(audience, BaseModel):
        found["audiences"] = audience
    return found


@dataclass(frozen=True)
class Placed:
    """A remedy and where it is written: its document, file name and path in that document."""

    remedy: Remedy
    doc: YamlDocument
    file: str
    at: Path

    def problem(self, path: Path, message: str, *, key: bool = False) -> Problem:
        """A problem of this remedy at ``path`` of its document."""
        line, column = self.doc.key_position(path) if key else self.doc.position(path)
        return Problem(self.file, line, column, f"remedy {quoted(self.remedy.id)}: {message}")

    def reword(self, problem: Problem) -> Problem:
        """A problem of the site with this remedy applied, said as a problem of the remedy."""
        return replace(problem, message=f"remedy {quoted(self.remedy.id)}: {problem.message}")


@dataclass
class _Entry:
    """An item of the new site and where its values were written."""

    item: dict[str, Any]
    added: Path | None = None  # the remedy's ``add`` entry that wrote it
    changed: Path | None = None  # the last ``change`` entry that changed it
    fields: dict[str, Path] = field(default_factory=dict)  # field -> where the remedy wrote it


@dataclass
class _Layout:
    """The new site's lists, entry by entry, with the remedy's path of each."""

    at: Path
    sections: dict[str, list[_Entry]]

    def translate(self, path: Path) -> Path:
        """Where, in the remedy's document, the value at ``path`` of the new site was written."""
        if len(path) >= 2 and isinstance(path[1], int) and str(path[0]) in self.sections:
            entries = self.sections[str(path[0])]
            if path[1] < len(entries):
                entry, rest = entries[path[1]], path[2:]
                if rest and isinstance(rest[0], str) and rest[0] in entry.fields:
                    return entry.fields[rest[0]] + rest[1:]
                if entry.added is not None:
                    return entry.added + rest
                if entry.changed is not None:
                    return entry.changed
        return (*self.at, "id")


class _Scalars(dict[Path, Scalar]):
    """The remedy document's scalars, looked up by the new site's paths."""

    def __init__(self, layout: _Layout, source: YamlDocument) -> None:
        super().__init__()
        self.layout = layout
        self.source = source

    def get(self, path: Path, default: Any = None) -> Any:
        return self.source.scalars.get(self.layout.translate(path), default)


class _RemedyDocument(YamlDocument):
    """The new site's data, with positions on the remedy's own lines."""

    def __init__(self, data: RawSite, layout: _Layout, source: YamlDocument) -> None:
        super().__init__(data=data)
        self.layout = layout
        self.source = source
        self.scalars = _Scalars(layout, source)

    def position(self, path: Path) -> Position:
        """Where the remedy wrote the value at ``path``, else the remedy's id."""
        return self.source.position(self.layout.translate(path))

    def key_position(self, path: Path) -> Position:
        """Where the remedy wrote the key at ``path``, else the remedy's id."""
        return self.source.key_position(self.layout.translate(path))


def read_applied(data: RawSite, placed: Placed) -> tuple[ReadInventory, RawSite]:
    """``data`` with ``placed``'s remedy applied, checked against the format, and its raw data.

    ``data`` is a valid site as read from YAML (its ``remedies`` key is
    ignored). Raises :class:`InventoryError` with every problem, each at the
    remedy's own lines, when the remedy does not apply or leaves the site
    invalid. The loops that need the dependency graph are checked by
    :func:`depgraph.proposal.apply_remedy`.
    """
    new_data, layout, findings = _apply(data, placed.remedy, placed.at)
    problems = [placed.problem(p, m, key=k) for p, m, k in findings]
    doc = _RemedyDocument(new_data, layout, placed.doc)
    try:
        read = read_document(doc, placed.file)
    except InventoryError as exc:
        found = [placed.reword(p) for p in exc.problems]
        if problems:  # what the remedy's own mistakes cause elsewhere is said once, by them
            own = placed.doc.position((*placed.at, "id"))
            found = [p for p in found if (p.line, p.column) != own]
        raise InventoryError(problems + found) from None
    if problems:
        raise InventoryError(problems)
    return read, new_data


def _apply(data: RawSite, remedy: Remedy, at: Path) -> tuple[RawSite, _Layout, list[_Finding]]:
    """Add, change, remove on raw data; the findings are the remedy's own mistakes."""
    sections = {s: [_Entry(item) for item in _list(data, s)] for s in LOOKUP_ORDER}
    for section in ADD_SECTIONS:
        for j, item in enumerate(getattr(remedy.add, section)):
            sections[section].append(_Entry(dict(item), added=(*at, "add", section, j)))
    findings: list[_Finding] = []
    for k, change in enumerate(remedy.change):
        findings += _change(sections, change, (*at, "change", k))
    removed: dict[tuple[str, int], str] = {}
    for k, item_id in enumerate(remedy.remove):
        where = (*at, "remove", k)
        found = _find(sections, item_id, where, "removes", findings)
        if found is None:
            continue
        if found in removed:
            findings.append((where, f"'{item_id}' is removed twice", False))
        removed[found] = item_id
    kept = {
        s: [e for i, e in enumerate(entries) if (s, i) not in removed] for s, entries in sections.items()
    }
    findings += _dangling(kept, data, removed, at, remedy)
    new_data = dict(data)
    new_data.pop("remedies", None)
    for section, entries in kept.items():
        if section in data or entries:
            new_data[section] = [e.item for e in entries]
    return new_data, _Layout(at, kept), findings


def _list(data: RawSite, section: str) -> list[dict[str, Any]]:
    items = data.get(section)
    return [i for i in items if isinstance(i, dict)] if isinstance(items, list) else []


def _find(
    sections: dict[str, list[_Entry]], item_id: Any, where: Path, verb: str, findings: list[_Finding]
) -> tuple[str, int] | None:
    """The one (section, index) holding ``item_id``; a finding when there is none or several."""
    if not isinstance(item_id, str):
        findings.append((where, f"a remedy {verb} items by id; write the id of the item", False))
        return None
    hits = [
        (s, i) for s in LOOKUP_ORDER for i, e in enumerate(sections[s]) if e.item.get("id") == item_id
    ]
    if not hits:
        every = [e.item["id"] for s in LOOKUP_ORDER for e in sections[s] if isinstance(e.item.get("id"), str)]
        findings.append(
            (where, f"it {verb} '{item_id}', which is no component, service, vendor, plan or "
                    f"audience{did_you_mean(item_id, every)}", False)
        )
        return None
    kinds = sorted({_KIND[s] for s, _ in hits}, key=lambda k: list(_KIND.values()).index(k))
    if len(kinds) > 1:
        findings.append(
            (where, f"'{item_id}' is both a {' and a '.join(kinds)}; an id a remedy {verb} must "
                    "name one item", False)
        )
        return None
    return hits[0]


def _change(sections: dict[str, list[_Entry]], change: dict[str, Any], where: Path) -> list[_Finding]:
    findings: list[_Finding] = []
    if "id" not in change:
        return [(where, "a change needs the 'id' of the item it changes", False)]
    found = _find(sections, change["id"], (*where, "id"), "changes", findings)
    if found is None:
        return findings
    section, index = found
    entry = sections[section][index]
    allowed = [name for name in item_models().get(section, BaseModel).model_fields if name != "id"]
    for name, value in change.items():
        if name == "id":
            continue
        if name not in allowed:
            findings.append(
                ((*where, name), f"a {_KIND[section]} has no field '{name}'"
                                 f"{did_you_mean(str(name), allowed)}", True)
            )
            continue
        entry.item = {**entry.item, name: value}
        entry.fields[name] = (*where, name)
        entry.changed = where
    return findings


def _references(item: dict[str, Any], section: str) -> list[tuple[str, str, str]]:
    """(namespace, id, what) for every id ``item`` refers to."""
    refs: list[tuple[str, str, str]] = []
    if section in ("components", "services"):
        for clause in item.get("requires") or ():
            if isinstance(clause, str):
                members: Any = [clause]
            elif isinstance(clause, dict):
                members = clause.get("any", clause.get("of", []))
            else:
                members = []
            refs += [("node", m, "requires") for m in members if isinstance(m, str)] if isinstance(
                members, list) else []
    for key in ("vendor", "owner"):
        if isinstance(item.get(key), str):
            refs.append(("vendors", item[key], key))
    covers = item.get("covers")
    if section == "plans" and isinstance(covers, list):
        refs += [("vendors", v, "covers") for v in covers if isinstance(v, str)]
    if isinstance(item.get("audience"), str):
        refs.append(("audiences", item["audience"], "audience"))
    return refs


def _dangling(
    kept: dict[str, list[_Entry]], data: RawSite, removed: dict[tuple[str, int], str], at: Path,
    remedy: Remedy,
) -> list[_Finding]:
    """A removed id that something left in the site still refers to."""
    gone: dict[tuple[str, str], int] = {}
    for k, item_id in enumerate(remedy.remove):
        for (section, _), rid in removed.items():
            if rid == item_id:
                space = "node" if section in ("components", "services") else section
                gone.setdefault((space, item_id), k)
    if not gone:
        return []
    findings: list[_Finding] = []
    holders: list[tuple[str, dict[str, Any]]] = [(s, e.item) for s in LOOKUP_ORDER for e in kept[s]]
    defaults = data.get("defaults")
    if isinstance(defaults, dict):
        holders += [(f"defaults.{kind}", values) for kind, values in defaults.items()
                    if isinstance(values, dict)]
    for section, item in holders:
        for space, ref, what in _references(item, section):
            where = gone.get((space, ref))
            if where is None:
                continue
            holder = _KIND.get(section, section)
            name = f"{holder} '{item.get('id')}'" if section in _KIND else f"'{section}'"
            findings.append(
                ((*at, "remove", where),
                 f"removing '{ref}' leaves {name} referring to it (its {what}); change or remove "
                 "that too in this remedy", False)
            )
    return findings
