"""The public API is what ``__all__`` says: sorted, complete, and declared in every module."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import subprocess
import sys
from types import ModuleType

import pytest

import depgraph

MODULES = sorted(
    info.name for info in pkgutil.walk_packages(depgraph.__path__, prefix="depgraph.")
)


def _module(name: str) -> ModuleType:
    return importlib.import_module(name)


def test_the_package_exports_exactly_its_public_names_sorted() -> None:
    public = {
        name
        for name in dir(depgraph)
        if not name.startswith("_") and not inspect.ismodule(getattr(depgraph, name))
    }
    assert depgraph.__all__ == sorted(depgraph.__all__)
    assert set(depgraph.__all__) == public | {"__version__"}


def test_every_lazy_name_is_the_object_its_stage_defines() -> None:
    """The package imports a stage on first use of one of its names: each resolves, to its
    stage's own object, and an unknown name is an AttributeError."""
    for name, home in depgraph._HOMES.items():
        assert getattr(depgraph, name) is getattr(importlib.import_module(home), name)
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        depgraph.nothing  # noqa: B018


@pytest.mark.subprocess
def test_importing_the_package_or_the_command_line_imports_no_stage_it_does_not_use() -> None:
    """``depgraph rank`` starts without the report, the diagrams, the importers or networkx."""
    code = (
        "import sys, depgraph.cli.main as m; "
        "m.build_parser(['rank', 'x.yaml']); "
        "print(' '.join(sorted(n for n in sys.modules if n.startswith(('depgraph.', 'networkx', 'jinja2')))))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    ).stdout.split()
    assert not [n for n in loaded if n.startswith(("depgraph.report", "depgraph.render",
                                                    "depgraph.importers", "jinja2", "networkx"))]
    assert "depgraph.cli.commands.rank" in loaded and "depgraph.cli.commands.report" not in loaded


def test_the_package_still_exports_the_documented_api() -> None:
    """The 44 names of the first release, so that scripts written against it keep working."""
    assert len(depgraph.__all__) == 44
    assert {"load_inventory", "blast_radius", "rank", "incidents", "compare", "audit"} <= set(
        depgraph.__all__
    )


@pytest.mark.parametrize("name", MODULES)
def test_every_module_declares_its_public_names(name: str) -> None:
    """A module's ``__all__`` lists names it has, sorted; anything else public is underscored."""
    module = _module(name)
    defined = {
        attr
        for attr, value in vars(module).items()
        if not attr.startswith("_")
        and not inspect.ismodule(value)
        and getattr(value, "__module__", name) == name
        and (inspect.isclass(value) or inspect.isfunction(value))
    }
    if not hasattr(module, "__all__"):
        assert not defined, f"{name} defines public {sorted(defined)} but has no __all__"
        return
    exported = list(module.__all__)
    assert exported == sorted(exported), f"{name}.__all__ is not sorted"
    assert all(hasattr(module, attr) for attr in exported)
    assert defined <= set(exported), f"{name}: public but not exported: {sorted(defined - set(exported))}"


def test_every_stage_package_says_what_it_is() -> None:
    packages = [info.name for info in pkgutil.iter_modules(depgraph.__path__) if info.ispkg]
    stages = {"inventory", "engine", "costs", "simulation", "findings", "render", "report", "export", "cli"}
    assert stages <= set(packages)
    for package in packages:
        doc = _module(f"depgraph.{package}").__doc__
        assert doc and doc.strip(), package
