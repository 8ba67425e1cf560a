"""The simulated years of ``cost-model.md`` section 3, and the ``compare`` command.

The fast simulation (lone failures costed in bulk, overlapping groups replayed)
is checked against ``reference_years`` below: a plain replay of every year,
event by event, that recomputes the down set from scratch at each event.

Golden file: ``tests/golden/compare-demo.txt`` holds the readable output of
``compare`` on a small site (``tests/golden.py`` says how to regenerate it).
"""

from __future__ import annotations

import json
import math
from io import StringIO
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from golden import assert_golden
from hypothesis import event, given, settings, target
from hypothesis import strategies as st
from sites import ROOT
from strategies import busy_sites, redundant_sites

from depgraph.cli.commands.compare import ProgressBar
from depgraph.cli.main import main
from depgraph.costs.incidents import incident
from depgraph.costs.plans import plan_ids
from depgraph.costs.yearly import expected_year
from depgraph.engine.graph import graph_of
from depgraph.errors import UsageError
from depgraph.inventory.container import Inventory
from depgraph.loading import load_inventory
from depgraph.simulation.combined import CombinedCosts
from depgraph.simulation.comparison import compare
from depgraph.simulation.replay import GroupFailures, Replay, UnionState
from depgraph.simulation.sampling import HOURS_PER_YEAR, Failures
from depgraph.simulation.simulator import Simulator
from depgraph.simulation.summary import YearFigures, summarize
from depgraph.simulation.years import simulate, simulate_years

OFFICE = ROOT / "inventories" / "small-office.yaml"

# --- the reference: every year replayed event by event, from scratch ---------


def reference_years(simulator: Simulator, failures: Failures, years: int) -> list[dict[str, Any]]:
    """Per plan: each year's labor, downtime cost and incidents, and hours down per service.

    Follows section 3 and the decisions of ``depgraph.simulation.simulator``
    literally, over each whole year: the down set after every event is the
    least fixpoint built from nothing, every exposure finds every latent
    failure present, wherever it is in the graph, and a failure latent alone
    that takes a service down in combination is costed by the public
    :func:`incident` on the components failed at that moment.
    """
    graph = simulator.graph
    inventory = simulator.inventory
    blame = inventory.model.blame_probability
    exposing = [
        any(graph.is_service(n) for n in graph.down_from_scratch([c]))
        for c in range(graph.n_components)
    ]
    results = []
    for terms in simulator.terms:
        labor, downtime, incidents = [0.0] * years, [0.0] * years, [0] * years
        hours_down = [0.0] * len(inventory.services)
        combined: list[tuple[int, int, float]] = []
        for year in range(years):
            chosen = []
            for i in np.flatnonzero(failures.year == year):
                c = int(failures.component[i])
                if terms.covered[c] and failures.prevented[i] < terms.failure_reduction:
                    continue
                misses = sum(1 for j in range(terms.misdirectable[c]) if failures.blame[i, j] < blame)
                chosen.append({
                    "c": c, "start": float(failures.start[i]),
                    "hours": terms.hours[c] * failures.spread[i] + misses * terms.misdirection_hours,
                    "labor": terms.labor[c] + misses * terms.misdirection_labor,
                    "latent": bool(terms.latent[c]), "exposing": exposing[c],
                    "spread": float(failures.spread[i]), "blame": failures.blame[i].tolist(),
                })
            year_labor, year_downtime, count, found = _replay_year(
                graph, terms.plan, chosen, hours_down)
            labor[year], downtime[year], incidents[year] = year_labor, year_downtime, count
            combined += [(year, service, hours) for service, hours in found]
        results.append({"labor": labor, "downtime": downtime, "incidents": incidents,
                        "hours": hours_down, "combined": sorted(combined)})
    return results


def _combined(graph: Any, plan: str, failure: dict[str, Any], failed: list[int]) -> Any:
    """Hours and labor of a failure latent alone that takes a service down in combination."""
    inventory = graph.inventory
    event = incident(inventory, plan, graph.ids[failure["c"]], [graph.ids[c] for c in failed])
    assert event.detection == "symptom"
    misses = sum(1 for u in failure["blame"][:event.misdirectable_handoffs]
                 if u < inventory.model.blame_probability)
    work = event.detection_hours + sum(e.hours for e in event.engagements)
    return (work * failure["spread"] + misses * event.misdirection_hours,
            sum(e.labor for e in event.engagements) + misses * event.misdirection_labor,
            graph.index[event.symptom] - graph.n_components)


