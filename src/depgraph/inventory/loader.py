"""Reading an inventory: from a file or text to an :class:`Inventory` checked against the format.

Every defect of the file is reported at once, each with its line and column,
as an :class:`~depgraph.errors.InventoryError`; nothing here prints or exits.
This is the first stage of loading; :mod:`depgraph.loading` adds the checks
that need the dependency graph (loops) and the warnings.

Example:

>>> read = read_inventory('''
... version: 1
... site: {name: Demo}
... vendors: [{id: netco}]
... components: [{id: router, category: network, vendor: netco}]
... services: [{id: internet, requires: [router]}]
... ''')
>>> read.inventory.service("internet").owner
'netco'
"""

from __future__ import annotations

import sys
from collections import deque
from dataclasses import dataclass
from pathlib import Path as FilePath
from typing import Any

from pydantic import ValidationError

from depgraph.errors import InventoryError, Problem
from depgraph.files import note_input
from depgraph.inventory import references, timechecks
from depgraph.inventory.container import Inventory
from depgraph.inventory.messages import DEFAULTS, REMEDIES, data_path, explain, raw_length
from depgraph.inventory.models import Component, Service
from depgraph.inventory.yamldoc import Path, YamlDocument, YamlError
from depgraph.inventory.yamlsource import read_yaml
from depgraph.quoting import quoted

__all__ = ["MAX_FILE_BYTES", "ReadInventory", "read_document", "read_inventory", "read_source"]

MAX_FILE_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class ReadInventory:
    """An inventory that passed the format's checks, and where each of its values stands in the file."""

    inventory: Inventory
    name: str
    document: YamlDocument

    def problem(self, path: Path, message: str) -> Problem:
        """A :class:`Problem` about the value at ``path``, at its line and column."""
        line, column = self.document.position(path)
        return Problem(self.name, line, column, message)


