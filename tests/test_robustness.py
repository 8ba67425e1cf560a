"""Robustness: explicit tags, bounds, readable messages, strict outputs, the simulation budget.

Each test feeds one kind of hostile but plausible input and checks the exact
answer: the message and its place, the refusal and its numbers, or an
output that its format's own parser (json, ElementTree, Graphviz) accepts.
"""

from __future__ import annotations

import copy
import json
import math
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from depgraph import InventoryError, blast_radius, load_inventory
from depgraph.cli.main import main
from depgraph.errors import BudgetError, OutputError, Problem
from depgraph.export.openpsa import to_openpsa
from depgraph.inventory.container import Inventory
from depgraph.inventory.schema import inventory_schema
from depgraph.jsontext import to_json
from depgraph.quoting import printable, quoted
from depgraph.render import render_dot
from depgraph.simulation import simulate
from depgraph.simulation.budget import MAX_FAILURES, MAX_YEARS, check_budget

SITE = """\
version: 1
site: {name: Demo}
vendors: [{id: netco}]
components:
  - {id: panel, name: Alarm panel, category: security, vendor: netco, failures_per_year: 0.5}
services:
  - {id: alarm, requires: [panel], cost_per_hour: 10, people: 2}
"""


def problems_of(text: str) -> list[Problem]:
    with pytest.raises(InventoryError) as raised:
        load_inventory(text)
    assert raised.value.problems, "an InventoryError always carries its problems"
    return raised.value.problems


def only(text: str) -> tuple[int, int, str]:
    found = problems_of(text)
    assert len(found) == 1, found
    return found[0].line, found[0].column, found[0].message


# -- explicit tags ---------------------------------------------------------------------------


@pytest.mark.parametrize(("old", "new", "message"), [
    ("name: Alarm panel", "name: !!bool 'Intrusion alarm panel'",
     "'!!bool' tag on 'Intrusion alarm panel', which is not true or false: remove the tag"),
    ("name: Alarm panel", "name: !!bool yes",
     "component 'panel': '!!bool' tag on name, which takes text: remove the tag"),
    ("failures_per_year: 0.5", "failures_per_year: !!int '0.3'",
     "'!!int' tag on '0.3', which is not a whole number: remove the tag"),
    ("failures_per_year: 0.5", "failures_per_year: !!int ''",
     "'!!int' tag on '', which is not a whole number: remove the tag"),
    ("name: Alarm panel", "name: !!timestamp 'aGVsbG8='",
     "'!!timestamp' tag: no inventory field takes a date; remove the tag"),
    ("name: Alarm panel", "name: !!binary aGVsbG8=",
     "'!!binary' tag: no inventory field takes binary data; remove the tag"),
    ("name: Alarm panel", "name: !secret x",
     "unknown tag '!secret': depgraph reads plain values; remove the tag"),
    ("name: Alarm panel", "name: !!set {a, b}",
     "'!!set' tag on a mapping: depgraph reads plain mappings; remove the tag"),
])
def test_a_tag_that_does_not_fit_is_named_at_its_place(old: str, new: str, message: str) -> None:
    text = SITE.replace(old, new)
    line, column, found = only(text)
    assert (line, column) == (5, text.splitlines()[4].index(new.split(": ", 1)[1]) + 1)
    assert found == message


def test_tags_that_mean_what_the_field_needs_are_read() -> None:
    inv = load_inventory(SITE.replace("failures_per_year: 0.5", "failures_per_year: !!float '0.25'")
                         .replace("people: 2", "people: !!int 3")
                         .replace("name: Alarm panel", "name: !!str 12"))
    assert inv.component("panel").failures_per_year == 0.25
    assert inv.service("alarm").people == 3 and inv.component("panel").name == "12"


def test_text_that_only_looks_like_a_date_is_text() -> None:
    inv = load_inventory(SITE.replace("id: panel", "id: 2020-13-45").replace("[panel]", "[2020-13-45]"))
    assert inv.components[0].id == "2020-13-45"


def test_deep_block_nesting_is_refused_at_its_65th_level() -> None:
    # Level 1 is the top mapping; the list on line 3 is level 2, so line 66 opens level 65.
    text = "version: 1\nsite:\n" + "".join("  " * i + "- \n" for i in range(1, 2000))
    line, _, message = only(text)
    assert message == "the document is nested more than 64 levels deep" and line == 66


