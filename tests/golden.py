"""Golden files: compare rendered text with a file kept in ``tests/golden``, or regenerate it.

After an intended change of what a golden file holds, regenerate every one with

    DEPGRAPH_REGENERATE_GOLDEN=1 pytest

then read the diff (and look at a rendered picture) before committing.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["GOLDEN", "assert_golden"]

GOLDEN = Path(__file__).resolve().parent / "golden"
"""The folder of golden files."""

_REGENERATE = os.environ.get("DEPGRAPH_REGENERATE_GOLDEN") == "1"


def assert_golden(name: str, text: str) -> None:
    """Fail unless ``text`` equals the golden file ``name`` (rewrite it when regenerating)."""
    path = GOLDEN / name
    if _REGENERATE:
        path.write_text(text, encoding="utf-8", newline="\n")
    assert path.exists(), f"no golden file {name}; run with DEPGRAPH_REGENERATE_GOLDEN=1 to create it"
    assert text == path.read_text(encoding="utf-8"), f"{name} differs; see tests/golden.py to regenerate"
