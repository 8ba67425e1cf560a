"""The fast JSON writer gives exactly the standard library's indented text, or its refusal."""

from __future__ import annotations

import enum
import json
import math
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from depgraph.errors import OutputError
from depgraph.jsontext import to_json


def standard(document: Any) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


scalars = (
    st.none() | st.booleans() | st.integers() | st.text()
    | st.floats(allow_nan=False, allow_infinity=False)
)
documents = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=5) | st.tuples(inner, inner)
    | st.dictionaries(st.text(max_size=8), inner, max_size=5),
    max_leaves=40,
)


@given(documents)
def test_same_text_as_the_standard_encoder(document: Any) -> None:
    assert to_json(document) == standard(document)


class Level(enum.IntEnum):
    HIGH = 3


@pytest.mark.parametrize("document", [
    {1: "a", None: "b", 2.5: "c", False: "d"},  # keys the standard encoder turns into text
    {"level": Level.HIGH},  # an int subclass
    ["a", "é\u2028\x00\"\\", "\U0001f600"],  # escapes and text beyond ASCII, as written
    {"nested": [[], {}, [[1, [2.0, -0.0, 1e300]]]]},
])
def test_awkward_values_match(document: Any) -> None:
    assert to_json(document) == standard(document)


@pytest.mark.parametrize("figure", [math.nan, math.inf, -math.inf])
def test_a_figure_that_is_not_finite_is_refused(figure: float) -> None:
    with pytest.raises(OutputError, match="cannot write the result as JSON"):
        to_json({"rows": [{"cost": figure}]})
