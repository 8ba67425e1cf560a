"""Reading YAML with the line and column of every value, safely: the reader's front door.

PyYAML's ``safe_load`` forgets where each value came from, keeps the last of
two duplicate keys without a word, and expands aliases by sharing objects, so
a "billion laughs" document becomes a structure that anything walking it will
take forever over. :func:`read_yaml` reads a document without those faults,
as cheaply as the file allows: a plain file goes through the fast reader
(:mod:`~depgraph.inventory.yamlfast`) and has its positions read only when a
message needs one; any other is fed, event by event, to the
:class:`~depgraph.inventory.yamlevents.DocumentBuilder`, which records every
place and refuses duplicate keys, deep nesting and alias bombs. What stops
the parser itself (a syntax error, a tab, libyaml's own depth limit)
becomes one :class:`~depgraph.inventory.yamldoc.YamlError` in the user's
terms, at its line and column.

Example:

>>> doc = read_yaml("a: 1\\nb: [x, 'y']\\n", "demo.yaml")
>>> doc.data
{'a': 1, 'b': ['x', 'y']}
>>> doc.position(("b", 1))
(2, 8)
"""

from __future__ import annotations

from typing import Any

import yaml

from depgraph.errors import Problem
from depgraph.inventory.yamldoc import Position, YamlDocument, YamlError
from depgraph.inventory.yamlevents import MAX_DEPTH, TOO_DEEP, DocumentBuilder, mark_position
from depgraph.inventory.yamlfast import read_plain

__all__ = ["read_yaml"]

try:
    _Loader: type[Any] = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader


def read_yaml(text: str, filename: str) -> YamlDocument:
    """Parse ``text`` (one YAML document) into data with positions.

    Raises :class:`~depgraph.inventory.yamldoc.YamlError` for a syntax error,
    a second document, nesting deeper than
    :data:`~depgraph.inventory.yamlevents.MAX_DEPTH` or an alias bomb.
    Problems that do not stop the reading (duplicate keys, collections used
    as keys, tags that do not fit) are listed in the document's ``problems``,
    so that they are reported with everything else.

    A document the fast reader takes (:func:`~depgraph.inventory.yamlfast.read_plain`)
    is read without positions; they are read when first asked for. It takes
    no document with an explicit tag, so tags are always checked here.
    """
    plain = read_plain(text, MAX_DEPTH)
    if plain is None:
        return _read_positioned(text, filename)
    return YamlDocument(
        plain[0], read_positions=lambda: _read_positioned(text, filename).positions
    )


def _read_positioned(text: str, filename: str) -> YamlDocument:
    """Read ``text`` with the full reader: data, positions and problems."""
    builder = DocumentBuilder(filename)
    try:
        for event in yaml.parse(text, Loader=_Loader):
            builder.feed(event)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        at = mark_position(mark) if mark is not None else (1, 1)
        what = exc.problem or exc.context or "syntax error"
        if "nesting depth" in what:  # libyaml's own limit (0.2.6 and later) came first
            raise _nesting_error(text, filename, mark, at) from None
        context = f" ({exc.context})" if exc.context and exc.problem else ""
        if "tab character" in what or _is_tab(text, at):
            what, context = "a tab character where YAML expects spaces; indent with spaces", ""
        raise builder.fail(at, f"YAML syntax error: {what}{context}") from None
    except yaml.YAMLError as exc:
        raise builder.fail((1, 1), f"YAML error: {exc}") from None
    builder.doc.problems = builder.problems
    return builder.doc


_REREAD_LIMIT = 1 << 20
"""Text up to this many characters is read again without libyaml to place deep nesting."""


def _nesting_error(text: str, filename: str, mark: Any, at: Position) -> YamlError:
    """Deep nesting refused by libyaml, reported as depgraph reports it, at its level 65.

    libyaml stops at its own depth (1,000 levels), scanning ahead before any
    event reaches the :class:`~depgraph.inventory.yamlevents.DocumentBuilder`.
    The text before that point is read again by PyYAML's pure-Python parser,
    which hands over events one by one, so the builder stops where the
    document first goes deeper than :data:`~depgraph.inventory.yamlevents.MAX_DEPTH`.
    """
    index = getattr(mark, "index", None)
    if isinstance(index, int) and 0 < index <= _REREAD_LIMIT:
        builder = DocumentBuilder(filename)
        try:
            for event in yaml.parse(text[:index], Loader=yaml.SafeLoader):
                builder.feed(event)
        except YamlError as exc:
            return exc
        except yaml.YAMLError:
            pass  # the cut text ends badly: fall back to libyaml's place
    return YamlError(Problem(filename, at[0], at[1], TOO_DEEP))


def _is_tab(text: str, at: Position) -> bool:
    """True when the character at ``at`` (line, column from 1) is a tab."""
    lines = text.splitlines()
    if not 0 < at[0] <= len(lines):
        return False
    line = lines[at[0] - 1]
    return 0 < at[1] <= len(line) and line[at[1] - 1] == "\t"
