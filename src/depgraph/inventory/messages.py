"""Pydantic's validation errors, rewritten as one plain sentence each.

The loader hands every error pydantic raises to :func:`explain`, which names
the item ("component 'router': "), says what is wrong in the user's words
("unknown key 'reqires'; did you mean 'requires'?") and says where to report
it: the value, or the key itself for an unknown key.

>>> from pydantic import ValidationError
>>> from depgraph.inventory.container import Inventory
>>> data = {"version": 1, "site": {"name": "Demo"},
...         "components": [{"id": "router", "category": "network", "reqires": []}]}
>>> try:
...     Inventory.model_validate(data)
... except ValidationError as exc:
...     error = exc.errors()[0]
>>> explain(data, {}, data_path(data, error["loc"]), error).text
"component 'router': unknown key 'reqires'; did you mean 'requires'?"
"""

from __future__ import annotations

from typing import Any, NamedTuple

from pydantic import BaseModel

from depgraph.inventory.container import Inventory
from depgraph.inventory.fields import CATEGORIES, ID_PATTERN
from depgraph.inventory.models import (
    AnyOf,
    AtLeast,
    Audience,
    Component,
    Defaults,
    ModelAssumptions,
    Plan,
    Service,
    Site,
    Vendor,
)
from depgraph.inventory.suggest import did_you_mean
from depgraph.inventory.yamldoc import Path, Scalar
from depgraph.quoting import quoted
from depgraph.text import number

__all__ = ["DEFAULTS", "Message", "REMEDIES", "SECTIONS", "data_path", "explain", "raw_length"]

SECTIONS: dict[str, type[BaseModel]] = {
    "components": Component,
    "services": Service,
    "vendors": Vendor,
    "plans": Plan,
    "audiences": Audience,
}
"""The model of each list section of an inventory."""

REMEDIES = "remedies"
"""The top-level list of proposed changes (``remedies.md``), read by :mod:`depgraph.remedies`."""

DEFAULTS = {"component": "components", "service": "services", "vendor": "vendors", "plan": "plans"}
"""The list section each key of ``defaults:`` fills."""


class Message(NamedTuple):
    """One problem: where in the file (``key`` points at the key, not its value) and what."""

    path: Path
    text: str
    key: bool = False


def explain(
    data: dict[Any, Any], scalars: dict[Path, Scalar], path: Path, error: Any, inherited: bool = False
) -> Message:
    """The plain sentence for one pydantic error at ``path``, and where to report it.

    ``inherited``: the value comes from ``defaults``, so the item is not named.
    User text in the sentence is quoted, escaped and shortened (:func:`depgraph.text.quoted`).
    """
    kind = error["type"]
    where = "" if inherited else _describe(data, path)
    field = path[-1] if path else ""
    scalar = scalars.get(path)
    if scalar is not None and scalar.explicit is not None and kind in _TYPE_ERRORS:
        return Message(path, f"{where}{quoted(scalar.explicit)} tag on {field}, which takes "
                             f"{_TAKES.get(kind, 'another kind of value')}: remove the tag")
    if kind == "extra_forbidden":
        valid = _valid_keys(path[:-1])
        return Message(path, f"{where}unknown key {quoted(field)}{did_you_mean(str(field), valid)}",
                       key=True)
    if kind == "missing":
        return Message(path[:-1], f"{where}missing required key '{field}'")
    if kind == "literal_error" and field == "category":
        value = str(error["input"])
        return Message(path, f"{where}{quoted(value)} is not a category"
                             f"{did_you_mean(value, CATEGORIES)} (one of: {', '.join(CATEGORIES)})")
    if kind in _TYPE_ERRORS:
        return Message(path, f"{where}{_type_message(scalars, path, error)}")
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        return Message(path, f"{where}{field} must be {_bound_words(kind)} "
                             f"{_bound(error['ctx'])}, not {quoted(error['input'])}")
    if kind == "finite_number":
        return Message(path, f"{where}{field} must be a finite number, not {quoted(error['input'])}")
    if kind == "too_short":
        return Message(path, f"{where}{_too_short_message(path)}")
    return Message(path, f"{where}{quoted(field) if field != '' else 'value'}: {error['msg']}")


