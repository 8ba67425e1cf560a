"""``python -m depgraph``: the same as the ``depgraph`` command."""

from depgraph.cli import console

console()
