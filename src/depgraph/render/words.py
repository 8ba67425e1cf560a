"""Words for boxes that stand for several parts: what they are and where.

A box of the overview may draw six access points; it says so in words,
"6 × Wi-Fi AP" and "2nd floor", taken from the parts' own names and rooms:
the longest run of words every name shares (digits and places such as
"Building 2" or "floor 3" left out), and the room they share, else the
words their rooms share, else how many rooms.

>>> what(["Wi-Fi AP great room", "Wi-Fi AP kitchen", "Outdoor Wi-Fi AP pool house"], "network")
'Wi-Fi AP'
>>> what(["Building 1 floor 2 AP 3", "Building 4 floor 1 AP 12"], "network")
'AP'
>>> what(["Gate", "Lamp"], "lighting")
'lighting part'
>>> where(["2nd floor hall", "2nd floor bedroom", "2nd floor office"])
'2nd floor'
>>> where(["Kitchen", "Bar", None])
'3 places'
>>> kind("Wi-Fi AP great room", "Great room")
'wi-fi ap'
>>> either(["AT&T Fiber", "LTE router"]), either(["a", "b", "c"])
('AT&T Fiber or LTE router', 'a, b or c')
"""

from __future__ import annotations

import re
from collections.abc import Sequence

__all__ = [
    "either",
    "kind",
    "what",
    "where",
]

_PLACE = re.compile(
    r"\b(building|bldg|floor|level|closet|room|wing|suite|unit|zone|rack)\s*#?\d+\b"
    r"|\b\d+(st|nd|rd|th)\s+floor\b",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"(?<![A-Za-z])\d+(?![A-Za-z])|#")
_BRACKETS = re.compile(r"\([^)]*\)|\[[^]]*\]")
_EDGE_PUNCTUATION = " -_/,.:;+&"
_GENERIC = frozenset({"building", "floor", "room", "closet", "level", "wing", "the"})


def kind(name: str, room: str | None) -> str:
    """What a part is, from its name without its room, places and numbers, lower case."""
    text = name
    if room:
        text = re.sub(re.escape(room), " ", text, flags=re.IGNORECASE)
    return " ".join(_plain_words(text)).lower()


def what(names: Sequence[str], category: str) -> str:
    """The longest run of words all ``names`` share, else ``"<category> part"``."""
    text = _shared_run([_plain_words(name) for name in names])
    return text if len(text) >= 2 else f"{category} part"


def where(rooms: Sequence[str | None]) -> str:
    """The room all parts share, else the words their rooms share, else how many places."""
    distinct = list(dict.fromkeys(rooms))
    if len(distinct) == 1:
        return distinct[0] or ""
    named = [room for room in distinct if room]
    if len(named) == len(distinct):
        shared = _shared_run([_BRACKETS.sub(" ", room).split() for room in named])
        if len(shared) >= 3 and shared.lower() not in _GENERIC:
            return shared
    return f"{len(distinct)} places"


def either(names: Sequence[str]) -> str:
    """``a or b``, ``a, b or c``: the members of a redundancy clause in words."""
    if len(names) == 1:
        return names[0]
    return f"{', '.join(names[:-1])} or {names[-1]}"


_SHARED_WORDS = 24
"""The words of each name (or room) searched for a shared run."""


def _shared_run(runs: Sequence[list[str]]) -> str:
    """The longest run of words (compared without case) found in every one of ``runs``."""
    if not runs or not runs[0]:
        return ""
    # Only the first words count: the search is cubic, and a name is a few words (issue 9).
    first = runs[0][:_SHARED_WORDS]
    others = [[w.lower() for w in run[:_SHARED_WORDS]] for run in runs[1:]]
    best: list[str] = []
    for start in range(len(first)):
        for end in range(len(first), start + len(best), -1):
            run = [w.lower() for w in first[start:end]]
            if all(_contains(other, run) for other in others):
                best = first[start:end]
                break
    return " ".join(best).strip(_EDGE_PUNCTUATION)


def _plain_words(text: str) -> list[str]:
    """The words of ``text`` without bracketed asides, places and bare numbers."""
    text = _NUMBER.sub(" ", _PLACE.sub(" ", _BRACKETS.sub(" ", text)))
    return [w for w in (w.strip(_EDGE_PUNCTUATION) for w in text.split()) if w]


def _contains(words: list[str], run: list[str]) -> bool:
    return any(words[i:i + len(run)] == run for i in range(len(words) - len(run) + 1))
