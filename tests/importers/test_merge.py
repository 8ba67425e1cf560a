"""``--into``: what is new is added, what the user wrote is kept byte for byte."""

from __future__ import annotations

import difflib
from pathlib import Path

from importers_helpers import fixture, requires

import depgraph
from depgraph.cli.main import main

UNIFI = [fixture(n) for n in ("unifi-stat-device.json", "unifi-stat-sta.json", "unifi-rest-wlanconf.json")]

USER = """\
# yaml-language-server: $schema=../schema/inventory.schema.json
version: 1
site:
  name: Svensson home   # my notes
  kind: home
vendors:
  - id: net-guy
    name: The network guy
components:
    # the gateway, named my way
    - id: gateway
      name: Router in the closet
      category: network
      vendor: net-guy
      failures_per_year: 0.1
      tags: [mac:78:8a:20:33:44:55]
    - id: Switch-8
      category: network
      requires: [gateway]
services:
    - id: tv
      name: Watching TV
      requires: [gateway]
      cost_per_hour: 20
"""


def test_merge_adds_new_and_keeps_what_the_user_wrote(tmp_path: Path, capsys: object) -> None:
    site = tmp_path / "site.yaml"
    site.write_text(USER)
    assert main(["import", "unifi", *UNIFI, "--into", str(site)]) == 0
    merged = site.read_text()
    # the user's lines are all there, unchanged and in order: the merge only inserted lines
    edits = difflib.SequenceMatcher(a=USER.splitlines(), b=merged.splitlines(), autojunk=False).get_opcodes()
    assert {tag for tag, *_ in edits} == {"equal", "insert"}
    assert (tmp_path / "site.yaml.bak").read_text() == USER
    inventory = depgraph.load_inventory(str(site))
    ids = [c.id for c in inventory.components]
    assert ids[:2] == ["gateway", "Switch-8"]
    assert "usg" not in ids  # matched to the user's gateway by its MAC tag
    assert "switch-8" not in ids  # "Switch 8" matches the user's Switch-8 by name
    assert requires(inventory, "switch-16") == ["Switch-8"]  # references use the user's ids
    assert requires(inventory, "internet-access") == ["gateway"]
    out = capsys.readouterr().out  # type: ignore[attr-defined]
    assert "matched usg to gateway (by tag mac:78:8a:20:33:44:55)" in out
    assert "added component switch-16" in out


def test_merge_is_idempotent(tmp_path: Path) -> None:
    site = tmp_path / "site.yaml"
    site.write_text(USER)
    assert main(["import", "unifi", *UNIFI, "--into", str(site)]) == 0
    once = site.read_text()
    assert main(["import", "unifi", *UNIFI, "--into", str(site)]) == 0
    assert site.read_text() == once


def test_merge_reports_differences_it_did_not_apply(tmp_path: Path, capsys: object) -> None:
    site = tmp_path / "site.yaml"
    site.write_text(USER.replace("      requires: [gateway]\n", "", 1))
    assert main(["import", "unifi", *UNIFI, "--into", str(site)]) == 0
    out = capsys.readouterr().out  # type: ignore[attr-defined]
    assert "kept Switch-8 as written; the import also says it requires gateway" in out


def test_merge_to_another_file_leaves_the_inventory_alone(tmp_path: Path) -> None:
    site = tmp_path / "site.yaml"
    site.write_text(USER)
    out = tmp_path / "merged.yaml"
    assert main(["import", "unifi", *UNIFI, "--into", str(site), "-o", str(out)]) == 0
    assert site.read_text() == USER and not (tmp_path / "site.yaml.bak").exists()
    depgraph.load_inventory(str(out))


def test_merge_into_an_invalid_inventory_is_exit_2(tmp_path: Path, capsys: object) -> None:
    site = tmp_path / "site.yaml"
    site.write_text(USER.replace("category: network\n      vendor", "categry: network\n      vendor"))
    assert main(["import", "unifi", *UNIFI, "--into", str(site)]) == 2
    assert "categry" in capsys.readouterr().err  # type: ignore[attr-defined]
    assert site.read_text().count("categry") == 1


def test_merge_never_writes_over_an_export(tmp_path: Path, capsys: object) -> None:
    site = tmp_path / "site.yaml"
    site.write_text(USER)
    before = Path(UNIFI[0]).read_bytes()
    assert main(["import", "unifi", *UNIFI, "--into", str(site), "-o", UNIFI[0]]) == 2
    assert "it is the import input being read" in capsys.readouterr().err  # type: ignore[attr-defined]
    assert Path(UNIFI[0]).read_bytes() == before and site.read_text() == USER
