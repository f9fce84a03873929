"""What pages say: no page or ui module tells a person to run a command; each names the page to
use and who may use it (README "What is on screen")."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lipmetrics.cli import cli

from .conftest import ROOT

COMMAND_HINT = re.compile(
    r"lipmetrics\s+(" + "|".join(re.escape(name) for name in sorted(cli.commands)) + r")\b"
)


def command_hints(source: str) -> list[str]:
    """The ``lipmetrics <command>`` hints in a source text, also where a sentence is written as
    string literals on several lines ("… `lipmetrics "  "import-catalog`")."""
    joined = re.sub(r"[\"']\s*\n\s*f?[\"']", "", source)
    return [re.sub(r"\s+", " ", m.group(0)) for m in COMMAND_HINT.finditer(joined)]


def app_side_files() -> list[Path]:
    return sorted([ROOT / "app.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "ui").glob("*.py")])


@pytest.mark.parametrize("path", app_side_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_page_tells_a_person_to_run_a_command(path: Path) -> None:
    assert command_hints(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    ("text", "hints"),
    [
        ("load the demo plans with `lipmetrics init --demo`.", ["lipmetrics init"]),
        ('"imports it with `lipmetrics "\n        "import-catalog`."', ["lipmetrics import-catalog"]),
        ("the working group imports it with `lipmetrics import-catalog`.", ["lipmetrics import-catalog"]),
        ("Sign in with a lipmetrics user name and password", []),
        ("the Metric catalogue page", []),
    ],
)  # fmt: skip
def test_the_check_finds_a_command_hint(text, hints) -> None:
    assert command_hints(text) == hints
