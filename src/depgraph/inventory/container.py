"""The whole inventory: one site's items, looked up by id, and the facts derived from it.

:class:`Inventory` is the top of the format (``version``, ``site``, the
lists of vendors, components, services, plans and audiences), built from
the item models of :mod:`depgraph.inventory.models`. It is immutable, so it
also carries what every later stage asks of it again and again: an index of
each list by id, and a cache of derived facts (:meth:`Inventory.derived`:
the dependency graph, each plan's incidents...) that a copy made with
:meth:`Inventory.model_copy` starts afresh instead of sharing.

Example:

>>> site = Inventory.model_validate({
...     "version": 1, "site": {"name": "demo"},
...     "components": [{"id": "router", "category": "network"}]})
>>> site.component("router").name
'router'
>>> site.derived(lambda inventory: len(inventory.components))
1
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from operator import attrgetter
from typing import Any, Literal, Self, TypeVar

from pydantic import Field, PrivateAttr

from depgraph.inventory.models import (
    Audience,
    Component,
    Defaults,
    ModelAssumptions,
    Plan,
    ReportDetails,
    Service,
    Site,
    Vendor,
    _Strict,
)

__all__ = ["Inventory"]

_T = TypeVar("_T")


_private = attrgetter("__pydantic_private__")
"""A model's private attributes, read directly: ``model._x`` goes through pydantic's
``__getattr__`` (about 1 µs), and the engine asks an inventory for its derived
facts and its items by id hundreds of thousands of times on a large site."""


class Inventory(_Strict):
    """One site: everything in an inventory file, with every default applied.

    Build one with :func:`depgraph.load_inventory`, which also checks the
    references between ids and reports every defect with its line and column.
    """

    version: Literal[1] = Field(json_schema_extra={"const": 1})
    site: Site
    model: ModelAssumptions = ModelAssumptions()
    defaults: Defaults = Defaults()
    vendors: tuple[Vendor, ...] = ()
    components: tuple[Component, ...] = Field(min_length=1)
    services: tuple[Service, ...] = ()
    plans: tuple[Plan, ...] = ()
    report: ReportDetails = ReportDetails()
    audiences: tuple[Audience, ...] = ()

    _by_id: dict[str, dict[str, Any]] = PrivateAttr(default_factory=dict)
    _derived: dict[tuple[Hashable, ...], Any] = PrivateAttr(default_factory=dict)

    def model_post_init(self, context: Any, /) -> None:
        """Index every list by id once, so that look-ups cost O(1)."""
        self.reindex()

    def model_copy(self, *, update: Any = None, deep: bool = False) -> Self:
        """A copy, with its own indexes and an empty cache of derived facts.

        pydantic's copy would share both, so that a copy with other services
        would answer with the original's graph and incidents.
        """
        copied = super().model_copy(update=update, deep=deep)
        copied.reindex()
        return copied

    def reindex(self) -> None:
        """Rebuild the id indexes and drop every derived fact."""
        self._by_id = {
            attr: {item.id: item for item in getattr(self, attr)}
            for attr in ("vendors", "components", "services", "plans", "audiences")
        }
        self._derived = {}

    def derived(self, build: Callable[..., _T], *args: Hashable) -> _T:
        """``build(self, *args)``, computed once and kept with this (immutable) inventory.

        The cache is keyed by the function and its arguments, so each derived
        fact (the dependency graph, the incidents of a plan...) has one
        definition, and a copy made with :meth:`model_copy` starts empty.
        """
        key = (build, *args)
        cache = _private(self)["_derived"]
        if key not in cache:
            cache[key] = build(self, *args)
        value: _T = cache[key]
        return value

    def vendor(self, vendor_id: str) -> Vendor:
        """The vendor with this id (``KeyError`` if there is none)."""
        vendor: Vendor = _private(self)["_by_id"]["vendors"][vendor_id]
        return vendor

    def component(self, component_id: str) -> Component:
        """The component with this id (``KeyError`` if there is none)."""
        component: Component = _private(self)["_by_id"]["components"][component_id]
        return component

    def service(self, service_id: str) -> Service:
        """The service with this id (``KeyError`` if there is none)."""
        service: Service = _private(self)["_by_id"]["services"][service_id]
        return service

    def plan(self, plan_id: str) -> Plan:
        """The plan with this id (``KeyError`` if there is none; ``break-fix`` is no Plan)."""
        plan: Plan = _private(self)["_by_id"]["plans"][plan_id]
        return plan

    def audience(self, audience_id: str) -> Audience:
        """The audience with this id (``KeyError`` if there is none)."""
        audience: Audience = _private(self)["_by_id"]["audiences"][audience_id]
        return audience

    def service_hours(self, service: Service) -> str:
        """The schedule on which ``service`` matters: its own ``hours``, else ``site.hours``."""
        return self.site.hours if service.hours is None else service.hours

    def default_vendor(self) -> Vendor:
        """Vendor terms used for an unowned part or a misdirected call.

        ``defaults.vendor`` where the file sets it, else the documented defaults.
        """
        given = self.defaults.vendor
        values: dict[str, Any] = {} if given is None else given.model_dump(exclude_none=True)
        return Vendor(**{"id": "default", **values})