def _replay_year(graph: Any, plan: str, chosen: list[dict[str, Any]], hours_down: list[float]) -> Any:
    failed: dict[int, int] = {}  # component -> failure
    end: dict[int, float] = {}
    present: set[int] = set()  # latent failures not yet restored
    down: set[int] = set()
    labor = downtime = 0.0
    count = 0
    now = 0.0
    found: list[tuple[int, float]] = []
    arrivals = list(range(len(chosen)))
    while arrivals or failed:
        next_arrival = chosen[arrivals[0]]["start"] if arrivals else math.inf
        restoring = min(failed.values(), key=lambda k: (end[k], k), default=None)
        next_restore = end[restoring] if restoring is not None else math.inf
        t = min(next_arrival, next_restore)
        for node in down:
            if graph.is_service(node):
                downtime += graph.cost_per_hour[node] * (t - now)
                hours_down[node - graph.n_components] += t - now
        now = t
        if restoring is not None and next_restore <= next_arrival:
            del failed[chosen[restoring]["c"]]
            present.discard(restoring)
            down = graph.down_from_scratch(failed)
            continue
        k = arrivals.pop(0)
        failure = chosen[k]
        if failure["c"] in failed:
            continue  # absorbed by the outage in progress
        count += 1
        before_failed = list(failed)
        failed[failure["c"]] = k
        before, down = down, graph.down_from_scratch(failed)
        lost = [n for n in down - before if graph.is_service(n)]
        end[k] = t + failure["hours"]
        cost = failure["labor"]
        if lost and failure["latent"]:  # latent alone, down in combination: a symptom incident
            hours, cost, symptom = _combined(graph, plan, failure, before_failed)
            end[k] = t + hours
            found.append((symptom, hours))
        labor += cost
        if lost or failure["exposing"]:  # a service goes down: every latent failure is found
            for j in present:
                end[j] = min(end[j], end[k])
        if failure["latent"] and not lost:
            present.add(k)
    return labor, downtime, count, found


# --- generated busy sites ------------------------------------------------------




def _agrees_with_the_reference(inventory: Inventory, seed: int, years: int) -> int:
    """Check the fast simulation against :func:`reference_years`; the combined failures seen."""
    simulator = Simulator(inventory)
    failures = simulator.sample(years, np.random.Generator(np.random.PCG64(seed)))
    fast = simulator.run(failures, years)
    slow = reference_years(simulator, failures, years)
    for figures, expected in zip(fast, slow, strict=True):
        assert figures.incidents.tolist() == expected["incidents"]
        assert figures.labor.tolist() == pytest.approx(expected["labor"], rel=1e-9, abs=1e-6)
        assert figures.downtime_cost.tolist() == pytest.approx(
            expected["downtime"], rel=1e-9, abs=1e-6)
        assert figures.downtime_hours.tolist() == pytest.approx(
            expected["hours"], rel=1e-9, abs=1e-6)
        combined = sorted(zip(figures.combined_year.tolist(), figures.combined_service.tolist(),
                              figures.combined_hours.tolist(), strict=True))
        assert [(y, s) for y, s, _ in combined] == [(y, s) for y, s, _ in expected["combined"]]
        assert [h for _, _, h in combined] == pytest.approx(
            [h for _, _, h in expected["combined"]], rel=1e-9, abs=1e-6)
    return sum(len(f.combined_year) for f in fast)


@settings(max_examples=60)
@given(busy_sites(), st.integers(0, 2**32 - 1))
def test_fast_simulation_matches_the_event_by_event_reference(
    inventory: Inventory, seed: int
) -> None:
    _agrees_with_the_reference(inventory, seed, years=12)


@settings(max_examples=40)
@given(redundant_sites(), st.integers(0, 2**32 - 1))
def test_fast_simulation_matches_the_reference_when_failures_combine(
    inventory: Inventory, seed: int
) -> None:
    combined = _agrees_with_the_reference(inventory, seed, years=6)
    event("combined failures" if combined else "no combined failure")
    target(float(combined))


