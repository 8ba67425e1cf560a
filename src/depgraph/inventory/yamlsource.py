"""Reading YAML with the line and column of every value, safely.

PyYAML's ``safe_load`` forgets where each value came from, keeps the last of
two duplicate keys without a word, and expands aliases by sharing objects, so
a "billion laughs" document becomes a structure that anything walking it will
take forever over. This module builds plain Python data directly from the
parser's event stream, in one pass and without recursion:

* every value and every mapping key gets its (line, column), keyed by its path
  from the root (``("components", 3, "requires", 0)``);
* a duplicate key is a :class:`~depgraph.errors.Problem`, not a silent overwrite;
* nesting deeper than :data:`MAX_DEPTH` and alias expansion beyond
  :data:`MAX_EXPANDED_NODES` are rejected as soon as they are seen;
* the resolved type of every plain scalar is kept, so that the loader can say
  "``no`` is read by YAML as false; quote it";
* explicit tags are checked where they are written: ``!!str``, ``!!int``,
  ``!!float``, ``!!bool`` and ``!!null`` on a scalar that reads as that type,
  and ``!!map``/``!!seq`` on their own kind of collection, mean what they say
  (the loader then checks the value against its field); every other tag
  (``!!timestamp``, ``!!binary``, ``!!set``, ``!custom``...) and a tagged value
  that does not read as its tag are problems at their place. A plain scalar
  that only looks like a date or a number (``2020-13-45``) is text.

Example:

>>> doc = read_yaml("a: 1\\nb: [x, 'y']\\n", "demo.yaml")
>>> doc.data
{'a': 1, 'b': ['x', 'y']}
>>> doc.position(("b", 1))
(2, 8)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import yaml

from depgraph.errors import Problem
from depgraph.inventory.yamlfast import read_plain
from depgraph.quoting import quoted

__all__ = [
    "MAX_DEPTH",
    "MAX_EXPANDED_NODES",
    "Path",
    "Position",
    "Scalar",
    "YamlDocument",
    "YamlError",
    "read_yaml",
    "tag_name",
]

MAX_DEPTH = 64
MAX_EXPANDED_NODES = 1_000_000

Path = tuple[str | int, ...]
Position = tuple[int, int]

try:
    _Loader: type[Any] = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

_YAML_TAG = "tag:yaml.org,2002:"
_MERGE_TAG = _YAML_TAG + "merge"
_STR_TAG = _YAML_TAG + "str"
_SCALAR_TAGS = {
    _YAML_TAG + kind: words
    for kind, words in (("int", "a whole number"), ("float", "a number"),
                        ("bool", "true or false"), ("null", "null"))
}
"""The explicit scalar tags that mean what a field may need, with what their text must be."""
_COLLECTION_TAGS = {"mapping": _YAML_TAG + "map", "list": _YAML_TAG + "seq"}
_UNUSED_TAGS = {"timestamp": "a date", "binary": "binary data", "set": "a set",
                "omap": "ordered pairs", "pairs": "ordered pairs", "merge": "a merge key",
                "value": "a default value", "yaml": "YAML itself"}


def tag_name(tag: str) -> str:
    """A tag as a person writes it: ``!!bool`` for the YAML types, else as given.

    >>> tag_name("tag:yaml.org,2002:bool"), tag_name("!custom")
    ('!!bool', '!custom')
    """
    return "!!" + tag[len(_YAML_TAG):] if tag.startswith(_YAML_TAG) else tag


@dataclass
class Scalar:
    """How a scalar was written: its text, whether it was quoted, the type YAML read.

    ``explicit`` is the tag written in the file (``!!bool``), if any.
    """

    text: str
    quoted: bool
    tag: str
    explicit: str | None = None


class YamlDocument:
    """Plain data read from YAML, with the place of every value and key.

    ``values``, ``keys`` and ``scalars`` (the scalars that are not text) are
    read on first use: a valid file is read once without positions
    (:mod:`~depgraph.inventory.yamlfast`), and again, with them, only when a
    message needs one. A document made directly starts with no positions.
    """

    def __init__(self, data: Any, problems: list[Problem] | None = None) -> None:
        self.data = data
        self.problems: list[Problem] = [] if problems is None else problems
        self._positions: _Positions | None = _Positions()
        self._read_positions: Callable[[], _Positions] | None = None
        self._inherited: list[tuple[Path, Path]] = []
        self.unread: set[Path] = set()
        """Paths of values the reader already reported as problems (a tag that does not fit)."""

    @property
    def values(self) -> dict[Path, Position]:
        """Where each value starts, by its path from the root."""
        return self._known().values

    @values.setter
    def values(self, values: dict[Path, Position]) -> None:
        self._known().values = values

    @property
    def keys(self) -> dict[Path, Position]:
        """Where the key of each mapping entry is written, by the entry's path."""
        return self._known().keys

    @keys.setter
    def keys(self, keys: dict[Path, Position]) -> None:
        self._known().keys = keys

    @property
    def scalars(self) -> dict[Path, Scalar]:
        """How each scalar that is not text was written, by its path."""
        return self._known().scalars

    @scalars.setter
    def scalars(self, scalars: dict[Path, Scalar]) -> None:
        self._known().scalars = scalars

    def _read_later(self, read: Callable[[], _Positions]) -> None:
        """Read the positions with ``read()`` when they are first asked for."""
        self._positions, self._read_positions = None, read

    def inherit(self, path: Path, source: Path) -> None:
        """Give the value at ``path`` the position (and spelling) of the value at ``source``.

        Used for a value filled in from ``defaults``: a message about it points
        at the ``defaults`` entry it came from.
        """
        if self._positions is None:
            self._inherited.append((path, source))
        else:
            self._positions.inherit(path, source)

    def _known(self) -> _Positions:
        if self._positions is None:
            assert self._read_positions is not None
            self._positions = self._read_positions()
            for path, source in self._inherited:
                self._positions.inherit(path, source)
        return self._positions

    def position(self, path: Path) -> Position:
        """Where the value at ``path`` (or its nearest known ancestor) starts."""
        values = self.values
        for end in range(len(path), -1, -1):
            found = values.get(path[:end])
            if found is not None:
                return found
        return (1, 1)

    def key_position(self, path: Path) -> Position:
        """Where the key of the mapping entry at ``path`` is written."""
        return self.keys.get(path) or self.position(path)


