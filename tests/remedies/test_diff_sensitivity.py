"""``depgraph diff`` and ``depgraph sensitivity``, on the site worked by hand in ``test_remedies``.

diff: the LTE line written into the file by hand must give the figures of
the remedy (break-fix $1,750 -> $450, care $2,314.25 -> $1,359.25), and p90
the simulated figure of ``compare`` with the same years and seed.

sensitivity: every row must equal what ``compare --json`` reports after
editing the file by hand (the assumption multiplied by 0.5 or 2).
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from sites import ROUTER_ON_FIBER as SITE

from depgraph.cli.main import main
from depgraph.loading import load_inventory
from depgraph.remedies.diff import diff
from depgraph.remedies.sensitivity import sensitivity

AFTER = SITE.replace(
    "  - {id: router, category: network, vendor: netco, failures_per_year: 0.5, requires: [fiber]}",
    "  - {id: lte, category: network, vendor: isp, failures_per_year: 1}\n"
    "  - {id: router, category: network, vendor: netco, failures_per_year: 0.5,"
    " requires: [{any: [fiber, lte]}]}",
)

Capture = pytest.CaptureFixture[str]


def write(tmp_path: Path, text: str, name: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def compare_json(tmp_path: Path, capsys: Capture, text: str, name: str = "edited.yaml") -> dict[str, Any]:
    assert main(["compare", write(tmp_path, text, name), "--years", "300", "--seed", "7", "--json"]) == 0
    return {p["id"]: p for p in json.loads(capsys.readouterr().out)["plans"]}


def test_diff_expected_figures_and_changes(tmp_path: Path, capsys: Capture) -> None:
    before, after = write(tmp_path, SITE, "before.yaml"), write(tmp_path, AFTER, "after.yaml")
    assert main(["diff", before, after, "--years", "300", "--seed", "7", "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert (document["added"], document["removed"], document["changed"]) == (["lte"], [], ["router"])
    assert (document["spofs_fixed"], document["spofs_introduced"]) == (["fiber"], [])
    assert document["services"] == []  # internet's worst single failure is the router's $100/h
    plans = {p["id"]: p for p in document["plans"]}
    assert list(plans) == ["break-fix", "care"]
    assert plans["break-fix"]["before"]["annual_cost"] == 1750.0
    assert plans["break-fix"]["after"]["annual_cost"] == 450.0
    assert plans["care"]["before"]["annual_cost"] == pytest.approx(2314.25)
    assert plans["care"]["after"]["annual_cost"] == pytest.approx(1359.25)
    assert plans["care"]["before"]["break_even_monthly_fee"] == pytest.approx((1750 - 1114.25) / 12)
    assert plans["care"]["after"]["break_even_monthly_fee"] == pytest.approx((450 - 159.25) / 12)
    assert plans["break-fix"]["after"]["break_even_monthly_fee"] is None
    compared = {
        "before": compare_json(tmp_path, capsys, SITE), "after": compare_json(tmp_path, capsys, AFTER),
    }
    for plan in plans:
        for side in ("before", "after"):
            assert plans[plan][side]["p90"] == compared[side][plan]["simulation"]["p90"]
            assert plans[plan][side]["annual_cost"] == compared[side][plan]["expected"]["annual_cost"]


def test_diff_removed_and_worst_single_failure(tmp_path: Path, capsys: Capture) -> None:
    # After: a printer on the fiber line; the router is replaced by one on its own power.
    two = SITE.replace("plans:", "  - {id: printing, requires: [fiber], cost_per_hour: 30}\nplans:")
    after = two.replace(", requires: [fiber]}", "}")
    result = diff(load_inventory(two), load_inventory(after), years=10)
    assert (result.added, result.removed, result.changed) == ((), (), ("router",))
    # before: fiber takes both down ($130/h); after: printing alone ($30/h), internet's worst
    # is the router's $100/h.
    assert [(s.id, s.worst_before, s.worst_after) for s in result.services] == [
        ("internet", 130.0, 100.0), ("printing", 130.0, 30.0),
    ]
    gone = after.replace("  - {id: printing, requires: [fiber], cost_per_hour: 30}\n", "")
    gone = gone.replace("  - {id: fiber, category: network, vendor: isp, failures_per_year: 1}\n", "")
    result = diff(load_inventory(two), load_inventory(gone), years=10)
    assert result.removed == ("fiber", "printing") and result.spofs_fixed == ("fiber",)
    first, second = write(tmp_path, two, "a.yaml"), write(tmp_path, gone, "b.yaml")
    assert main(["diff", first, second, "--years", "10"]) == 0
    out = capsys.readouterr().out
    assert "Removed: fiber and printing." in out and "Single points of failure fixed: fiber." in out


def test_diff_bad_input_exits_2(tmp_path: Path, capsys: Capture) -> None:
    assert main(["diff", write(tmp_path, SITE, "a.yaml"), str(tmp_path / "missing.yaml")]) == 2
    assert "missing.yaml: no such file" in capsys.readouterr().err


SENSITIVE = SITE.replace("model: {blame_probability: 0}", """\
model: {blame_probability: 0.6, latent_discovery_days: 20, unowned_search_hours: 10}
defaults:
  vendor: {response_hours: 12}""").replace("services:", """\
  - {id: switch, category: network, requires: [router]}
  - {id: spare, category: network, vendor: netco, monitored: false}
