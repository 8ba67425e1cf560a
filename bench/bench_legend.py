"""Where the legend can go: its smallest text on a Letter and an A4 sheet, top or side.

For each bundled site, its overview, a failure of its costliest part and
the focus on that part and on its costliest service, at each box budget the
render command tries (``FIT_BUDGETS``), prints the smallest text once the
drawing is fitted to the sheet with the legend where it is drawn (``top``,
under the title) and with the legend in a column at the right-hand side
(``side``). The side figure is measured, not guessed: Graphviz lays out the
drawing with the title only and, apart, the legend as one block of 8, 12,
16 or 24 entries a column; the side drawing is their widths side by side
(plus a 12 pt gap) by the taller height, and the best of the four column
heights is printed. ``pick`` is the budget the render command would take
with the legend on top (the largest at least 7 pt). Needs Graphviz's ``dot``.

Run: ``python bench/bench_legend.py``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from depgraph.engine.blast import rank
from depgraph.inventory.container import Inventory
from depgraph.loading import load_inventory
from depgraph.render import FIT_BUDGETS, build_scene
from depgraph.render.dot import to_dot
from depgraph.render.formats import LEGIBLE, fit_scale, lay_out, natural_size
from depgraph.render.legend import legend_table, title_and_legend, title_cell
from depgraph.render.scene import Scene
from depgraph.render.style import SMALLEST
from depgraph.text import table

INVENTORIES = Path(__file__).resolve().parent.parent / "inventories"
GAP = 12.0
COLUMN_ROWS = (8, 12, 16, 24)


def _size(source: str) -> tuple[float, float]:
    return natural_size(lay_out(source, "svg"))


def cases(inventory: Inventory) -> Iterator[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    """The views the tests hold to 7 pt: (what, failed, focus)."""
    top = rank(inventory)[0].id
    service = max(inventory.services, key=lambda s: s.cost_per_hour).id
    yield "overview", (), ()
    yield f"fail {top}", (top,), ()
    yield f"focus {top}", (), (top,)
    yield f"focus {service}", (), (service,)


def placements(scene: Scene, page: str) -> tuple[float, float]:
    """Smallest text on ``page`` with the legend on top and with it at the side."""
    source = to_dot(scene)
    on_top = SMALLEST * fit_scale(_size(source), page)
    full = title_and_legend(scene)
    title_only = f'<<TABLE BORDER="0" CELLSPACING="0" CELLPADDING="2"><TR>{title_cell(scene)}</TR></TABLE>>'
    width, height = _size(source.replace(full, title_only))
    best = 0.0
    for rows in COLUMN_ROWS:
        legend = (f"digraph {{ graph [pad=0.2 margin=0]; legend [shape=plain fontname=Helvetica "
                  f"label=<{legend_table(scene, rows)}>] }}")
        legend_width, legend_height = _size(legend)
        side = (width + GAP + legend_width, max(height, legend_height))
        best = max(best, SMALLEST * fit_scale(side, page))
    return on_top, best


def main() -> None:
    rows = []
    for path in sorted(INVENTORIES.glob("*.yaml")):
        inventory = load_inventory(path)
        for what, failed, focus in cases(inventory):
            for page in ("letter", "a4"):
                figures = [placements(build_scene(inventory, failed, focus=focus, budget=budget),
                                      page) for budget in FIT_BUDGETS]
                pick = next((b for b, (top, _) in zip(FIT_BUDGETS, figures, strict=True)
                             if top >= LEGIBLE), None)
                rows.append([path.stem, what, page, str(pick or "-"),
                             *(f"{top:.2f} / {side:.2f}" for top, side in figures)])
    header = ["site", "diagram", "page", "pick",
              *(f"{budget} boxes: top / side pt" for budget in FIT_BUDGETS)]
    print(table(header, rows))


if __name__ == "__main__":
    main()