# --- the rules, worked out by hand ---------------------------------------------

HAND = """
version: 1
site: {name: Hand-worked}
model: {latent_discovery_days: 30, blame_probability: 0, duration_spread: 0}
vendors:
  - {id: fiberco, billing: included, response_hours: 4, diagnosis_hours: 1}
  - {id: netco, billing: included, response_hours: 4, diagnosis_hours: 1}
  - {id: avco, response_hours: 20, diagnosis_hours: 1, hourly_rate: 100, trip_fee: 0}
components:
  - {id: line-a, category: network, vendor: fiberco}
  - {id: line-b, category: network, vendor: fiberco}
  - {id: tv, category: video, vendor: avco}
  - {id: ap-1, category: network, vendor: netco}
  - {id: ap-2, category: network, vendor: netco}
  - {id: ap-3, category: network, vendor: netco}
services:
  - {id: internet, requires: [{any: [line-a, line-b]}], cost_per_hour: 50, notice_hours: 2}
  - {id: signage, requires: [tv], cost_per_hour: 10, notice_hours: 1}
  - {id: wifi, requires: [{at_least: 2, of: [ap-1, ap-2, ap-3]}], cost_per_hour: 20,
     notice_hours: 1}
"""
# Under break-fix (no spread, no misdirection):
# - a line or an access point alone takes nothing down and nobody watches it: latent,
#   30 days x 24 = 720 h + 4 h response + 1 h diagnosis + 1 h repair = 726 h (6 h of
#   work), labor $0 (billed "included");
# - the TV takes signage down: 1 h notice + 20 + 1 + 1 = 23 h, labor 100 x (1 + 1) = $200.


def _hand_year(*failures: tuple[str, float]) -> tuple[list[float], YearFigures]:
    """One break-fix year of ``failures`` (component id, hour): restorations found by
    failures that take a service down on their own, and the year's figures."""
    inventory = load_inventory(HAND)
    simulator = Simulator(inventory)
    n = len(failures)
    ids = [c.id for c in inventory.components]
    year = Failures(
        year=np.zeros(n, dtype=np.int64),
        component=np.array([ids.index(c) for c, _ in failures], dtype=np.int64),
        start=np.array([t for _, t in failures]), prevented=np.ones(n), spread=np.ones(n),
        blame=np.ones((n, simulator.handoffs)),
    )
    return simulator.outcomes(year)[0].end.tolist(), simulator.run(year, 1)[0]


def _figures(year: YearFigures) -> tuple[float, float, int, list[float]]:
    """Labor, downtime cost, incidents and hours down per service (internet, signage, wifi)."""
    return (float(year.labor[0]), float(year.downtime_cost[0]), int(year.incidents[0]),
            year.downtime_hours.tolist())


def test_a_latent_backup_line_is_repaired_with_an_unrelated_outage() -> None:
    # The backup line fails unseen on day 1 (hour 10), due back after 726 h. On day 3
    # (hour 50) the TV fails: signage goes down, so the line, present, is restored with
    # the TV's incident at 50 + 23 = 73, not at 736. When the main line fails at hour 200
    # the backup is back: nothing goes down (the main line waits its 726 h, to 926).
    # Labor: the TV's $200. Downtime: signage 23 h x $10 = $230; internet none (had the
    # backup waited, the internet would be down from 200 until 200 + 2 h notice + 6 h
    # work: 8 h x $50).
    end, year = _hand_year(("line-b", 10.0), ("tv", 50.0), ("line-a", 200.0))
    assert end == [73.0, 73.0, 926.0]
    assert _figures(year) == (200.0, 230.0, 3, [0.0, 23.0, 0.0])