@dataclass
class _Positions:
    """The places the full reader records: values, keys, and the spelling of typed scalars."""

    values: dict[Path, Position] = field(default_factory=dict)
    keys: dict[Path, Position] = field(default_factory=dict)
    scalars: dict[Path, Scalar] = field(default_factory=dict)

    def inherit(self, path: Path, source: Path) -> None:
        if source in self.values:
            self.values[path] = self.values[source]
        if source in self.scalars:
            self.scalars[path] = self.scalars[source]


class YamlError(Exception):
    """The text is not a YAML document depgraph can read; ``problem`` says why and where."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


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


def _pos(mark: Any) -> Position:
    return (mark.line + 1, mark.column + 1)


class _Builder:
    """Turns the parser's events into data, positions and problems."""

    def __init__(self, filename: str) -> None:
        self.filename = filename
        self.doc = YamlDocument(None)
        self.positions = self.doc._known()
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
        at = _pos(event.start_mark)
        path = self.child_path()
        explicit = event.tag if event.tag not in (None, "!") else None
        tag = explicit or self.resolver.resolve(  # type: ignore[no-untyped-call]
            yaml.ScalarNode, event.value, event.implicit
        )
        if path is None and tag == _MERGE_TAG:
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
        if tag == _STR_TAG:
            return text
        if explicit is not None:
            problem = self.tag_problem(explicit, text, at)
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

    def tag_problem(self, tag: str, text: str, at: Position) -> str | None:
        """Why an explicit ``tag`` on a scalar written as ``text`` cannot be read, if it cannot."""
        name = quoted(tag_name(tag))
        words = _SCALAR_TAGS.get(tag)
        if words is None:
            what = _UNUSED_TAGS.get(tag[len(_YAML_TAG):]) if tag.startswith(_YAML_TAG) else None
            if what is None:
                return f"unknown tag {name}: depgraph reads plain values; remove the tag"
            return f"{name} tag: no inventory field takes {what}; remove the tag"
        implicit = self.resolver.resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
        if implicit == tag or (words == "a number" and implicit == _YAML_TAG + "int"):
            return None
        return f"{name} tag on {quoted(text)}, which is not {words}: remove the tag"

    def on_start(self, event: Any, container: dict[Any, Any] | list[Any]) -> None:
        at = _pos(event.start_mark)
        if len(self.stack) >= MAX_DEPTH:
            raise self.fail(at, _too_deep())
        path = self.child_path()
        if path is None:
            self.problem(at, "a mapping key must be a plain value, not a list or mapping")
            path = ("<key>",)
        else:
            self.positions.values[path] = at
        kind = "mapping" if isinstance(container, dict) else "list"
        if event.tag not in (None, "!", _COLLECTION_TAGS[kind]):
            self.problem(at, f"{quoted(tag_name(event.tag))} tag on a {kind}: depgraph reads "
                             f"plain {kind}s; remove the tag")
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
        at = _pos(event.start_mark)
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
                _pos(event.start_mark),
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


