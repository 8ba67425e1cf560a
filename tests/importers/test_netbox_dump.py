"""The fast dumpdata reader keeps exactly what the plain JSON path keeps, or declines."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from importers_helpers import fixture, places

from depgraph.importers.jsondata import Problems
from depgraph.importers.netbox_dump import add_dumpdata_fast
from depgraph.importers.netbox_records import Tables

DEMO = json.loads(Path(fixture("netbox-demo-v3.6-trimmed.json")).read_text())


def _plain(text: str) -> tuple[Tables, list[str]]:
    tables, problems = Tables(), Problems()
    tables.add_document(json.loads(text), "dump.json", problems)
    return tables, problems.messages


def _fast(text: str) -> tuple[Tables, list[str]] | None:
    tables, problems = Tables(), Problems()
    if not add_dumpdata_fast(text, "dump.json", tables, problems):
        assert not tables.records and not tables.cable_ends and not problems.messages
        return None
    return tables, problems.messages


def _same(fast: tuple[Tables, list[str]], plain: tuple[Tables, list[str]]) -> None:
    (a, a_messages), (b, b_messages) = fast, plain
    assert dict(a.records) == dict(b.records)
    assert dict(a.cable_ends) == dict(b.cable_ends) and a.end_of == b.end_of
    assert a_messages == b_messages


def test_the_demo_is_read_fast_into_the_same_tables() -> None:
    text = json.dumps(DEMO)
    fast = _fast(text)
    assert fast is not None
    assert len(fast[0].get("dcim.device")) == 28
    _same(fast, _plain(text))


def test_ports_without_a_cable_are_left_out_and_cabled_ones_kept_whole() -> None:
    port = {"device": 1, "name": "eth0", "type": "1000base-t", "mtu": None}
    text = json.dumps([
        {"model": "dcim.interface", "pk": 1, "fields": {**port, "cable": None}},
        {"model": "dcim.interface", "pk": 2, "fields": port},
        {"model": "dcim.interface", "pk": 3, "fields": {**port, "cable": 9}},
        {"model": "dcim.interface", "pk": "4", "fields": {**port, "cable": None}},
        {"model": "dcim.frontport", "pk": 5, "fields": "broken"},
    ])
    tables, messages = _fast(text) or pytest.fail("declined")
    assert tables.get("dcim.interface") == {3: {**port, "cable": 9}}
    assert messages == ["dump.json: [3].pk: expected a record number",
                        "dump.json: [4].fields: expected an object"]


@pytest.mark.parametrize("text", [
    '{"results": []}',  # REST pages
    "[]",
    '[{"model": "dcim.device", "pk": 1, "fields": {"name": NaN}}]',  # json reads NaN, msgspec does not
    '[{"model": "dcim.device", "pk": 1, "fields": {"name": 1e400}}]',  # json reads inf
    '[{"model": "dcim.device", "pk": 1, "fields": {"name": "\\ud800"}}]',  # a lone surrogate
    '[{"model": "dcim.device", "pk": 1, "fields": {}}, 7]',  # an entry that is not an object
    '[{"model": "dcim.device", "pk": 1, "fields": {}}',  # truncated
])
def test_what_the_fast_reader_cannot_read_as_json_does_is_left_to_the_plain_path(text: str) -> None:
    assert _fast(text) is None


PLACES = places(DEMO)[1:]
VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 2**70) | st.floats(allow_nan=False) | st.text(max_size=4),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3),
    max_leaves=5,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(PLACES), VALUES)
def test_any_damage_gives_the_plain_paths_tables_and_messages(path: tuple[Any, ...], value: Any) -> None:
    document = json.loads(json.dumps(DEMO))
    target = document
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    text = json.dumps(document)
    fast = _fast(text)
    if fast is not None:
        _same(fast, _plain(text))
