"""Loading an inventory: read it, check it against the format, then check its structure.

The two stages are :func:`depgraph.inventory.loader.read_inventory` (syntax,
fields, references, defaults, owners) and :mod:`depgraph.engine.loops` (loops
that nothing holds up, and the warnings). Every defect is reported at once, as
an :class:`~depgraph.errors.InventoryError`; nothing here prints or exits.

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

from dataclasses import dataclass, replace
from pathlib import Path as FilePath

from depgraph.collector import collector_paused
from depgraph.engine import loops
from depgraph.errors import InventoryError, Problem
from depgraph.inventory.container import Inventory
from depgraph.inventory.loader import ReadInventory, read_inventory
from depgraph.inventory.logo import logo_problem
from depgraph.inventory.messages import REMEDIES
from depgraph.proposal import remedy_problems

__all__ = ["CheckedInventory", "check_inventory", "load_inventory"]


@dataclass(frozen=True)
class CheckedInventory:
    """A valid inventory and the warnings worth showing about it."""

    inventory: Inventory
    warnings: list[Problem]


def load_inventory(source: str | FilePath) -> Inventory:
    """Read, validate and return an inventory, with every default applied.

    ``source`` is a path (``str`` or :class:`pathlib.Path`), ``"-"`` for
    standard input, or YAML text. Raises :class:`InventoryError` listing every
    defect found.
    """
    with collector_paused():
        return _checked(read_inventory(source)).inventory


def check_inventory(source: str | FilePath) -> CheckedInventory:
    """Like :func:`load_inventory`, and also return the warnings about the site.

    A top-level ``remedies`` list is checked too (``remedies.md``): each remedy
    must apply to the site and leave it valid.
    """
    with collector_paused():
        read = _checked(read_inventory(source))
        warnings = [
            replace(read.problem(path, f"warning: {message}"), kind=kind)
            for path, message, kind in loops.warnings(read.inventory)
        ]
        logo = logo_problem(read)
        if logo is not None:
            warnings.append(replace(logo, message=f"warning: {logo.message}; `report` refuses it",
                                    kind="logo"))
    return CheckedInventory(read.inventory, sorted(warnings))


def _checked(read: ReadInventory) -> ReadInventory:
    """``read``, once its loops are held up and its remedies apply; :class:`InventoryError` otherwise."""
    problems = [read.problem(path, message) for path, message in loops.loop_problems(read.inventory)]
    if problems:
        raise InventoryError(problems)
    if isinstance(read.document.data, dict) and REMEDIES in read.document.data:
        remedy_problems(read)
    return read
