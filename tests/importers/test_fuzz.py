"""Any damage to an export gives a clear error or a valid inventory, never a Python exception."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from importers_helpers import fixture, places

import depgraph
from depgraph.errors import DepgraphError
from depgraph.importers import ImportOptions, import_site

JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 300) | st.text(max_size=6),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)
CASES = {
    "netbox": ["netbox-rest-hq.json"],
    "netbox dumpdata": ["netbox-demo-v3.6-trimmed.json"],
    "unifi": ["unifi-stat-device.json", "unifi-stat-sta.json", "unifi-rest-wlanconf.json"],
    "home-assistant": ["home-assistant-core.device_registry.json", "home-assistant-core.area_registry.json"],
    "lldp": ["lldp/core2.json", "lldp/access1.json", "lldp/edge1.json"],
}
DOCUMENTS = {name: json.loads(Path(fixture(name)).read_text()) for names in CASES.values() for name in names}


PLACES = {name: places(document)[1:] for name, document in DOCUMENTS.items()}


def _damaged(document: Any, path: tuple[Any, ...], value: Any) -> Any:
    copy = json.loads(json.dumps(document))
    target = copy
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return copy


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(CASES)), st.data(), JSON)
def test_damaged_exports_fail_cleanly(source: str, data: st.DataObject, value: Any) -> None:
    names = CASES[source]
    name = data.draw(st.sampled_from(names))
    path = data.draw(st.sampled_from(PLACES[name]))
    with tempfile.TemporaryDirectory() as folder:
        files = []
        for other in names:
            document = _damaged(DOCUMENTS[other], path, value) if other == name else DOCUMENTS[other]
            files.append(Path(folder) / Path(other).name)
            files[-1].write_text(json.dumps(document))
        try:
            text = import_site(source.split()[0], [str(f) for f in files], ImportOptions())
        except DepgraphError as exc:
            assert str(exc)
            return
    depgraph.load_inventory(text)


@pytest.mark.parametrize("path, value", [
    (("dcim/interfaces", "results", 4, "device", "id"), False),  # a record number that is a boolean
    (("dcim/interfaces", "results", 4, "device"), 8),  # an interface moved: two devices need each other
])
def test_damaged_rest_pages_found_by_the_fuzz_fail_cleanly(path: tuple[Any, ...], value: Any) -> None:
    """Two damages the fuzz found: a traceback, and an inventory the loader then refused."""
    name = "netbox-rest-hq.json"
    with tempfile.TemporaryDirectory() as folder:
        damaged = Path(folder) / name
        damaged.write_text(json.dumps(_damaged(DOCUMENTS[name], path, value)))
        try:
            text = import_site("netbox", [str(damaged)], ImportOptions())
        except DepgraphError as exc:
            assert str(exc)
            return
    depgraph.load_inventory(text)


def test_the_command_refuses_a_loop_the_exports_make(tmp_path: Path) -> None:
    """``depgraph import`` goes through the same check as the API: no file depgraph would reject."""
    from depgraph.cli.main import main

    name = "netbox-rest-hq.json"
    damaged = tmp_path / name
    damaged.write_text(json.dumps(_damaged(DOCUMENTS[name], ("dcim/interfaces", "results", 4, "device"), 8)))
    out = tmp_path / "site.yaml"
    assert main(["import", "netbox", str(damaged), "-o", str(out)]) == 2
    assert not out.exists()
