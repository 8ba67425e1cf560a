"""The audit: each check fires on a site built to trigger it and stays quiet on one built not to."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sites import ROOT

from depgraph.cli.main import main
from depgraph.costs.incidents import restoration_hours
from depgraph.engine.cutsets import cut_set_frequency
from depgraph.errors import UsageError
from depgraph.findings import CHECKS, SEVERITIES, Finding, audit, fails_on
from depgraph.inventory.container import Inventory
from depgraph.loading import load_inventory


def site(body: str) -> Inventory:
    return load_inventory(f"version: 1\nsite: {{name: Test site}}\n{body}")


def found(inventory: Inventory, code: str) -> list[Finding]:
    return [f for f in audit(inventory) if f.code == code]


# Two APs that both hang off one PoE switch, one vendor.
SHARED_SWITCH = site("""
vendors: [{id: netco}]
components:
  - {id: poe, category: network, vendor: netco}
  - {id: ap-1, category: network, vendor: netco, requires: [poe]}
  - {id: ap-2, category: network, vendor: netco, requires: [poe]}
services:
  - {id: wifi, requires: [{any: [ap-1, ap-2]}], cost_per_hour: 50, people: 10}
""")

# The same APs, each on its own switch: real redundancy, no single point of failure.
OWN_SWITCHES = site("""
vendors: [{id: netco}]
components:
  - {id: poe-1, category: network, vendor: netco, failures_per_year: 0.5}
  - {id: poe-2, category: network, vendor: netco, failures_per_year: 0.5}
  - {id: ap-1, category: network, vendor: netco, requires: [poe-1], failures_per_year: 1}
  - {id: ap-2, category: network, vendor: netco, requires: [poe-2], failures_per_year: 1}
services:
  - {id: wifi, requires: [{any: [ap-1, ap-2]}], cost_per_hour: 50, people: 10}
""")

# A TV whose fault travels from the AV integrator through the network contractor to the ISP.
THREE_PARTIES = site("""
vendors:
  - {id: av}
  - {id: netco}
  - {id: isp, billing: included, response_hours: 4, diagnosis_hours: 1}
components:
  - {id: modem, category: network, vendor: isp, repair_hours: 2}
  - {id: switch, category: network, vendor: netco, requires: [modem]}
  - {id: player, category: video, vendor: av, requires: [switch]}
services:
  - {id: tv, requires: [player], cost_per_hour: 10, people: 2}
""")

# One vendor for everything, no redundancy at all.
ONE_VENDOR = site("""
vendors: [{id: av}]
components:
  - {id: switch, category: network, vendor: av}
  - {id: player, category: video, vendor: av, requires: [switch]}
services:
  - {id: tv, requires: [player], cost_per_hour: 10, people: 2}
""")


# --- DG101 single point of failure -----------------------------------------------


def test_single_point_of_failure_names_services_cost_and_people() -> None:
    (poe,) = found(SHARED_SWITCH, "DG101")
    assert poe.subject == "poe" and poe.severity == "warning"
    # 0.2 a year x (27 h x $50 + $75 + 2.5 h x $150): 0.5 notice + 24 + 1.5 + 1 repair.
    assert poe.evidence == {
        "services": ["wifi"], "cost_per_hour": 50.0, "people": 10, "risk_per_year": 360.0,
    }
    assert poe.message == (
        "poe is a single point of failure: its failure alone takes down 1 service (wifi), "
        "$50/h and 10 people."
    )
    # switch and player each take tv down: 10/h, 2 people each.
    assert [(f.subject, f.evidence["cost_per_hour"]) for f in found(ONE_VENDOR, "DG101")] == [
        ("player", 10.0), ("switch", 10.0),
    ]


def test_no_single_point_of_failure_with_independent_paths() -> None:
    assert found(OWN_SWITCHES, "DG101") == []


# --- DG102 redundancy that is not real ----------------------------------------------


def test_two_access_points_on_one_switch_are_not_redundant() -> None:
    (wifi,) = found(SHARED_SWITCH, "DG102")
    assert wifi.severity == "error" and wifi.subject == "wifi"
    assert wifi.evidence == {
        "requirement": 1, "members": ["ap-1", "ap-2"], "k": 1, "defeated_by": ["poe"],
        "risk_per_year": 360.0,  # poe's risk
    }
    assert "one failure of poe leaves fewer than 1 of its 2 members up" in wifi.message


def test_both_isps_on_one_router_and_a_daisy_chain() -> None:
    inventory = site("""
