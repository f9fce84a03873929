"""The README documents every command and setting (as sqlite-utils checks its docs)."""

from __future__ import annotations

import re

import pytest

from lipmetrics import settings as config
from lipmetrics.cli import build_parser

from .conftest import ROOT

README = (ROOT / "README.md").read_text()
COMMANDS = sorted(build_parser()._subparsers._group_actions[0].choices)  # noqa: SLF001


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_documented(command: str) -> None:
    """Each command appears in the README's command table, and has help text."""
    assert f"`lipmetrics {command}" in README
    parser = build_parser()._subparsers._group_actions[0].choices[command]  # noqa: SLF001
    assert parser.description or parser.format_help()


@pytest.mark.parametrize("variable", re.findall(r"``(LIPMETRICS_\w+)``", config.__doc__))
def test_every_setting_is_documented(variable: str) -> None:
    """Each environment variable the settings read is in the README."""
    assert f"`{variable}`" in README


def test_two_commands() -> None:
    """The README's quick start names the two commands, and CI runs the test one."""
    assert "make run" in README and "make test" in README
    assert "make test" in (ROOT / ".ci" / "run").read_text()