_TYPE_ERRORS = frozenset({
    "string_type", "string_pattern_mismatch", "model_type", "int_type", "float_type",
    "float_parsing", "int_parsing", "bool_type", "bool_parsing", "literal_error", "dict_type",
    "tuple_type", "list_type", "requirement", "int_from_float",
})
_TAKES = {
    "string_type": "text", "string_pattern_mismatch": "an id", "int_type": "a whole number",
    "int_parsing": "a whole number", "int_from_float": "a whole number", "float_type": "a number",
    "float_parsing": "a number", "bool_type": "true or false", "bool_parsing": "true or false",
    "literal_error": "one of a few words", "dict_type": "a mapping", "model_type": "a mapping",
    "tuple_type": "a list", "list_type": "a list", "requirement": "a requirement",
}
"""What a field takes, by the pydantic error its value raised (for a tag that does not fit)."""


def _type_message(scalars: dict[Path, Scalar], path: Path, error: Any) -> str:
    field = path[-1] if path else ""
    scalar = scalars.get(path)
    value = error["input"]
    wants_text = error["type"] in ("string_type", "string_pattern_mismatch")
    if wants_text and scalar is not None and not scalar.quoted and not isinstance(value, str):
        kind = scalar.tag.rsplit(":", 1)[-1]
        read_as = {"bool": "a boolean", "int": "a number", "float": "a number",
                   "null": "null (nothing)", "timestamp": "a date"}.get(kind, kind)
        text = quoted(scalar.text)
        return (f"{text} is read by YAML as {read_as} ({quoted(value)}); "
                f"put it in quotes: \"{text[1:-1]}\"")
    if error["type"] == "string_pattern_mismatch":
        return (f"{quoted(value)} is not a valid id: start with a letter or digit, then use "
                f"letters, digits, '_', '.', ':' or '-', at most 64 characters "
                f"(pattern {ID_PATTERN})")
    if error["type"] == "requirement":
        return str(error["msg"])
    label = f"{quoted(field)} " if isinstance(field, str) else "this value "
    plain = {
        "tuple_type": "must be a list, e.g. [a, b]", "list_type": "must be a list, e.g. [a, b]",
        "float_parsing": "must be a number", "int_parsing": "must be a whole number",
        "float_type": "must be a number", "int_type": "must be a whole number",
        "int_from_float": "must be a whole number", "bool_type": "must be true or false",
        "bool_parsing": "must be true or false", "dict_type": "must be a mapping (key: value)",
        "model_type": "must be a mapping (key: value)", "string_type": "must be text",
    }.get(error["type"])
    if plain is not None:
        return f"{label}{plain}, not {quoted(value)}"
    return f"{label}{error['msg'][0].lower()}{error['msg'][1:]}, not {quoted(value)}"


def data_path(data: Any, loc: tuple[Any, ...]) -> Path:
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


def raw_length(data: Any, path: Path) -> int:
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
    if len(path) >= 2 and path[0] in SECTIONS and isinstance(path[1], int):
        item = data[path[0]][path[1]]
        kind = str(path[0])[:-1]
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            return f"{kind} {quoted(item['id'])}: "
        return f"{kind} #{path[1] + 1}: "
    return ""


def _valid_keys(path: Path) -> list[str]:
    """The keys allowed in the mapping at ``path``."""
    model: type[BaseModel] | None
    if not path:
        return [*Inventory.model_fields, REMEDIES]
    if path[0] in SECTIONS and len(path) == 2:
        model = SECTIONS[str(path[0])]
    elif path[0] in SECTIONS and len(path) == 4 and path[2] == "requires":
        return [*AnyOf.model_fields, *AtLeast.model_fields]
    elif path == ("defaults",):
        model = Defaults
    elif path[0] == "defaults" and len(path) == 2:
        model = SECTIONS.get(DEFAULTS.get(str(path[1]), ""))
    else:
        others: dict[str, type[BaseModel]] = {"site": Site, "model": ModelAssumptions}
        model = others.get(str(path[0]))
    return list(model.model_fields) if model else []


def _bound_words(kind: str) -> str:
    return {"greater_than_equal": "at least", "greater_than": "more than",
            "less_than_equal": "at most", "less_than": "less than"}[kind]




def _bound(ctx: dict[str, Any]) -> str:
    """A bound as a person writes it: ``1,000,000,000``, ``0.5``."""
    value = next(iter(ctx.values()))
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}" if isinstance(value, int) else number(value)


def _too_short_message(path: Path) -> str:
    if path and path[-1] == "requires":
        return "a service needs at least one requirement (what must be up for it to work)"
    if path == ("components",):
        return "an inventory needs at least one component"
    return f"{path[-1] if path else 'this list'} must not be empty"