components:
  - {id: power, category: power}
  - {id: router, category: network, requires: [power]}
  - {id: fiber, category: network, requires: [router]}
  - {id: lte, category: network, requires: [router]}
  - {id: ap-1, category: network}
  - {id: ap-2, category: network, requires: [ap-1]}
services:
  - {id: internet, requires: [{any: [fiber, lte]}]}
  - {id: wifi, requires: [{any: [ap-1, ap-2]}]}
""")
    defeated = {f.subject: f.evidence["defeated_by"] for f in found(inventory, "DG102")}
    # The nearest common point first (router takes down fewer nodes than power); a member
    # that takes the other member down defeats its own group.
    assert defeated == {"internet": ["router", "power"], "wifi": ["ap-1"]}


def test_redundancy_holds_when_each_member_has_its_own_path() -> None:
    assert found(OWN_SWITCHES, "DG102") == []


def test_a_failure_that_takes_the_node_down_anyway_is_not_blamed_on_the_group() -> None:
    # wifi needs the controller itself; the APs also need it. Its failure is a single point
    # of failure of wifi (DG101), not a flaw of the AP pair.
    inventory = site("""
components:
  - {id: ctrl, category: network}
  - {id: ap-1, category: network, requires: [ctrl]}
  - {id: ap-2, category: network, requires: [ctrl]}
services:
  - {id: wifi, requires: [ctrl, {any: [ap-1, ap-2]}]}
""")
    assert found(inventory, "DG102") == []
    assert [f.subject for f in found(inventory, "DG101")] == ["ctrl"]


# --- DG103 silent redundancy ----------------------------------------------------------


BACKUP_LINE = """
vendors: [{id: isp, billing: included}, {id: netco}]
components:
  - {id: fiber, category: network, vendor: isp}
  - {id: lte, category: network, vendor: netco, monitored: %s}
  - {id: router, category: network, vendor: netco, requires: [{any: [fiber, lte]}]}
services:
  - {id: internet, requires: [router], cost_per_hour: 20}
"""


def test_an_unmonitored_backup_line_fails_unseen() -> None:
    inventory = site(BACKUP_LINE % "false")
    silent = {f.subject: f for f in found(inventory, "DG103")}
    assert sorted(silent) == ["fiber", "lte"]
    assert silent["lte"].evidence == {
        "monitored": False,
        "latent_days": 30.0,  # latent_discovery_days, the default
        "groups": [{"node": "router", "requirement": 1, "members_down": ["lte"]}],
        "risk_per_year": 90.0,  # 0.2 a year x labor $75 + 2.5 h x $150, nothing goes down
    }
    assert silent["lte"].message.endswith(
        "nobody notices for about 30 days and the site runs without that backup "
        "(it is not monitored)."
    )
    assert silent["fiber"].message.endswith("(no plan of this site watches it).")


def test_a_backup_a_plan_watches_is_not_silent() -> None:
    # The plan covers all: it watches netco's lte and, covering all, the ISP's fiber too.
    watched = site(BACKUP_LINE % "true" + "plans: [{id: care, monthly_fee: 100}]\n")
    assert found(watched, "DG103") == []
    # An unmonitored backup stays silent whatever the plan.
    unwatched = site(BACKUP_LINE % "false" + "plans: [{id: care, monthly_fee: 100}]\n")
    assert [f.subject for f in found(unwatched, "DG103")] == ["lte"]


def test_a_switch_that_silently_takes_a_backup_ap_down_is_reported() -> None:
    # poe-2 feeds only the backup AP: its failure removes the backup without any symptom.
    silent = {f.subject: f.evidence["groups"] for f in found(OWN_SWITCHES, "DG103")}
    assert silent["poe-2"] == [{"node": "wifi", "requirement": 1, "members_down": ["ap-2"]}]
    assert sorted(silent) == ["ap-1", "ap-2", "poe-1", "poe-2"]


def test_no_silent_redundancy_without_redundancy() -> None:
    assert found(ONE_VENDOR, "DG103") == []


# --- DG104 and DG105 ownership gaps -----------------------------------------------------


def test_unowned_component_on_a_service_path_and_service_with_no_owner() -> None:
    inventory = site("""