services:
  - {id: office, requires: [switch], cost_per_hour: 40, people: 3}
  - {id: backup, requires: [{any: [router, spare]}], cost_per_hour: 5}""").replace(
    "{id: care, monthly_fee: 100}",
    "{id: care, monthly_fee: 100, failure_reduction: 0.6, remote_fix_rate: 0.7}",
)


def _edited(data: dict[str, Any], assumption: str, factor: float) -> dict[str, Any]:
    """The site's data with one assumption multiplied, as a user would edit the file."""
    loaded = load_inventory(json.dumps(data))
    edited = copy.deepcopy(data)
    section, *rest = assumption.split(".")
    if section == "model":
        value = getattr(loaded.model, rest[0]) * factor
        edited["model"][rest[0]] = min(value, 1.0) if rest[0] == "blame_probability" else value
    elif section == "plans":
        plan_id, field = rest
        value = getattr(loaded.plan(plan_id), field) * factor
        caps = {"remote_fix_rate": 1.0, "failure_reduction": 0.9999999999999999}
        for plan in edited["plans"]:
            if plan["id"] == plan_id:
                plan[field] = min(value, caps.get(field, value))
    else:
        field = rest[0]
        for item in edited[section]:
            item[field] = getattr(getattr(loaded, section[:-1])(item["id"]), field) * factor
    return edited


def test_sensitivity_rows_equal_editing_the_file_and_rerunning_compare(
    tmp_path: Path, capsys: Capture
) -> None:
    data = yaml.safe_load(SENSITIVE)
    result = sensitivity(load_inventory(SENSITIVE), "care")
    assert len(result.rows) == 9
    swings = [r.swing for r in result.rows]
    assert swings == sorted(swings, reverse=True)
    base = compare_json(tmp_path, capsys, SENSITIVE)
    assert result.base.break_even_monthly_fee == base["care"]["break_even_monthly_fee"]
    assert result.base.break_fix_annual_cost == base["break-fix"]["expected"]["annual_cost"]
    for row in result.rows:
        for figures in (row.low, row.high):
            text = yaml.safe_dump(_edited(data, row.assumption, figures.factor))
            plans = compare_json(tmp_path, capsys, text)
            assert figures.break_even_monthly_fee == pytest.approx(
                plans["care"]["break_even_monthly_fee"], rel=1e-12, abs=1e-9), row.assumption
            assert figures.break_fix_annual_cost == pytest.approx(
                plans["break-fix"]["expected"]["annual_cost"], rel=1e-12), row.assumption


def test_sensitivity_caps_probabilities(tmp_path: Path) -> None:
    rows = {r.assumption: r for r in sensitivity(load_inventory(SENSITIVE)).rows}
    # blame 0.6 x 2 is capped at 1, remote fix 0.7 x 2 at 1: the same as writing 1 in the file.
    capped = SENSITIVE.replace("blame_probability: 0.6", "blame_probability: 1")
    assert rows["model.blame_probability"].high.break_fix_annual_cost == sensitivity(
        load_inventory(capped)).base.break_fix_annual_cost


def test_sensitivity_json_and_the_decision_that_could_flip(tmp_path: Path, capsys: Capture) -> None:
    # care breaks even at $52.98 a month; quoted at $50 it pays off, unless failures are rarer.
    path = write(tmp_path, SITE.replace("monthly_fee: 100", "monthly_fee: 50"), "site.yaml")
    assert main(["sensitivity", path, "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert list(document) == ["plan", "base", "rows"] and document["plan"] == "care"
    assert list(document["base"]) == ["break_even_monthly_fee", "break_fix_annual_cost"]
    assert list(document["rows"][0]) == ["assumption", "low", "high"]
    assert document["base"]["break_fix_annual_cost"] == 1750.0
    assert main(["sensitivity", path, "--plan", "care"]) == 0
    out = capsys.readouterr().out
    assert "If failures are half as frequent as assumed, care no longer pays off" in out
    assert main(["sensitivity", path, "--plan", "cair"]) == 2
    assert "did you mean 'care'" in capsys.readouterr().err
    no_plans = write(tmp_path, SITE.split("plans:")[0], "none.yaml")
    assert main(["sensitivity", no_plans]) == 2
    assert "has no plans" in capsys.readouterr().err
