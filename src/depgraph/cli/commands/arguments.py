"""Argument types shared by several commands."""

from __future__ import annotations

import argparse

__all__ = ["amount", "at_least_one", "whole_number"]


def whole_number(text: str) -> int:
    """A whole number of at least 0; anything else is a usage error (exit 2).

    >>> whole_number("3")
    3
    """
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 0, not {text!r}")
    return value


def at_least_one(text: str) -> int:
    """A whole number of at least 1 (a count of simulated years); else a usage error (exit 2).

    >>> at_least_one("2000")
    2000
    """
    value = whole_number(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {text!r}")
    return value


def amount(text: str) -> float:
    """An amount of money of at least 0; anything else is a usage error (exit 2).

    >>> amount("2500"), amount("99.5")
    (2500.0, 99.5)
    """
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 <= value < float("inf"):
        raise argparse.ArgumentTypeError(f"expected an amount of at least 0, not {text!r}")
    return value
