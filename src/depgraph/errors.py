"""The depgraph exception hierarchy.

Every error depgraph raises on purpose derives from :class:`DepgraphError`, so
a caller can catch one class. The command line maps each subclass to an exit
code (see ``cli.md``): input and usage problems exit 2.

::

    DepgraphError
    ├── InventoryError      the inventory file is unreadable or invalid (one Problem per defect)
    ├── UsageError          a command was asked something impossible (unknown --fail id, bad option)
    │   ├── UnknownIdError  an id that names nothing of the expected kind, with a suggestion
    │   └── BudgetError     the work asked for would not fit in memory or time (the numbers say why)
    ├── RenderError         a diagram could not be produced
    │   └── DotNotFoundError    Graphviz's ``dot`` program is not installed
    ├── OutputError         a result could not be written
    └── ImportDataError     an export given to ``depgraph import`` is unreadable or malformed
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from depgraph.quoting import printable, quoted

__all__ = [
    "BudgetError",
    "DepgraphError",
    "DotNotFoundError",
    "ImportDataError",
    "InventoryError",
    "OutputError",
    "Problem",
    "RenderError",
    "UnknownIdError",
    "UsageError",
]


@dataclass(frozen=True, order=True)
class Problem:
    """One defect of an input file, with the place it was found.

    ``line`` and ``column`` count from 1; 0 means the problem has no place in
    the file (for example, the file does not exist). ``kind`` names the sort
    of a warning (``"orphan"``, ``"loop"``, ``"unowned"``: see
    :data:`depgraph.engine.loops.WARNING_KINDS`) so that many of one sort can be
    summarised; it takes no part in comparisons.
    """

    file: str
    line: int
    column: int
    message: str
    kind: str = field(default="", compare=False)

    def __str__(self) -> str:
        """``FILE:LINE:COLUMN: message`` on one line (control characters escaped)."""
        if self.line <= 0:
            return printable(f"{self.file}: {self.message}")
        return printable(f"{self.file}:{self.line}:{self.column}: {self.message}")


class DepgraphError(Exception):
    """Root of every error depgraph raises on purpose."""


class InventoryError(DepgraphError):
    """The inventory cannot be loaded; ``problems`` lists every defect found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


class UsageError(DepgraphError):
    """A command was asked something that cannot be done with this input."""


class UnknownIdError(UsageError):
    """An id names nothing of the expected kind.

    ``suggestion`` is the closest existing id, if any is close enough; when
    there is none and the ids of that kind are few (``known``), they are listed.
    """

    def __init__(
        self, kind: str, given: str, suggestion: str | None, known: Sequence[str] = ()
    ) -> None:
        self.kind = kind
        self.given = given
        self.suggestion = suggestion
        if suggestion:
            hint = f"; did you mean {quoted(suggestion)}?"
        elif 0 < len(known) <= 12:
            hint = f"; the {kind}s are {', '.join(quoted(k) for k in known)}"
        else:
            hint = ""
        super().__init__(f"unknown {kind} {quoted(given)}{hint}")


class BudgetError(UsageError):
    """The work asked for would exhaust memory or run for hours; the message gives the numbers."""


class RenderError(DepgraphError):
    """A diagram could not be produced."""


class DotNotFoundError(RenderError):
    """Graphviz's ``dot`` program is needed for this output format but is missing."""


class OutputError(DepgraphError):
    """A result could not be written to its destination."""


class ImportDataError(DepgraphError):
    """An export given to ``depgraph import`` cannot be read.

    ``problems`` lists every defect found, each naming the file and the JSON
    path of the value (``stat-device.json: data[3].uplink: expected an object``)
    or, for text that is not JSON at all, its line and column.
    """

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(dict.fromkeys(problems))  # in the order found: file order
        super().__init__("\n".join(self.problems))
