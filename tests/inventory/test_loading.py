"""Loading and validation: every kind of bad input gives exit 2 and a precise place.

Each case feeds ``depgraph validate`` a small broken file and checks the
exit code, the ``FILE:LINE:COLUMN`` of the message and its words.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path
from textwrap import dedent

import pytest

from depgraph import InventoryError, load_inventory
from depgraph.cli.main import main

GOOD = """\
version: 1
site: {name: Demo}
vendors:
  - {id: netco, hourly_rate: 120}
  - {id: isp, billing: included}
components:
  - {id: isp-fiber, category: network, vendor: isp}
  - {id: router, category: network, vendor: netco, requires: [isp-fiber]}
services:
  - {id: internet, requires: [router], cost_per_hour: 40, people: 3}
"""


def validate(tmp_path: Path, text: str | bytes, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    path = tmp_path / "site.yaml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(dedent(text), encoding="utf-8")
    code = main(["validate", str(path)])
    captured = capsys.readouterr()
    return code, captured.err.replace(str(path), "site.yaml")


def problems(err: str) -> list[tuple[int, int, str]]:
    """(line, column, message) of every ``site.yaml:L:C: message`` line."""
    found = []
    for line in err.splitlines():
        match = re.match(r"site\.yaml:(\d+):(\d+): (.*)", line)
        assert match, f"not FILE:LINE:COLUMN: {line!r}"
        found.append((int(match[1]), int(match[2]), match[3]))
    return found


def at(text: str, line: int, token: str) -> tuple[int, int]:
    """(line, column) of the first ``token`` on ``line`` of ``text`` (1-based)."""
    return line, dedent(text).splitlines()[line - 1].index(token) + 1


def single(tmp_path: Path, text: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, int, str]:
    code, err = validate(tmp_path, text, capsys)
    assert code == 2
    found = problems(err)
    assert len(found) == 1, err
    return found[0]


def test_good_file_is_valid(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _ = validate(tmp_path, GOOD, capsys)
    assert code == 0


def test_defaults_are_applied() -> None:
    inv = load_inventory(GOOD)
    router = inv.component("router")
    assert (router.failures_per_year, router.repair_hours, router.monitored) == (0.2, 1.0, True)
    assert inv.vendor("netco").hourly_rate == 120 and inv.vendor("netco").trip_fee == 75
    assert inv.service("internet").owner == "netco"  # first component with a vendor, breadth-first
    assert inv.model.blame_probability == 0.25 and inv.site.currency == "USD"


def test_defaults_section_fills_fields_but_items_win() -> None:
    inv = load_inventory(GOOD.replace(
        "vendors:", "defaults:\n  component: {failures_per_year: 0.5}\n  vendor: {trip_fee: 99}\nvendors:"
    ).replace("vendor: netco, requires", "vendor: netco, failures_per_year: 2, requires"))
    assert inv.component("isp-fiber").failures_per_year == 0.5
    assert inv.component("router").failures_per_year == 2
    assert inv.vendor("netco").trip_fee == 99
    assert inv.default_vendor().trip_fee == 99


def test_owner_walks_breadth_first_past_unowned_parts() -> None:
    inv = load_inventory("""
version: 1
site: {name: Demo}
vendors: [{id: av}, {id: net}]
components:
  - {id: switch, category: network, vendor: net}
  - {id: tv, category: video, requires: [switch]}
  - {id: amp, category: audio, vendor: av, requires: [switch]}
services:
  - {id: movie, requires: [tv, amp]}
  - {id: music, requires: [tv]}
