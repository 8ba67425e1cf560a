"""Malformed, truncated and mistaken exports: one line per problem naming the JSON path, exit 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from importers_helpers import fixture

from depgraph.cli.main import main
from depgraph.importers.site import slug

ID = r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[str]]:
    code = main(["import", *argv])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return code, err.splitlines()


def test_wrong_types_are_named_by_json_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    devices = json.loads(Path(fixture("unifi-stat-device.json")).read_text())
    devices["data"][2]["uplink"] = "eth0"
    devices["data"][3]["vap_table"] = {"essid": "PhG"}
    path = tmp_path / "device.json"
    path.write_text(json.dumps(devices))
    code, lines = run(capsys, "unifi", str(path), "-o", str(tmp_path / "site.yaml"))
    assert code == 2
    assert lines == [
        f"{path}: data[2].uplink: expected an object, found a string",
        f"{path}: data[3].vap_table: expected a list, found an object",
    ]
    assert not (tmp_path / "site.yaml").exists()


def test_truncated_export_names_line_and_column(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "netbox.json"
    path.write_text(Path(fixture("netbox-rest-hq.json")).read_text()[:5000])
    code, lines = run(capsys, "netbox", str(path), "-o", str(tmp_path / "site.yaml"))
    assert code == 2
    assert len(lines) == 1 and lines[0].startswith(f"{path}:")
    assert "not valid JSON" in lines[0] and "truncated" in lines[0]


@pytest.mark.parametrize("cut", [1, 100, 2000, 20000])
def test_any_truncation_of_dumpdata_is_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                              cut: int) -> None:
    path = tmp_path / "dump.json"
    path.write_text(Path(fixture("netbox-demo-v3.6-trimmed.json")).read_text()[:cut])
    assert run(capsys, "netbox", str(path), "-o", str(tmp_path / "site.yaml"))[0] == 2


def test_broken_dumpdata_records(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "dump.json"
    path.write_text(json.dumps([
        {"model": "dcim.device", "pk": 1, "fields": "x"},
        {"model": "dcim.cabletermination", "pk": 2, "fields": {
            "cable": 1, "cable_end": "C", "termination_type": ["dcim", "interface"], "termination_id": 1}},
        {"model": "dcim.device", "pk": "3", "fields": {}},
    ]))
    code, lines = run(capsys, "netbox", str(path), "-o", str(tmp_path / "site.yaml"))
    assert code == 2
    assert lines == [
        f"{path}: [0].fields: expected an object",
        f'{path}: [1].fields.cable_end: expected "A" or "B"',
        f"{path}: [2].pk: expected a record number",
    ]


@pytest.mark.parametrize(("source", "name", "message"), [
    ("netbox", "unifi-rest-wlanconf.json", "cannot tell which NetBox endpoint"),
    ("unifi", "netbox-rest-hq.json", "expected a UniFi API response"),
    ("home-assistant", "unifi-stat-sta.json", "data: expected an object (a Home Assistant .storage"),
    ("lldp", "netbox-rest-hq.json", "expected a list, found an object"),
])
def test_the_wrong_source_says_what_it_expected(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                source: str, name: str, message: str) -> None:
    code, lines = run(capsys, source, fixture(name), "-o", str(tmp_path / "site.yaml"))
    assert code == 2
    assert any(message in line for line in lines), lines


def test_nothing_to_import(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "empty.json"
    path.write_text('{"data": []}')
    code, lines = run(capsys, "unifi", str(path), "-o", str(tmp_path / "site.yaml"))
    assert code == 2 and lines == [f"{path}: nothing to import: no devices in the export"]


def test_missing_file_bad_lldp_line_and_no_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "lldp", str(tmp_path / "nope.txt"), "-o", "x.yaml")[1] == [
        f"{tmp_path / 'nope.txt'}: no such file"]
    text = tmp_path / "sw.txt"
    text.write_text("lldp.eth0.chassis.name=core\nnot a key value line\n")
    assert run(capsys, "lldp", str(text), "-o", "x.yaml")[1] == [
        f"{text}:2: expected lldp.INTERFACE.KEY=VALUE (lldpctl -f keyvalue)"]
    code, lines = run(capsys, "lldp", str(text))
    assert code == 2 and "say where to write" in lines[0]


def test_an_input_is_never_overwritten(capsys: pytest.CaptureFixture[str]) -> None:
    path = fixture("unifi-stat-sta.json")
    before = Path(path).read_bytes()
    code, lines = run(capsys, "unifi", fixture("unifi-stat-device.json"), path, "-o", path)
    assert code == 2 and "it is the import input being read; choose another name" in lines[0]
    assert Path(path).read_bytes() == before


def test_output_is_byte_for_byte_stable(tmp_path: Path) -> None:
    names = ("unifi-rest-wlanconf.json", "unifi-stat-sta.json", "unifi-stat-device.json")
    files = [fixture(n) for n in names]
    assert main(["import", "unifi", *files, "-o", str(tmp_path / "a.yaml")]) == 0
    assert main(["import", "unifi", *reversed(files), "-o", str(tmp_path / "b.yaml")]) == 0
    assert (tmp_path / "a.yaml").read_bytes() == (tmp_path / "b.yaml").read_bytes().replace(
        b"unifi-stat-device.json, unifi-stat-sta.json, unifi-rest-wlanconf.json",
        b"unifi-rest-wlanconf.json, unifi-stat-sta.json, unifi-stat-device.json")


@settings(max_examples=200)
@given(st.text())
def test_slug_is_always_a_valid_id(name: str) -> None:
    import re

    assert re.match(ID, slug(name))


@settings(max_examples=200)
@given(st.lists(st.tuples(st.text(max_size=70), st.sampled_from([None, "a", "b", "Site B"])), max_size=12))
def test_builder_ids_are_valid_and_distinct(nodes: list[tuple[str, str | None]]) -> None:
    import re

    from depgraph.importers.site import SiteBuilder

    builder = SiteBuilder("x")
    for number, (name, site) in enumerate(nodes):
        builder.component(f"n:{number}", name or "?", "other", site=site)
    ids = [c.id for c in builder.build().components]
    assert len(set(ids)) == len(nodes)
    assert all(re.match(ID, i) for i in ids)


def test_an_export_can_come_from_standard_input(monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    import io

    data = Path(fixture("unifi-stat-device.json")).read_bytes()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert main(["import", "unifi", "-", "-o", "-"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[1].startswith("# Imported by depgraph from UniFi (-): 5 components")
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"lldp.eth0.chassis.name=x\n")))
    code, lines = run(capsys, "lldp", "-", "-o", "-")
    assert code == 2 and "standard input has no name" in lines[0]


def test_an_option_of_another_source_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    code, lines = run(capsys, "unifi", fixture("unifi-stat-device.json"), "--site", "hq", "-o", "-")
    assert code == 2 and lines == ["depgraph: error: --site applies to netbox only, not to unifi"]
    code, lines = run(capsys, "home-assistant", fixture("home-assistant-core.device_registry.json"),
                      "--root", "x", "-o", "-")
    assert lines == ["depgraph: error: --root applies to netbox and lldp only, not to home-assistant"]


def test_a_file_that_is_not_an_export(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    yaml_file = tmp_path / "site.yaml"
    yaml_file.write_text("version: 1\n")
    empty = tmp_path / "empty.json"
    empty.write_text("")
    assert run(capsys, "netbox", str(yaml_file), "-o", "-")[1] == [
        f"{yaml_file}:1:1: not valid JSON: Expecting value (this is not a JSON export)"]
    assert run(capsys, "unifi", str(empty), "-o", "-")[1] == [f"{empty}: the file is empty; export it again"]
