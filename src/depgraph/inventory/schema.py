"""The JSON Schema of the inventory format, generated from the models.

A copy is committed as ``schema/inventory.schema.json`` (a test keeps it
current); the bundled inventories name it on their first line,
``# yaml-language-server: $schema=../schema/inventory.schema.json``, so that
editors complete and check fields while the user types.
"""

from __future__ import annotations

from typing import Any

from depgraph.inventory.container import Inventory
from depgraph.inventory.messages import REMEDIES
from depgraph.inventory.remedies import Remedy

__all__ = ["inventory_schema"]


def inventory_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of an inventory file, version 1."""
    schema = Inventory.model_json_schema(mode="validation")
    remedy = Remedy.model_json_schema(mode="validation")
    schema.setdefault("$defs", {}).update(remedy.pop("$defs", {}))
    schema["$defs"]["Remedy"] = remedy
    schema["properties"][REMEDIES] = {
        "type": "array", "items": {"$ref": "#/$defs/Remedy"},
        "description": "Priced changes to the site, evaluated by depgraph remedies (remedies.md).",
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **schema,
        "title": "depgraph inventory, format version 1",
    }
