"""Importing a site from what other tools already know: NetBox, UniFi, Home Assistant, LLDP.

:func:`import_site` reads the exports of one source and returns the
inventory text (format version 1): components with stable ids, requirements
from cables, uplinks, hubs and neighbour tables, a skeleton of services, and
a header comment saying what the user must still do. Every guessed or
defaulted value carries a trailing comment. A malformed export raises
:class:`~depgraph.errors.ImportDataError` naming the file and JSON path.

>>> import json, pathlib, tempfile
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> (folder / "sw2.json").write_text(json.dumps({"Ethernet1": [{"hostname": "core", "port": "Et1"}]}))
52
>>> text = import_site("lldp", [str(folder / "sw2.json")])
>>> import depgraph
>>> [c.id for c in depgraph.load_inventory(text).components]
['core', 'sw2']
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from depgraph.collector import collector_paused
from depgraph.errors import ImportDataError, InventoryError, UsageError
from depgraph.importers.homeassistant import import_home_assistant
from depgraph.importers.lldp import import_lldp
from depgraph.importers.merge import MergeReport, merge_into
from depgraph.importers.netbox import import_netbox
from depgraph.importers.options import ImportOptions
from depgraph.importers.site import BuiltSite, SiteBuilder
from depgraph.importers.unifi import import_unifi
from depgraph.importers.writer import inventory_yaml
from depgraph.loading import load_inventory

__all__ = [
    "ImportOptions", "MergeReport", "SOURCES", "build_site", "checked_yaml", "import_site", "merge_into",
]

SOURCES: dict[str, Callable[[Sequence[str], ImportOptions], SiteBuilder]] = {
    "netbox": import_netbox,
    "unifi": import_unifi,
    "home-assistant": import_home_assistant,
    "lldp": import_lldp,
}
"""Each source's importer: export files and options in, the site builder out."""


def build_site(source: str, inputs: Sequence[str], options: ImportOptions | None = None) -> SiteBuilder:
    """The site as the exports of ``source`` describe it, before ids are assigned."""
    with collector_paused():
        return _build_site(source, inputs, options)


def _build_site(source: str, inputs: Sequence[str], options: ImportOptions | None) -> SiteBuilder:
    if source not in SOURCES:
        raise UsageError(f"unknown source {source!r}; choose one of {', '.join(SOURCES)}")
    if not inputs:
        raise UsageError("give at least one export file")
    options = options or ImportOptions()
    for given, option, sources in ((options.sites, "--site", ("netbox",)),
                                   (options.root, "--root", ("netbox", "lldp")),
                                   (options.unifi_clients, "--unifi-clients", ("home-assistant",))):
        if given and source not in sources:
            raise UsageError(f"{option} applies to {' and '.join(sources)} only, not to {source}")
    site = SOURCES[source](inputs, options)
    if not any(d.kind == "component" for d in site.nodes.values()):
        raise ImportDataError([f"{', '.join(inputs)}: nothing to import: no devices in the export"])
    return site


def import_site(source: str, inputs: Sequence[str], options: ImportOptions | None = None) -> str:
    """The inventory YAML text of the site the exports describe (see :func:`checked_yaml`)."""
    with collector_paused():
        site = build_site(source, inputs, options).build()
    return checked_yaml(site, inputs)


def checked_yaml(site: BuiltSite, inputs: Sequence[str]) -> str:
    """The inventory text of an imported ``site``, loaded once before it is returned.

    Exports whose records contradict each other (cables that make two devices
    require each other, with nothing else holding them up) are refused with
    the loader's own account of the problem, as an :class:`ImportDataError`,
    instead of producing a file depgraph rejects.
    """
    text = inventory_yaml(site)
    try:
        load_inventory(text)
    except InventoryError as exc:
        raise ImportDataError([
            f"{', '.join(inputs)}: the exports describe a site depgraph cannot use: {problem.message}"
            for problem in exc.problems
        ]) from None
    return text