def test_an_outage_seen_only_in_combination_finds_latent_failures_anywhere() -> None:
    # The backup line fails unseen at 10, ap-1 at 20; ap-2 at 30 takes Wi-Fi down (two of
    # three access points gone): a symptom incident. Wi-Fi's owner is NetCo (the loader
    # fills it in from the access points), and the chain wifi -> ap-2 stays with NetCo:
    # back at 30 + 1 h notice + 6 h work = 37, and ap-1 and the backup line, both present,
    # are restored by 37 too (the line has nothing to do with Wi-Fi). So the main line
    # failing at 100 takes nothing down.
    # Downtime: Wi-Fi 30-37, 7 h x $20 = $140; labor $0.
    _, year = _hand_year(("line-b", 10.0), ("ap-1", 20.0), ("ap-2", 30.0), ("line-a", 100.0))
    assert _figures(year) == (0.0, 140.0, 4, [0.0, 0.0, 7.0])


def test_a_failure_absorbed_by_the_outage_in_progress_finds_nothing() -> None:
    # The TV fails at 0 (signage down until 23); the backup line fails unseen at 5, after
    # that outage began; the TV fails again at 10, still failed: absorbed, no incident, so
    # no service goes down and the line is not found. The main line fails at 100: the
    # internet goes down, the main line is found at once (2 h notice + 6 h work, back at
    # 108) and the backup, present, is restored with it.
    # Downtime: signage 23 h x $10 + internet 8 h x $50 = $630; labor: one TV incident.
    end, year = _hand_year(("tv", 0.0), ("line-b", 5.0), ("tv", 10.0), ("line-a", 100.0))
    assert end[1] == 731.0  # 5 + 726: the absorbed TV failure found nothing
    assert _figures(year) == (200.0, 630.0, 3, [8.0, 23.0, 0.0])


def test_a_failure_of_a_component_still_failed_is_absorbed() -> None:
    graph = graph_of(load_inventory(HAND))
    tv = 2
    # The TV fails at 0 for 10 h and again at 5: one incident, signage down 0-10.
    group = GroupFailures(component=[tv, tv], start=[0.0, 5.0], end=[10.0, 15.0], spread=[1.0] * 2,
                          latent=[False] * 2, exposing=[True] * 2, labor=[100.0] * 2, blame=[[], []])
    downs = [tuple(sorted(graph.down([c]))) for c in range(graph.n_components)]
    costs = CombinedCosts(graph.inventory, "break-fix")
    replayed = Replay(graph).group(UnionState(graph, downs), group, costs, lambda t: ())
    assert (replayed.labor, replayed.downtime, replayed.incidents) == (100.0, 100.0, 1)
    assert replayed.service_hours == {1: 10.0}
    assert replayed.end[0] == 10.0 and math.isnan(replayed.end[1])


def test_two_access_points_weeks_apart_take_wifi_down_which_the_expected_value_misses() -> None:
    # Under break-fix a lone AP failure is latent (nothing goes down, nobody watches), so
    # it waits 30 days: a second AP failing meanwhile takes Wi-Fi down.
    inventory = load_inventory("""
version: 1
site: {name: Aps}
model: {latent_discovery_days: 30}
components:
  - {id: ap-1, category: network, failures_per_year: 3}
  - {id: ap-2, category: network, failures_per_year: 3}
  - {id: ap-3, category: network, failures_per_year: 3}
services:
  - {id: wifi, requires: [{at_least: 2, of: [ap-1, ap-2, ap-3]}], cost_per_hour: 40}
""")
    expected = expected_year(inventory, "break-fix")
    assert expected.downtime_hours == {"wifi": 0.0} and expected.downtime_cost == 0.0
    simulated = simulate(inventory, years=500, seed=1).plans[0]
    assert simulated.downtime_hours["wifi"] > 24
    assert simulated.downtime_cost == pytest.approx(40 * simulated.downtime_hours["wifi"])


# --- statistics ----------------------------------------------------------------


def _tiny_rates(inventory: Inventory, factor: float) -> Inventory:
    components = tuple(
        c.model_copy(update={"failures_per_year": c.failures_per_year * factor})
        for c in inventory.components
    )
    return inventory.model_copy(update={"components": components})


def test_with_tiny_rates_the_simulated_mean_agrees_with_the_expected_value() -> None:
    inventory = _tiny_rates(load_inventory(OFFICE), 0.02)
    years = 40_000
    figures = simulate_years(inventory, years, seed=7)
    for plan, f in zip(plan_ids(inventory), figures, strict=True):
        cost = f.cost
        tolerance = 4 * cost.std(ddof=1) / math.sqrt(years)  # 4 standard errors
        assert abs(cost.mean() - expected_year(inventory, plan).annual_cost) < tolerance, plan


