"""Fuzzing: structural mutants of valid sites through every command keep the contract.

The mutator and the contract live in ``tests/mutants.py`` (shared with the long
campaign, ``bench/fuzz_campaign.py``). Every command (validate, blast, rank,
incidents, compare and report with few years, audit, export to standard
output, render to DOT) runs in-process on each mutant and must exit 0, 1 or
2 without a traceback or a Python warning, print strict JSON and well-formed
XML, give every exit-2 message its place on one readable line, and finish
within :data:`mutants.TIME_LIMIT` seconds of CPU time (a hang detector, not a
benchmark: CPU time, so that a busy machine does not fail it).

The hypothesis test draws a bounded number of mutants; the parametrized
cases are the kinds of input that once broke the contract.
"""

from __future__ import annotations

import random
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mutants import COMMANDS, Mutant, base_sites, check_mutant, mutate

SITES = base_sites()
OFFICE = (Path(__file__).resolve().parents[1] / "inventories" / "small-office.yaml").read_text(
    encoding="utf-8"
)


def broken(mutant: Mutant) -> list[str]:
    """Every contract violation of every command on ``mutant``."""
    with tempfile.TemporaryDirectory() as folder:
        return [
            f"{o.command}: {v}" for o in check_mutant(mutant, Path(folder)) for v in o.violations
        ]


@settings(max_examples=20, suppress_health_check=[HealthCheck.too_slow])
@given(rng=st.randoms(use_true_random=False))
def test_every_command_keeps_the_contract_on_mutants(rng: random.Random) -> None:
    mutant = mutate(rng, SITES)
    assert broken(mutant) == [], mutant.mutations


def office_with(old: str, new: str) -> Mutant:
    assert old in OFFICE
    return Mutant(OFFICE.replace(old, new, 1), [f"{old} -> {new}"], "ups-mdf-a")


CASES = {
    "bool tag on a name": ("name: Brivo", "name: !!bool 'Brivo'"),
    "float tag on an id": ("id: lumen", "id: !!float 'lighting'"),
    "int tag on a rate": ("failures_per_year: 0.12", "failures_per_year: !!int '0.3'"),
    "empty int tag": ("failures_per_year: 0.12", "failures_per_year: !!int ''"),
    "int tag on 0x": ("id: lumen", "id: !!int '0x'"),
    "timestamp tag": ("trade: isp", "trade: !!timestamp 'aGVsbG8='"),
    "impossible date as an id": ("id: lumen", "id: 2020-13-45"),
    "huge rate": ("failures_per_year: 0.12", "failures_per_year: 1.0e+308"),
    "huge money": ("hourly_rate: 175", "hourly_rate: 1.0e+308"),
    "huge hours": ("response_hours: 24", "response_hours: 1.0e+308"),
    "a rate at its bound": ("failures_per_year: 0.12    # failures that drop",
                            "failures_per_year: 1000    # failures that drop"),
    "every rate at its bound": ("failures_per_year: 0.12    # commercial",
                                "failures_per_year: 1000    # commercial"),
    "hours at their bound": ("repair_hours: 1.0", "repair_hours: 100000"),
    "control characters in a name": ("name: Lumen", 'name: "Lumen\\0\\e[2J\\x07\\u202e"'),
    "a name of 20,000 characters": ("name: Lumen", "name: " + "Lumen " * 4000),
    "deep nesting": ("version: 1", "version: 1\nextra: " + "[" * 5000 + "]" * 5000),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_inputs_that_once_broke_the_contract(case: str) -> None:
    assert broken(office_with(*CASES[case])) == []


def test_the_mutants_reach_every_command_with_valid_and_invalid_sites() -> None:
    rng = random.Random(4)
    mutants = [mutate(rng, SITES) for _ in range(12)]
    with tempfile.TemporaryDirectory() as folder:
        exits = [o.exit for m in mutants for o in check_mutant(m, Path(folder), ("validate",))]
    assert {0, 2} <= set(exits), "a campaign needs both valid and invalid mutants"
    assert len(COMMANDS) == 9
