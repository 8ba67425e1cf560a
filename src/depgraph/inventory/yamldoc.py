"""A YAML document as plain data, with the place of every value and key in the file.

:class:`YamlDocument` is what :func:`~depgraph.inventory.yamlsource.read_yaml`
gives the loader: the data (dicts, lists and scalars), the problems found
while reading, and where each value and mapping key is written, by its path
from the root (``("components", 3, "requires", 0)``), with how every scalar
that is not text was spelt, so that a message can say "``no`` is read by
YAML as false; quote it". It is a module of its own because every later
step of the loader (defaults, validation, cross-references, remedies)
places its messages through it, without knowing how the YAML was read. The
places of a valid file are read only when a message first needs one.

Example:

>>> doc = YamlDocument({"a": [1]})
>>> doc.values = {("a",): (1, 4), ("a", 0): (1, 5)}
>>> doc.position(("a", 0)), doc.position(("a", 0, "deeper")), doc.position(("b",))
((1, 5), (1, 5), (1, 1))
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from depgraph.errors import Problem

__all__ = ["Path", "Position", "Positions", "Scalar", "YamlDocument", "YamlError"]

Path = tuple[str | int, ...]
Position = tuple[int, int]


@dataclass
class Scalar:
    """How a scalar was written: its text, whether it was quoted, the type YAML read.

    ``explicit`` is the tag written in the file (``!!bool``), if any.
    """

    text: str
    quoted: bool
    tag: str
    explicit: str | None = None


@dataclass
class Positions:
    """The places the full reader records: values, keys, and the spelling of typed scalars."""

    values: dict[Path, Position] = field(default_factory=dict)
    keys: dict[Path, Position] = field(default_factory=dict)
    scalars: dict[Path, Scalar] = field(default_factory=dict)

    def inherit(self, path: Path, source: Path) -> None:
        """Give ``path`` the place and spelling recorded for ``source``, if any."""
        if source in self.values:
            self.values[path] = self.values[source]
        if source in self.scalars:
            self.scalars[path] = self.scalars[source]


class YamlDocument:
    """Plain data read from YAML, with the place of every value and key.

    ``values``, ``keys`` and ``scalars`` (the scalars that are not text) are
    read on first use: a valid file is read once without positions
    (:mod:`~depgraph.inventory.yamlfast`), and again, with them, only when a
    message needs one. A document made directly starts with no positions,
    unless ``read_positions`` is given: then they are ``read_positions()``,
    called when they are first asked for.
    """

    def __init__(
        self, data: Any, problems: list[Problem] | None = None, *,
        read_positions: Callable[[], Positions] | None = None,
    ) -> None:
        self.data = data
        self.problems: list[Problem] = [] if problems is None else problems
        self._positions: Positions | None = Positions() if read_positions is None else None
        self._read_positions = read_positions
        self._inherited: list[tuple[Path, Path]] = []
        self.unread: set[Path] = set()
        """Paths of values the reader already reported as problems (a tag that does not fit)."""

    @property
    def values(self) -> dict[Path, Position]:
        """Where each value starts, by its path from the root."""
        return self.positions.values

    @values.setter
    def values(self, values: dict[Path, Position]) -> None:
        self.positions.values = values

    @property
    def keys(self) -> dict[Path, Position]:
        """Where the key of each mapping entry is written, by the entry's path."""
        return self.positions.keys

    @keys.setter
    def keys(self, keys: dict[Path, Position]) -> None:
        self.positions.keys = keys

    @property
    def scalars(self) -> dict[Path, Scalar]:
        """How each scalar that is not text was written, by its path."""
        return self.positions.scalars

    @scalars.setter
    def scalars(self, scalars: dict[Path, Scalar]) -> None:
        self.positions.scalars = scalars

    def inherit(self, path: Path, source: Path) -> None:
        """Give the value at ``path`` the position (and spelling) of the value at ``source``.

        Used for a value filled in from ``defaults``: a message about it points
        at the ``defaults`` entry it came from.
        """
        if self._positions is None:
            self._inherited.append((path, source))
        else:
            self._positions.inherit(path, source)

    @property
    def positions(self) -> Positions:
        """Everything recorded about places and spellings (read now, if it was left for later)."""
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


class YamlError(Exception):
    """The text is not a YAML document depgraph can read; ``problem`` says why and where."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem
