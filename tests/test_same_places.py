"""Every command that reads a site reports a problem at the same place, quoted values included."""

from __future__ import annotations

from pathlib import Path

import pytest

from depgraph.cli.main import main

SITE = """\
version: 1
site: {name: t, hours: "Mo-Fr 09:00-17:00"}
vendors:
  - {id: netco, hours: "Mon-Fri 8am-4pm"}
components:
  - {id: router, category: network, vendor: netco}
services:
  - {id: internet, requires: [router], cost_per_hour: 10}
"""
COLUMN = SITE.splitlines()[3].index("Mon-Fri") + 1  # the day name, past the opening quote


@pytest.mark.parametrize("command", [
    ["validate"], ["rank"], ["incidents"], ["compare", "--years", "10"], ["audit"], ["remedies"],
    ["report", "-o", "out.html"], ["sensitivity"],
])
def test_a_bad_day_inside_quoted_hours_is_placed_alike(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
    command: list[str],
) -> None:
    site = tmp_path / "site.yaml"
    site.write_text(SITE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    name, *options = command
    assert main([name, str(site), *options]) == 2
    first = capsys.readouterr().err.splitlines()[0]
    assert first.startswith(f"{site}:4:{COLUMN}: 'Mon-Fri 8am-4pm': 'Mon' is not a day")
    assert not (tmp_path / "out.html").exists()
