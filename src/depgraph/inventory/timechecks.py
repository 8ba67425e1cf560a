"""Checks of the time-and-people fields on raw inventory data: schedules and audiences.

Every schedule of the file (``site.hours``, ``defaults.*.hours``, each
service's, vendor's and plan's ``hours``) must be a weekly calendar
(:func:`depgraph.inventory.calendars.parse_calendar`); each finding carries the offset
of the problem within the schedule text, so that the loader can point at
the very column. Audience ids are unique, a service's ``audience`` names one
("did you mean"), and a service has no more ``people`` than its audience.

Example:

>>> calendar_problems({"site": {"name": "x", "hours": "Mo-Fr 8-18"}, "components": []})
[(('site', 'hours'), 6, "'Mo-Fr 8-18': write times as HH:MM, e.g. 08:00-18:00")]
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from depgraph.inventory.calendars import CalendarError, parse_calendar
from depgraph.inventory.suggest import did_you_mean
from depgraph.inventory.yamldoc import Path

__all__ = ["audience_problems", "calendar_problems"]

_SECTIONS = (("services", "service"), ("vendors", "vendor"), ("plans", "plan"))


def _schedules(data: dict[str, Any]) -> Iterator[tuple[Path, Any]]:
    site = data.get("site")
    if isinstance(site, dict) and "hours" in site:
        yield ("site", "hours"), site["hours"]
    defaults = data.get("defaults")
    for section, kind in _SECTIONS:
        given = defaults.get(kind) if isinstance(defaults, dict) else None
        if isinstance(given, dict) and "hours" in given:
            yield ("defaults", kind, "hours"), given["hours"]
        items = data.get(section)
        if isinstance(items, list):
            for i, item in enumerate(items):
                if isinstance(item, dict) and "hours" in item:
                    yield (section, i, "hours"), item["hours"]


def calendar_problems(data: dict[str, Any]) -> list[tuple[Path, int, str]]:
    """``(path, offset in the text, message)`` for every schedule that is not a weekly calendar.

    A value that is not text is left to the type checks of the models.
    """
    found = []
    for path, value in _schedules(data):
        if isinstance(value, str):
            try:
                parse_calendar(value)
            except CalendarError as error:
                found.append((path, error.offset, error.message))
    return found


def _audience_sizes(data: dict[str, Any]) -> tuple[dict[str, int | None], list[tuple[Path, str]]]:
    sizes: dict[str, int | None] = {}
    found: list[tuple[Path, str]] = []
    items = data.get("audiences")
    if not isinstance(items, list):
        return sizes, found
    for i, item in enumerate(items):
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            continue
        if item["id"] in sizes:
            found.append((("audiences", i, "id"), f"duplicate audience id '{item['id']}'"))
            continue
        people = item.get("people")
        sizes[item["id"]] = people if isinstance(people, int) and not isinstance(people, bool) else None
    return sizes, found


def audience_problems(data: dict[str, Any]) -> list[tuple[Path, str]]:
    """Duplicate audiences, unknown ``audience`` references, more people than the audience."""
    sizes, found = _audience_sizes(data)
    items = data.get("services")
    if not isinstance(items, list):
        return found
    for i, item in enumerate(items):
        if not isinstance(item, dict) or not isinstance(item.get("audience"), str):
            continue
        who, audience = item.get("id"), item["audience"]
        if audience not in sizes:
            known = f" (audiences: {', '.join(sorted(sizes))})" if sizes else (
                "; define it under 'audiences:' at the top level")
            found.append((("services", i, "audience"),
                          f"service '{who}' names audience '{audience}', which is not defined"
                          f"{did_you_mean(audience, sizes)}{known}"))
            continue
        people, size = item.get("people"), sizes[audience]
        if isinstance(people, int) and size is not None and people > size:
            found.append((("services", i, "people"),
                          f"service '{who}': people {people} is more than audience '{audience}' "
                          f"has ({size}); people counts how many of that audience lose the service"))
    return found
