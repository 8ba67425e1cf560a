"""The YAML parser's events turned into plain data, positions and problems, in one pass.

:class:`DocumentBuilder` is fed the events of PyYAML's parser (scalar,
mapping and sequence starts and ends, aliases) one by one and builds the
:class:`~depgraph.inventory.yamldoc.YamlDocument` from them, without
recursion: the data, the (line, column) of every value and key by its
path, the type YAML resolved every plain scalar to, and the problems that
do not stop the reading (a duplicate key, a collection used as a key, a tag
that does not fit, by :mod:`depgraph.inventory.yamltags`). It enforces the
limits that keep a hostile file cheap, as soon as they are crossed:
nesting deeper than :data:`MAX_DEPTH` and alias expansion beyond
:data:`MAX_EXPANDED_NODES`. Which parser feeds it, and what the parser's
own errors mean to a user, is :mod:`depgraph.inventory.yamlsource`'s job.

Example:

>>> import yaml
>>> builder = DocumentBuilder("demo.yaml")
>>> for event in yaml.parse("a: 1\\na: 2\\n"):
...     builder.feed(event)
>>> builder.doc.data, builder.problems[0].message
({'a': 1}, "duplicate key 'a' (first written at line 1); a key may appear once per mapping")
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

import yaml

from depgraph.errors import Problem
from depgraph.inventory.yamldoc import Path, Position, Scalar, YamlDocument, YamlError
from depgraph.inventory.yamltags import (
    MERGE_TAG,
    STR_TAG,
    collection_tag_problem,
    scalar_tag_problem,
    tag_name,
)
from depgraph.quoting import quoted

__all__ = ["DocumentBuilder", "MAX_DEPTH", "MAX_EXPANDED_NODES", "TOO_DEEP", "mark_position"]

MAX_DEPTH = 64
MAX_EXPANDED_NODES = 1_000_000
TOO_DEEP = f"the document is nested more than {MAX_DEPTH} levels deep"
"""The message for nesting deeper than :data:`MAX_DEPTH`."""


@dataclass
class _Frame:
    """A mapping or sequence being built, with the key waiting for its value."""

    container: dict[Any, Any] | list[Any]
    path: Path
    anchor: str | None
    start: Position
    size: int = 1
    key: Any = None
    key_at: Position | None = None
    has_key: bool = False
    merges: list[dict[Any, Any]] = field(default_factory=list)
    explicit: set[Any] = field(default_factory=set)


def mark_position(mark: Any) -> Position:
    """The (line, column), from 1, of a parser's mark."""
    return (mark.line + 1, mark.column + 1)


