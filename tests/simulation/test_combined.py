"""Combined failures (``cost-model.md`` section 3): a service down only together with failures present.

The second uplink failing while the first sits latent, the second access
point of a 2-of-3 group: each is a symptom incident costed by section 1 on
the failed set at that moment. The figures below are worked out by hand with
no duration spread and, unless said, no misdirection.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from depgraph.cli.main import main
from depgraph.costs.incidents import incident
from depgraph.inventory.container import Inventory
from depgraph.loading import load_inventory
from depgraph.report.builder import build_report, render_report
from depgraph.simulation.combined import how_often
from depgraph.simulation.sampling import Failures
from depgraph.simulation.simulator import Simulator
from depgraph.simulation.summary import YearFigures, summarize
from depgraph.simulation.years import simulate_years
from depgraph.text import hours

UPLINKS = """
version: 1
site: {name: Two uplinks}
model: {latent_discovery_days: 30, blame_probability: 0, duration_spread: 0}
vendors:
  - {id: fiberco, name: FiberCo, billing: included, response_hours: 4, diagnosis_hours: 1}
  - {id: lteco, name: LTE Co, billing: included, response_hours: 8, diagnosis_hours: 1}
  - {id: netco, name: NetCo, response_hours: 24, diagnosis_hours: 1, hourly_rate: 100,
     trip_fee: 50}
components:
  - {id: fibre, category: network, vendor: fiberco, repair_hours: 2}
  - {id: lte, category: network, vendor: lteco, repair_hours: 1}
  - {id: router, category: network, vendor: netco, requires: [{any: [fibre, lte]}]}
services:
  - {id: internet, requires: [router], cost_per_hour: 100, notice_hours: 0.5, owner: netco}
plans:
  - {id: care, partner: CareCo, monthly_fee: 100, covers: [netco], response_hours: 4,
     diagnosis_hours: 0.5, remote_fix_rate: 0.5, failure_reduction: 0}