model: {unowned_search_hours: 12}
components:
  - {id: nas, category: compute}
  - {id: spare, category: compute}
services:
  - {id: backup, requires: [nas]}
""")
    (nas,) = found(inventory, "DG104")
    assert nas.subject == "nas" and nas.evidence == {
        "services": ["backup"], "search_hours": 12.0, "risk_per_year": 90.0,  # 0.2 x $450 labor
    }
    assert "first spends 12 h finding someone" in nas.message
    (backup,) = found(inventory, "DG105")
    assert backup.subject == "backup" and backup.severity == "error"
    assert backup.evidence["risk_per_year"] == 0.0  # its downtime costs nothing an hour


def test_no_ownership_gap_when_everything_is_owned() -> None:
    assert found(ONE_VENDOR, "DG104") == found(ONE_VENDOR, "DG105") == []


# --- DG106 long hand-off chains ------------------------------------------------------------


def test_a_chain_of_three_parties() -> None:
    (modem,) = found(THREE_PARTIES, "DG106")
    assert modem.subject == "modem"
    # 0.5 notice + av 24 + 1.5 + netco 24 + 1.5 + isp 4 + 1 + 2 repair
    # + 2 misdirectable hand-offs x 0.25 x (24 + 1.5) = 71.25 h.
    assert modem.evidence == {
        "parties": ["av", "netco", "isp"], "handoffs": 2, "symptom": "tv", "hours": 71.25,
        # 0.2 x ($750 labor: av 300 + netco 300 + 2 x 0.25 x 300 misdirection; + 71.25 h x $10)
        "risk_per_year": 292.5,
    }
    assert "(av → netco → isp)" in modem.message
    # The switch's chain is av → netco: two parties, no finding.


def test_no_long_chain_with_one_vendor() -> None:
    assert found(ONE_VENDOR, "DG106") == []


# --- DG107 and DG108 vendors on critical paths -------------------------------------------------


def test_fragmentation_share_of_critical_paths() -> None:
    # Critical paths: tv→player (av only), tv→player→switch (av, netco), tv→…→modem
    # (av, netco, isp): 2 of 3 cross a vendor boundary.
    (site_finding,) = found(THREE_PARTIES, "DG107")
    assert site_finding.subject == "site"
    assert site_finding.evidence == {
        "critical_paths": 3, "crossing": 2, "share": 2 / 3, "parties": ["av", "isp", "netco"],
    }
    assert found(ONE_VENDOR, "DG107") == []


def test_concentration_of_one_vendor() -> None:
    # av is on all 3 critical paths of THREE_PARTIES (it owns tv); netco on 2 of 3 (67% < 75%).
    (av,) = found(THREE_PARTIES, "DG108")
    assert av.subject == "av" and av.evidence["share"] == 1.0
    balanced = site("""
vendors: [{id: av}, {id: netco}]
components:
  - {id: player, category: video, vendor: av}
  - {id: switch, category: network, vendor: netco}
services:
  - {id: tv, requires: [player]}
  - {id: lan, requires: [switch]}
""")
    assert found(balanced, "DG108") == []


# --- DG109 supported loops --------------------------------------------------------------------

# Two routers backing each other up, owned, and watched by a plan: only information.
ROUTER_PAIR = site("""
vendors: [{id: netco}]
components:
  - {id: u1, category: network, vendor: netco}
  - {id: u2, category: network, vendor: netco}
  - {id: r1, category: network, vendor: netco, requires: [{any: [u1, r2]}]}
  - {id: r2, category: network, vendor: netco, requires: [{any: [u2, r1]}]}
services:
  - {id: internet, requires: [{any: [r1, r2]}]}