def test_deep_flow_nesting_is_refused_at_its_65th_level_whatever_libyaml_does() -> None:
    # libyaml (0.2.6 and later) stops at 1,000 levels before any event is read.
    assert only("version: 1\nsite: " + "[" * 50_000 + "]" * 50_000) == (
        2, 70, "the document is nested more than 64 levels deep")
    far = "# " + "x" * (1 << 21) + "\nversion: 1\nsite: " + "[" * 2000 + "]" * 2000
    line, _, message = only(far)  # too far in to read again: libyaml's place
    assert line == 3 and message == "the document is nested more than 64 levels deep"


# -- bounds ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("old", "new", "message"), [
    ("failures_per_year: 0.5", "failures_per_year: 1.0e+308",
     "failures_per_year must be at most 1,000, not 1e+308"),
    ("cost_per_hour: 10", "cost_per_hour: 1000000001", "cost_per_hour must be at most 1,000,000,000"),
    ("people: 2", "people: 1000001", "people must be at most 1,000,000"),
    ("{id: netco}", "{id: netco, response_hours: 100001}", "response_hours must be at most 100,000"),
    ("site: {name: Demo}", "site: {name: Demo}\nmodel: {latent_discovery_days: 3651}",
     "latent_discovery_days must be at most 3,650"),
    ("site: {name: Demo}", "site: {name: Demo}\nmodel: {duration_spread: 11}",
     "duration_spread must be at most 10"),
])
def test_numbers_beyond_any_real_site_are_refused(old: str, new: str, message: str) -> None:
    assert message in only(SITE.replace(old, new))[2]


def test_defaults_are_bounded_like_the_items() -> None:
    text = SITE.replace("site: {name: Demo}", "site: {name: Demo}\ndefaults:\n  vendor: {trip_fee: 1.0e+12}")
    line, _, message = only(text)
    assert line == 4 and "trip_fee must be at most 1,000,000,000" in message


def test_the_schema_shows_the_bounds() -> None:
    component = inventory_schema()["$defs"]["Component"]["properties"]
    assert component["failures_per_year"]["maximum"] == 1000
    assert component["repair_hours"]["maximum"] == 100_000