"""
# Either line alone takes nothing down and nobody watches it (FiberCo and LTE Co bill
# "included", which Care does not take over): latent under break-fix and Care alike. The
# fibre alone waits 30 days x 24 = 720 h + 4 + 1 + 2 = 727 h, the LTE line 720 + 8 + 1 + 1
# = 730 h; labor $0. NetCo: $50 + $100 x max(1 h minimum, 1 h diagnosis) = $150.


def _year(text: str, *failures: tuple[str, float], blame: float = 1.0) -> list[YearFigures]:
    """One simulated year of ``failures`` (component id, hour) under every plan.

    Nothing is prevented, the lognormal factor is 1 and every hand-off's uniform number
    is ``blame`` (misdirected when below ``blame_probability``).
    """
    inventory = load_inventory(text)
    simulator = Simulator(inventory)
    n = len(failures)
    ids = [c.id for c in inventory.components]
    year = Failures(
        year=np.zeros(n, dtype=np.int64),
        component=np.array([ids.index(c) for c, _ in failures], dtype=np.int64),
        start=np.array([t for _, t in failures]), prevented=np.ones(n), spread=np.ones(n),
        blame=np.full((n, simulator.handoffs), blame),
    )
    return simulator.run(year, 1)


def _figures(year: YearFigures) -> tuple[float, float, int, list[float]]:
    """Labor, downtime cost, incidents and hours down per service, in inventory order."""
    return (float(year.labor[0]), float(year.downtime_cost[0]), int(year.incidents[0]),
            year.downtime_hours.tolist())


def _combined(year: YearFigures) -> list[tuple[int, int, float]]:
    return sorted(zip(year.combined_year.tolist(), year.combined_service.tolist(),
                      year.combined_hours.tolist(), strict=True))


def test_the_second_uplink_is_a_symptom_incident_with_its_chain() -> None:
    # The LTE line dies unseen at hour 100 (due back at 830). The fibre fails at 300:
    # the router and the internet go down. The client calls NetCo, who owns the internet;
    # the shortest path internet -> router -> fibre (the fibre is listed before the LTE
    # line) gives the chain NetCo, NetCo, FiberCo = NetCo then FiberCo, one hand-off:
    # 0.5 h notice + 25 h NetCo (24 + 1) + 7 h FiberCo (4 + 1 + 2 repair) = 32.5 h, back
    # at 332.5, and the LTE line, present, is repaired with it. Labor $150 (NetCo's
    # diagnosis). Internet down 32.5 h x $100 = $3,250. (Finding the fibre after the
    # notice alone, as before section 3 was amended, gave 7.5 h and $750.)
    broken, _ = _year(UPLINKS, ("lte", 100.0), ("fibre", 300.0))
    assert _figures(broken) == (150.0, 3250.0, 2, [32.5])
    assert _combined(broken) == [(0, 0, 32.5)]


def test_the_chain_follows_the_failure_that_completes_the_outage() -> None:
    # The other way round: the fibre dies unseen at 100, the LTE line fails at 300. The
    # breadth-first search reaches both lines from the router; the path ends at the new
    # failure: internet -> router -> lte, chain NetCo then LTE Co: 0.5 + 25 + (8 + 1 + 1)
    # = 35.5 h, $150, internet down 35.5 h = $3,550.
    broken, _ = _year(UPLINKS, ("fibre", 100.0), ("lte", 300.0))
    assert _figures(broken) == (150.0, 3550.0, 2, [35.5])


def test_under_a_plan_the_partner_answers_the_symptom() -> None:
    # Care covers NetCo, the internet's owner: the partner is called first and the router
    # is its own, so the chain is CareCo then FiberCo (no misdirection between them):
    # 0.5 h notice + (1 - 0.5) x 4 + 0.5 = 2.5 h partner + 7 h FiberCo = 10 h, $0 labor.
    _, care = _year(UPLINKS, ("lte", 100.0), ("fibre", 300.0))
    assert _figures(care) == (0.0, 1000.0, 2, [10.0])
    assert care.plan == "care"


def test_an_eligible_hand_off_may_be_misdirected() -> None:
    # With blame_probability 0.5 and the hand-off's uniform number 0.1, the NetCo to
    # FiberCo hand-off is misdirected: one default engagement (24 h response + 1.5 h
    # diagnosis, $75 + $150 x 1.5 h = $300) is added: 58 h, $450, internet $5,800.
    # Under Care the partner's hand-off is never misdirected: unchanged.
    text = UPLINKS.replace("blame_probability: 0,", "blame_probability: 0.5,")
    broken, care = _year(text, ("lte", 100.0), ("fibre", 300.0), blame=0.1)
    assert _figures(broken) == (450.0, 5800.0, 2, [58.0])
    assert _figures(care) == (0.0, 1000.0, 2, [10.0])
    unlucky_not, _ = _year(text, ("lte", 100.0), ("fibre", 300.0), blame=0.9)
    assert _figures(unlucky_not) == (150.0, 3250.0, 2, [32.5])


def test_the_incident_api_costs_a_failure_on_the_failed_set() -> None:
    inventory = load_inventory(UPLINKS)
    alone = incident(inventory, "break-fix", "fibre")
    assert (alone.detection, alone.parties, alone.hours) == ("latent", ("fiberco",), 727.0)
    combined = incident(inventory, "break-fix", "fibre", failed=["lte"])
    assert (combined.detection, combined.symptom, combined.parties) == (
        "symptom", "internet", ("netco", "fiberco"))
    assert (combined.hours, combined.labor, combined.downtime_cost) == (32.5, 150.0, 3250.0)
    assert combined.misdirectable_handoffs == 1
    assert incident(inventory, "care", "fibre", failed=["lte"]).parties == ("care", "fiberco")
    # The router takes the internet down on its own: its incident alone, whatever else failed.
    assert incident(inventory, "break-fix", "router", failed=["lte"]) == incident(
        inventory, "break-fix", "router")


ACCESS_POINTS = """
version: 1
site: {name: Access points}
model: {latent_discovery_days: 30, blame_probability: 0, duration_spread: 0}
vendors:
  - {id: itco, name: IT Co, response_hours: 8, diagnosis_hours: 1, hourly_rate: 100,
     trip_fee: 0}
  - {id: netco, name: NetCo, response_hours: 24, diagnosis_hours: 2, hourly_rate: 150,
     trip_fee: 50}
