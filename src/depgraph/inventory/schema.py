"""The JSON Schema of the inventory format, generated from the models.

A copy is committed as ``schema/inventory.schema.json`` (a test keeps it
current); the bundled inventories name it on their first line,
``# yaml-language-server: $schema=../schema/inventory.schema.json``, so that
editors complete and check fields while the user types.
"""

from __future__ import annotations

from typing import Any

from depgraph.inventory.models import Inventory

__all__ = ["inventory_schema"]


def inventory_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of an inventory file, version 1."""
    schema = Inventory.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **schema,
        "title": "depgraph inventory, format version 1",
    }