def test_every_figure_is_finite_at_the_bounds(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = SITE.replace("failures_per_year: 0.5", "failures_per_year: 1000, repair_hours: 100000") \
        .replace("cost_per_hour: 10", "cost_per_hour: 1000000000")
    site = tmp_path / "site.yaml"
    site.write_text(text + "plans: [{id: care, monthly_fee: 1000000000}]\n", encoding="utf-8")
    for command in (["incidents"], ["compare", "--years", "3"], ["audit"], ["rank"]):
        capsys.readouterr()
        assert main([command[0], str(site), *command[1:], "--json"]) == 0
        document = json.loads(capsys.readouterr().out, parse_constant=pytest.fail)
        assert document


# -- messages --------------------------------------------------------------------------------


def test_user_text_in_a_message_is_quoted_escaped_and_short() -> None:
    text = SITE.replace("vendor: netco", 'vendor: "net\\nco\\e[2J' + "x" * 200 + '"')
    messages = [str(p) for p in problems_of(text)]
    assert messages and all("\n" not in m and "\x1b" not in m and len(m) < 300 for m in messages)
    assert "'net\\nco\\x1b[2Jxxx" in messages[0] and "…" in messages[0]


def test_quoting_helpers() -> None:
    assert printable("a\tb\u2028c\x00") == "a\\tb\\u2028c\\x00"
    assert quoted("é" * 200).count("é") == 79 and quoted(None) == "None"


def test_a_file_name_with_a_newline_stays_on_one_line() -> None:
    assert str(Problem("bad\nname.yaml", 2, 3, "oops")) == "bad\\nname.yaml:2:3: oops"


def test_a_cli_error_is_one_short_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    site = tmp_path / "site.yaml"
    site.write_text(SITE, encoding="utf-8")
    assert main(["blast", str(site), "--fail", "x\n" + "y" * 500]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and len(err) < 300 and "'x\\nyyy" in err


# -- outputs ---------------------------------------------------------------------------------


def test_json_output_is_strict() -> None:
    with pytest.raises(OutputError, match="JSON"):
        to_json({"cost": math.nan})


def test_open_psa_is_well_formed_whatever_the_names() -> None:
    inv = load_inventory(SITE.replace("name: Alarm panel", 'name: "A\\0l\\e[2J\\x07arm & <panel>"'))
    root = ET.fromstring(to_openpsa(inv))
    labels = [label.text for label in root.iter("label")]
    assert "A\\x00l\\x1b[2J\\x07arm & <panel> fails" in labels


def test_open_psa_of_an_unchecked_site_that_is_always_down_is_a_constant() -> None:
    inv = Inventory.model_validate({
        "version": 1, "site": {"name": "x"},
        "components": [{"id": "a", "category": "other", "requires": ["b"]},
                       {"id": "b", "category": "other", "requires": ["a"]}],
        "services": [{"id": "s", "requires": ["a"]}],
    })  # the loader refuses this loop; the model alone does not know it
    gate = ET.fromstring(to_openpsa(inv)).find("define-fault-tree/define-gate")
    assert gate is not None and gate.find("constant") is not None


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot is not installed")
def test_dot_accepts_a_name_of_any_length(tmp_path: Path) -> None:
    inv = load_inventory(SITE.replace("name: Alarm panel", "name: " + "Alarm & panel " * 3000))
    assert max(len(line) for line in render_dot(inv).splitlines()) < 16_384
    svg = tmp_path / "long.svg"
    source = tmp_path / "long.yaml"
    source.write_text(SITE.replace("name: Alarm panel", "name: " + "é&" * 9000), encoding="utf-8")
    assert main(["render", str(source), "-o", str(svg)]) == 0
    assert ET.parse(svg).getroot().tag.endswith("svg")


# -- the simulation's budget -----------------------------------------------------------------


def test_a_simulation_beyond_the_budget_is_refused_with_the_numbers() -> None:
    inv = load_inventory(SITE.replace("failures_per_year: 0.5", "failures_per_year: 1000"))
    with pytest.raises(BudgetError) as refused:
        simulate(inv, years=10_000)
    message = str(refused.value)
    assert "1,000.0 expected failures per simulated year x 10,000 years = 10,000,000" in message
    assert f"{MAX_FAILURES:,}" in message and "simulate at most 5,000 years" in message
    check_budget(inv, 5_000)  # the advice is right
    with pytest.raises(BudgetError, match=re.escape(f"{MAX_YEARS:,}")):
        check_budget(inv, MAX_YEARS + 1)


def test_one_year_beyond_memory_is_refused() -> None:
    inv = Inventory.model_validate({
        "version": 1, "site": {"name": "x"},
        "components": [{"id": f"c{i}", "category": "other", "failures_per_year": 1000}
                       for i in range(501)],
    })
    with pytest.raises(BudgetError, match="501,000 failures per simulated year, more than the 500,000"):
        check_budget(inv, 1)


def test_the_refusal_is_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = tmp_path / "site.yaml"
    site.write_text(SITE.replace("failures_per_year: 0.5", "failures_per_year: 1000"), encoding="utf-8")
    assert main(["compare", str(site)]) == 2
    assert capsys.readouterr().err.startswith("depgraph: error: 1,000.0 expected failures")


# -- copies recompute what they cache ------------------------------------------------------


@pytest.mark.parametrize("how", ["model_copy", "deep model_copy", "copy of a copy", "deepcopy"])
def test_any_copy_of_an_inventory_recomputes_its_blast_radius(how: str) -> None:
    inv = load_inventory(
        "version: 1\nsite: {name: Demo}\ncomponents: [{id: r, category: network}]\n"
        "services: [{id: s, requires: [r], cost_per_hour: 10}]\n"
    )
    assert blast_radius(inv, ["r"]).cost_per_hour == 10.0  # the original's cache is filled
    dearer = {"services": (inv.services[0].model_copy(update={"cost_per_hour": 99.0}),)}
    if how == "model_copy":
        new = inv.model_copy(update=dearer)
    elif how == "deep model_copy":
        new = inv.model_copy(update=dearer, deep=True)
    elif how == "copy of a copy":
        new = copy.copy(inv).model_copy(update=dearer)
    else:
        new = copy.deepcopy(inv).model_copy(update=dearer)
    assert blast_radius(new, ["r"]).cost_per_hour == 99.0
    assert blast_radius(inv, ["r"]).cost_per_hour == 10.0
