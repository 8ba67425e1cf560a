"""Plain-text helpers for human output: money, hours and aligned tables."""

from __future__ import annotations

from collections.abc import Sequence

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
    """``45 min``, ``3.5 h`` or ``12 days`` depending on size.

    >>> hours(0.75), hours(3.5), hours(84), hours(720)
    ('45 min', '3.5 h', '84 h', '30 days')
    """
    if value < 1:
        return f"{value * 60:.0f} min"
    if value < 10:
        return f"{value:.1f} h"
    if value < 168:
        return f"{value:.0f} h"
    return f"{value / 24:.0f} days"


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
