"""The command line registers only the command it runs, and still lists and checks every command."""

from __future__ import annotations

import argparse

import pytest

from depgraph.cli.commands import COMMANDS
from depgraph.cli.main import build_parser, main


def _commands(parser: argparse.ArgumentParser) -> list[str]:
    [subparsers] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return list(subparsers.choices)


def test_without_a_command_every_command_is_registered_in_order() -> None:
    assert _commands(build_parser()) == list(COMMANDS)
    assert _commands(build_parser(["--help"])) == list(COMMANDS)
    assert _commands(build_parser(["rnak", "site.yaml"])) == list(COMMANDS)


@pytest.mark.parametrize("name", list(COMMANDS))
def test_a_command_alone_is_registered_under_its_own_name(name: str) -> None:
    """Each module registers the name the table gives it (``import`` lives in ``imports``)."""
    assert _commands(build_parser([name, "x"])) == [name]


def test_a_misspelt_command_is_refused_with_the_list(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rnak", "site.yaml"]) == 2
    error = capsys.readouterr().err
    assert "invalid choice: 'rnak'" in error and "'rank'" in error and "'sensitivity'" in error


def test_a_command_s_own_usage_error_names_the_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rank"]) == 2
    assert "depgraph rank: error: the following arguments are required: file" in capsys.readouterr().err
