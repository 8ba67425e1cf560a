"""The values of the inventory format: ids, text, money, hours, shares, and their bounds.

Every field of every model in :mod:`depgraph.inventory.models` is one of
these annotated types, so that a bound (no amount of money above
:data:`MAX_MONEY`, no rate above :data:`MAX_FAILURES_PER_YEAR`) is written
once and checked the same way wherever the format uses it, in the file's
items and in its ``defaults`` alike. The bounds are far beyond any real
site; they exist so that every figure depgraph derives stays a finite
number.

Example:

>>> from pydantic import TypeAdapter, ValidationError
>>> TypeAdapter(Id).validate_python("core-switch.1")
'core-switch.1'
>>> try:
...     TypeAdapter(Money).validate_python(2 * MAX_MONEY)
... except ValidationError as error:
...     print(error.errors()[0]["type"])
less_than_equal
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints

__all__ = [
    "CATEGORIES",
    "Category",
    "Days",
    "Hours",
    "ID_PATTERN",
    "Id",
    "MAX_DAYS",
    "MAX_FAILURES_PER_YEAR",
    "MAX_HOURS",
    "MAX_MONEY",
    "MAX_PEOPLE",
    "MAX_SPREAD",
    "Money",
    "People",
    "Rate",
    "Schedule",
    "Share",
    "Spread",
    "Text",
]

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$"

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
