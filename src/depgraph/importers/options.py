"""What the user asked of an import: sites to keep, the root, a vendor for the rest.

>>> ImportOptions(sites=("dm-akron",)).sites
('dm-akron',)
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

from depgraph.errors import UnknownIdError, UsageError

__all__ = ["ImportOptions", "check_choice"]


@dataclass(frozen=True)
class ImportOptions:
    """Options shared by the importers; each importer reads the ones that apply to it.

    ``sites``: NetBox site slugs to import (empty: all). ``root``: the device
    nearest the core, which orients links (NetBox, LLDP). ``vendor``: the
    vendor id given to every component the export names no vendor for.
    ``unifi_clients``: UniFi ``stat/sta`` files to join Home Assistant devices
    to their access point or switch. ``name``: the site name to write.
    """

    sites: tuple[str, ...] = ()
    root: str | None = None
    vendor: str | None = None
    unifi_clients: tuple[str, ...] = ()
    name: str | None = None


def check_choice(kind: str, given: str, known: Iterable[str]) -> None:
    """Raise :class:`UnknownIdError` (with the closest match) if ``given`` is not in ``known``."""
    choices = sorted(set(known))
    if given in choices:
        return
    close = difflib.get_close_matches(given, choices, n=1, cutoff=0.6)
    if not choices:
        raise UsageError(f"unknown {kind} '{given}': the export has none")
    raise UnknownIdError(kind, given, close[0] if close else None)
