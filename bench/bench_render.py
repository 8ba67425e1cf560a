"""Benchmark of diagrams on synthetic campuses (``depgraph.generate``).

For each size (default 300, 1,000 and 2,000 components), the overview and the
detail view with collapsing on and off, prints: the boxes and links drawn
(the overview groups like parts; the detail view draws identical leaf
siblings as one box above ``COLLAPSE_THRESHOLD`` nodes), the seconds to build
the DOT source in Python, the wall-clock and CPU seconds of Graphviz's
``dot`` laying it out as SVG (CPU time shrugs off a busy machine), the size
of the drawing in inches and its smallest text once fitted to a US Letter
page (``letter pt``; the render command lowers the overview's budget until
this is at least 7). Needs Graphviz's ``dot``.

Run: ``python bench/bench_render.py [--sizes 300,1000,2000] [--seed 1]``.
"""

from __future__ import annotations

import argparse
import resource
import time

from depgraph.generate import generate_site
from depgraph.loading import load_inventory
from depgraph.render import build_scene
from depgraph.render.dot import to_dot
from depgraph.render.formats import fit_scale, lay_out, natural_size
from depgraph.render.style import SMALLEST
from depgraph.text import table


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure(components: int, seed: int, view: str, collapse: bool) -> list[str]:
    """One row: size, what is drawn, DOT time, layout time, drawing size and text on a page."""
    inventory = load_inventory(generate_site(components, seed))
    start = time.perf_counter()
    scene = build_scene(inventory, collapse=collapse, view=view)
    source = to_dot(scene)
    python_seconds = time.perf_counter() - start
    wall, cpu = time.perf_counter(), _children_cpu()
    svg = lay_out(source, "svg").decode("utf-8")
    wall, cpu = time.perf_counter() - wall, _children_cpu() - cpu
    width, height = natural_size(svg.encode("utf-8"))
    inches = f"{width / 72:.0f} x {height / 72:.0f}"
    letter = SMALLEST * fit_scale((width, height), "letter")
    return [
        f"{components:,}", f"{len(inventory.services):,}", view,
        "on" if collapse else "off", f"{len(scene.boxes):,}", f"{len(scene.links):,}",
        f"{python_seconds:.2f}", f"{wall:.1f}", f"{cpu:.1f}", inches, f"{letter:.1f}",
        f"{len(svg) / 1e6:.1f}",
    ]


def main() -> None:
    """Print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="300,1000,2000", help="component counts")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rows = [
        measure(int(size), args.seed, view, collapse)
        for size in args.sizes.split(",")
        for view, collapse in (("overview", True), ("detail", True), ("detail", False))
    ]
    header = ["components", "services", "view", "collapse", "boxes", "links", "DOT s",
              "dot wall s", "dot cpu s", "inches", "letter pt", "SVG MB"]
    print(table(header, rows, right=range(len(header))))


if __name__ == "__main__":
    main()
