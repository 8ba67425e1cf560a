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
from depgraph.graph import (
    BlastRadius,
    ComponentRisk,
    DependencyGraph,
    FailureState,
    blast_radius,
    graph_of,
    rank,
    single_points_of_failure,
)
from depgraph.loading import CheckedInventory, check_inventory, load_inventory
from depgraph.models import Component, Inventory, ModelAssumptions, Plan, Service, Site, Vendor

__version__ = "0.1.0"

__all__ = [
    "BlastRadius",
    "CheckedInventory",
    "Component",
    "ComponentRisk",
    "DependencyGraph",
    "DepgraphError",
    "DotNotFoundError",
    "FailureState",
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
    "blast_radius",
    "check_inventory",
    "graph_of",
    "load_inventory",
    "rank",
    "single_points_of_failure",
]