""")
    assert inv.service("movie").owner == "av"  # amp is met before switch
    assert inv.service("music").owner == "net"


def test_yaml_syntax_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    line, _, message = single(tmp_path, "version: 1\nsite: {name: x\ncomponents: []\n", capsys)
    assert line in (2, 3) and "YAML syntax error" in message


@pytest.mark.parametrize("text", ["", "   \n# only a comment\n"])
def test_empty_file(tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str) -> None:
    assert "empty" in single(tmp_path, text, capsys)[2]


@pytest.mark.parametrize(("text", "word"), [("- a\n- b\n", "a list"), ("hello\n", "a single value")])
def test_top_level_not_a_mapping(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, word: str
) -> None:
    assert word in single(tmp_path, text, capsys)[2]


def test_version_missing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert "version: 1" in single(tmp_path, GOOD.replace("version: 1\n", ""), capsys)[2]


@pytest.mark.parametrize("version", ["2", "'1'", "true"])
def test_version_not_1(tmp_path: Path, capsys: pytest.CaptureFixture[str], version: str) -> None:
    line, column, message = single(tmp_path, GOOD.replace("version: 1", f"version: {version}"), capsys)
    assert (line, column) == (1, 10) and "version must be 1" in message


def test_unknown_key_suggests_the_closest(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = GOOD.replace("vendor: netco, requires", "vendor: netco, reqires")
    line, column, message = single(tmp_path, text, capsys)
    assert (line, column) == at(text, 8, "reqires")
    assert message == "component 'router': unknown key 'reqires'; did you mean 'requires'?"


@pytest.mark.parametrize(
    ("old", "new", "where"),
    [
        ("site: {name: Demo}", "site: {name: Demo, currncy: EUR}", (2, "currncy")),
        ("version: 1\n", "version: 1\nmodle: {}\n", (2, "modle")),
        ("hourly_rate: 120}", "hourly_rate: 120, hourlyrate: 5}", (4, "hourlyrate")),
    ],
)
def test_unknown_key_anywhere(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], old: str, new: str, where: tuple[int, str]
) -> None:
    text = GOOD.replace(old, new)
    line, column, message = single(tmp_path, text, capsys)
    assert (line, column) == at(text, *where)
    assert "unknown key" in message and "did you mean" in message


def test_duplicate_mapping_key(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = GOOD.replace("people: 3}", "people: 3}\n  - id: wifi\n    requires: [router]\n    id: wlan\n")
    line, column, message = single(tmp_path, text, capsys)
    assert (line, column) == (13, 5)
    assert "duplicate key 'id'" in message and "line 11" in message


def test_duplicate_top_level_section(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    line, _, message = single(tmp_path, GOOD + "site: {name: Other}\n", capsys)
    assert line == 11 and "duplicate key 'site'" in message


def test_duplicate_id_across_components_and_services(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = GOOD.replace("id: internet, requires: [router]", "id: router, requires: [isp-fiber]")
    line, column, message = single(tmp_path, text, capsys)
    assert (line, column) == (10, 10)
    assert "duplicate id 'router'" in message and "share one set of ids" in message


def test_duplicate_vendor_id(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = GOOD.replace("components:", "  - {id: netco}\ncomponents:")
    line, _, message = single(tmp_path, text, capsys)
    assert line == 6 and "duplicate id 'netco'" in message


@pytest.mark.parametrize(
    ("old", "new", "where", "words"),
    [
        ("requires: [router]", "requires: [ruoter]", (10, "ruoter"), "did you mean 'router'"),
        ("vendor: netco,", "vendor: netcoo,", (8, "netcoo"), "did you mean 'netco'"),
        ("people: 3}", "people: 3, owner: nteco}", (10, "nteco"), "did you mean 'netco'"),
        ("requires: [isp-fiber]", "requires: [{any: [isp-fibre]}]", (8, "isp-fibre"),
         "did you mean 'isp-fiber'"),
    ],
)
def test_unknown_reference(
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
    old: str, new: str, where: tuple[int, str], words: str,
) -> None:
    text = GOOD.replace(old, new)
    line, column, message = single(tmp_path, text, capsys)
    assert (line, column) == at(text, *where) and words in message


@pytest.mark.parametrize(
    ("written", "read_as"),
    [("010", "a number"), ("no", "a boolean"), ("on", "a boolean"), ("12:30", "a number"),
     ("1.5", "a number"), ("null", "null")],
)
def test_id_that_yaml_reads_as_another_type(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], written: str, read_as: str
) -> None:
    text = GOOD.replace("id: internet", f"id: {written}")
    line, column, message = single(tmp_path, text, capsys)
    assert (line, column) == (10, 10)
    assert f"'{written}' is read by YAML as {read_as}" in message and f'"{written}"' in message


def test_quoted_yaml_trap_ids_are_fine() -> None:
    inv = load_inventory(GOOD.replace("id: internet", "id: 'no'"))
    assert inv.services[0].id == "no"


def test_id_with_bad_characters(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    message = single(tmp_path, GOOD.replace("id: internet", "id: 'net work'"), capsys)[2]
    assert "not a valid id" in message


@pytest.mark.parametrize(
    ("old", "new", "where", "words"),
    [
        ("requires: [router]", "requires: [internet]", (10, "internet]"),
         "'internet' requires itself"),
        ("requires: [router]", "requires: [{any: [router, router]}]", (10, "router]"),
         "listed twice"),
        ("requires: [router]", "requires: [{at_least: 3, of: [router, isp-fiber]}]", (10, "3,"),
         "at_least: 3 but the group has only 2 members"),
        ("requires: [router]", "requires: [{at_least: 0, of: [router]}]", (10, "0,"),
         "at_least must be at least 1"),
        ("requires: [router]", "requires: []", (10, "[]"), "needs at least one requirement"),
        ("requires: [router]", "requires: [{some: [router]}]", (10, "{some"),
         "a requirement is an id"),
    ],
)
def test_clause_problems(
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
    old: str, new: str, where: tuple[int, str], words: str,
) -> None:
    text = GOOD.replace(old, new)
    line, column, message = single(tmp_path, text, capsys)
    assert (line, column) == at(text, *where) and words in message


def test_service_without_requires_key(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    line, _, message = single(tmp_path, GOOD.replace("requires: [router], ", ""), capsys)
    assert line == 10 and "missing required key 'requires'" in message


@pytest.mark.parametrize(
    ("value", "words"),
    [("-1", "must be at least 0"), (".nan", "finite number"), (".inf", "finite number"),
     ("-.inf", "finite number")],
)
def test_bad_numbers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], value: str, words: str
) -> None:
    text = GOOD.replace("cost_per_hour: 40", f"cost_per_hour: {value}")
    line, column, message = single(tmp_path, text, capsys)
    assert (line, column) == at(text, 10, value) and words in message
    assert "cost_per_hour" in message


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [("remote_fix_rate", "1.5", "at most 1"), ("remote_fix_rate", "-0.1", "at least 0"),
     ("failure_reduction", "1", "less than 1"), ("failure_reduction", "1.2", "less than 1")],
)
def test_plan_shares(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], field: str, value: str, words: str
) -> None:
    text = GOOD + f"plans:\n  - {{id: care, monthly_fee: 500, {field}: {value}}}\n"
    line, _, message = single(tmp_path, text, capsys)
    assert line == 12 and words in message and field in message


def test_unsupported_loop_names_members_in_order(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = GOOD.replace(
        "services:",
        "  - {id: a, category: other, requires: [b]}\n"
        "  - {id: b, category: other, requires: [c]}\n"
        "  - {id: c, category: other, requires: [a]}\nservices:",
    )
    line, _, message = single(tmp_path, text, capsys)
    assert line == 9 and "a → b → c → a" in message and "no independent support" in message


def test_supported_loop_is_a_warning(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = GOOD.replace(
        "services:",
        "  - {id: r2, category: network, requires: [{any: [isp-fiber, r3]}]}\n"
        "  - {id: r3, category: network, requires: [{any: [router, r2]}]}\nservices:",
    ).replace("requires: [router]", "requires: [{any: [r2, r3]}]")
    code, err = validate(tmp_path, text, capsys)
    assert code == 0
    assert "warning: supported loop (redundancy pair): r2 → r3 → r2" in err


def test_warnings_for_orphans_and_unowned_services(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = GOOD.replace(
        "services:", "  - {id: spare-tv, category: video}\n  - {id: dvd, category: video}\nservices:"
    ) + "  - {id: movies, requires: [dvd]}\n"
    code, err = validate(tmp_path, text, capsys)
    assert code == 0
    assert problems(err) == [
        (9, 10, "warning: component 'spare-tv' is not required by any component or service"),
        (13, 10, "warning: service 'movies' has no owner: no vendor supports anything it requires"),
    ]


def test_every_problem_is_reported_at_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = (
        GOOD.replace("vendor: netco, requires", "vendor: netcoo, reqires")
        .replace("cost_per_hour: 40", "cost_per_hour: -3")
        .replace("hourly_rate: 120", "hourly_rate: 120, hourly_rate: 130")
    )
    code, err = validate(tmp_path, text, capsys)
    assert code == 2
    lines = [line for line, _, _ in problems(err)]
    assert lines == sorted(lines) and len(lines) == 4 and set(lines) == {4, 8, 10}


def test_billion_laughs_is_refused_quickly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 12):
        name, prev = chr(97 + i), chr(96 + i)
        levels.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 10) + "]")
    text = "version: 1\nsite: {name: x}\n" + "\n".join(levels) + "\n"
    tracemalloc.start()
    started = time.perf_counter()
    line, _, message = single(tmp_path, text, capsys)
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert "aliases" in message and 3 <= line <= 14
    assert elapsed < 5 and peak < 200 * 2**20  # bounds, not a benchmark: expansion would never end


def test_deep_nesting_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = "version: 1\nsite: " + "[" * 50_000 + "]" * 50_000 + "\n"
    line, _, message = single(tmp_path, text, capsys)
    assert line == 2 and "nested more than" in message


def test_not_utf8(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    raw = GOOD.replace("name: Demo", "name: Caf\xe9").encode("latin-1")
    line, column, message = single(tmp_path, raw, capsys)  # type: ignore[arg-type]
    assert (line, column) == (2, 17) and "not UTF-8" in message


def test_missing_file_and_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(tmp_path / "nope.yaml")]) == 2
    assert "no such file" in capsys.readouterr().err
    assert main(["validate", str(tmp_path)]) == 2
    assert "is a directory" in capsys.readouterr().err


def test_second_document_is_refused() -> None:
    with pytest.raises(InventoryError, match="second YAML document"):
        load_inventory(GOOD + "---\nversion: 1\n")


def test_yaml_merge_keys_are_supported() -> None:
    inv = load_inventory(GOOD.replace(
        "  - {id: router, category: network, vendor: netco, requires: [isp-fiber]}",
        "  - &r {id: router, category: network, vendor: netco, requires: [isp-fiber]}\n"
        "  - {<<: *r, id: router-2}",
    ))
    assert inv.component("router-2").requires == ("isp-fiber",)


@pytest.mark.subprocess
def test_standard_input() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "depgraph", "validate", "-"], input=GOOD.encode(),
        capture_output=True, check=False,
    )
    assert result.returncode == 0
    assert result.stdout == b"<stdin>: valid: 2 components, 1 service, 2 vendors, 0 plans\n"


@pytest.mark.subprocess
def test_real_command_never_shows_a_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(b"version: 1\nsite: {name: x}\ncomponents: [{id: a, category: 3}]\n\xff")
    result = subprocess.run(
        [sys.executable, "-m", "depgraph", "validate", str(bad)], capture_output=True, check=False
    )
    assert result.returncode == 2
    assert b"Traceback" not in result.stderr and str(bad).encode() + b":4:1:" in result.stderr


def test_one_line_json_text_is_read_as_an_inventory() -> None:
    text = '{"version": 1, "site": {"name": "x"}, "components": [{"id": "a", "category": "other"}]}'
    inv = load_inventory(text)
    assert inv.components[0].id == "a"


def test_an_impossible_path_is_an_inventory_error() -> None:
    with pytest.raises(InventoryError, match="cannot read the file"):
        load_inventory("x" * 5000)


def test_tab_indentation_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    line, column, message = single(tmp_path, "version: 1\nsite:\n\tname: x\n", capsys)
    assert (line, column) == (3, 1) and "tab character" in message and "spaces" in message
