"""Loading an inventory: from a file or text to a validated :class:`Inventory`.

Every defect of the file is reported at once, each with its line and column,
as an :class:`~depgraph.errors.InventoryError`; nothing here prints or exits.

Example:

>>> inv = load_inventory('''
... version: 1
... site: {name: Demo}
... vendors: [{id: netco}]
... components: [{id: router, category: network, vendor: netco}]
... services: [{id: internet, requires: [router]}]
... ''')
>>> inv.service("internet").owner
'netco'
"""

from __future__ import annotations

import sys
from collections import deque
from dataclasses import dataclass
from pathlib import Path as FilePath
from typing import Any

from pydantic import BaseModel, ValidationError

from depgraph import checks
from depgraph.errors import InventoryError, Problem
from depgraph.models import (
    CATEGORIES,
    ID_PATTERN,
    AnyOf,
    AtLeast,
    Component,
    Defaults,
    Inventory,
    ModelAssumptions,
    Plan,
    Service,
    Site,
    Vendor,
)
from depgraph.suggest import did_you_mean
from depgraph.yamlsource import Path, YamlDocument, YamlError, read_yaml

MAX_FILE_BYTES = 64 * 1024 * 1024

_SECTIONS: dict[str, type[BaseModel]] = {
    "components": Component,
    "services": Service,
    "vendors": Vendor,
    "plans": Plan,
}
_DEFAULTS = {"component": "components", "service": "services", "vendor": "vendors", "plan": "plans"}


@dataclass(frozen=True)
class CheckedInventory:
    """A valid inventory and the warnings worth showing about it."""

    inventory: Inventory
    warnings: list[Problem]


def read_source(source: str | FilePath) -> tuple[str, str]:
    """The text of an inventory and the name to report it under.

    ``source`` is a :class:`pathlib.Path`, ``"-"`` for standard input, a path
    as a string, or the YAML text itself (any string with a line break, or a
    one-line flow mapping such as compact JSON).
    """
    if isinstance(source, str) and ("\n" in source or source.lstrip().startswith("{")):
        return source, "<string>"
    if str(source) == "-":
        return _decode(sys.stdin.buffer.read(), "<stdin>"), "<stdin>"
    path = FilePath(source)
    name = str(source)
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


def load_inventory(source: str | FilePath) -> Inventory:
    """Read, validate and return an inventory, with every default applied.

    ``source`` is a path (``str`` or :class:`pathlib.Path`), ``"-"`` for
    standard input, or YAML text. Raises :class:`InventoryError` listing every
    defect found.
    """
    return check_inventory(source).inventory


def check_inventory(source: str | FilePath) -> CheckedInventory:
    """Like :func:`load_inventory`, and also return the warnings about the site."""
    text, name = read_source(source)
    try:
        doc = read_yaml(text, name)
    except YamlError as exc:
        raise InventoryError([exc.problem]) from None
    return _Validation(doc, name).run()


