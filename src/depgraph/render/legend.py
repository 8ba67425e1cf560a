"""The title and the compact legend of a diagram, as one HTML-like label at its top left.

The title (site name, then what the diagram shows or what a failure costs)
comes first; the legend under it lists only what the diagram shows, in a
few short columns: the vendors that have a colour, grey for the others, white for parts
nobody owns, the symbols used (several parts in one box, a redundancy
bracket, a hand-off) and, under ``--fail``, the states present.

>>> from depgraph import load_inventory
>>> from depgraph.render.scene import build_scene
>>> inv = load_inventory('''
... version: 1
... site: {name: demo}
... vendors: [{id: net, name: NetCo}]
... components: [{id: router, category: network, vendor: net}]
... ''')
>>> label = title_and_legend(build_scene(inv))
>>> "NetCo" in label and "hand-off" not in label
True
"""

from __future__ import annotations

from depgraph.render import style
from depgraph.render.boxes import short_name
from depgraph.render.escape import html, wrap
from depgraph.render.scene import Scene

__all__ = [
    "LEGEND_ROWS",
    "TITLE_WIDTH",
    "legend_table",
    "title_and_legend",
    "title_cell",
]

LEGEND_ROWS = 4
"""Legend entries per column."""

TITLE_WIDTH = 70
"""The title's lines wrap past this many characters."""


def title_and_legend(scene: Scene) -> str:
    """The graph label: the title, the legend under it."""
    return ('<<TABLE BORDER="0" CELLSPACING="0" CELLPADDING="2"><TR>' + title_cell(scene)
            + f'</TR><TR><TD VALIGN="TOP" ALIGN="LEFT">{legend_table(scene)}</TD></TR></TABLE>>')


def title_cell(scene: Scene) -> str:
    """The title as one HTML-like table cell: the site's name in bold, then what is shown."""
    name, *rest = scene.title
    title = [f'<FONT POINT-SIZE="{style.TITLE_SIZE}"><B>{html(line)}</B></FONT>'
             for line in wrap(name, TITLE_WIDTH, 2)]
    title += [f'<FONT POINT-SIZE="{style.NAME_SIZE}">{html(line)}</FONT>'
              for text in rest for line in wrap(text, TITLE_WIDTH, 3)]
    return ('<TD ALIGN="LEFT" VALIGN="TOP">' + '<BR ALIGN="LEFT"/>'.join(title)
            + '<BR ALIGN="LEFT"/></TD>')


def legend_table(scene: Scene, rows: int = LEGEND_ROWS) -> str:
    """The legend as an HTML-like table of columns of ``rows`` entries."""
    entries = [_swatch(style.fill(slot, True), short_name(name)) for slot, name in scene.vendors]
    if scene.others:
        entries.append(_swatch(style.OTHERS, "other vendors"))
    if scene.unowned:
        entries.append(_swatch(style.UNOWNED, "no vendor"))
    entries += _symbols(scene)
    entries += _states(scene)
    columns = [entries[i:i + rows] for i in range(0, len(entries), rows)]
    lines = []
    for row in range(rows):
        cells = [column[row] if row < len(column) else "<TD></TD><TD></TD>"
                 for column in columns]
        if any(cell != "<TD></TD><TD></TD>" for cell in cells):
            lines.append("<TR>" + "".join(cells) + "</TR>")
    return ('<TABLE BORDER="0" CELLSPACING="2" CELLPADDING="1">' + "".join(lines)
            + "</TABLE>")


def _swatch(colour: str, words: str) -> str:
    return (f'<TD BGCOLOR="{colour}" BORDER="1" COLOR="{style.SOFT_INK}" WIDTH="16" '
            f'HEIGHT="11" FIXEDSIZE="TRUE"></TD>' + _words(html(words)))


def _sign(sign: str, colour: str, words: str) -> str:
    return (f'<TD><FONT POINT-SIZE="{style.SMALL_SIZE}" COLOR="{colour}"><B>{sign}</B></FONT>'
            f"</TD>" + _words(words))


def _words(words: str) -> str:
    return (f'<TD ALIGN="LEFT"><FONT POINT-SIZE="{style.TAG_SIZE}" '
            f'COLOR="{style.INK}">{words}</FONT></TD>')


def _symbols(scene: Scene) -> list[str]:
    kinds = {box.kind for box in scene.boxes}
    entries = [_sign("→", style.LINK, "from what is needed to what needs it")]
    if any(link.handoff for link in scene.links):
        entries.append(_sign("○→", style.HANDOFF, "hand-off: crosses to another vendor"))
    if "group" in kinds:
        entries.append(_sign("N ×", style.INK, "like parts in one box (double outline)"))
    if scene.brackets or "junction" in kinds or any(link.label for link in scene.links):
        entries.append(_sign("k of n", style.INK, "needs only k of the n parts (dashed frame)"))
    return entries


def _states(scene: Scene) -> list[str]:
    if not scene.failing:
        return []
    present = {box.state for box in scene.boxes}
    words = {
        "failed": (style.FAILED, style.FAILED, "failed"),
        "down": (style.DOWN_FILL, style.FAILED, "down as a result"),
        "held": ("#ffffff", style.HELD, "up thanks to redundancy"),
        "up": ("#f6f6f6", style.FADED_LINE, "not affected (faded)"),
    }
    return [
        f'<TD BGCOLOR="{fill}" BORDER="2" COLOR="{edge}" WIDTH="16" HEIGHT="11" '
        f'FIXEDSIZE="TRUE"></TD>' + _words(text)
        for state, (fill, edge, text) in words.items() if state in present
    ]
