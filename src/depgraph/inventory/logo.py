"""The logo a ``report:`` section names: where it is, and whether the report can inline it.

A logo path is relative to the inventory's folder (to the working folder for
an inventory read from standard input or text). The report inlines the image,
so it must be a file of a kind a browser shows. :func:`logo_problem` says what
is wrong at the ``logo:`` value's place, so that ``validate`` warns before
``report`` refuses.

>>> from depgraph.inventory.loader import read_inventory
>>> read = read_inventory('''
... version: 1
... site: {name: demo}
... components: [{id: router, category: network}]
... report: {logo: letterhead.pdf}
... ''')
>>> print(logo_problem(read))
<string>:5:16: the logo must be an SVG, PNG, JPEG, GIF or WebP image, not 'letterhead.pdf'
"""

from __future__ import annotations

from pathlib import Path

from depgraph.errors import Problem
from depgraph.inventory.loader import ReadInventory
from depgraph.quoting import quoted

__all__ = ["IMAGE_TYPES", "NOT_AN_IMAGE", "logo_path", "logo_problem"]

IMAGE_TYPES = {".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg",
               ".jpeg": "image/jpeg", ".gif": "image/gif", ".webp": "image/webp"}
"""The image kinds a report can inline, by file suffix, with their media types."""

NOT_AN_IMAGE = "the logo must be an SVG, PNG, JPEG, GIF or WebP image"
"""What a logo of another kind is told, wherever it is named (the inventory or ``--logo``)."""


def logo_path(logo: str, base: Path | None) -> Path:
    """Where the logo ``logo`` is: relative to ``base`` (the inventory's folder), if given."""
    return Path(logo) if base is None else base / logo


def logo_problem(read: ReadInventory) -> Problem | None:
    """What keeps the report from inlining the inventory's logo, at the ``logo:`` value; or None."""
    logo = read.inventory.report.logo
    if not logo:
        return None
    where = ("report", "logo")
    if Path(logo).suffix.lower() not in IMAGE_TYPES:
        return read.problem(where, f"{NOT_AN_IMAGE}, not {quoted(logo)}")
    base = None if read.name.startswith("<") else Path(read.name).parent
    path = logo_path(logo, base)
    if not path.is_file():
        return read.problem(where, f"the logo {quoted(logo)} is not there (looked for {path})")
    return None