components:
  - {id: ap-1, category: network, vendor: netco, repair_hours: 1}
  - {id: ap-2, category: network, vendor: netco, repair_hours: 1}
  - {id: ap-3, category: network, vendor: netco, repair_hours: 1}
services:
  - {id: guest, requires: [{at_least: 2, of: [ap-1, ap-2, ap-3]}], cost_per_hour: 10,
     notice_hours: 0.5, owner: itco}
  - {id: wifi, requires: [{at_least: 2, of: [ap-1, ap-2, ap-3]}], cost_per_hour: 40,
     notice_hours: 1, owner: itco}
"""
# One access point alone: latent, 720 + 24 + 2 + 1 = 747 h, NetCo $50 + $150 x 3 h = $500.


def test_two_of_three_access_points_a_week_apart() -> None:
    # ap-1 dies unseen at hour 20. ap-2 fails a week later, at 188: both Wi-Fi networks go
    # down. The symptom is the costlier one, staff Wi-Fi ($40 an hour, noticed after 1 h,
    # not the guest network's 0.5 h); IT Co owns it, and the path wifi -> ap-2 gives the
    # chain IT Co then NetCo: 1 h notice + 9 h IT Co (8 + 1) + 27 h NetCo (24 + 2 + 1)
    # = 37 h, back at 225, and ap-1 is repaired with it. Labor: IT Co $100 + NetCo $500
    # for ap-2, plus ap-1's own $500. Downtime 37 h x ($40 + $10) = $1,850. ap-3 failing
    # at 300 finds the others back: latent, its $500, nothing down.
    broken = _year(ACCESS_POINTS, ("ap-1", 20.0), ("ap-2", 188.0), ("ap-3", 300.0))[0]
    assert _figures(broken) == (1600.0, 1850.0, 3, [37.0, 37.0])
    assert _combined(broken) == [(0, 1, 37.0)]  # symptom: service 1, wifi


def test_a_failure_hidden_by_the_outage_in_progress_stays_latent() -> None:
    # ap-3 fails at 200 while Wi-Fi is already down (ap-1 and ap-2): it takes nothing
    # down that was up, so it is latent, and nothing exposes it later: it is back only
    # at 200 + 747 = 947, its $500 of labor, and the outage is unchanged.
    broken = _year(ACCESS_POINTS, ("ap-1", 20.0), ("ap-2", 188.0), ("ap-3", 200.0))[0]
    assert _figures(broken) == (1600.0, 1850.0, 3, [37.0, 37.0])
    assert len(_combined(broken)) == 1


def _summary(inventory: Inventory, figures: list[YearFigures]) -> dict[str, object]:
    return summarize(inventory, figures, 0).plans[0].combined.to_json()


def test_combined_failures_are_summed_up_per_plan() -> None:
    inventory = load_inventory(ACCESS_POINTS)
    broken = _year(ACCESS_POINTS, ("ap-1", 20.0), ("ap-2", 188.0), ("ap-3", 300.0))[0]
    assert _summary(inventory, [broken]) == {
        "incidents": 1.0, "years": 1.0, "hours": 37.0,
        "services": {"wifi": {"incidents": 1.0, "years": 1.0, "hours": 37.0}},
        "components": {"ap-2": {"incidents": 1.0, "years": 1.0, "hours": 37.0}},
    }
    quiet = _year(ACCESS_POINTS, ("ap-1", 20.0))[0]
    assert _summary(inventory, [quiet]) == {"incidents": 0.0, "years": 0.0, "hours": 0.0,
                                            "services": {},
                                            "components": {}}


@pytest.mark.parametrize("years", [3, 250])
def test_simulated_combined_failures_are_counted_per_year(years: int) -> None:
    # Every failure of an access point is latent alone; each combined failure is one
    # more symptom incident with the IT Co + NetCo chain: 37 h without spread.
    text = ACCESS_POINTS.replace("repair_hours: 1}", "repair_hours: 1, failures_per_year: 4}")
    inventory = load_inventory(text)
    figures = simulate_years(inventory, years, seed=5)[0]
    assert figures.combined_hours.tolist() == pytest.approx([37.0] * len(figures.combined_hours))
    assert len(figures.combined_hours) > years / 10
    assert np.all((figures.combined_year >= 0) & (figures.combined_year < years))
    assert set(figures.combined_service.tolist()) <= {1}
    summary = summarize(inventory, [figures], 5).plans[0].combined
    assert summary.incidents == pytest.approx(len(figures.combined_year) / years)
    assert summary.years <= 1.0


BUSY = UPLINKS.replace(
    "{id: lteco, name: LTE Co, billing: included, response_hours: 8, diagnosis_hours: 1}",
    "{id: lteco, name: LTE Co, response_hours: 8, diagnosis_hours: 1, hourly_rate: 100,"
    " trip_fee: 0}",
).replace("repair_hours: 2}", "repair_hours: 2, failures_per_year: 1}").replace(
    "repair_hours: 1}", "repair_hours: 1, name: LTE line, failures_per_year: 1}"
).replace("requires: [{any: [fibre, lte]}]}", "requires: [{any: [fibre, lte]}], failures_per_year: 0}")
# Each line fails once a year and waits 30 days unseen: the other line fails meanwhile in
# about 1 year of 10. The LTE line now bills hourly, so its latent failure costs labor
# ($100 x 1 h diagnosis + 1 h repair = $200) and is one of the report's stories.


def _compare(tmp_path: Path, capsys: pytest.CaptureFixture[str], *options: str) -> str:
    site = tmp_path / "uplinks.yaml"
    site.write_text(BUSY, encoding="utf-8")
    assert main(["compare", str(site), "--years", "1000", *options]) == 0
    return capsys.readouterr().out


def test_compare_json_adds_the_combined_failures(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = json.loads(_compare(tmp_path, capsys, "--json"))
    for plan in document["plans"]:
        simulated = plan["simulation"]
        assert {"mean", "std", "p50", "p90", "p99", "labor", "downtime_cost", "incidents",
                "cheaper_than_break_fix", "downtime_hours", "combined"} <= set(simulated)
        combined = simulated["combined"]
        assert set(combined["services"]) == {"internet"}
        assert set(combined["components"]) == {"fibre", "lte"}
        count = combined["incidents"] * 1000
        assert count == pytest.approx(round(count)) and 0 < combined["years"] < 0.3
    broken = document["plans"][0]["simulation"]["combined"]["components"]
    # The hand-worked chains: the fibre completes the outage in 32.5 h, the LTE line in 35.5 h.
    assert broken["fibre"]["hours"] == pytest.approx(32.5)
    assert broken["lte"]["hours"] == pytest.approx(35.5)
    care = document["plans"][1]["simulation"]["combined"]["components"]
    assert care["fibre"]["hours"] == pytest.approx(10.0)  # 0.5 + 2.5 CareCo + 7 FiberCo
    assert care["lte"]["hours"] == pytest.approx(13.0)  # 0.5 + 2.5 CareCo + 10 LTE Co


def test_compare_tells_how_often_failures_combine(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = _compare(tmp_path, capsys)
    document = json.loads(_compare(tmp_path, capsys, "--json"))
    told = []
    for plan in document["plans"]:
        combined = plan["simulation"]["combined"]
        told.append(
            f"under {plan['name']}, {how_often(combined['years'])} a second failure while the first "
            f"is still unrepaired takes internet down for {hours(combined['hours'])}"
        )
    assert f"Failures that combine (simulated): {'; '.join(told)}.\n" in text
    assert "in 1 year of 10 a second failure" in text  # about 1 year in 10, as above


def test_compare_says_nothing_of_combined_failures_when_they_are_rare(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = tmp_path / "quiet.yaml"
    site.write_text(BUSY.replace("failures_per_year: 1}", "failures_per_year: 0.01}"))
    assert main(["compare", str(site), "--years", "500"]) == 0
    assert "Failures that combine" not in capsys.readouterr().out


def test_the_report_tells_combined_failures_in_the_stories() -> None:
    inventory = load_inventory(BUSY)
    report = build_report(inventory, years=1000, seed=0)
    assert report.combined.startswith("Failures that combine (simulated): under break-fix, ")
    stories = {s.root: s for s in report.stories}
    lte = stories["LTE line"]
    assert lte.effect == "no service goes down, so nobody notices"
    assert lte.combined.endswith(
        "it fails while another failure is still unrepaired and together they take a "
        "service down, for 36 h on average (simulated under break-fix).")
    assert stories["router"].combined == ""  # it takes the internet down on its own
    html = render_report(report)
    assert lte.combined in html and report.combined in html


# --- the three readings section 3 now writes down still hold ----------------------

SWITCHED = UPLINKS.replace(
    "  - {id: router, category: network, vendor: netco, requires: [{any: [fibre, lte]}]}",
    "  - {id: switch, category: network, vendor: netco}\n"
    "  - {id: router, category: network, vendor: netco, requires: [switch, {any: [fibre, lte]}]}",
)


def test_a_failure_hidden_by_an_outage_in_progress_repairs_the_latent_ones() -> None:
    # The router fails at 0: internet down until 0 + 0.5 + 25 NetCo + 1 h repair = 26.5
    # ($50 + $100 x 2 h = $250). The LTE line dies unseen at 5. The switch fails at 10
    # while the internet is already down: its own incident (back at 36.5, $250), and the
    # LTE line, present, is repaired with it. So the fibre failing at 100 takes nothing
    # down: latent, $0. Internet down 0 to 36.5: $3,650. (Had the LTE line waited, the
    # fibre would have been a combined failure.)
    broken, _ = _year(SWITCHED, ("router", 0.0), ("lte", 5.0), ("switch", 10.0),
                      ("fibre", 100.0))
    assert _figures(broken) == (500.0, 3650.0, 4, [36.5])
    assert _combined(broken) == []


def test_an_outage_past_the_year_end_counts_in_full() -> None:
    # The LTE line dies unseen at 8,700; the fibre fails at 8,750: the combined failure is
    # back 32.5 h later, at 8,782.5, past hour 8,760: all 32.5 h count in this year.
    broken, _ = _year(UPLINKS, ("lte", 8700.0), ("fibre", 8750.0))
    assert _figures(broken) == (150.0, 3250.0, 2, [32.5])


def test_a_plan_that_changes_nothing_costs_what_break_fix_costs_with_combined_failures() -> None:
    # Covering FiberCo (billed "included") takes nothing over: same failures, same draws,
    # same combined failures and chains, so the same cost every year.
    text = BUSY.replace("covers: [netco]", "covers: [fiberco]").replace(
        "monthly_fee: 100", "monthly_fee: 0")
    inventory = load_inventory(text.replace("blame_probability: 0,", "blame_probability: 0.5,")
                               .replace("duration_spread: 0}", "duration_spread: 0.8}"))
    broken, plan = simulate_years(inventory, 400, seed=2)
    assert len(broken.combined_year) > 10
    assert np.array_equal(plan.cost, broken.cost)
    assert np.array_equal(plan.combined_hours, broken.combined_hours)
