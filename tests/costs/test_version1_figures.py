"""A file that uses no calendar and no audience gives exactly the figures of version 1.

``tests/golden/version1/`` holds the bundled sites as they were before
calendars and audiences existed, a generated campus, and the ``incidents
--json`` (every plan), ``compare --json`` (200 years, seed 3) and ``rank
--json`` output the code of that time gave. These tests rerun them and
compare number for number: keys added since (``hours_p90``, the default
vendor's ``hours``) are left out of the comparison, nothing else.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from depgraph import incidents, load_inventory
from depgraph.cli.main import main

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "version1"
SITES = sorted(GOLDEN.glob("*.yaml"))


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> Any:
    assert main(argv) == 0
    return json.loads(capsys.readouterr().out)


def _without_new_keys(document: Any) -> Any:
    for entry in document.get("incidents", []):
        entry.pop("hours_p90")
    if "assumptions" in document:
        document["assumptions"]["default_vendor"].pop("hours")
    return document


def test_there_are_version1_sites() -> None:
    assert len(SITES) == 4


@pytest.mark.parametrize("site", SITES, ids=lambda p: p.stem)
def test_incidents_are_those_of_version1(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plans = [None, *(p.id for p in load_inventory(site).plans)]
    for plan in plans:
        suffix = "" if plan is None else f"-{plan}"
        argv = ["incidents", str(site), "--json"] + ([] if plan is None else ["--plan", plan])
        before = json.loads((GOLDEN / f"{site.stem}.incidents{suffix}.json").read_text())
        assert _without_new_keys(_run(argv, capsys)) == before


@pytest.mark.parametrize("site", SITES, ids=lambda p: p.stem)
def test_compare_and_rank_are_those_of_version1(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    compare = _run(["compare", str(site), "--years", "200", "--seed", "3", "--json"], capsys)
    assert _without_new_keys(compare) == json.loads((GOLDEN / f"{site.stem}.compare.json").read_text())
    rank = _run(["rank", str(site), "--json"], capsys)
    assert rank == json.loads((GOLDEN / f"{site.stem}.rank.json").read_text())


def test_hours_p90_without_calendars_is_the_hours_without_misdirection() -> None:
    inventory = load_inventory(GOLDEN / "small-office.yaml")
    found = incidents(inventory)
    assert any(i.misdirectable_handoffs for i in found)
    for i in found:
        assert i.hours_p90 == i.detection_hours + sum(e.hours for e in i.engagements)
