"""Shared test set-up: markers for the slow or tool-dependent tests, one hypothesis profile.

Markers (declared in ``pyproject.toml``):

* ``browser``: drives Debian's Chromium through playwright; skipped, with the
  reason, when playwright or ``/usr/bin/chromium`` is missing;
* ``scram``: runs the SCRAM fault-tree analyser; skipped when ``scram`` is not
  on the PATH;
* ``subprocess``: starts other processes (``python -m depgraph``, signals,
  concurrent writers).

The edit loop leaves them out::

    pytest -m "not browser and not scram and not subprocess"

CI installs playwright, Chromium and SCRAM, so there every test runs.

Hypothesis runs under one profile, ``depgraph``: no deadline (the machine is
shared, and timing is measured by ``bench/``, never asserted). Each test
still sets its own ``max_examples``.
"""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

CHROMIUM = Path("/usr/bin/chromium")

settings.register_profile("depgraph", deadline=None)
settings.load_profile("depgraph")


def _missing(marker: str) -> str | None:
    """Why the tests with ``marker`` cannot run here, or None when they can."""
    if marker == "browser":
        if importlib.util.find_spec("playwright") is None:
            return "playwright is not installed (pip install -e '.[test]')"
        if not CHROMIUM.exists():
            return f"Debian's chromium ({CHROMIUM}) is not installed"
    if marker == "scram" and shutil.which("scram") is None:
        return "SCRAM (Debian package scram) is not installed"
    return None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip, with the reason, the tests whose tool is missing."""
    reasons = {marker: _missing(marker) for marker in ("browser", "scram")}
    for item in items:
        for marker, reason in reasons.items():
            if reason is not None and item.get_closest_marker(marker) is not None:
                item.add_marker(pytest.mark.skip(reason=reason))
