"""Weekly calendars: the weekly subset of OpenStreetMap's ``opening_hours`` syntax.

``time-and-people.md`` section 1. A calendar is a schedule that repeats every
week (``Mo-Fr 08:00-18:00; Sa 09:00-13:00``). :func:`parse_calendar` reads
one and reports a bad or non-weekly schedule as a :class:`CalendarError`
with the offset of the offending text, so that the loader can name its line
and column. A :class:`Calendar` is the schedule's text with its open hours
as an :class:`~depgraph.inventory.intervals.IntervalSet`, which answers the
questions of the cost model (``open_at``, ``open_time``, ``next_open``,
``advance``); this module is the reading, that one the arithmetic.

Why a parser of our own: the ``opening-hours-py`` package reads the whole OSM
language (holidays, dates, sunrise), which is exactly what must be refused
here, with a message in the user's terms and a column; the weekly subset is
a few dozen lines.

Example (a Friday-evening failure waits for Monday 08:00):

>>> office = parse_calendar("Mo-Fr 08:00-18:00")
>>> office.weekly_hours
50.0
>>> friday_evening = 4 * 24 + 19.0
>>> office.next_open(friday_evening) - friday_evening  # hours until Monday 08:00
61.0
>>> office.advance(4 * 24 + 17.0, 2.0) == 7 * 24 + 9.0  # 1 h Friday, 1 h Monday
True
>>> parse_calendar("Fr 20:00-02:00; Sa off").open_at(5 * 24 + 1.0)
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from depgraph.inventory.intervals import HOURS_PER_WEEK, IntervalSet
from depgraph.inventory.suggest import did_you_mean

__all__ = ["ALWAYS", "Calendar", "CalendarError", "DAYS", "parse_calendar", "weekday_time"]

MINUTES_PER_DAY = 1440
MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY
DAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_OFF = ("off", "closed")
_NOT_WEEKLY = {
    "ph": "public holidays are not supported; only weekly schedules",
    "sh": "school holidays are not supported; only weekly schedules",
    "week": "week numbers are not supported; only weekly schedules",
    "easter": "dates are not supported; only weekly schedules",
    "sunrise": "sunrise and sunset are not supported; only weekly schedules with times as HH:MM",
    "sunset": "sunrise and sunset are not supported; only weekly schedules with times as HH:MM",
    "dawn": "sunrise and sunset are not supported; only weekly schedules with times as HH:MM",
    "dusk": "sunrise and sunset are not supported; only weekly schedules with times as HH:MM",
}
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_TOKEN = re.compile(r"\s+|(?P<word>[A-Za-z]+)|(?P<num>[0-9][0-9:.]*)|(?P<sym>.)")
_TIME = re.compile(r"^([0-9]{2}):([0-9]{2})$")
_LOOSE_TIME = re.compile(r"^([0-9]{1,2})(?:[:.]?([0-9]{2}))?$")


class CalendarError(ValueError):
    """A schedule that is not a valid weekly calendar.

    ``message`` is the whole sentence shown to the user; ``offset`` is where
    in the schedule text the problem starts (0-based).
    """

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


@dataclass(frozen=True)
class _Token:
    kind: str  # "word" | "num" | "sym"
    text: str
    offset: int


@dataclass(frozen=True, eq=False)
class Calendar(IntervalSet):
    """A weekly schedule as written (``text``) and as open intervals of the week."""

    text: str = field(default="24/7")

    @property
    def key(self) -> tuple[tuple[float, ...], tuple[float, ...]]:
        """What identifies the schedule's time (two spellings of one schedule share it)."""
        return (self.starts, self.ends)


ALWAYS = Calendar(starts=(0.0,), ends=(HOURS_PER_WEEK,), text="24/7")


def weekday_time(t: float) -> str:
    """``"Monday 08:30"`` for a time in hours from Monday 00:00 (to the minute).

    >>> weekday_time(7 * 24 + 8.5), weekday_time(4 * 24 + 18)
    ('Monday 08:30', 'Friday 18:00')
    """
    minutes = round(t * 60) % MINUTES_PER_WEEK
    day, rest = divmod(minutes, MINUTES_PER_DAY)
    return f"{_DAY_NAMES[day]} {rest // 60:02d}:{rest % 60:02d}"


