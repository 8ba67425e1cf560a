"""Read: an inventory file (YAML or JSON) becomes a validated, immutable ``Inventory``."""
