"""The bundled sites, the README's example and the committed schema stay valid and current."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml
from sites import BUNDLED, ROOT

from depgraph import check_inventory, load_inventory
from depgraph.inventory.schema import inventory_schema

SCHEMA_LINE = "# yaml-language-server: $schema=../schema/inventory.schema.json"


def test_there_are_bundled_sites() -> None:
    assert len(BUNDLED) >= 3


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_bundled_site_is_valid_and_names_the_schema(path: Path) -> None:
    checked = check_inventory(path)
    assert path.read_text(encoding="utf-8").splitlines()[0] == SCHEMA_LINE
    assert checked.inventory.plans, "each bundled site compares at least one plan"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    jsonschema.validate(data, inventory_schema())


def test_committed_schema_is_current() -> None:
    committed = json.loads((ROOT / "schema" / "inventory.schema.json").read_text())
    assert committed == inventory_schema(), "run: depgraph schema > schema/inventory.schema.json"


def test_schema_rejects_what_the_loader_rejects() -> None:
    schema = inventory_schema()
    bad = {"version": 1, "site": {"name": "x"},
           "components": [{"id": "a", "category": "network", "reqires": []}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)


def test_readme_example_is_a_valid_inventory() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", readme, flags=re.S)
    assert blocks
    inventory = load_inventory(blocks[0])
    assert inventory.service("wifi").owner == "netpro"


def test_readme_python_example_runs(capsys: pytest.CaptureFixture[str]) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = re.findall(r"```python\n(.*?)```", readme, flags=re.S)[0]
    example = example.replace('"inventories/', f'"{ROOT}/inventories/')
    exec(compile(example, "README.md", "exec"), {})
    assert "True" in capsys.readouterr().out  # the top risks include single points of failure


@pytest.mark.parametrize(
    "name", ["inventory-format.md", "cost-model.md", "time-and-people.md", "remedies.md", "cli.md"]
)
def test_design_documents_are_the_contract(name: str) -> None:
    """``docs/design`` is a copy of the shared specification, for users of a clone."""
    shared = ROOT.parent / "shared" / "design" / name
    if not shared.exists():
        pytest.skip("the shared design folder is not beside this clone")
    assert (ROOT / "docs" / "design" / name).read_text() == shared.read_text()