def test_a_plan_with_no_fee_and_no_effect_costs_what_break_fix_costs_every_year() -> None:
    # It covers only an ISP billed "included", which a partner never takes over: no
    # component is covered, nothing is watched or prevented, the symptom is reported
    # to the same owners.
    text = OFFICE.read_text().replace(
        "\nplans:\n",
        "\nplans:\n  - {id: nothing, monthly_fee: 0, covers: [lumen], failure_reduction: 0.9}\n",
    )
    inventory = load_inventory(text)
    figures = simulate_years(inventory, 300, seed=3)
    baseline, nothing = figures[0], figures[1]
    assert nothing.plan == "nothing"
    assert np.array_equal(nothing.cost, baseline.cost)
    assert np.array_equal(nothing.incidents, baseline.incidents)
    assert np.array_equal(nothing.downtime_hours, baseline.downtime_hours)
    assert summarize(inventory, figures, 3).plans[1].cheaper_than_break_fix == 0.0


def test_summary_statistics_by_hand() -> None:
    inventory = load_inventory(HAND)
    zero = np.zeros(3)

    def figures(plan: str, fee: float, labor: list[float]) -> YearFigures:
        return YearFigures(plan, fee, np.array(labor), np.array([0.0, 30.0, 0.0]),
                           np.array([1, 2, 3]), zero + 6)

    # break-fix years cost 10, 50, 30; the plan (fee 1 a month) 22, 32, 42.
    summary = summarize(inventory, [figures("break-fix", 0, [10, 20, 30]),
                                    figures("p", 1, [10, -10, 30])], seed=5)
    base, plan = summary.plans
    assert (base.mean, base.std, base.p50, base.p90, base.p99) == pytest.approx(
        (30, 20, 30, 46, 49.6))  # sample std: sqrt((400 + 400 + 0) / 2)
    assert plan.mean == pytest.approx(32) and plan.p50 == pytest.approx(32)
    assert plan.cheaper_than_break_fix == pytest.approx(1 / 3)  # 22 > 10, 32 < 50, 42 > 30
    assert base.cheaper_than_break_fix is None
    assert (base.labor, base.downtime_cost, base.incidents) == (20, 10, 2)
    assert base.downtime_hours == {"internet": 2.0, "signage": 2.0, "wifi": 2.0}


def test_every_year_is_simulated_and_each_failure_counts_once() -> None:
    inventory = load_inventory(OFFICE)
    figures = simulate_years(inventory, 50, seed=2)
    assert all(len(f.cost) == 50 for f in figures)
    rate = sum(c.failures_per_year for c in inventory.components)
    assert figures[0].incidents.sum() == pytest.approx(50 * rate, rel=0.25)
    assert HOURS_PER_YEAR == 8760


def test_bad_years_and_seed_are_usage_errors() -> None:
    inventory = load_inventory(HAND)
    with pytest.raises(UsageError, match="at least 1"):
        simulate_years(inventory, 0, seed=0)
    with pytest.raises(UsageError, match="0 or more"):
        simulate_years(inventory, 10, seed=-1)


# --- the compare command -------------------------------------------------------


