"""Reading a plain YAML document fast: its data only, without positions.

:func:`depgraph.inventory.yamlsource.read_yaml` tries this reader first. It
builds the same data as the full reader
(:class:`~depgraph.inventory.yamlevents.DocumentBuilder`) in a single tight
loop over libyaml's events, and keeps no line or column.
It gives up (returns ``None``) on everything that needs care: an anchor or an
alias, a merge key, a duplicate key, a collection used as a key, nesting
deeper than :data:`~depgraph.inventory.yamlevents.MAX_DEPTH`, a second
document, an explicit tag (``!!int``, ``!custom``), a value that cannot be read,
or a syntax error. The full reader
then reads the text again and reports exactly as it always has. So a file
with a problem costs two readings, and a valid one costs this reading, plus
a second, positioned one only when a message (a warning) needs a position.

>>> read_plain("a: 1\\nb: [x, 'y']\\n", 64)
({'a': 1, 'b': ['x', 'y']},)
>>> read_plain("a: 1\\na: 2\\n", 64) is None  # a duplicate key: the full reader reports it
True
"""

from __future__ import annotations

import datetime
from typing import Any

import yaml

__all__ = ["read_plain"]

try:
    _Parser: type[Any] = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Parser = yaml.SafeLoader

_STR_TAG = "tag:yaml.org,2002:str"
_MERGE_TAG = "tag:yaml.org,2002:merge"
_PLAIN = (True, False)
_IMMUTABLE = (int, float, bool, type(None), str, bytes, datetime.date, datetime.datetime)
_MISSING = object()
_NO_KEY = object()


class _GiveUp(Exception):
    """The document needs the full reader."""


class _Scalars:
    """Typed scalars, each distinct text resolved and constructed once (they repeat a lot)."""

    def __init__(self) -> None:
        self.resolver = yaml.resolver.Resolver()
        self.constructor = yaml.constructor.SafeConstructor()
        self.tags: dict[str, str] = {}
        self.values: dict[tuple[str, str], Any] = {}

    def tag(self, text: str) -> str:
        """The tag YAML gives the plain (unquoted, untagged) scalar ``text``."""
        tag = self.tags.get(text)
        if tag is None:
            tag = self.tags[text] = self.resolver.resolve(  # type: ignore[no-untyped-call]
                yaml.ScalarNode, text, _PLAIN
            )
        return tag

    def resolve(self, event: Any) -> str:
        """The tag of a ``!``-tagged scalar, as the full reader resolves it."""
        tag: str = self.resolver.resolve(  # type: ignore[no-untyped-call]
            yaml.ScalarNode, event.value, event.implicit
        )
        return tag

    def value(self, tag: str, event: Any) -> Any:
        """The value of a scalar that is not text, as the safe constructor builds it."""
        if tag == _MERGE_TAG:
            raise _GiveUp
        key = (tag, event.value)
        value = self.values.get(key, _MISSING)
        if value is _MISSING:
            node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
            try:
                value = self.constructor.construct_object(node)
            except Exception:  # noqa: BLE001 - whatever it is, the full reader reports it
                raise _GiveUp from None
            self.constructor.constructed_objects.clear()
            if not isinstance(value, _IMMUTABLE):
                raise _GiveUp  # a scalar tagged !!set or the like: rare, and maybe not hashable
            self.values[key] = value
        return value


def read_plain(text: str, max_depth: int) -> tuple[Any] | None:
    """``(data,)`` read from the YAML document ``text``, or ``None`` when it needs the full reader."""
    parser = _Parser(text)
    try:
        return (_build(parser.get_event, max_depth),)
    except (_GiveUp, yaml.YAMLError):
        return None
    finally:
        parser.dispose()


def _build(next_event: Any, max_depth: int) -> Any:  # noqa: C901, PLR0912 - one loop, kept flat for speed
    """The data of the events ``next_event()`` returns, until it returns ``None``."""
    scalars = _Scalars()
    known_tag = scalars.tags.get
    scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
    mapping_start, sequence_start = yaml.MappingStartEvent, yaml.SequenceStartEvent
    mapping_end, sequence_end = yaml.MappingEndEvent, yaml.SequenceEndEvent
    document_start = yaml.DocumentStartEvent
    stack: list[Any] = []  # the containers being built
    keys: list[Any] = []  # for each, the key waiting for its value (mappings)
    top: Any = None
    root: Any = None
    documents = 0
    while (event := next_event()) is not None:
        kind = type(event)
        if kind is scalar_event:
            if event.anchor is not None:
                raise _GiveUp
            tag = event.tag
            if tag is None and event.implicit[0]:
                tag = known_tag(event.value) or scalars.tag(event.value)
            elif tag is None:
                tag = _STR_TAG  # quoted: the resolver gives text
            elif tag == "!":
                tag = scalars.resolve(event)
            else:
                raise _GiveUp  # an explicit tag: the full reader checks that it fits
            value = event.value if tag == _STR_TAG else scalars.value(tag, event)
        elif kind is mapping_start or kind is sequence_start:
            if event.anchor is not None or len(stack) >= max_depth or event.tag not in (None, "!"):
                raise _GiveUp
            if top is not None and top.__class__ is dict and keys[-1] is _NO_KEY:
                raise _GiveUp  # a collection used as a key
            top = {} if kind is mapping_start else []
            stack.append(top)
            keys.append(_NO_KEY)
            continue
        elif kind is mapping_end or kind is sequence_end:
            value = stack.pop()
            keys.pop()
            top = stack[-1] if stack else None
        elif kind is alias_event:
            raise _GiveUp
        else:
            if kind is document_start:
                documents += 1
                if documents > 1:
                    raise _GiveUp
            continue
        if top is None:
            root = value
        elif top.__class__ is list:
            top.append(value)
        elif (key := keys[-1]) is _NO_KEY:
            keys[-1] = value
        elif key in top:
            raise _GiveUp  # a duplicate key
        else:
            top[key] = value
            keys[-1] = _NO_KEY
    return root
