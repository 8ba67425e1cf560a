"""The fast reader builds exactly the full reader's data, or gives up; positions stay exact.

:func:`depgraph.inventory.yamlfast.read_plain` is an optimisation of
:func:`depgraph.inventory.yamlsource.read_yaml`: these tests compare the two
on the bundled sites, on the import samples' shapes and on random YAML, and
check that the positions read later are those the full reader records.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from sites import BUNDLED

from depgraph.generate import generate_site
from depgraph.inventory.yamldoc import YamlError
from depgraph.inventory.yamlevents import MAX_DEPTH
from depgraph.inventory.yamlfast import read_plain
from depgraph.inventory.yamlsource import _read_positioned, read_yaml


def _same(a: Any, b: Any) -> bool:
    """Equal data, types included (``1`` is not ``True``), NaN equal to NaN."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return bool(a == b)


def _full(text: str) -> Any:
    return _read_positioned(text, "t.yaml").data


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_bundled_sites_are_read_fast_and_alike(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    plain = read_plain(text, MAX_DEPTH)
    assert plain is not None and _same(plain[0], _full(text))


def test_positions_read_later_are_those_of_the_full_reader() -> None:
    text = generate_site(300, 2)
    fast, full = read_yaml(text, "t.yaml"), _read_positioned(text, "t.yaml")
    assert fast.values == full.values and fast.keys == full.keys and fast.scalars == full.scalars
    assert fast.position(("components", 7, "requires", 0)) == full.position(
        ("components", 7, "requires", 0)
    )


def test_an_inherited_position_is_kept_until_positions_are_read() -> None:
    text = "defaults: {component: {category: network}}\ncomponents:\n  - {id: a}\n"
    doc = read_yaml(text, "t.yaml")
    doc.inherit(("components", 0, "category"), ("defaults", "component", "category"))
    assert doc.position(("components", 0, "category")) == (1, 34)


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\na: 2\n",  # duplicate key
        "a: &x [1]\nb: *x\n",  # anchor and alias
        "base: &b {k: 1}\nc: {<<: *b, j: 2}\n",  # merge key
        "? [a, b]\n: 1\n",  # a collection as a key
        "a: 1\n---\nb: 2\n",  # a second document
        "a: [1\n",  # a syntax error
        "a: !nope x\n",  # a value that cannot be read
        "a: " + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1) + "\n",  # too deep
    ],
)
def test_the_fast_reader_leaves_every_problem_to_the_full_reader(text: str) -> None:
    assert read_plain(text, MAX_DEPTH) is None


@pytest.mark.parametrize(
    "text",
    [
        "a: ! 123\n", "a: 2001-12-14t21:59:43.10-05:00\n", "? a\n", "a: 0o17\n",
        "{a: 1, b: {c: [1, 2, {d: e}]}}\n", "''\n", "",
    ],
)
def test_tags_and_odd_scalars_read_alike(text: str) -> None:
    plain = read_plain(text, MAX_DEPTH)
    assert plain is not None and _same(plain[0], _full(text))


@pytest.mark.parametrize(
    "text", ["a: !!str 123\n", "a: !!int '7'\n", "a: !!binary aGVsbG8=\n", "- !!null ''\n",
             "a: !!set {b}\n"],
)
def test_an_explicit_tag_is_left_to_the_full_reader(text: str) -> None:
    # The full reader checks that the tag fits (issue 9); the fast one never guesses.
    assert read_plain(text, MAX_DEPTH) is None


@pytest.mark.parametrize("text", ["a: !!int 9q\n", "a: !!float x\n", "a: !!bool maybe\n"])
def test_a_tagged_value_that_cannot_be_converted_is_a_problem_not_a_crash(text: str) -> None:
    assert read_plain(text, MAX_DEPTH) is None
    problems = read_yaml(text, "t.yaml").problems
    assert len(problems) == 1 and "tag on" in problems[0].message and "remove the tag" in problems[0].message


def test_a_document_with_a_problem_is_reported_as_before() -> None:
    doc = read_yaml("a: 1\na: 2\n", "t.yaml")
    assert [p.line for p in doc.problems] == [2] and doc.data == {"a": 1}
    with pytest.raises(YamlError):
        read_yaml("a: [1\n", "t.yaml")


_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
    st.text(max_size=8), st.sampled_from(["no", "yes", "~", "0x1f", "1e3", "2024-01-02", "", "0o7", ".inf"]),
)
_documents = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=20,
)


@given(_documents, st.sampled_from([None, True, False]))
def test_any_document_reads_alike(data: Any, flow: bool | None) -> None:
    text = yaml.safe_dump(data, default_flow_style=flow, allow_unicode=True)
    plain = read_plain(text, MAX_DEPTH)
    assert plain is not None and _same(plain[0], _full(text))


@given(st.lists(_scalars, max_size=6))
def test_plain_and_quoted_scalars_read_alike(values: list[Any]) -> None:
    lines = [f"- {v}" for v in map(str, values)] + [f"- '{v}'" for v in map(str, values)]
    text = "\n".join(lines) + "\n"
    plain, full = read_plain(text, MAX_DEPTH), None
    try:
        full = _full(text)
    except YamlError:
        assert plain is None
        return
    assert plain is None or _same(plain[0], full)


_pieces = st.sampled_from([
    "a", "b", "1", "0x1f", "no", "~", "1.5", ".inf", "2024-01-02", "'q'", '"d"', "! 7", "!!str 8",
    "!!int '9'", "&x", "*x", "<<", ": ", ", ", "- ", "\n", "\n  ", "[", "]", "{", "}", "? ", "#c", "---",
])


@given(st.lists(_pieces, max_size=30))
def test_any_text_reads_alike_or_is_left_to_the_full_reader(pieces: list[str]) -> None:
    text = "".join(pieces)
    plain = read_plain(text, MAX_DEPTH)
    try:
        full = _read_positioned(text, "t.yaml")
    except YamlError:
        assert plain is None
        return
    if plain is not None:
        assert not full.problems and _same(plain[0], full.data)