class _Validation:
    """Turns read YAML into an Inventory, collecting every problem on the way."""

    def __init__(self, doc: YamlDocument, name: str) -> None:
        self.doc = doc
        self.name = name
        self.problems: list[Problem] = list(doc.problems)
        self.inherited: set[Path] = set()

    def at(self, path: Path, message: str, *, key: bool = False) -> None:
        line, column = self.doc.key_position(path) if key else self.doc.position(path)
        self.problems.append(Problem(self.name, line, column, message))

    def run(self) -> CheckedInventory:
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
        merged = self._apply_defaults(data)
        inventory = self._validate(merged)
        for path, message in checks.reference_problems(merged):
            self.at(path, message)
        if self.problems or inventory is None:
            raise InventoryError(self.problems)
        inventory = _with_owners(inventory)
        for path, message in checks.loop_problems(inventory):
            self.at(path, message)
        if self.problems:
            raise InventoryError(self.problems)
        warnings = []
        for path, message in checks.warnings(inventory):
            line, column = self.doc.position(path)
            warnings.append(Problem(self.name, line, column, f"warning: {message}"))
        return CheckedInventory(inventory, sorted(warnings))

    def _version_ok(self, data: dict[Any, Any]) -> bool:
        if "version" not in data:
            self.at((), "missing 'version: 1' (the format version) at the top of the file")
            return False
        version = data["version"]
        if version != 1 or isinstance(version, bool):
            self.at(("version",), f"version must be 1 (the only format version), not {version!r}")
            return False
        return True

    def _apply_defaults(self, data: dict[Any, Any]) -> dict[Any, Any]:
        """Fill each item of a list from ``defaults``; the item's own values win."""
        defaults = data.get("defaults")
        if not isinstance(defaults, dict):
            return data
        merged = dict(data)
        for kind, section in _DEFAULTS.items():
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
        if source in self.doc.values:
            self.doc.values[path] = self.doc.values[source]
        if source in self.doc.scalars:
            self.doc.scalars[path] = self.doc.scalars[source]

    def _validate(self, data: dict[Any, Any]) -> Inventory | None:
        try:
            return Inventory.model_validate(data)
        except ValidationError as exc:
            for error in exc.errors():
                path = _data_path(data, error["loc"])
                if path[:3] in self.inherited:
                    continue  # reported once, where ``defaults`` sets it
                if error["type"] == "too_short" and _raw_length(data, path):
                    continue  # pydantic counts only the items that validated
                self._explain(data, path, error)
            return None

    def _explain(self, data: dict[Any, Any], path: Path, error: Any) -> None:
        kind = error["type"]
        where = _describe(data, path)
        field = path[-1] if path else ""
        if kind == "extra_forbidden":
            valid = _valid_keys(path[:-1])
            self.at(path, f"{where}unknown key '{field}'{did_you_mean(str(field), valid)}",
                    key=True)
        elif kind == "missing":
            self.at(path[:-1], f"{where}missing required key '{field}'")
        elif kind == "literal_error" and field == "category":
            value = str(error["input"])
            self.at(path, f"{where}'{value}' is not a category{did_you_mean(value, CATEGORIES)} "
                          f"(one of: {', '.join(CATEGORIES)})")
        elif kind in ("string_type", "string_pattern_mismatch", "model_type", "int_type",
                      "float_type", "float_parsing", "int_parsing", "bool_type", "bool_parsing",
                      "literal_error", "dict_type", "tuple_type", "list_type", "requirement",
                      "int_from_float"):
            self.at(path, f"{where}{self._type_message(path, error)}")
        elif kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
            self.at(path, f"{where}{field} must be {_bound_words(kind)} "
                          f"{_number(error['ctx'])}, not {error['input']!r}")
        elif kind == "finite_number":
            self.at(path, f"{where}{field} must be a finite number, not {error['input']!r}")
        elif kind == "too_short":
            self.at(path, f"{where}{_too_short_message(path)}")
        else:
            self.at(path, f"{where}{field}: {error['msg']}")

    def _type_message(self, path: Path, error: Any) -> str:
        field = path[-1] if path else ""
        scalar = self.doc.scalars.get(path)
        value = error["input"]
        wants_text = error["type"] in ("string_type", "string_pattern_mismatch")
        if wants_text and scalar is not None and not scalar.quoted and not isinstance(value, str):
            kind = scalar.tag.rsplit(":", 1)[-1]
            read_as = {"bool": "a boolean", "int": "a number", "float": "a number",
                       "null": "null (nothing)", "timestamp": "a date"}.get(kind, kind)
            return (f"'{scalar.text}' is read by YAML as {read_as} ({value!r}); "
                    f"put it in quotes: \"{scalar.text}\"")
        if error["type"] == "string_pattern_mismatch":
            return (f"'{value}' is not a valid id: start with a letter or digit, then use "
                    f"letters, digits, '_', '.', ':' or '-', at most 64 characters "
                    f"(pattern {ID_PATTERN})")
        if error["type"] == "requirement":
            return str(error["msg"])
        label = f"'{field}' " if isinstance(field, str) else "this value "
        plain = {
            "tuple_type": "must be a list, e.g. [a, b]", "list_type": "must be a list, e.g. [a, b]",
            "float_parsing": "must be a number", "int_parsing": "must be a whole number",
            "float_type": "must be a number", "int_type": "must be a whole number",
            "int_from_float": "must be a whole number", "bool_type": "must be true or false",
            "bool_parsing": "must be true or false", "dict_type": "must be a mapping (key: value)",
            "model_type": "must be a mapping (key: value)",
        }.get(error["type"])
        if plain is not None:
            return f"{label}{plain}, not {value!r}"
        return f"{label}{error['msg'][0].lower()}{error['msg'][1:]}, not {value!r}"


