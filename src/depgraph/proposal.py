"""A proposal: a site and its remedies, read from its ``remedies`` list or a ``--remedies FILE``.

Remedies are checked like the rest of an inventory: every problem at once,
each as ``FILE:LINE:COLUMN: message`` at the remedy's own lines, with "did you
mean" for a misspelt key or id. A remedy that does not apply to the site is
an error of the file, like any other (``remedies.md`` section 2).

Example:

>>> proposal = load_proposal('''
... version: 1
... site: {name: demo}
... components: [{id: nas, category: compute, monitored: false}]
... services: [{id: files, requires: [nas], cost_per_hour: 40}]
... remedies:
...   - {id: watch-nas, one_time_cost: 0, change: [{id: nas, monitored: true}]}
... ''')
>>> [p.remedy.id for p in proposal.remedies]
['watch-nas']
>>> proposal.applied["watch-nas"][0].component("nas").monitored
True
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path as FilePath
from typing import Any

from pydantic import ValidationError

from depgraph.engine import loops
from depgraph.errors import InventoryError, Problem
from depgraph.inventory.applying import Placed, RawSite, read_applied
from depgraph.inventory.container import Inventory
from depgraph.inventory.loader import ReadInventory, read_document, read_source
from depgraph.inventory.logo import logo_problem
from depgraph.inventory.messages import REMEDIES, explain
from depgraph.inventory.remedies import Additions, Remedy
from depgraph.inventory.suggest import did_you_mean
from depgraph.inventory.yamldoc import Path, YamlDocument, YamlError
from depgraph.inventory.yamlsource import read_yaml
from depgraph.quoting import quoted

__all__ = ["Proposal", "apply_remedy", "load_proposal", "remedy_problems"]

_FILE_KEYS = ("version", REMEDIES)


@dataclass(frozen=True)
class Proposal:
    """A valid site, its remedies, and each remedy applied to it alone.

    ``data`` is the site as read from YAML (without its remedies), so that
    remedies can be applied on top of one another; ``applied`` maps each
    remedy id to the inventory and data of the site with that remedy done;
    ``logo_problem`` says, at its place, why the ``report:`` section's logo
    cannot be inlined (``None`` when it can, or when there is none).
    """

    inventory: Inventory
    warnings: list[Problem]
    data: RawSite
    remedies: tuple[Placed, ...]
    applied: dict[str, tuple[Inventory, RawSite]]
    logo_problem: Problem | None = None


def _read(source: str | FilePath, role: str = "inventory") -> tuple[YamlDocument, str, str]:
    """The YAML of ``source``, its name, and its text (a problem inside a quoted value points
    past the quote, as the loader's do)."""
    text, name = read_source(source, role)
    try:
        return read_yaml(text, name), name, text
    except YamlError as exc:
        raise InventoryError([exc.problem]) from None


def load_proposal(source: str | FilePath, remedies: str | FilePath | None = None) -> Proposal:
    """The site of ``source`` with its remedies and those of the file ``remedies``.

    Both lists are used when both are given (inline first); remedy ids must be
    unique across them. Raises :class:`InventoryError` with every problem of
    the site and of the remedies.
    """
    doc, name, text = _read(source)
    extra = _read(remedies, "remedies file")[:2] if remedies is not None else None
    return _load(doc, name, extra, text=text)


def apply_remedy(data: RawSite, placed: Placed) -> tuple[Inventory, RawSite]:
    """The inventory (and raw data) of ``data`` with ``placed``'s remedy applied, fully checked.

    Raises :class:`InventoryError` with every problem at the remedy's own lines.
    """
    read, new_data = read_applied(data, placed)
    problems = [placed.reword(read.problem(path, message))
                for path, message in loops.loop_problems(read.inventory)]
    if problems:
        raise InventoryError(problems)
    return read.inventory, new_data


def remedy_problems(read: ReadInventory) -> None:
    """Check the ``remedies`` list of a valid site; :class:`InventoryError` with every problem."""
    _load(read.document, read.name, None, read)


def _check(read: ReadInventory) -> tuple[Inventory, list[Problem]]:
    """The loader's structural checks (loops) and warnings of a site that passed the format."""
    problems = [read.problem(path, message) for path, message in loops.loop_problems(read.inventory)]
    if problems:
        raise InventoryError(problems)
    warnings = [
        replace(read.problem(path, f"warning: {message}"), kind=kind)
        for path, message, kind in loops.warnings(read.inventory)
    ]
    return read.inventory, sorted(warnings)


def _load(
    doc: YamlDocument, name: str, extra: tuple[YamlDocument, str] | None,
    read: ReadInventory | None = None, text: str = "",
) -> Proposal:
    problems: list[Problem] = []
    checked: tuple[Inventory, list[Problem]] | None = None
    logo: Problem | None = None
    try:
        site = read or read_document(doc, name, text)
        checked, logo = _check(site), logo_problem(site)
    except InventoryError as exc:
        problems += exc.problems
    placed: list[Placed] = []
    if isinstance(doc.data, dict) and REMEDIES in doc.data:
        problems += _remedies(doc, name, doc.data[REMEDIES], placed)
    if extra is not None:
        problems += _remedies_file(*extra, placed)
    if checked is None:
        raise InventoryError(problems)  # remedies apply only to a valid site
    data: RawSite = {k: v for k, v in doc.data.items() if k != REMEDIES}
    applied: dict[str, tuple[Inventory, RawSite]] = {}
    for remedy in placed:
        try:
            applied[remedy.remedy.id] = apply_remedy(data, remedy)
        except InventoryError as exc:
            problems += exc.problems
    if problems:
        raise InventoryError(problems)
    return Proposal(checked[0], checked[1], data, tuple(placed), applied, logo)


def _remedies_file(doc: YamlDocument, name: str, placed: list[Placed]) -> list[Problem]:
    """The remedies of a ``--remedies`` file: ``version: 1`` and ``remedies:`` only."""

    def at(path: Path, message: str, key: bool = False) -> Problem:
        line, column = doc.key_position(path) if key else doc.position(path)
        return Problem(name, line, column, message)

    problems = list(doc.problems)
    data = doc.data
    if not isinstance(data, dict):
        return [*problems, at((), "a remedies file is a mapping with 'version: 1' and 'remedies:'")]
    for key in data:
        if key not in _FILE_KEYS:
            problems.append(at((key,), f"unknown key '{key}' in a remedies file (it holds "
                                       f"version and remedies only){did_you_mean(str(key), _FILE_KEYS)}",
                               key=True))
    version = data.get("version")
    if "version" not in data:
        problems.append(at((), "missing 'version: 1' (the format version) at the top of the file"))
    elif version != 1 or isinstance(version, bool):
        problems.append(at(("version",), f"version must be 1 (the only format version), not {version!r}"))
    if REMEDIES not in data:
        problems.append(at((), "missing 'remedies:', the list of remedies"))
        return problems
    return problems + _remedies(doc, name, data[REMEDIES], placed)


def _remedies(doc: YamlDocument, name: str, raw: Any, placed: list[Placed]) -> list[Problem]:
    """Check each remedy's shape; append the valid ones to ``placed``."""
    if raw is None:
        return []
    if not isinstance(raw, list):
        line, column = doc.position((REMEDIES,))
        return [Problem(name, line, column, "remedies must be a list, e.g. [{id: ..., one_time_cost: ...}]")]
    problems: list[Problem] = []
    seen = {p.remedy.id: p for p in placed}
    for i, item in enumerate(raw):
        at: Path = (REMEDIES, i)
        try:
            remedy = Remedy.model_validate(item)
        except ValidationError as exc:
            label = f"remedy {quoted(item['id'])}: " if isinstance(item, dict) and isinstance(
                item.get("id"), str) else f"remedy #{i + 1}: "
            for error in exc.errors():
                problems += [
                    Problem(p.file, p.line, p.column, label + p.message)
                    for p in _explain(doc, name, (*at, *error["loc"]), error)
                ]
            continue
        where = Placed(remedy, doc, name, at)
        if remedy.id in seen:
            first = seen[remedy.id]
            line, _ = first.doc.position((*first.at, "id"))
            problems.append(where.problem((*at, "id"), f"duplicate remedy id (first written in "
                                                       f"{first.file} at line {line})"))
            continue
        seen[remedy.id] = where
        placed.append(where)
    return problems


def _explain(doc: YamlDocument, name: str, path: Path, error: Any) -> list[Problem]:
    """The loader's message for one error of a remedy's shape, with remedy words where they help."""
    field = path[-1]
    if error["type"] == "extra_forbidden":
        valid = list(Additions.model_fields if path[-2] == "add" else Remedy.model_fields)
        line, column = doc.key_position(path)
        where = "in 'add' " if path[-2] == "add" else ""
        return [Problem(name, line, column, f"unknown key '{field}' {where}of a remedy"
                                            f"{did_you_mean(str(field), valid)}")]
    if field == "one_time_cost" and error["input"] is None:
        line, column = doc.key_position(path)  # an empty value has no place of its own
        return [Problem(name, line, column, "one_time_cost is not filled in: write the price of the "
                                            "remedy (equipment and installation)")]
    message = explain(doc.data, doc.scalars, path, error)
    line, column = doc.key_position(message.path) if message.key else doc.position(message.path)
    return [Problem(name, line, column, message.text)]
