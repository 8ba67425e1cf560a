"""The items of the inventory format, version 1, as immutable pydantic models.

These models are the single source of truth for the format described in
``inventory-format.md``: field names, defaults, ranges and the JSON Schema
(``depgraph schema``) all come from here. This module holds the items (site,
vendor, component, service, plan, audience, the requirement clauses and the
``defaults`` block); the types and bounds of their values are in
:mod:`depgraph.inventory.fields`, and the whole file, with its look-ups by
id, is :class:`~depgraph.inventory.container.Inventory`. Cross-references
between ids (unknown vendor, self-requirement, loops) are checked by
:mod:`depgraph.inventory.references`, which needs the whole file; a model
here only knows its own fields.

Example:

>>> from depgraph.inventory.models import Component
>>> c = Component(id="router", category="network", requires=["modem"])
>>> c.name, c.failures_per_year, c.clauses[0].members
('router', 0.2, ('modem',))
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, NamedTuple

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    StringConstraints,
    Tag,
    create_model,
    model_validator,
)

from depgraph.inventory.fields import (
    Category,
    Days,
    Hours,
    Id,
    Money,
    People,
    Rate,
    Schedule,
    Share,
    Spread,
    Text,
)

__all__ = [
    "AnyOf",
    "AtLeast",
    "Audience",
    "BREAK_FIX",
    "Clause",
    "Component",
    "ComponentDefaults",
    "Defaults",
    "ModelAssumptions",
    "Plan",
    "PlanDefaults",
    "ReportDetails",
    "Requirement",
    "Service",
    "ServiceDefaults",
    "Site",
    "Vendor",
    "VendorDefaults",
    "to_clause",
]

BREAK_FIX = "break-fix"


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
