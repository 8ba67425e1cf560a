"""Reading exports as JSON, with every defect named by its file and JSON path.

Exports come from other programs and are sometimes truncated, hand-edited or
of another version. Importers read them through :class:`Problems`, whose
accessors check each value's type where it is used and record a message such
as ``stat-device.json: data[3].uplink: expected an object`` instead of failing
with a Python error; the importer carries on with an empty value so that
every defect is reported at once (:meth:`Problems.raise_if_any`).

>>> problems = Problems()
>>> device = {"name": "USG", "uplink": "eth0"}
>>> problems.obj(device, "uplink", "stat-device.json", ("data", 3))
{}
>>> problems.messages
['stat-device.json: data[3].uplink: expected an object, found a string']
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from depgraph.errors import ImportDataError

__all__ = ["JsonPath", "Problems", "format_path", "parse_json", "read_json", "read_text"]

JsonPath = tuple[str | int, ...]
"""Where a value sits in a document: keys and list indexes from the top."""

MAX_EXPORT_BYTES = 2 << 30
_MAX_SHOWN = 50


def format_path(path: JsonPath) -> str:
    """The path as a reader writes it: ``devices[14].uplink``; ``(top)`` for the document.

    >>> format_path(("devices", 14, "uplink"))
    'devices[14].uplink'
    """
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(top)"


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    return "an object"


def read_text(path: str | Path) -> str:
    """The text of an export file, ``-`` for standard input; unreadable: :class:`ImportDataError`."""
    name = str(path)
    try:
        if name == "-":
            return _decode(sys.stdin.buffer.read(), "<stdin>")
        file = Path(path)
        if file.is_dir():
            raise ImportDataError([f"{name}: is a directory, not an export file"])
        if file.stat().st_size > MAX_EXPORT_BYTES:
            raise ImportDataError([f"{name}: the file is larger than 2 GiB"])
        raw = file.read_bytes()
    except FileNotFoundError:
        raise ImportDataError([f"{name}: no such file"]) from None
    except OSError as exc:
        raise ImportDataError([f"{name}: cannot read the file: {exc.strerror}"]) from None
    return _decode(raw, name)


def _decode(raw: bytes, name: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ImportDataError([f"{name}:{line}: the file is not UTF-8 text; export it again"]) from None


def read_json(path: str | Path) -> Any:
    """The parsed JSON of an export; text that is not JSON names its line and column."""
    return parse_json(read_text(path), path)


def parse_json(text: str, path: str | Path) -> Any:
    """The parsed JSON of the text of export ``path`` (see :func:`read_json`)."""
    if not text.strip():
        raise ImportDataError([f"{path}: the file is empty; export it again"])
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        cut = exc.pos >= len(text.rstrip()) or exc.msg.startswith("Unterminated string")
        hint = (" (the file looks truncated: export it again)" if cut
                else " (this is not a JSON export)" if exc.pos == len(text) - len(text.lstrip()) else "")
        raise ImportDataError(
            [f"{path}:{exc.lineno}:{exc.colno}: not valid JSON: {exc.msg}{hint}"]
        ) from None
    except RecursionError:
        raise ImportDataError([f"{path}: not valid JSON: nested too deeply"]) from None


class Problems:
    """Collects the defects of one import; accessors return a safe empty value on a defect."""

    def __init__(self) -> None:
        self._found: list[tuple[str, tuple[tuple[int, int, str], ...], str]] = []

    @property
    def messages(self) -> list[str]:
        """The defects found, by file, then by place in the file (``data[2]`` before ``data[10]``)."""
        return [message for *_, message in sorted(set(self._found))]

    def add(self, file: str, path: JsonPath, message: str) -> None:
        """Record one defect at ``path`` of ``file``."""
        place = tuple((0, p, "") if isinstance(p, int) else (1, 0, p) for p in path)
        self._found.append((file, place, f"{file}: {format_path(path)}: {message}"))

    def raise_if_any(self) -> None:
        """Raise :class:`ImportDataError` with every defect recorded so far."""
        messages = self.messages
        if len(messages) > _MAX_SHOWN:
            more = len(messages) - _MAX_SHOWN
            raise ImportDataError([*messages[:_MAX_SHOWN], f"... and {more} more problems"])
        if messages:
            raise ImportDataError(messages)

    def _wrong(self, file: str, path: JsonPath, expected: str, value: Any) -> None:
        self.add(file, path, f"expected {expected}, found {_kind(value)}")

    def obj(self, parent: dict[str, Any], key: str, file: str, path: JsonPath) -> dict[str, Any]:
        """``parent[key]`` as an object; missing or null gives ``{}``."""
        value = parent.get(key)
        if value is None:
            return {}
        if not isinstance(value, dict):
            self._wrong(file, (*path, key), "an object", value)
            return {}
        return value

    def objects(self, parent: dict[str, Any], key: str, file: str, path: JsonPath) -> list[dict[str, Any]]:
        """``parent[key]`` as a list of objects; missing gives ``[]``; a bad item is skipped."""
        value = parent.get(key)
        if value is None:
            return []
        return self.object_list(value, file, (*path, key))

    def object_list(self, value: Any, file: str, path: JsonPath) -> list[dict[str, Any]]:
        """``value`` as a list of objects (bad items are recorded and left out)."""
        if not isinstance(value, list):
            self._wrong(file, path, "a list", value)
            return []
        good: list[dict[str, Any]] = []
        for index, item in enumerate(value):
            if isinstance(item, dict):
                good.append(item)
            else:
                self._wrong(file, (*path, index), "an object", item)
        return good

    def text(self, parent: dict[str, Any], key: str, file: str, path: JsonPath) -> str | None:
        """``parent[key]`` as text; missing, null or blank gives ``None``; numbers are accepted."""
        value = parent.get(key)
        if value is None or isinstance(value, bool):
            if isinstance(value, bool):
                self._wrong(file, (*path, key), "text", value)
            return None
        if isinstance(value, (int, float)):
            return str(value)
        if not isinstance(value, str):
            self._wrong(file, (*path, key), "text", value)
            return None
        return value.strip() or None

    def ref(self, parent: dict[str, Any], key: str, file: str, path: JsonPath) -> int | None:
        """``parent[key]`` as a reference to another record: a whole number or ``{"id": n}``."""
        value = parent.get(key)
        if isinstance(value, dict):  # REST pages nest the referenced object
            value = value.get("id")
            path = (*path, key, "id")
        else:
            path = (*path, key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self._wrong(file, path, "a record number", value)
            return None
        return value
