"""What a remedy is: a priced change to a site (``remedies.md`` section 2).

A remedy is written as a list entry under the top-level ``remedies`` key of
an inventory, or of a separate file holding ``version: 1`` and ``remedies:``
only. Its shape is checked here; the items it adds and the fields it
changes are checked when it is applied (:mod:`depgraph.inventory.applying`),
because only the whole new inventory can say whether they are right.

Example:

>>> r = Remedy.model_validate({"id": "ups", "one_time_cost": 300,
...                            "change": [{"id": "poe", "requires": ["ups"]}]})
>>> r.name, r.monthly_cost, r.change[0]["id"]
('ups', 0.0, 'poe')
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field, model_validator

from depgraph.inventory.fields import MAX_MONEY, Id, Money, Text
from depgraph.inventory.models import _name_from_id, _Strict

__all__ = ["ADD_SECTIONS", "Additions", "Remedy", "RemedyFile"]

ADD_SECTIONS = ("vendors", "components", "services", "plans", "audiences")
"""The lists a remedy may add to, as in the top level of an inventory."""

Item = dict[str, Any]
Finite = Annotated[float, Field(ge=-MAX_MONEY, le=MAX_MONEY, allow_inf_nan=False)]


class Additions(_Strict):
    """New items, written as in the top-level lists; checked when the remedy is applied."""

    vendors: tuple[Item, ...] = ()
    components: tuple[Item, ...] = ()
    services: tuple[Item, ...] = ()
    plans: tuple[Item, ...] = ()
    audiences: tuple[Item, ...] = ()


class Remedy(_Strict):
    """One proposed change with its price.

    ``change`` entries are ``{id, field: value, ...}``: the fields given replace
    the item's own; ``remove`` lists ids. A remedy applies ``add``, then
    ``change``, then ``remove``. ``monthly_cost`` may be negative: a remedy
    can end a recurring cost (a contract it makes unnecessary).
    """

    id: Id
    name: Text = ""
    one_time_cost: Money
    monthly_cost: Finite = 0.0
    add: Additions = Additions()
    change: tuple[Item, ...] = ()
    remove: tuple[Id, ...] = ()

    @model_validator(mode="before")
    @classmethod
    def _name_defaults_to_id(cls, data: Any) -> Any:
        return _name_from_id(data)


class RemedyFile(_Strict):
    """A file given with ``--remedies FILE``: ``version: 1`` and ``remedies:`` only."""

    version: int
    remedies: tuple[Any, ...] = ()
