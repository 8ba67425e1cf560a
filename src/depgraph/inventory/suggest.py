"""Suggestions for a misspelt id or key ("did you mean ...")."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from depgraph.quoting import quoted

__all__ = ["closest", "did_you_mean"]


def closest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate most like ``word``, if one is close enough to be worth suggesting.

    >>> closest("core-swich", ["core-switch", "poe-switch", "router"])
    'core-switch'
    >>> closest("zzz", ["router"]) is None
    True
    """
    pool = list(candidates)
    matches = difflib.get_close_matches(word, pool, n=1, cutoff=0.6)
    if matches:
        return matches[0]
    lowered = {c.lower(): c for c in pool}
    return lowered.get(word.lower())


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """``"; did you mean 'x'?"`` for the closest candidate, or an empty string."""
    match = closest(word, candidates)
    return f"; did you mean {quoted(match)}?" if match else ""
