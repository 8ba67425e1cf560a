"""Debian's Chromium driven through playwright, for the report's tests in a real browser.

Tests marked :data:`browser_only` (marker ``browser``) are skipped, with the
reason, when playwright or ``/usr/bin/chromium`` is absent; the ``browser``
fixture (``tests/report/conftest.py``) launches it once per module.
"""

from __future__ import annotations

from pathlib import Path

import pytest

__all__ = ["CHROMIUM", "CHROMIUM_ARGS", "browser_only"]

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]

browser_only = pytest.mark.browser
"""Skipped by ``tests/conftest.py``, with the reason, without playwright or Chromium."""