plans: [{id: care, monthly_fee: 100}]
""")


def test_supported_loop_is_information() -> None:
    (loop,) = found(ROUTER_PAIR, "DG109")
    assert loop.subject == "r1" and loop.severity == "info"
    assert loop.evidence == {"members": ["r1", "r2"], "risk_per_year": 180.0}  # 2 x 0.2 x $450
    assert found(SHARED_SWITCH, "DG109") == []


# --- DG110 cut sets ------------------------------------------------------------------------------


def test_cut_sets_of_a_service_without_single_point_of_failure() -> None:
    (wifi,) = found(OWN_SWITCHES, "DG110")
    restore = restoration_hours(OWN_SWITCHES)
    sets = wifi.evidence["cut_sets"]
    assert [c["components"] for c in sets][:1] == [["ap-1", "ap-2"]]
    assert sorted(tuple(c["components"]) for c in sets) == [
        ("ap-1", "ap-2"), ("ap-1", "poe-2"), ("ap-2", "poe-1"), ("poe-1", "poe-2"),
    ]
    # {ap-1, ap-2}: 1 x 1 x (r_ap-1 + r_ap-2) / 8760, the most frequent (the APs fail most).
    assert sets[0]["frequency"] == cut_set_frequency([1, 1], [restore["ap-1"], restore["ap-2"]])
    assert wifi.evidence["cheapest_order"] == 2 and wifi.evidence["max_order"] == 3
    assert wifi.evidence["frequency"] == pytest.approx(sum(c["frequency"] for c in sets))
    assert wifi.message.startswith("wifi survives any single failure; 4 combinations of 2 to 3")


def test_cut_sets_quiet_on_a_service_with_a_single_point_of_failure() -> None:
    assert found(SHARED_SWITCH, "DG110") == []


def test_a_service_beyond_max_order() -> None:
    inventory = site("""
components: [{id: a, category: network}, {id: b, category: network}, {id: c, category: network}]
services:
  - {id: svc, requires: [{any: [a, b, c]}]}
