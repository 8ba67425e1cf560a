"""Writing results safely: never half a file, never over an input.

Every file depgraph writes goes to a temporary file in the destination's
folder first and is then moved into place, so an interrupted run leaves the
previous file intact.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from depgraph.errors import OutputError

__all__ = ["to_json", "write_atomic"]


def write_atomic(destination: str | Path, content: str | bytes) -> Path:
    """Write ``content`` to ``destination`` through a temporary file and a rename."""
    target = Path(destination)
    if target.is_dir():
        raise OutputError(f"{target}: is a directory; give a file name")
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"{target}: the folder {folder} does not exist")
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=folder)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes it private; use the usual mode
        os.replace(temporary, target)
    except OSError as exc:
        raise OutputError(f"{target}: cannot write: {exc.strerror}") from None
    return target


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def to_json(document: Any) -> str:
    """Deterministic, readable JSON text with a final newline."""
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
