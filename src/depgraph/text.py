"""Every word a person reads is built from these: money, hours, counts, listings, tables."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from depgraph.errors import Problem

__all__ = [
    "SHOWN_WARNINGS",
    "assumption_lines",
    "count",
    "hours",
    "listing",
    "money",
    "noun",
    "number",
    "part_hours",
    "plural",
    "possessive",
    "summarise_warnings",
    "table",
]

SHOWN_WARNINGS = 20
"""How many warnings of one kind are printed before the rest are counted."""

_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "CAD": "CA$", "AUD": "A$", "CHF": "CHF "}


def money(amount: float, currency: str = "USD") -> str:
    """``$1,234`` (whole units; the figures are estimates, not invoices).

    >>> money(1234.6), money(-20, "EUR"), money(7, "SEK")
    ('$1,235', '-€20', '7 SEK')
    """
    sign = "-" if amount < 0 else ""
    whole = f"{abs(amount):,.0f}"
    symbol = _SYMBOLS.get(currency)
    return f"{sign}{symbol}{whole}" if symbol else f"{sign}{whole} {currency}"


def hours(value: float) -> str:
    """``45 min``, ``3.5 h``, ``7.3 days`` or ``30 days`` depending on size.

    As precise as the shorter units: under ten days a tenth of a day (2.4 h),
    so that a week of 175 h reads 7.3 days, not 7.

    >>> hours(0.75), hours(3.5), hours(84), hours(174.9), hours(720)
    ('45 min', '3.5 h', '84 h', '7.3 days', '30 days')
    """
    if value < 1:
        return f"{value * 60:.0f} min"
    if value < 10:
        return f"{value:.1f} h"
    if value < 168:
        return f"{value:.0f} h"
    if value < 240:
        return f"{value / 24:.1f} days"
    return f"{value / 24:.0f} days"


def part_hours(value: float) -> str:
    """A stretch of a failure's time to restore, to a tenth of an hour up to a week.

    Parts of a timeline are read side by side and added up: ``12.4 h`` and
    ``8.2 h`` add to the headline's ``20.6 h``, where :func:`hours` would
    show ``12 h`` and ``8.2 h`` against ``21 h``.

    >>> part_hours(0.25), part_hours(12.38), part_hours(20.6), part_hours(174.9)
    ('15 min', '12.4 h', '20.6 h', '7.3 days')
    """
    if value < 1 or value >= 168:
        return hours(value)
    return f"{value:.1f} h"


def table(header: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[int] = ()) -> str:
    """Rows aligned under ``header``; the columns in ``right`` are right-aligned."""
    widths = [len(h) for h in header]
    for row in rows:
        widths = [max(w, len(cell)) for w, cell in zip(widths, row, strict=True)]

    def line(cells: Sequence[str]) -> str:
        parts = [
            cell.rjust(w) if i in right else cell.ljust(w)
            for i, (cell, w) in enumerate(zip(cells, widths, strict=True))
        ]
        return "  ".join(parts).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(header), rule, *(line(r) for r in rows)])


def noun(count: int, word: str, many: str | None = None) -> str:
    """``word`` as ``count`` of them are called: ``service``/``services``, ``person``/``people``.

    >>> noun(1, "service"), noun(2, "service"), noun(2, "person"), noun(3, "box", "boxes")
    ('service', 'services', 'people', 'boxes')
    """
    if count == 1:
        return word
    if many is not None:
        return many
    return "people" if word == "person" else word + "s"


def plural(count: int, word: str) -> str:
    """``1 service``, ``2 services``; ``1 person``, ``2 people``.

    >>> plural(1, "service"), plural(3, "service"), plural(2, "person")
    ('1 service', '3 services', '2 people')
    """
    return f"{count} {noun(count, word)}"


def count(number: int, word: str, many: str | None = None) -> str:
    """Like :func:`plural`, with thousands separated: ``12,000 components``.

    >>> count(12000, "component"), count(1, "service")
    ('12,000 components', '1 service')
    """
    return f"{number:,} {noun(number, word, many)}"


def listing(items: Sequence[str], shown: int = 4, last: str = "and") -> str:
    """``a, b and c``; beyond ``shown`` items, ``a, b, c, d and 3 more``; ``last`` joins the last two.

    >>> listing(["a"]), listing(["a", "b", "c"]), listing(list("abcdefg"))
    ('a', 'a, b and c', 'a, b, c, d and 3 more')
    >>> listing(["a", "b", "c"], last="or")
    'a, b or c'
    """
    if len(items) <= 1:
        return "".join(items)
    if len(items) <= shown:
        return f"{', '.join(items[:-1])} {last} {items[-1]}"
    return f"{', '.join(items[:shown])} {last} {len(items) - shown} more"


def possessive(name: str) -> str:
    """``name`` owning something: ``Wi-Fi's``, but ``Online orders'`` (a name ending in s).

    >>> possessive("Wi-Fi"), possessive("Online & takeout orders"), possessive("Toast POS")
    ("Wi-Fi's", "Online & takeout orders'", "Toast POS'")
    """
    return f"{name}'" if name.endswith(("s", "S")) else f"{name}'s"


def number(value: object) -> str:
    """A model value as written in a file: ``0.25``, ``1e-05``, ``3``.

    >>> number(0.25), number(1e-05), number(3)
    ('0.25', '1e-05', '3')
    """
    return f"{value:g}" if isinstance(value, float) else str(value)


def assumption_lines(values: Mapping[str, Any]) -> list[str]:
    """The model values and default vendor terms, as two lines a client can challenge.

    ``values`` is :func:`depgraph.costs.yearly.assumptions` of a site.

    >>> assumption_lines({"blame_probability": 0.25, "default_vendor": {"hourly_rate": 150.0}})
    ['Assumptions: blame_probability = 0.25.', \
'Default vendor terms (unowned parts, misdirected calls): hourly_rate = 150.']
    """
    model = {key: value for key, value in values.items() if key != "default_vendor"}
    terms = values["default_vendor"]
    return [
        f"Assumptions: {', '.join(f'{key} = {number(value)}' for key, value in model.items())}.",
        "Default vendor terms (unowned parts, misdirected calls): "
        f"{', '.join(f'{key} = {number(value)}' for key, value in terms.items())}.",
    ]


def summarise_warnings(
    warnings: Sequence[Problem],
    nouns: Mapping[str, tuple[str, str]],
    limit: int | None = SHOWN_WARNINGS,
    command: str = "validate",
) -> list[str]:
    """The warnings as lines to print: past ``limit`` of one kind, the first ``limit`` and a count.

    A site of a million components has a million components nothing requires;
    a terminal shows the first few and says how many more there are and how
    to list them all. ``nouns`` names each :attr:`Problem.kind
    <depgraph.errors.Problem.kind>` in the singular and the plural
    (:data:`depgraph.engine.loops.WARNING_KINDS`); ``limit=None`` keeps every line.

    >>> many = [Problem("site.yaml", i, 5, f"warning: component 'c{i}' ...", "orphan")
    ...         for i in range(1, 26)]
    >>> nouns = {"orphan": ("component that nothing requires", "components that nothing requires")}
    >>> for line in summarise_warnings(many, nouns, limit=2):
    ...     print(line)
    site.yaml:1:5: warning: component 'c1' ...
    site.yaml:2:5: warning: component 'c2' ...
    and 23 more components that nothing requires; `validate --all-warnings` lists them
    """
    counts = Counter(w.kind for w in warnings)
    shown: Counter[str] = Counter()
    lines = []
    for warning in warnings:
        if limit is None or shown[warning.kind] < limit:
            lines.append(str(warning))
            shown[warning.kind] += 1
    for kind, count in counts.items():
        hidden = count - shown[kind]
        if hidden:
            singular, plural = nouns.get(kind, ("warning", "warnings"))
            lines.append(f"and {hidden:,} more {singular if hidden == 1 else plural}; "
                         f"`{command} --all-warnings` lists them")
    return lines