def read_source(source: str | FilePath, role: str = "inventory") -> tuple[str, str]:
    """The text of an inventory and the name to report it under.

    ``source`` is a :class:`pathlib.Path`, ``"-"`` for standard input, a path
    as a string, or the YAML text itself (any string with a line break, or a
    one-line flow mapping such as compact JSON). ``role`` names the file if an
    output would replace it (a remedies file is read the same way).
    """
    if isinstance(source, str) and ("\n" in source or source.lstrip().startswith("{")):
        return source, "<string>"
    if str(source) == "-":
        note_input("-", role)
        return _decode(sys.stdin.buffer.read(), "<stdin>"), "<stdin>"
    path = FilePath(source)
    name = str(source)
    note_input(path, role)
    try:
        exists = path.exists()
    except OSError as exc:
        raise InventoryError([Problem(name, 0, 0, f"cannot read the file: {exc.strerror}")]) from None
    if not exists:
        raise InventoryError([Problem(name, 0, 0, "no such file")])
    if path.is_dir():
        raise InventoryError([Problem(name, 0, 0, "is a directory, not an inventory file")])
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise InventoryError(
                [Problem(name, 0, 0, f"the file is larger than {MAX_FILE_BYTES >> 20} MiB")]
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise InventoryError([Problem(name, 0, 0, f"cannot read the file: {exc.strerror}")]) from None
    return _decode(raw, name), name


def _decode(raw: bytes, name: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        raise InventoryError(
            [Problem(name, line, column,
                     f"the file is not UTF-8 text (byte 0x{raw[exc.start]:02x}); "
                     "save it as UTF-8")]
        ) from None


def read_inventory(source: str | FilePath) -> ReadInventory:
    """Read ``source`` and check it against the format, with every default applied.

    ``source`` is a path (``str`` or :class:`pathlib.Path`), ``"-"`` for
    standard input, or YAML text. Raises :class:`InventoryError` listing every
    defect found.
    """
    text, name = read_source(source)
    try:
        doc = read_yaml(text, name)
    except YamlError as exc:
        raise InventoryError([exc.problem]) from None
    return read_document(doc, name, text)


def read_document(doc: YamlDocument, name: str, text: str = "") -> ReadInventory:
    """Check a document already read from YAML against the format.

    Its ``remedies`` list, if any, is left to :mod:`depgraph.remedies`.
    ``text``, the YAML source, lets a problem inside a quoted schedule point
    past its quote. Raises :class:`InventoryError` listing every defect found.
    """
    return _Validation(doc, name, text).run()


class _Validation:
    """Turns read YAML into an Inventory, collecting every problem on the way."""

    def __init__(self, doc: YamlDocument, name: str, text: str = "") -> None:
        self.doc = doc
        self.name = name
        self.lines = text.splitlines()
        self.problems: list[Problem] = list(doc.problems)
        self.inherited: set[Path] = set()

    def at(self, path: Path, message: str, key: bool = False) -> None:
        line, column = self.doc.key_position(path) if key else self.doc.position(path)
        self.problems.append(Problem(self.name, line, column, message))

    def at_offset(self, path: Path, offset: int, message: str) -> None:
        """A problem ``offset`` characters into the text scalar at ``path`` (past its quote)."""
        line, column = self.doc.position(path)
        text = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        quoted = column <= len(text) and text[column - 1] in "'\""
        self.problems.append(Problem(self.name, line, column + int(quoted) + offset, message))

    def run(self) -> ReadInventory:
        data = self.doc.data
        if data is None:
            self.at((), "the file is empty; an inventory starts with 'version: 1'")
            raise InventoryError(self.problems)
        if not isinstance(data, dict):
            kind = "a list" if isinstance(data, list) else "a single value"
            self.at((), f"the top level is {kind}; an inventory is a mapping with "
                        "version, site and components")
            raise InventoryError(self.problems)
        if not self._version_ok(data):
            raise InventoryError(self.problems)
        data = {key: value for key, value in data.items() if key != REMEDIES}
        merged = self._apply_defaults(data)
        inventory = self._validate(merged)
        for path, message in references.reference_problems(merged):
            self.at(path, message)
        for path, message in timechecks.audience_problems(merged):
            self.at(path, message)
        for path, offset, message in timechecks.calendar_problems(data):
            self.at_offset(path, offset, message)
        if self.problems or inventory is None:
            raise InventoryError(self.problems)
        return ReadInventory(_with_owners(inventory), self.name, self.doc)

    def _version_ok(self, data: dict[Any, Any]) -> bool:
        if "version" not in data:
            self.at((), "missing 'version: 1' (the format version) at the top of the file")
            return False
        version = data["version"]
        if version != 1 or isinstance(version, bool):
            self.at(("version",), f"version must be 1 (the only format version), not {quoted(version)}")
            return False
        return True

    def _apply_defaults(self, data: dict[Any, Any]) -> dict[Any, Any]:
        """Fill each item of a list from ``defaults``; the item's own values win."""
        defaults = data.get("defaults")
        if not isinstance(defaults, dict):
            return data
        merged = dict(data)
        for kind, section in DEFAULTS.items():
            values = defaults.get(kind)
            items = data.get(section)
            if not isinstance(values, dict) or not isinstance(items, list):
                continue
            merged[section] = [
                {**values, **item} if isinstance(item, dict) else item for item in items
            ]
            for i, item in enumerate(items):
                if isinstance(item, dict):
                    for key in values.keys() - item.keys():
                        self._inherit((section, i, key), ("defaults", kind, key))
        return merged

    def _inherit(self, path: Path, source: Path) -> None:
        """Point the positions of a defaulted value at the ``defaults`` entry it came from."""
        self.inherited.add(path)
        self.doc.inherit(path, source)

    def _validate(self, data: dict[Any, Any]) -> Inventory | None:
        try:
            return Inventory.model_validate(data)
        except ValidationError as exc:
            for error in exc.errors():
                path = data_path(data, error["loc"])
                if any(path[:end] in self.doc.unread for end in range(len(path) + 1)):
                    continue  # already reported by the reader (a tag that does not fit)
                if error["type"] == "too_short" and raw_length(data, path):
                    continue  # pydantic counts only the items that validated
                # A value inherited from ``defaults`` is reported once, where ``defaults`` sets
                # it: without the item's name, so that the items' copies are one problem.
                inherited = path[:3] in self.inherited
                self.at(*explain(data, self.doc.scalars, path, error, inherited=inherited))
            return None


def _with_owners(inventory: Inventory) -> Inventory:
    """Fill each service's ``owner`` the file left out, per the breadth-first rule."""
    nodes: dict[str, Component | Service] = {c.id: c for c in inventory.components}
    nodes.update((s.id, s) for s in inventory.services)
    services = []
    changed = False
    for service in inventory.services:
        if service.owner is None:
            owner = _first_vendor(nodes, service)
            if owner is not None:
                service = service.model_copy(update={"owner": owner})
                changed = True
        services.append(service)
    if not changed:
        return inventory
    return inventory.model_copy(update={"services": tuple(services)})


def _first_vendor(nodes: dict[str, Component | Service], service: Service) -> str | None:
    """The vendor of the first component with one, breadth-first over the requirements."""
    queue: deque[str] = deque()
    seen = {service.id}
    for clause in service.clauses:
        queue.extend(clause.members)
    while queue:
        node_id = queue.popleft()
        if node_id in seen:
            continue
        seen.add(node_id)
        node = nodes[node_id]
        if isinstance(node, Component) and node.vendor is not None:
            return node.vendor
        for clause in node.clauses:
            queue.extend(clause.members)
    return None
