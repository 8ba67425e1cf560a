"""Pages of PDF drawn by Graphviz, bound into one document.

Graphviz's cairo output writes one page per run. A detail diagram split by
area (:mod:`depgraph.render.pages`) is one run per page, so the pages are
bound here with `pypdf <https://pypdf.readthedocs.io>`_ into one PDF, page
sizes kept. Every PDF depgraph writes goes through :func:`pdf_document`:
it also leaves out the creation time cairo stamps on each file, so the same
diagram gives the same bytes.

>>> import graphviz
>>> one = graphviz.pipe("dot", "pdf", b"digraph { a -> b }")
>>> two = pdf_document([one, one])
>>> two.startswith(b"%PDF") and b"CreationDate" not in two and two == pdf_document([one, one])
True
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from pypdf import PdfReader, PdfWriter

__all__ = ["pdf_document"]


def pdf_document(pages: Sequence[bytes]) -> bytes:
    """One PDF holding the pages of each of ``pages`` (PDF files) in order."""
    writer = PdfWriter()
    for content in pages:
        for page in PdfReader(io.BytesIO(content)).pages:
            writer.add_page(page)
    writer.add_metadata({"/Producer": "depgraph"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
