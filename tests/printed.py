"""Reading what a printed page or an image holds: the helpers of the tests that print.

The report and the diagrams are checked on the files a browser or Graphviz
writes (a PDF page, a PNG), not on our own idea of them.
"""

from __future__ import annotations

import math

from pypdf import PageObject

__all__ = ["png_pixels", "smallest_text"]


def smallest_text(page: PageObject) -> float:
    """The smallest text on a PDF page in points: font size times the text and page matrices."""
    sizes: list[float] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():  # the height of the text's em box once both matrices apply
            sizes.append(size * math.hypot(tm[2] * cm[0] + tm[3] * cm[2],
                                           tm[2] * cm[1] + tm[3] * cm[3]))

    page.extract_text(visitor_text=visit)
    return min(sizes)


def png_pixels(data: bytes) -> tuple[int, int]:
    """A PNG's width and height in pixels, from its header."""
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