def parse_calendar(text: str) -> Calendar:
    """Read a weekly ``opening_hours`` schedule; :class:`CalendarError` when it is not one.

    >>> parse_calendar("Tu-Su 11:00-23:00; Fr,Sa 11:00-01:00").weekly_hours
    76.0
    >>> parse_calendar("Mo-Fr 8-18")
    Traceback (most recent call last):
    ...
    depgraph.inventory.calendars.CalendarError: 'Mo-Fr 8-18': write times as HH:MM, e.g. 08:00-18:00
    """
    return _Parser(text).calendar()


class _Parser:
    """One schedule: rules separated by ``;``, each replacing the spans of the days it names."""

    def __init__(self, text: str) -> None:
        self.text = text

    def fail(self, reason: str, offset: int) -> CalendarError:
        return CalendarError(f"'{self.text}': {reason}", offset)

    def calendar(self) -> Calendar:
        if not self.text.strip():
            raise self.fail("an empty schedule; write 24/7 or a weekly schedule such as "
                            "Mo-Fr 08:00-18:00", 0)
        spans: list[list[tuple[int, int]]] = [[] for _ in DAYS]
        offset = 0
        for rule in self.text.split(";"):
            self._rule(rule, offset, spans)
            offset += len(rule) + 1
        minutes = _week_intervals(spans)
        if not minutes:
            raise self.fail("the schedule is never open; name when it is open "
                            "(24/7 for always)", 0)
        return Calendar(
            starts=tuple(s / 60 for s, _ in minutes), ends=tuple(e / 60 for _, e in minutes),
            text=self.text,
        )

    def _tokens(self, rule: str, offset: int) -> list[_Token]:
        tokens = []
        for match in _TOKEN.finditer(rule):
            kind = match.lastgroup
            if kind is not None:
                tokens.append(_Token(kind, match.group(), offset + match.start()))
        for token in tokens:
            lowered = token.text.lower()
            if token.kind == "word" and lowered in _NOT_WEEKLY:
                raise self.fail(_NOT_WEEKLY[lowered], token.offset)
            if token.kind == "word" and lowered[:3] in _MONTHS and len(lowered) >= 3:
                raise self.fail("months are not supported; only weekly schedules", token.offset)
            if token.kind == "num" and re.fullmatch(r"[0-9]{4}", token.text):
                raise self.fail("years and dates are not supported; only weekly schedules",
                                token.offset)
        return tokens

    def _rule(self, rule: str, offset: int, spans: list[list[tuple[int, int]]]) -> None:
        if not rule.strip():
            where = "at the end" if offset + len(rule) == len(self.text) else "between two ';'"
            raise self.fail(f"an empty rule {where}; remove the extra ';'", offset)
        tokens = self._tokens(rule, offset)
        if [t.text for t in tokens] == ["24", "/", "7"]:
            for day in range(len(DAYS)):
                spans[day] = [(0, MINUTES_PER_DAY)]
            return
        days, rest = self._days(tokens)
        if rest and rest[0].kind == "word" and rest[0].text.lower() in _OFF:
            if len(rest) > 1:
                raise self.fail(f"'{rest[0].text}' takes no times", rest[1].offset)
            chosen: list[tuple[int, int]] = []
        elif not rest:
            if not days:
                raise self.fail("a rule needs days or times", offset)
            chosen = [(0, MINUTES_PER_DAY)]
        else:
            chosen = self._spans(rest)
        for day in days or range(len(DAYS)):
            spans[day] = list(chosen)

    def _days(self, tokens: list[_Token]) -> tuple[list[int], list[_Token]]:
        """The days a rule names (in order, once each) and the tokens after them."""
        days: list[int] = []
        i = 0
        while i < len(tokens) and tokens[i].kind == "word" and tokens[i].text.lower() not in _OFF:
            first = self._day(tokens[i])
            last = first
            if i + 2 < len(tokens) and tokens[i + 1].text == "-" and tokens[i + 2].kind == "word":
                last = self._day(tokens[i + 2])
                i += 2
            span = [(first + k) % 7 for k in range((last - first) % 7 + 1)]
            days.extend(d for d in span if d not in days)
            i += 1
            if i < len(tokens) and tokens[i].text == ",":
                if i + 1 >= len(tokens) or tokens[i + 1].kind != "word":
                    raise self.fail("a ',' between days must be followed by a day", tokens[i].offset)
                i += 1
        return days, tokens[i:]

    def _day(self, token: _Token) -> int:
        if token.text in DAYS:
            return DAYS.index(token.text)
        hint = did_you_mean(token.text[:2].capitalize(), DAYS)
        raise self.fail(f"'{token.text}' is not a day{hint} (days are {' '.join(DAYS)})",
                        token.offset)

    def _spans(self, tokens: list[_Token]) -> list[tuple[int, int]]:
        """``HH:MM-HH:MM`` spans separated by commas, in minutes from the day's start."""
        spans = []
        i = 0
        while True:
            if i + 2 >= len(tokens) or tokens[i + 1].text != "-":
                raise self._bad_times(tokens, i)
            start, end = tokens[i], tokens[i + 2]
            if start.kind != "num" or end.kind != "num":
                raise self._bad_times(tokens, i)
            spans.append(self._span(start, end, tokens, i))
            i += 3
            if i == len(tokens):
                return spans
            if tokens[i].text != ",":
                raise self.fail(f"unexpected '{tokens[i].text}'; separate spans with ',' "
                                "and rules with ';'", tokens[i].offset)
            i += 1

    def _span(self, start: _Token, end: _Token, tokens: list[_Token], i: int) -> tuple[int, int]:
        a, b = self._minutes(start, tokens, i), self._minutes(end, tokens, i)
        if a == MINUTES_PER_DAY:
            raise self.fail("a span may not start at 24:00", start.offset)
        if a == b:
            raise self.fail(f"the span {start.text}-{end.text} starts and ends at the same "
                            "minute", start.offset)
        return a, b if b > a else b + MINUTES_PER_DAY

    def _minutes(self, token: _Token, tokens: list[_Token], i: int) -> int:
        match = _TIME.match(token.text)
        if match is None:
            raise self._bad_times(tokens, i)
        hours, minutes = int(match.group(1)), int(match.group(2))
        if minutes >= 60 or hours * 60 + minutes > MINUTES_PER_DAY:
            raise self.fail(f"{token.text} is not a time; times run from 00:00 to 24:00",
                            token.offset)
        return hours * 60 + minutes

    def _bad_times(self, tokens: list[_Token], i: int) -> CalendarError:
        """"write times as HH:MM", with the span the user meant when it can be guessed."""
        example = "08:00-18:00"
        if i + 2 < len(tokens) and tokens[i + 1].text == "-":
            guessed = [_loose(tokens[i].text), _loose(tokens[i + 2].text)]
            if None not in guessed:
                example = f"{guessed[0]}-{guessed[1]}"
        return self.fail(f"write times as HH:MM, e.g. {example}", tokens[i].offset)


def _loose(text: str) -> str | None:
    """``8`` or ``8:30`` or ``0830`` as ``08:00`` / ``08:30``, when it is a plausible time."""
    match = _LOOSE_TIME.match(text)
    if match is None:
        return None
    hours, minutes = int(match.group(1)), int(match.group(2) or 0)
    if hours > 24 or minutes >= 60:
        return None
    return f"{hours:02d}:{minutes:02d}"


def _week_intervals(spans: list[list[tuple[int, int]]]) -> list[tuple[int, int]]:
    """The days' spans as merged ``[start, end)`` minutes of one week, wrapping Sunday night."""
    pieces: list[tuple[int, int]] = []
    for day, day_spans in enumerate(spans):
        for a, b in day_spans:
            start, end = day * MINUTES_PER_DAY + a, day * MINUTES_PER_DAY + b
            if end > MINUTES_PER_WEEK:
                pieces.append((start, MINUTES_PER_WEEK))
                pieces.append((0, end - MINUTES_PER_WEEK))
            else:
                pieces.append((start, end))
    merged: list[tuple[int, int]] = []
    for a, b in sorted(pieces):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged
