"""Weekly calendars: the parser's rules and messages, and the arithmetic against a brute force.

The brute force walks the week minute by minute, so it shares nothing with
the interval arithmetic of :mod:`depgraph.inventory.intervals`.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from depgraph import load_inventory
from depgraph.cli.main import main
from depgraph.errors import InventoryError
from depgraph.inventory.calendars import DAYS, CalendarError, parse_calendar

WEEK = 7 * 24 * 60


def _minutes_open(text: str) -> list[bool]:
    calendar = parse_calendar(text)
    return [bool(calendar.open_at(m / 60)) for m in range(WEEK)]


@pytest.mark.parametrize(("text", "hours"), [
    ("24/7", 168), ("Mo-Fr 08:00-18:00", 50), ("Mo-Fr 08:00-12:00,13:00-17:00; Sa 09:00-13:00", 44),
    ("Tu-Su 11:00-23:00; Fr,Sa 11:00-01:00", 76), ("Mo-Su 07:00-22:00; We off", 90),
    ("Mo-Fr", 120), ("Fr-Mo", 96), ("Mo-Mo 10:00-11:00", 1), ("Fr 20:00-02:00; Sa off", 6),
    ("Su 22:00-02:00", 4), ("Mo 00:00-24:00", 24), ("Mo 08:30-09:15", 0.75), ("08:00-18:00", 70),
])
def test_weekly_hours(text: str, hours: float) -> None:
    assert parse_calendar(text).weekly_hours == pytest.approx(hours)


def test_a_span_past_midnight_belongs_to_the_day_it_starts_on() -> None:
    calendar = parse_calendar("Fr 20:00-02:00; Sa off")
    saturday = 5 * 24
    assert calendar.open_at(saturday + 1.99) and not calendar.open_at(saturday + 2)
    sunday_night = parse_calendar("Su 22:00-02:00")
    assert sunday_night.open_at(1.0) and sunday_night.open_at(167.5) and not sunday_night.open_at(2.0)


def test_intervals_are_closed_at_the_start_and_open_at_the_end() -> None:
    office = parse_calendar("Mo-Fr 08:00-18:00")
    assert office.open_at(8.0) and not office.open_at(18.0) and not office.open_at(7.999)


def test_a_later_rule_replaces_the_days_it_names() -> None:
    late = parse_calendar("Tu-Su 11:00-23:00; Fr,Sa 11:00-01:00")
    friday, saturday = 4 * 24, 5 * 24
    assert late.open_at(saturday + 0.5) and late.open_at(saturday + 23.5)
    assert not late.open_at(friday + 0.5)  # Thursday's span ends at 23:00
    assert not late.open_at(0.5 + 24 * 0) and not late.open_at(12)  # Monday is closed


@pytest.mark.parametrize(("text", "offset", "message"), [
    ("Mo-Fr 8-18", 6, "'Mo-Fr 8-18': write times as HH:MM, e.g. 08:00-18:00"),
    ("PH off", 0, "'PH off': public holidays are not supported; only weekly schedules"),
    ("Mo-Fr 08:00-18:00; PH off", 19, "public holidays are not supported"),
    ("Jan-Mar 08:00-18:00", 0, "months are not supported"),
    ("week 1-10 Mo 08:00-09:00", 0, "week numbers are not supported"),
    ("2024 Mo 08:00-09:00", 0, "years and dates are not supported"),
    ("Mo-Fr sunrise-sunset", 6, "sunrise and sunset are not supported"),
    ("Mo-Fr 08:00-18:00;", 18, "an empty rule at the end"),
    ("Mo off", 0, "never open"),
    ("Mo-Fr 08:00-18:00; Mo-Su off", 0, "never open"),
    ("Mon 08:00-10:00", 0, "'Mon' is not a day; did you mean 'Mo'?"),
    ("Mo 24:00-02:00", 3, "a span may not start at 24:00"),
    ("Mo 08:00-08:00", 3, "starts and ends at the same minute"),
    ("Mo 08:00-24:30", 9, "24:30 is not a time"),
    ("Mo off 08:00-09:00", 7, "'off' takes no times"),
    ("Mo 8:30-9", 3, "e.g. 08:30-09:00"),
    ("", 0, "an empty schedule"),
])
def test_bad_schedules_are_named(text: str, offset: int, message: str) -> None:
    with pytest.raises(CalendarError) as caught:
        parse_calendar(text)
    assert message in caught.value.message and caught.value.message.startswith(f"'{text}': ")
    assert caught.value.offset == offset


def test_the_loader_points_at_the_column(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "site.yaml"
    path.write_text(
        "version: 1\n"
        "site: {name: demo, hours: 'Mo-Fr 8-18'}\n"
        "defaults:\n  vendor: {hours: PH off}\n"
        "vendors: [{id: v}]\n"
        "components: [{id: a, category: network, vendor: v}]\n"
        "services:\n  - id: s\n    requires: [a]\n    hours: Mo-Fr 08:00-18:00;\n"
        "plans: [{id: p, monthly_fee: 1, hours: Mo off}]\n"
    )
    assert main(["validate", str(path)]) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"{path}:2:34: 'Mo-Fr 8-18': write times as HH:MM, e.g. 08:00-18:00",
        f"{path}:4:19: 'PH off': public holidays are not supported; only weekly schedules",
        f"{path}:10:30: 'Mo-Fr 08:00-18:00;': an empty rule at the end; remove the extra ';'",
        f"{path}:11:40: 'Mo off': the schedule is never open; name when it is open (24/7 for always)",
    ]


def test_a_schedule_must_be_text() -> None:
    with pytest.raises(InventoryError, match="put it in quotes"):
        load_inventory("version: 1\nsite: {name: x, hours: 5}\ncomponents: [{id: a, category: other}]\n")


_SPAN = st.tuples(st.integers(0, 23), st.sampled_from([0, 15, 30, 45]), st.integers(1, 20 * 4))


@st.composite
def schedules(draw: st.DrawFn) -> str:
    rules = []
    for _ in range(draw(st.integers(1, 3))):
        first, last = draw(st.integers(0, 6)), draw(st.integers(0, 6))
        days = DAYS[first] if first == last else f"{DAYS[first]}-{DAYS[last]}"
        if draw(st.booleans()):
            spans = []
            for h, m, quarters in draw(st.lists(_SPAN, min_size=1, max_size=2)):
                start = h * 60 + m
                end = (start + quarters * 15) % 1440
                spans.append(f"{h:02d}:{m:02d}-{end // 60:02d}:{end % 60:02d}")
            rules.append(f"{days} {','.join(spans)}")
        else:
            rules.append(days)
    return "; ".join(rules)


@settings(max_examples=40, deadline=None)
@given(schedules(), st.lists(st.integers(0, 2 * WEEK - 1), min_size=1, max_size=5),
       st.integers(0, 3000))
def test_arithmetic_agrees_with_a_minute_by_minute_walk(text: str, starts: list[int], work: int) -> None:
    try:
        calendar = parse_calendar(text)
    except CalendarError:
        return  # a schedule that closes everything it names
    open_minutes = _minutes_open(text)
    for start in starts:
        t = start / 60
        # next_open: walk forward to the first open minute
        m = start
        while not open_minutes[m % WEEK]:
            m += 1
        assert calendar.next_open(t) == pytest.approx(m / 60)
        # open_time over [t, t + 1 day): count open minutes
        counted = sum(open_minutes[(start + k) % WEEK] for k in range(1440))
        assert calendar.open_time(t, t + 24.0) == pytest.approx(counted / 60)
        # advance: walk until ``work`` open minutes are done
        m, done = start, 0
        while done < work:
            done += open_minutes[m % WEEK]
            m += 1
        if work:  # the last minute worked ends at m
            assert calendar.advance(t, work / 60) == pytest.approx(m / 60)
        else:
            assert calendar.advance(t, 0.0) == t


def test_arithmetic_works_on_arrays() -> None:
    office = parse_calendar("Mo-Fr 08:00-18:00")
    t = np.array([0.0, 8.0, 17.5, 4 * 24 + 18.0])
    assert office.next_open(t).tolist() == [8.0, 8.0, 17.5, 7 * 24 + 8.0]
    assert office.advance(t, 1.0).tolist() == [9.0, 9.0, 24 + 8.5, 7 * 24 + 9.0]
    assert office.open_time(t, t + 168).tolist() == [50.0] * 4


@settings(max_examples=30, deadline=None)
@given(schedules(), st.floats(-500, 500), st.floats(0, 400))
def test_open_hours_on_floats_agrees_with_the_array_arithmetic(text: str, a: float, span: float) -> None:
    try:
        calendar = parse_calendar(text)
    except CalendarError:
        return
    expected = calendar.open_time(np.array([a]), np.array([a + span]))[0]
    assert calendar.open_hours(a, a + span) == pytest.approx(expected, abs=1e-9)