def _data_path(data: Any, loc: tuple[Any, ...]) -> Path:
    """The path of a pydantic error location in the raw data, without union tags."""
    path: list[str | int] = []
    current = data
    for part in loc:
        if len(path) >= 2 and path[-2] == "requires" and isinstance(path[-1], int) and (
            part in ("id", "any", "at_least") and len(path) == len(loc) - loc[::-1].index(part) - 1
        ):
            continue  # the tag pydantic puts after a requirement's index
        path.append(part)
        if isinstance(current, dict):
            current = current.get(part)
        elif isinstance(current, list) and isinstance(part, int) and part < len(current):
            current = current[part]
        else:
            current = None
    return tuple(path)


def _raw_length(data: Any, path: Path) -> int:
    current = data
    for part in path:
        if isinstance(current, dict):
            current = current.get(part)
        elif isinstance(current, list) and isinstance(part, int) and part < len(current):
            current = current[part]
        else:
            return 0
    return len(current) if isinstance(current, list) else 0


def _describe(data: dict[Any, Any], path: Path) -> str:
    """``"component 'router': "`` for a path inside an item, else ``""``."""
    if len(path) >= 2 and path[0] in _SECTIONS and isinstance(path[1], int):
        item = data[path[0]][path[1]]
        kind = str(path[0])[:-1]
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            return f"{kind} '{item['id']}': "
        return f"{kind} #{path[1] + 1}: "
    return ""


def _valid_keys(path: Path) -> list[str]:
    """The keys allowed in the mapping at ``path``."""
    model: type[BaseModel] | None
    if not path:
        model = Inventory
    elif path[0] in _SECTIONS and len(path) == 2:
        model = _SECTIONS[str(path[0])]
    elif path[0] in _SECTIONS and len(path) == 4 and path[2] == "requires":
        return [*AnyOf.model_fields, *AtLeast.model_fields]
    elif path == ("defaults",):
        model = Defaults
    elif path[0] == "defaults" and len(path) == 2:
        model = _SECTIONS.get(_DEFAULTS.get(str(path[1]), ""))
    else:
        others: dict[str, type[BaseModel]] = {"site": Site, "model": ModelAssumptions}
        model = others.get(str(path[0]))
    return list(model.model_fields) if model else []


def _bound_words(kind: str) -> str:
    return {"greater_than_equal": "at least", "greater_than": "more than",
            "less_than_equal": "at most", "less_than": "less than"}[kind]


def _number(ctx: dict[str, Any]) -> str:
    value = next(iter(ctx.values()))
    return f"{value:g}" if isinstance(value, float) else str(value)


def _too_short_message(path: Path) -> str:
    if path and path[-1] == "requires":
        return "a service needs at least one requirement (what must be up for it to work)"
    if path == ("components",):
        return "an inventory needs at least one component"
    return f"{path[-1] if path else 'this list'} must not be empty"


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
    updated = inventory.model_copy(update={"services": tuple(services)})
    updated.reindex()
    return updated


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