class DocumentBuilder:
    """Turns the parser's events into data, positions and problems."""

    def __init__(self, filename: str) -> None:
        self.filename = filename
        self.doc = YamlDocument(None)
        self.positions = self.doc.positions
        self.problems: list[Problem] = []
        self.stack: list[_Frame] = []
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.expanded = 0
        self.documents = 0
        self.resolver = yaml.resolver.Resolver()
        self.constructor = yaml.constructor.SafeConstructor()

    def fail(self, at: Position, message: str) -> YamlError:
        return YamlError(Problem(self.filename, at[0], at[1], message))

    def problem(self, at: Position, message: str) -> None:
        self.problems.append(Problem(self.filename, at[0], at[1], message))

    def child_path(self) -> Path | None:
        """The path of the next value, or None when it is a mapping key."""
        if not self.stack:
            return ()
        top = self.stack[-1]
        if isinstance(top.container, list):
            return (*top.path, len(top.container))
        if not top.has_key:
            return None
        return (*top.path, top.key)

    def add_value(self, value: Any, size: int, at: Position, anchor: str | None) -> None:
        if anchor is not None:
            self.anchors[anchor] = (value, size)
        if not self.stack:
            self.doc.data = value
            return
        top = self.stack[-1]
        top.size += size
        if isinstance(top.container, list):
            top.container.append(value)
        elif not top.has_key:
            self.take_key(top, value, at)
        else:
            self.store(top, value, at)

    def take_key(self, top: _Frame, key: Any, at: Position) -> None:
        try:
            hash(key)
        except TypeError:
            self.problem(at, "a mapping key must be a plain value, not a list or mapping")
            key = f"<unhashable at {at[0]}:{at[1]}>"
        top.key, top.key_at, top.has_key = key, at, True

    def store(self, top: _Frame, value: Any, at: Position) -> None:
        assert isinstance(top.container, dict)
        key, key_at = top.key, top.key_at or at
        top.has_key = False
        if isinstance(key, _MergeKey):
            merged = value if isinstance(value, list) else [value]
            if not all(isinstance(m, dict) for m in merged):
                self.problem(at, "'<<' (merge) takes a mapping or a list of mappings")
                return
            top.merges.extend(merged)
            return
        if key in top.explicit:
            first = self.positions.keys.get((*top.path, key), key_at)
            self.problem(
                key_at,
                f"duplicate key {quoted(key)} (first written at line {first[0]}); "
                "a key may appear once per mapping",
            )
            return
        top.explicit.add(key)
        top.container[key] = value
        self.positions.keys[(*top.path, key)] = key_at

    def on_scalar(self, event: Any) -> None:
        at = mark_position(event.start_mark)
        path = self.child_path()
        explicit = event.tag if event.tag not in (None, "!") else None
        tag = explicit or self.resolver.resolve(  # type: ignore[no-untyped-call]
            yaml.ScalarNode, event.value, event.implicit
        )
        if path is None and tag == MERGE_TAG:
            self.add_value(_MergeKey(), 1, at, event.anchor)
            return
        if path is not None:
            self.positions.values[path] = at
        value = self.scalar_value(event, tag, explicit, at, path)
        if path is not None and not isinstance(value, str):
            quoted_text = event.style in ("'", "\"")
            shown = None if explicit is None else tag_name(explicit)
            self.positions.scalars[path] = Scalar(event.value, quoted_text, tag, shown)
        self.add_value(value, 1, at, event.anchor)

    def scalar_value(
        self, event: Any, tag: str, explicit: str | None, at: Position, path: Path | None
    ) -> Any:
        """The value of a scalar; its text when it cannot be read as its tag says."""
        text: str = event.value
        if tag == STR_TAG:
            return text
        if explicit is not None:
            problem = scalar_tag_problem(explicit, text)
            if problem is not None:
                self.problem(at, problem)
                if path is not None:
                    self.doc.unread.add(path)
                return text
        try:
            node = yaml.ScalarNode(tag, text, event.start_mark, event.end_mark, event.style)
            return self.constructor.construct_object(node)
        except (yaml.YAMLError, ValueError, TypeError, LookupError, AttributeError, OverflowError):
            return text  # plain text that only looks like a date or a number: ``2020-13-45``

    def on_start(self, event: Any, container: dict[Any, Any] | list[Any]) -> None:
        at = mark_position(event.start_mark)
        if len(self.stack) >= MAX_DEPTH:
            raise self.fail(at, TOO_DEEP)
        path = self.child_path()
        if path is None:
            self.problem(at, "a mapping key must be a plain value, not a list or mapping")
            path = ("<key>",)
        else:
            self.positions.values[path] = at
        kind: Literal["mapping", "list"] = "mapping" if isinstance(container, dict) else "list"
        problem = collection_tag_problem(event.tag, kind)
        if problem is not None:
            self.problem(at, problem)
            self.doc.unread.add(path)
        self.stack.append(_Frame(container, path, event.anchor, at))

    def on_end(self) -> None:
        frame = self.stack.pop()
        if isinstance(frame.container, dict):
            for merged in frame.merges:
                for key, value in merged.items():
                    frame.container.setdefault(key, value)
        if self.stack and self.child_path() is None:
            # A collection used as a key: keep the builder consistent, already reported.
            self.stack[-1].has_key = True
            self.stack[-1].key = f"<key at {frame.start[0]}:{frame.start[1]}>"
            return
        self.add_value(frame.container, frame.size, frame.start, frame.anchor)

    def on_alias(self, event: Any) -> None:
        at = mark_position(event.start_mark)
        if event.anchor not in self.anchors:
            raise self.fail(at, f"alias {quoted('*' + event.anchor)} names no anchor defined before it")
        value, size = self.anchors[event.anchor]
        self.expanded += size
        if self.expanded > MAX_EXPANDED_NODES:
            raise self.fail(
                at,
                f"the document expands to more than {MAX_EXPANDED_NODES:,} values through "
                "aliases (a 'billion laughs' document?); refusing to expand it",
            )
        path = self.child_path()
        if path is not None:
            self.positions.values[path] = at
        self.add_value(value, size, at, None)

    def on_document(self, event: Any) -> None:
        self.documents += 1
        if self.documents > 1:
            raise self.fail(
                mark_position(event.start_mark),
                "a second YAML document ('---'): an inventory is one document",
            )

    def feed(self, event: Any) -> None:
        """Handle one parser event (stream and document ends need nothing)."""
        kind = type(event)
        if kind is yaml.ScalarEvent:
            self.on_scalar(event)
        elif kind is yaml.MappingStartEvent:
            self.on_start(event, {})
        elif kind is yaml.SequenceStartEvent:
            self.on_start(event, [])
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            self.on_end()
        elif kind is yaml.AliasEvent:
            self.on_alias(event)
        elif kind is yaml.DocumentStartEvent:
            self.on_document(event)


class _MergeKey:
    """Stands for the YAML merge key ``<<`` until its value arrives."""

    def __hash__(self) -> int:
        return 0

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _MergeKey)