def read_yaml(text: str, filename: str) -> YamlDocument:
    """Parse ``text`` (one YAML document) into data with positions.

    Raises :class:`YamlError` for a syntax error, a second document, nesting
    deeper than :data:`MAX_DEPTH` or an alias bomb. Problems that do not stop
    the reading (duplicate keys, collections used as keys, tags that do not
    fit) are listed in the document's ``problems``, so that they are reported
    with everything else.

    A document the fast reader takes (:func:`~depgraph.inventory.yamlfast.read_plain`)
    is read without positions; they are read when first asked for. It takes
    no document with an explicit tag, so tags are always checked here.
    """
    plain = read_plain(text, MAX_DEPTH)
    if plain is None:
        return _read_positioned(text, filename)
    doc = YamlDocument(plain[0])
    doc._read_later(lambda: _known_positions(_read_positioned(text, filename)))
    return doc


def _known_positions(doc: YamlDocument) -> _Positions:
    assert doc._positions is not None
    return doc._positions


def _read_positioned(text: str, filename: str) -> YamlDocument:
    """Read ``text`` with the full reader: data, positions and problems."""
    builder = _Builder(filename)
    try:
        for event in yaml.parse(text, Loader=_Loader):
            builder.feed(event)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        at = _pos(mark) if mark is not None else (1, 1)
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
    event reaches :class:`_Builder`. The text before that point is read again
    by PyYAML's pure-Python parser, which hands over events one by one, so the
    builder stops where the document first goes deeper than :data:`MAX_DEPTH`.
    """
    index = getattr(mark, "index", None)
    if isinstance(index, int) and 0 < index <= _REREAD_LIMIT:
        builder = _Builder(filename)
        try:
            for event in yaml.parse(text[:index], Loader=yaml.SafeLoader):
                builder.feed(event)
        except YamlError as exc:
            return exc
        except yaml.YAMLError:
            pass  # the cut text ends badly: fall back to libyaml's place
    return YamlError(Problem(filename, at[0], at[1], _too_deep()))


def _too_deep() -> str:
    return f"the document is nested more than {MAX_DEPTH} levels deep"


def _is_tab(text: str, at: Position) -> bool:
    """True when the character at ``at`` (line, column from 1) is a tab."""
    lines = text.splitlines()
    if not 0 < at[0] <= len(lines):
        return False
    line = lines[at[0] - 1]
    return 0 < at[1] <= len(line) and line[at[1] - 1] == "\t"
