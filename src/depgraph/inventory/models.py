"""The inventory format, version 1, as immutable pydantic models.

These models are the single source of truth for the format described in
``inventory-format.md``: field names, defaults, ranges and the JSON Schema
(``depgraph schema``) all come from here. Cross-references between ids
(unknown vendor, self-requirement, loops) are checked by :mod:`depgraph.inventory.references`,
which needs the whole file; a model here only knows its own fields.

Example:

>>> from depgraph.inventory.models import Component
>>> c = Component(id="router", category="network", requires=["modem"])
>>> c.name, c.failures_per_year, c.clauses[0].members
('router', 0.2, ('modem',))
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from operator import attrgetter
from typing import Annotated, Any, Literal, NamedTuple, Self, TypeVar

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    PrivateAttr,
    StringConstraints,
    Tag,
    create_model,
    model_validator,
)

__all__ = [
    "AnyOf",
    "AtLeast",
    "Audience",
    "BREAK_FIX",
    "CATEGORIES",
    "Category",
    "Clause",
    "Component",
    "ComponentDefaults",
    "Days",
    "Defaults",
    "Hours",
    "ID_PATTERN",
    "Id",
    "Inventory",
    "MAX_DAYS",
    "MAX_FAILURES_PER_YEAR",
    "MAX_HOURS",
    "MAX_MONEY",
    "MAX_PEOPLE",
    "MAX_SPREAD",
    "ModelAssumptions",
    "Money",
    "People",
    "Plan",
    "PlanDefaults",
    "Rate",
    "ReportDetails",
    "Requirement",
    "Service",
    "ServiceDefaults",
    "Share",
    "Site",
    "Spread",
    "Text",
    "Vendor",
    "VendorDefaults",
    "to_clause",
]

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$"
BREAK_FIX = "break-fix"

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, strict=True)]
Text = Annotated[str, StringConstraints(strict=True)]
Share = Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)]
Schedule = Annotated[
    str,
    StringConstraints(strict=True),
    Field(description="a weekly schedule in the opening_hours syntax, e.g. 'Mo-Fr 08:00-18:00' "
                      "or '24/7' (time-and-people.md)"),
]

# Upper bounds no real site comes near; they keep every figure depgraph derives
# (costs, hours, unavailabilities, simulated years) a finite number.
MAX_FAILURES_PER_YEAR = 1000.0
"""At most this many expected failures per year (about three a day)."""
MAX_HOURS = 100_000.0
"""Any duration in hours is at most this (about eleven years)."""
MAX_DAYS = 3650.0
"""Any duration in days is at most this (ten years)."""
MAX_MONEY = 1e9
"""Any amount of money (rate, fee, cost per hour) is at most this, in the site's currency."""
MAX_PEOPLE = 1_000_000
"""A service is used by at most this many people."""
MAX_SPREAD = 10.0
"""The coefficient of variation of sampled durations is at most this."""

Rate = Annotated[float, Field(ge=0, le=MAX_FAILURES_PER_YEAR, allow_inf_nan=False)]
Hours = Annotated[float, Field(ge=0, le=MAX_HOURS, allow_inf_nan=False)]
Days = Annotated[float, Field(ge=0, le=MAX_DAYS, allow_inf_nan=False)]
Money = Annotated[float, Field(ge=0, le=MAX_MONEY, allow_inf_nan=False)]
People = Annotated[int, Field(ge=0, le=MAX_PEOPLE, strict=True)]
Spread = Annotated[float, Field(ge=0, le=MAX_SPREAD, allow_inf_nan=False)]

Category = Literal[
    "network", "power", "compute", "cloud", "control", "lighting", "shades", "climate",
    "audio", "video", "conferencing", "voip", "surveillance", "access", "security", "other",
]
CATEGORIES: tuple[str, ...] = Category.__args__  # type: ignore[attr-defined]


def _name_from_id(data: Any) -> Any:
    """Give a mapping with an ``id`` but no ``name`` the id as its name."""
    if isinstance(data, dict) and "name" not in data and isinstance(data.get("id"), str):
        return {**data, "name": data["id"]}
    return data


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class Clause(NamedTuple):
    """A requirement clause in normal form: at least ``k`` of ``members`` must be up.

    ``kind`` records how it was written: ``"id"``, ``"any"`` or ``"at_least"``.
    """

    kind: str
    k: int
    members: tuple[str, ...]


class AnyOf(_Strict):
    """``{any: [a, b]}``: holds when at least one member is up."""

    any: tuple[Id, ...] = Field(min_length=1)


class AtLeast(_Strict):
    """``{at_least: k, of: [a, b, c]}``: holds when at least ``k`` members are up."""

    at_least: int = Field(ge=1, strict=True)
    of: tuple[Id, ...] = Field(min_length=1)


def _requirement_kind(value: Any) -> str | None:
    if isinstance(value, (AnyOf, AtLeast)):
        return "any" if isinstance(value, AnyOf) else "at_least"
    if isinstance(value, str):
        return "id"
    if isinstance(value, dict):
        if "any" in value:
            return "any"
        if "at_least" in value or "of" in value:
            return "at_least"
    return None


Requirement = Annotated[
    Annotated[Id, Tag("id")] | Annotated[AnyOf, Tag("any")] | Annotated[AtLeast, Tag("at_least")],
    Discriminator(
        _requirement_kind,
        custom_error_type="requirement",
        custom_error_message="a requirement is an id, {any: [ids]} or {at_least: k, of: [ids]}",
    ),
]


def to_clause(requirement: str | AnyOf | AtLeast) -> Clause:
    """Return the normal form of one requirement as written in a ``requires`` list."""
    if isinstance(requirement, str):
        return Clause("id", 1, (requirement,))
    if isinstance(requirement, AnyOf):
        return Clause("any", 1, requirement.any)
    return Clause("at_least", requirement.at_least, requirement.of)


