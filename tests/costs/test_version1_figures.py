"""A file that uses no calendar and no audience gives exactly the figures of version 1.

``tests/golden/version1/`` holds the bundled sites as they were before
calendars and audiences existed, a generated campus, and the ``incidents
--json`` (every plan), ``compare --json`` (200 years, seed 3) and ``rank
--json`` output the code of that time gave. These tests rerun them and
compare number for number; of ``compare``, everything but the simulated
part, whose rules (``cost-model.md`` section 3, combined failures) have
changed since for every site alike. Keys added since (``hours_p90``, the default
vendor's ``hours``, other issues' additions such as rank's ``risk``) are
left out of the comparison; every key of version 1 must be there, equal.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from depgraph import incidents, load_inventory
from depgraph.cli.main import main

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "version1"
SITES = sorted(GOLDEN.glob("*.yaml"))


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> Any:
    assert main(argv) == 0
    return json.loads(capsys.readouterr().out)


def _run_text(argv: list[str], text: str, capsys: pytest.CaptureFixture[str]) -> Any:
    import io
    import sys

    stdin = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(text.encode()))
    try:
        return _run(argv, capsys)
    finally:
        sys.stdin = stdin


def _as_before(now: Any, before: Any) -> Any:
    """``now`` with only the keys ``before`` had, at every level: keys added since are left out."""
    if isinstance(now, dict) and isinstance(before, dict):
        return {key: _as_before(now[key], before[key]) if key in now else None for key in before}
    if isinstance(now, list) and isinstance(before, list) and len(now) == len(before):
        return [_as_before(n, b) for n, b in zip(now, before, strict=True)]
    return now


def test_there_are_version1_sites() -> None:
    assert len(SITES) == 4


@pytest.mark.parametrize("site", SITES, ids=lambda p: p.stem)
def test_incidents_are_those_of_version1(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plans = [None, *(p.id for p in load_inventory(site).plans)]
    for plan in plans:
        suffix = "" if plan is None else f"-{plan}"
        argv = ["incidents", str(site), "--json"] + ([] if plan is None else ["--plan", plan])
        before = json.loads((GOLDEN / f"{site.stem}.incidents{suffix}.json").read_text())
        assert _as_before(_run(argv, capsys), before) == before


@pytest.mark.parametrize("site", SITES, ids=lambda p: p.stem)
def test_compare_and_rank_are_those_of_version1(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    compare = _run(["compare", str(site), "--years", "200", "--seed", "3", "--json"], capsys)
    before = json.loads((GOLDEN / f"{site.stem}.compare.json").read_text())
    for plan in (*compare["plans"], *before["plans"]):
        del plan["simulation"]  # section 3 has changed since (combined failures); see below
    assert _as_before(compare, before) == before
    rank = _run(["rank", str(site), "--json"], capsys)
    before = json.loads((GOLDEN / f"{site.stem}.rank.json").read_text())
    assert _as_before(rank, before) == before


def test_hours_p90_without_calendars_is_the_hours_without_misdirection() -> None:
    inventory = load_inventory(GOLDEN / "small-office.yaml")
    found = incidents(inventory)
    assert any(i.misdirectable_handoffs for i in found)
    for i in found:
        assert i.hours_p90 == i.detection_hours + sum(e.hours for e in i.engagements)


@pytest.mark.parametrize("site", SITES, ids=lambda p: p.stem)
def test_calendars_written_out_as_24_7_change_nothing(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Every calendar written as ``24/7`` and no ``cost_per_hour_closed``: the simulated years too."""
    data = yaml.safe_load(site.read_text(encoding="utf-8"))
    data["site"]["hours"] = "24/7"
    for section in ("services", "vendors", "plans"):
        for item in data.get(section, []):
            item["hours"] = "24/7"
    for service in data.get("services", []):
        service["cost_per_hour_closed"] = 5  # never charged: the service is never closed
    argv = ["compare", "-", "--years", "200", "--seed", "3", "--json"]
    plain = _run(["compare", str(site), "--years", "200", "--seed", "3", "--json"], capsys)
    written = _run_text(argv, json.dumps(data), capsys)
    assert written == plain
