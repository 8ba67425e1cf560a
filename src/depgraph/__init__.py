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

from depgraph.costs.incidents import Incident, incident, incidents
from depgraph.costs.yearly import ExpectedYear, expected_year, fragmentation
from depgraph.engine.blast import BlastRadius, ComponentRisk, blast_radius, rank, single_points_of_failure
from depgraph.engine.cutsets import minimal_cut_sets
from depgraph.engine.graph import DependencyGraph, graph_of
from depgraph.engine.state import FailureState
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
from depgraph.export.openpsa import to_openpsa
from depgraph.findings import Finding, audit
from depgraph.inventory.models import Component, Inventory, ModelAssumptions, Plan, Service, Site, Vendor
from depgraph.loading import CheckedInventory, check_inventory, load_inventory
from depgraph.render import render_dot, render_file, render_svg
from depgraph.report import report_html
from depgraph.simulation.comparison import Comparison, compare
from depgraph.simulation.simulator import simulate
from depgraph.version import __version__

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
