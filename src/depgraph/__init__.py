"""depgraph: a site's technology as a dependency graph.

Model a home, an office or a mixed space as components (what fails), services
(what people use), vendors (who gets called) and plans (managed alternatives
to break-fix), then ask what goes down when something fails, who is called,
and what it costs. The command line (``depgraph``) is a thin layer over this
API.

>>> import depgraph
>>> inv = depgraph.load_inventory('''
... version: 1
... site: {name: Demo}
... components: [{id: router, category: network}]
... services: [{id: internet, requires: [router], cost_per_hour: 50}]
... ''')
>>> depgraph.blast_radius(inv, ["router"]).cost_per_hour
50.0
"""

import importlib as _importlib
import typing as _typing

from depgraph.errors import (
    DepgraphError,
    DotNotFoundError,
    InventoryError,
    OutputError,
    Problem,
    RenderError,
    UnknownIdError,
    UsageError,
)
from depgraph.version import __version__

if _typing.TYPE_CHECKING:
    from depgraph.costs.incidents import Incident, incident, incidents
    from depgraph.costs.yearly import ExpectedYear, expected_year, fragmentation
    from depgraph.engine.blast import BlastRadius, ComponentRisk, blast_radius, rank, single_points_of_failure
    from depgraph.engine.cutsets import minimal_cut_sets
    from depgraph.engine.graph import DependencyGraph, graph_of
    from depgraph.engine.state import FailureState
    from depgraph.export.openpsa import to_openpsa
    from depgraph.findings import Finding, audit
    from depgraph.inventory.container import Inventory
    from depgraph.inventory.models import Component, ModelAssumptions, Plan, Service, Site, Vendor
    from depgraph.loading import CheckedInventory, check_inventory, load_inventory
    from depgraph.render import render_dot, render_file, render_svg
    from depgraph.report import report_html
    from depgraph.simulation.comparison import Comparison, compare
    from depgraph.simulation.years import simulate

_HOMES: dict[str, str] = {
    "BlastRadius": "depgraph.engine.blast",
    "CheckedInventory": "depgraph.loading",
    "Comparison": "depgraph.simulation.comparison",
    "Component": "depgraph.inventory.models",
    "ComponentRisk": "depgraph.engine.blast",
    "DependencyGraph": "depgraph.engine.graph",
    "ExpectedYear": "depgraph.costs.yearly",
    "FailureState": "depgraph.engine.state",
    "Finding": "depgraph.findings",
    "Incident": "depgraph.costs.incidents",
    "Inventory": "depgraph.inventory.container",
    "ModelAssumptions": "depgraph.inventory.models",
    "Plan": "depgraph.inventory.models",
    "Service": "depgraph.inventory.models",
    "Site": "depgraph.inventory.models",
    "Vendor": "depgraph.inventory.models",
    "audit": "depgraph.findings",
    "blast_radius": "depgraph.engine.blast",
    "check_inventory": "depgraph.loading",
    "compare": "depgraph.simulation.comparison",
    "expected_year": "depgraph.costs.yearly",
    "fragmentation": "depgraph.costs.yearly",
    "graph_of": "depgraph.engine.graph",
    "incident": "depgraph.costs.incidents",
    "incidents": "depgraph.costs.incidents",
    "load_inventory": "depgraph.loading",
    "minimal_cut_sets": "depgraph.engine.cutsets",
    "rank": "depgraph.engine.blast",
    "render_dot": "depgraph.render",
    "render_file": "depgraph.render",
    "render_svg": "depgraph.render",
    "report_html": "depgraph.report",
    "simulate": "depgraph.simulation.years",
    "single_points_of_failure": "depgraph.engine.blast",
    "to_openpsa": "depgraph.export.openpsa",
}
"""The module each public name lives in, imported on first use (see :func:`__getattr__`)."""

__all__ = [
    "BlastRadius",
    "CheckedInventory",
    "Comparison",
    "Component",
    "ComponentRisk",
    "DependencyGraph",
    "DepgraphError",
    "DotNotFoundError",
    "ExpectedYear",
    "FailureState",
    "Finding",
    "Incident",
    "Inventory",
    "InventoryError",
    "ModelAssumptions",
    "OutputError",
    "Plan",
    "Problem",
    "RenderError",
    "Service",
    "Site",
    "UnknownIdError",
    "UsageError",
    "Vendor",
    "__version__",
    "audit",
    "blast_radius",
    "check_inventory",
    "compare",
    "expected_year",
    "fragmentation",
    "graph_of",
    "incident",
    "incidents",
    "load_inventory",
    "minimal_cut_sets",
    "rank",
    "render_dot",
    "render_file",
    "render_svg",
    "report_html",
    "simulate",
    "single_points_of_failure",
    "to_openpsa",
]


def __getattr__(name: str) -> _typing.Any:
    """A public name, imported from its stage on first use.

    ``import depgraph`` stays cheap, and a command pays only for the stages
    it runs: ``depgraph rank`` never imports the report, the diagrams or the
    importers.
    """
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'depgraph' has no attribute {name!r}")
    value = getattr(_importlib.import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