def test_compare_json_follows_cli_md(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", str(OFFICE), "--years", "200", "--seed", "4", "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert list(document)[:5] == ["years", "seed", "assumptions", "fragmentation", "plans"]
    assert (document["years"], document["seed"]) == (200, 4)
    assert set(document["fragmentation"]) == {"vendors", "boundary_edges", "mean_handoffs"}
    assert document["assumptions"]["blame_probability"] == 0.3
    inventory = load_inventory(OFFICE)
    assert [p["id"] for p in document["plans"]] == plan_ids(inventory)
    for plan in document["plans"]:
        assert {"id", "monthly_fee", "expected", "break_even_monthly_fee", "simulation"} <= set(plan)
        assert {"annual_cost", "fee", "labor", "downtime_cost"} <= set(plan["expected"])
        assert {"mean", "std", "p50", "p90", "p99", "labor", "downtime_cost", "incidents",
                "cheaper_than_break_fix"} <= set(plan["simulation"])
        expected = expected_year(inventory, plan["id"])
        assert plan["expected"]["annual_cost"] == expected.annual_cost
        assert plan["break_even_monthly_fee"] == expected.break_even_monthly_fee
    baseline = document["plans"][0]
    assert baseline["break_even_monthly_fee"] is None
    assert baseline["simulation"]["cheaper_than_break_fix"] is None
    assert all(0 <= p["simulation"]["cheaper_than_break_fix"] <= 1
               for p in document["plans"][1:])


def test_same_seed_same_json_byte_for_byte(capsys: pytest.CaptureFixture[str]) -> None:
    outputs = []
    for seed in ("11", "11", "12"):
        assert main(["compare", str(OFFICE), "--years", "300", "--seed", seed, "--json"]) == 0
        outputs.append(capsys.readouterr().out)
    assert outputs[0] == outputs[1]
    assert outputs[0] != outputs[2]


def test_compare_reads_like_a_proposal(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", str(OFFICE), "--years", "300"]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""  # no progress bar when standard error is not a terminal
    text = captured.out
    inventory = load_inventory(OFFICE)
    for plan in inventory.plans:
        assert plan.name in text
    assert "pays for itself at any fee below" in text or "does not pay off" in text
    assert "simulated mean" in text and "1 year in 100 (p99)" in text
    assert "Assumptions: blame_probability = 0.3" in text
    assert "Default vendor terms" in text and "Fragmentation under break-fix" in text


def test_compare_bad_input_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["compare", str(OFFICE), "--years", "0"]) == 2
    assert "--years: must be at least 1" in capsys.readouterr().err
    missing = tmp_path / "missing.yaml"
    assert main(["compare", str(missing)]) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_progress_bar_redraws_in_place_and_clears() -> None:
    stream = StringIO()
    bar = ProgressBar(stream, width=10)
    bar(5_000, 10_000)
    bar(10_000, 10_000)
    bar.close()
    text = stream.getvalue()
    assert "\rsimulating [#####.....] 5,000/10,000 years" in text
    assert "[##########] 10,000/10,000 years" in text
    assert text.endswith("\r\x1b[K")


def test_compare_api_matches_the_command() -> None:
    inventory = load_inventory(OFFICE)
    calls: list[tuple[int, int]] = []
    result = compare(inventory, years=120, seed=9, progress=lambda d, t: calls.append((d, t)))
    assert calls[-1] == (120, 120)
    assert [p.plan for p in result.plans] == plan_ids(inventory)
    assert result.plans[0].simulation.cheaper_than_break_fix is None


DEMO = """
version: 1
site: {name: Demo studio}
model: {blame_probability: 0.5, latent_discovery_days: 10}
vendors:
  - {id: isp, name: FiberCo, billing: included, response_hours: 4}
  - {id: netco, name: NetCo, response_hours: 24}
  - {id: avco, name: Bright AV, response_hours: 48, hourly_rate: 200}
components:
  - {id: line, category: network, vendor: isp, failures_per_year: 1}
  - {id: router, category: network, vendor: netco, requires: [line], failures_per_year: 0.5}
  - {id: ap-1, category: network, vendor: netco, requires: [router], monitored: false}
  - {id: ap-2, category: network, vendor: netco, requires: [router], monitored: false}
  - {id: codec, category: conferencing, vendor: avco, requires: [router], failures_per_year: 1}
services:
  - {id: wifi, requires: [{any: [ap-1, ap-2]}], cost_per_hour: 40, people: 10}
  - {id: calls, name: Boardroom calls, requires: [codec], cost_per_hour: 150, people: 6}
plans:
  - {id: care, name: Studio Care, monthly_fee: 300}
  - {id: gold, name: Gold Care, monthly_fee: 5000, covers: [netco]}
"""


def test_compare_text_matches_golden_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    site = tmp_path / "demo.yaml"
    site.write_text(DEMO, encoding="utf-8")
    assert main(["compare", str(site), "--years", "2000", "--seed", "1"]) == 0
    text = capsys.readouterr().out.replace(str(site), "demo.yaml")
    assert_golden("compare-demo.txt", text)
