"""The README documents every command and setting (as sqlite-utils checks its docs)."""

from __future__ import annotations

import re

import pytest

from lipmetrics import settings
from lipmetrics.cli import build_parser

from .conftest import ROOT

README = (ROOT / "README.md").read_text()
FIX = (
    "; print the table with: python -c 'import lipmetrics.settings as s; print(s.markdown_table())'"
)
COMMANDS = sorted(build_parser()._subparsers._group_actions[0].choices)  # noqa: SLF001


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_documented(command: str) -> None:
    """Each command appears in the README's command table, and has help text."""
    assert f"`lipmetrics {command}" in README
    parser = build_parser()._subparsers._group_actions[0].choices[command]  # noqa: SLF001
    assert parser.description or parser.format_help()


def readme_configuration_table() -> str:
    """The first table under the README's "Configuration" heading, one line per row."""
    section = README.split("\n## Configuration\n", 1)[1]
    return section.strip().split("\n\n", 1)[0]


def test_configuration_table_is_the_settings_table() -> None:
    """The README's configuration table is exactly the one the settings table prints, both ways:
    a setting without a README row fails, and so does a README row without a setting."""
    readme, made = readme_configuration_table().splitlines(), settings.markdown_table().splitlines()
    assert [row for row in made if row not in readme] == [], (
        f"settings missing from the README{FIX}"
    )
    assert [row for row in readme if row not in made] == [], f"README rows with no setting{FIX}"
    assert readme == made, f"README rows in another order than the settings table{FIX}"


def test_every_variable_the_code_reads_is_in_the_table() -> None:
    """Each LIPMETRICS_ variable named in the code is a setting or one a command reads, and each
    variable a command reads is named in the code: none is read outside the table."""
    code = [
        ROOT / "app.py",
        *[p for f in ("lipmetrics", "ui", "pages") for p in (ROOT / f).rglob("*.py")],
    ]
    named = {
        name
        for path in code
        if path != ROOT / "lipmetrics" / "settings.py"  # the table itself names them all
        for name in re.findall(r"LIPMETRICS_[A-Z_]+", path.read_text(encoding="utf-8"))
    }
    known = {row.variable for row in settings.TABLE}
    commands = {variable.variable for variable in settings.COMMAND_VARIABLES}
    assert named - known - commands == set()
    assert commands <= named


def test_two_commands() -> None:
    """The README's quick start names the two commands, and CI runs the test one."""
    assert "make run" in README and "make test" in README
    assert "make test" in (ROOT / ".ci" / "run").read_text()
