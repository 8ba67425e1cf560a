"""Dependency loops are the strongly connected groups networkx finds, on any graph."""

from __future__ import annotations

import networkx as nx
from hypothesis import given
from hypothesis import strategies as st

from depgraph.engine.graph import _strongly_connected


@st.composite
def _graphs(draw: st.DrawFn) -> list[list[int]]:
    n = draw(st.integers(1, 25))
    return [draw(st.lists(st.integers(0, n - 1), max_size=4)) for _ in range(n)]


@given(_graphs())
def test_the_groups_are_those_of_networkx(edges: list[list[int]]) -> None:
    digraph = nx.DiGraph()
    digraph.add_nodes_from(range(len(edges)))
    digraph.add_edges_from((a, b) for a, targets in enumerate(edges) for b in targets)
    expected = sorted(sorted(group) for group in nx.strongly_connected_components(digraph))
    assert sorted(sorted(group) for group in _strongly_connected(edges)) == expected


def test_a_long_chain_does_not_exhaust_the_stack() -> None:
    n = 50_000
    edges = [[i + 1] for i in range(n - 1)] + [[0]]
    assert [len(group) for group in _strongly_connected(edges)] == [n]