class _Node(_Strict):
    """Fields shared by components and services."""

    id: Id
    name: Text = ""
    requires: tuple[Requirement, ...] = ()
    tags: tuple[Text, ...] = ()

    @model_validator(mode="before")
    @classmethod
    def _name_defaults_to_id(cls, data: Any) -> Any:
        return _name_from_id(data)

    @property
    def clauses(self) -> tuple[Clause, ...]:
        """The requirement clauses in normal form, in file order."""
        return tuple(to_clause(r) for r in self.requires)


class Site(_Strict):
    """What the site is: its name, its kind and the currency of every figure."""

    name: Text
    kind: Literal["home", "office", "mixed"] = "mixed"
    currency: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$", strict=True)] = "USD"
    notes: Text | None = None
    description: Text | None = Field(
        default=None, description="a sentence or two for the client; shown in the report "
        "(notes are internal and never are)")
    hours: Schedule = "24/7"


class ReportDetails(_Strict):
    """Who the report is for and from, its date and logo; every field optional.

    ``logo`` is a path to an image file (SVG, PNG, JPEG or GIF), relative to the
    inventory file; the report inlines it. Without ``date`` the report shows no
    date, so that the same input gives the same file.
    """

    prepared_for: Text | None = None
    prepared_by: Text | None = None
    date: Text | None = None
    logo: Text | None = None


class Audience(_Strict):
    """A group of people of the site (office staff, diners), each counted once."""

    id: Id
    name: Text = ""
    people: int = Field(ge=0, strict=True)

    @model_validator(mode="before")
    @classmethod
    def _name_defaults_to_id(cls, data: Any) -> Any:
        return _name_from_id(data)


class ModelAssumptions(_Strict):
    """Global assumptions of the cost model; every report prints the values used."""

    blame_probability: Share = 0.25
    latent_discovery_days: Days = 30
    unowned_search_hours: Hours = 24
    duration_spread: Spread = 0.5


class Vendor(_Strict):
    """A party the client calls under break-fix."""

    id: Id
    name: Text = ""
    trade: Text | None = None
    billing: Literal["hourly", "included"] = "hourly"
    hourly_rate: Money = 150
    trip_fee: Money = 75
    minimum_hours: Hours = 1.0
    response_hours: Hours = 24
    diagnosis_hours: Hours = 1.5
    hours: Schedule = "24/7"

    @model_validator(mode="before")
    @classmethod
    def _name_defaults_to_id(cls, data: Any) -> Any:
        return _name_from_id(data)


class Component(_Node):
    """A thing that can fail."""

    category: Category
    vendor: Id | None = None
    room: Text | None = None
    manufacturer: Text | None = None
    model: Text | None = None
    ip: Text | None = None
    failures_per_year: Rate = 0.2
    repair_hours: Hours = 1.0
    monitored: bool = True


class Service(_Node):
    """Something a person uses and notices when it stops; it fails only through its requirements.

    ``owner`` is filled in by the loader when the file leaves it out (see
    ``inventory-format.md``); it stays ``None`` when no requirement has a vendor.
    """

    requires: tuple[Requirement, ...] = Field(min_length=1)
    cost_per_hour: Money = 0
    people: People = 0
    owner: Id | None = None
    notice_hours: Hours = 0.5
    hours: Schedule | None = None
    cost_per_hour_closed: Money = 0
    audience: Id | None = None


class Plan(_Strict):
    """A managed plan: one partner takes over the responsibilities of some vendors."""

    id: Id
    name: Text = ""
    partner: Text = ""
    monthly_fee: Money
    covers: Literal["all"] | tuple[Id, ...] = "all"
    response_hours: Hours = 4
    detection_hours: Hours = 0.25
    diagnosis_hours: Hours = 0.5
    remote_fix_rate: Share = 0.3
    failure_reduction: Annotated[float, Field(ge=0, lt=1, allow_inf_nan=False)] = 0.3
    hours: Schedule = "24/7"

    @model_validator(mode="before")
    @classmethod
    def _names_default(cls, data: Any) -> Any:
        if isinstance(data, dict) and isinstance(data.get("id"), str):
            data = {**data}
            data.setdefault("name", data["id"])
            if isinstance(data["name"], str):
                data.setdefault("partner", data["name"])
        return data


def _partial(model: type[_Strict], name: str) -> type[_Strict]:
    """A model with ``model``'s fields except ``id``, every one of them optional.

    Each field keeps its constraints (bounds, patterns, strictness), which
    pydantic holds apart from the annotation, so that ``defaults`` is checked
    as the items are.
    """
    fields: dict[str, Any] = {
        field_name: (
            Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation,
            Field(default=None, description=info.description),
        )
        for field_name, info in model.model_fields.items()
        if field_name != "id"
    }
    partial: type[_Strict] = create_model(name, __base__=_Strict, **fields)
    return partial


ComponentDefaults = _partial(Component, "ComponentDefaults")
ServiceDefaults = _partial(Service, "ServiceDefaults")
VendorDefaults = _partial(Vendor, "VendorDefaults")
PlanDefaults = _partial(Plan, "PlanDefaults")


class Defaults(_Strict):
    """Default field values for every item of a kind; an item's own value wins."""

    component: ComponentDefaults | None = None  # type: ignore[valid-type]
    service: ServiceDefaults | None = None  # type: ignore[valid-type]
    vendor: VendorDefaults | None = None  # type: ignore[valid-type]
    plan: PlanDefaults | None = None  # type: ignore[valid-type]


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
