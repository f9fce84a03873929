"""The README documents every command and setting (as sqlite-utils checks its docs)."""

from __future__ import annotations

import re

import pytest

from lipmetrics import settings as config
from lipmetrics.cli import cli

from .conftest import ROOT

README = (ROOT / "README.md").read_text()
CLI_DOC = (ROOT / "docs" / "cli.md").read_text()
COMMANDS = sorted(cli.commands)
# The first cell of each row of README "Command line": | `lipmetrics COMMAND ...` | ... |
README_COMMANDS = re.findall(r"^\| `lipmetrics ([a-z-]+)[ `]", README, flags=re.MULTILINE)


def help_sentence(name: str) -> str:
    """The help text a command shows under ``lipmetrics NAME --help``, on one line."""
    return " ".join((cli.commands[name].help or "").split())


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_and_a_readme_row(command: str) -> None:
    """Each command has help text of its own, written as sentences (not click's empty default,
    not another command's text), and a row of README's command table starting with its name."""
    text = help_sentence(command)
    assert len(text.split()) >= 5 and text[0].isupper() and text.endswith("."), (
        f"`lipmetrics {command} --help` has no help sentence: {text!r}"
    )
    assert [other for other in COMMANDS if help_sentence(other) == text] == [command]
    assert command in README_COMMANDS, f"README has no row starting `lipmetrics {command}"
    assert f"### `lipmetrics {command}" in CLI_DOC, f"docs/cli.md has no section on {command}"


def test_the_readme_lists_only_real_commands() -> None:
    """Every command of README's table exists, once."""
    assert sorted(README_COMMANDS) == COMMANDS


@pytest.mark.parametrize("variable", re.findall(r"``(LIPMETRICS_\w+)``", config.__doc__))
def test_every_setting_is_documented(variable: str) -> None:
    """Each environment variable the settings read is in the README."""
    assert f"`{variable}`" in README


def test_two_commands() -> None:
    """The README's quick start names the two commands, and CI runs the test one."""
    assert "make run" in README and "make test" in README
    assert "make test" in (ROOT / ".ci" / "run").read_text()
