"""``python -m depgraph``: the same as the ``depgraph`` command."""

from depgraph.cli.main import console

if __name__ == "__main__":
    console()