""")
    (svc,) = [f for f in audit(inventory, max_order=2) if f.code == "DG110"]
    assert svc.evidence["cheapest_order"] is None and svc.evidence["cut_sets"] == []
    assert svc.message == "svc survives any combination of up to 2 failures."
    (svc,) = found(inventory, "DG110")
    assert svc.evidence["cut_sets"][0]["components"] == ["a", "b", "c"]
    with pytest.raises(UsageError):
        audit(inventory, max_order=0)


# --- ordering, JSON, exit codes ---------------------------------------------------------------


def test_findings_sorted_by_severity_then_code_then_money_then_subject() -> None:
    findings = audit(THREE_PARTIES)
    keys = [(SEVERITIES.index(f.severity), f.code, -f.cost, f.subject) for f in findings]
    assert keys == sorted(keys)
    assert [f.code for f in findings] == ["DG101", "DG101", "DG101", "DG106", "DG107", "DG108"]
    # Risk a year: modem 0.2 x $1,462.50, switch 0.2 x $1,413.75 (58.875 h x $10 + $825),
    # player 0.2 x $720 (27 h x $10 + $450).
    assert [(f.subject, f.cost) for f in findings[:3]] == [
        ("modem", 292.5), ("switch", 282.75), ("player", 144.0),
    ]


def test_every_check_has_a_documented_code() -> None:
    text = (ROOT / "docs" / "audit-codes.md").read_text(encoding="utf-8")
    for check in CHECKS:
        assert f"`{check.code}`" in text and check.name in text and check.severity in text


def test_fails_on_thresholds() -> None:
    findings = audit(ROUTER_PAIR)  # only information: the loop, the cut sets
    assert {f.severity for f in findings} == {"info"}
    assert fails_on(findings, "info") and not fails_on(findings, "warning")
    assert fails_on(audit(SHARED_SWITCH), "error")
    with pytest.raises(UsageError):
        fails_on(findings, "fatal")


def write(tmp_path: Path, inventory: Inventory) -> str:
    path = tmp_path / "site.yaml"
    path.write_text(json.dumps(inventory.model_dump(exclude_none=True)), encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(
    ("threshold", "code"), [(None, 0), ("info", 1), ("warning", 0), ("error", 0)]
)
def test_exit_code_of_fail_on(tmp_path: Path, threshold: str | None, code: int) -> None:
    path = write(tmp_path, ROUTER_PAIR)
    extra = [] if threshold is None else ["--fail-on", threshold]
    assert main(["audit", path, *extra]) == code


def test_exit_code_on_an_error_finding(tmp_path: Path) -> None:
    path = write(tmp_path, SHARED_SWITCH)
    assert main(["audit", path, "--fail-on", "error"]) == 1
    assert main(["audit", path, "--fail-on", "warning", "--json"]) == 1


def test_bad_max_order_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit", write(tmp_path, ROUTER_PAIR), "--max-order", "0"]) == 2
    assert "at least 1" in capsys.readouterr().err


def test_json_document(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit", write(tmp_path, SHARED_SWITCH), "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert [f.to_json() for f in audit(SHARED_SWITCH)] == document["findings"]
    first = document["findings"][0]
    assert list(first)[:5] == ["code", "severity", "check", "subject", "message"]
    assert first["code"] == "DG102" and first["check"] == "redundancy-not-real"


def test_human_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit", write(tmp_path, SHARED_SWITCH)]) == 0
    assert capsys.readouterr().out == (
        "Audit of Test site: 1 error, 3 warnings, 1 info.\n"
        "\n"
        "Errors (1)\n"
        "  DG102  $360/yr  The redundancy of wifi's requirement 1 (any of ap-1, ap-2) is not real: "
        "one failure of poe leaves fewer than 1 of its 2 members up.\n"
        "\n"
        "Warnings (3)\n"
        "  DG101  $360/yr  poe is a single point of failure: its failure alone takes down 1 service "
        "(wifi), $50/h and 10 people.\n"
        "  DG103   $90/yr  ap-1, a member of wifi's requirement 1 (any of ap-1, ap-2), can fail unseen: "
        "no service goes down, so under break-fix nobody notices for about 30 days and the "
        "site runs without that backup (no plan of this site watches it).\n"
        "  DG103   $90/yr  ap-2, a member of wifi's requirement 1 (any of ap-1, ap-2), can fail unseen: "
        "no service goes down, so under break-fix nobody notices for about 30 days and the "
        "site runs without that backup (no plan of this site watches it).\n"
        "\n"
        "Information (1)\n"
        "  DG108  $50/h  netco is a party on 1 of 1 critical paths (100%), covering 1 service worth "
        "$50/h: its response time governs most outages.\n"
    )


# Twelve TVs, each on its own player, each a single point of failure costing more than the last.
TWELVE_TVS = site("vendors: [{id: av}]\ncomponents:\n" + "".join(
    f"  - {{id: p{n:02d}, category: video, vendor: av}}\n" for n in range(12)
) + "services:\n" + "".join(
    f"  - {{id: tv{n:02d}, requires: [p{n:02d}], cost_per_hour: {10 * (n + 1)}}}\n" for n in range(12)
))


def test_human_output_shows_the_ten_most_costly_and_counts_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["audit", write(tmp_path, TWELVE_TVS)]) == 0
    out = capsys.readouterr().out
    shown = [line.split()[1] for line in out.splitlines() if line.startswith("  DG101")]
    # risk = 0.2 x (27 h x cost + $450): p11 ($120/h) first, p00 and p01 left out.
    assert shown[:2] == ["$738/yr", "$684/yr"] and len(shown) == 10
    assert "Warnings (10 of 12)" in out
    assert "3 less costly findings not shown (2 DG101, 1 DG108)" in out  # DG108 has no yearly risk
    assert main(["audit", write(tmp_path, TWELVE_TVS), "--all"]) == 0
    assert "Warnings (12)" in capsys.readouterr().out


def test_code_and_min_risk_filter(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, SHARED_SWITCH)
    assert main(["audit", path, "--json", "--code", "DG103"]) == 0
    assert {f["code"] for f in json.loads(capsys.readouterr().out)["findings"]} == {"DG103"}
    assert main(["audit", path, "--json", "--min-risk", "100"]) == 0
    kept = json.loads(capsys.readouterr().out)["findings"]
    assert [(f["code"], f["risk_per_year"]) for f in kept] == [("DG102", 360.0), ("DG101", 360.0)]
    assert main(["audit", path, "--json", "--code", "dg101"]) == 0  # codes in any case
    assert len(json.loads(capsys.readouterr().out)["findings"]) == 1
    assert main(["audit", path, "--code", "DG0101"]) == 2
    assert "unknown finding code 'DG0101'; did you mean 'DG101'?" in capsys.readouterr().err
