"""Snapshot every machine-readable output, to prove a refactor changed nothing.

Runs every ``--json`` command, ``export -o -``, ``render`` to DOT and
``report`` on the bundled sites and on a generated 1,000-component campus,
and writes each output to ``OUT/<site>.<command>``. Run it before and after a
change and compare the two folders with ``diff -r``::

    python bench/snapshot.py /tmp/before      # on the old commit
    python bench/snapshot.py /tmp/after       # on the new one
    diff -r /tmp/before /tmp/after && echo identical

``--quick`` uses fewer simulated years, for a fast check while editing.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import sys
import tempfile
from pathlib import Path

from depgraph.cli.main import main

ROOT = Path(__file__).resolve().parent.parent


def _run(argv: list[str]) -> str:
    """Run one CLI command in-process and return what it printed on stdout."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = main(argv)
    if code not in (0, 1):
        raise SystemExit(f"snapshot: {' '.join(argv)} exited {code}")
    return out.getvalue()


def _sites(work: Path) -> dict[str, Path]:
    """The bundled sites and a generated campus, by name."""
    sites = {path.stem: path for path in sorted((ROOT / "inventories").glob("*.yaml"))}
    campus = work / "campus-1000.yaml"
    _run(["generate", "--components", "1000", "--seed", "1", "-o", str(campus)])
    sites["campus-1000"] = campus
    return sites


def _commands(site: Path, first_component: str, years: str) -> dict[str, list[str]]:
    """Every command whose output is compared, by the name of its snapshot file."""
    path = str(site)
    return {
        "blast.json": ["blast", path, "--fail", first_component, "--json"],
        "rank.json": ["rank", path, "--json"],
        "incidents.json": ["incidents", path, "--json"],
        "compare.json": ["compare", path, "--years", years, "--seed", "3", "--json"],
        "audit.json": ["audit", path, "--json"],
        "openpsa.xml": ["export", path, "--format", "openpsa", "-o", "-"],
    }


def snapshot(out: Path, years: str) -> None:
    """Write every snapshot file of every site into ``out``."""
    if out.exists() and any(out.iterdir()):
        raise SystemExit(f"snapshot: {out} is not empty; give a new folder so no stale file is compared")
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for name, site in _sites(work).items():
            from depgraph import load_inventory

            inventory = load_inventory(site)
            first = inventory.components[0].id
            for suffix, argv in _commands(site, first, years).items():
                (out / f"{name}.{suffix}").write_text(_run(argv), encoding="utf-8")
            for plan in inventory.plans:
                argv = ["incidents", str(site), "--plan", plan.id, "--json"]
                (out / f"{name}.incidents-{plan.id}.json").write_text(_run(argv), encoding="utf-8")
            dot = work / f"{name}.dot"
            _run(["render", str(site), "-o", str(dot)])
            (out / f"{name}.render.dot").write_bytes(dot.read_bytes())
            _run(["render", str(site), "-o", str(dot), "--fail", first])
            (out / f"{name}.render-fail.dot").write_bytes(dot.read_bytes())
            html = work / f"{name}.html"
            _run(["report", str(site), "-o", str(html), "--years", years, "--seed", "3"])
            (out / f"{name}.report.html").write_bytes(html.read_bytes())
            print(f"snapshot: {name}", file=sys.stderr)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to write the snapshot files into")
    parser.add_argument("--quick", action="store_true", help="200 simulated years instead of 2,000")
    return parser.parse_args()


if __name__ == "__main__":
    arguments = _arguments()
    snapshot(arguments.out, "200" if arguments.quick else "2000")
