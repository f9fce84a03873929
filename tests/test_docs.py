"""The README documents every command and setting (as sqlite-utils checks its docs)."""

from __future__ import annotations

import re

import pytest

from lipmetrics import settings
from lipmetrics.cli import cli

from .conftest import ROOT

README = (ROOT / "README.md").read_text()
FIX = (
    "; print the table with: python -c 'import lipmetrics.settings as s; print(s.markdown_table())'"
)
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


# --- The repository's own design notes (docs/) and the README's Layout -------------------------

# Citations of documents outside the repository, or of issue numbers, in code comments and
# docstrings: comments cite README or docs/ sections instead.
OUTSIDE_CITATION = re.compile(
    r"design\.md|\bdesign(?: reference)?\s*§|\.\./shared/|\bissues? \d+", re.I
)
SEED_WORD = re.compile(r"\bseed(?:s|ed)?\b", re.I)
CODE_DIRS = ["lipmetrics", "ui", "pages", "tests", "bench", "scripts"]


def layout_paths(readme: str) -> list[str]:
    """The paths the README's Layout block names, in order: ``lipmetrics/plan/status.py``, …

    One entry per line; two spaces of indent per level below the directory (ending ``/``) above.
    """
    section = readme.split("\n## Layout\n", 1)[1].split("\n## ", 1)[0]
    block = section.split("```", 2)[1]
    paths: list[str] = []
    stack: list[str] = []
    for line in block.splitlines()[1:]:
        if not line.strip():
            continue
        depth = (len(line) - len(line.lstrip(" "))) // 2
        assert depth <= len(stack) and all(s.endswith("/") for s in stack[:depth]), line
        stack[depth:] = [line.split()[0]]
        paths.append("".join(stack))
    return paths


def unnamed_modules(root, named: set[str]) -> list[str]:
    """The packages (``lipmetrics/plan/``) and modules (``lipmetrics/plan/status.py``) under
    ``root``'s ``lipmetrics/`` and ``ui/`` that ``named`` leaves out."""
    missing = []
    for package in ("lipmetrics", "ui"):
        for path in sorted((root / package).rglob("*.py")):
            relative = path.relative_to(root).as_posix()
            name = relative.removesuffix("__init__.py") if path.name == "__init__.py" else relative
            if name not in named:
                missing.append(name)
    return missing


def seed_literals(source: str) -> list[str]:
    """The string literals of ``source`` (docstrings and f-string parts too) that say "seed"; a
    name such as ``random.Random(SEED)`` is code, not text, and does not count."""
    import ast

    return [
        node.value
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and SEED_WORD.search(node.value)
    ]


def python_files() -> list:
    files = [ROOT / "app.py", ROOT / "serve.py"]
    for folder in CODE_DIRS:
        files += sorted((ROOT / folder).rglob("*.py"))
    return files


def test_layout_names_every_package_and_module() -> None:
    """README "Layout" names every package and module of lipmetrics/ and ui/, and links docs/."""
    named = set(layout_paths(README))
    assert unnamed_modules(ROOT, named) == []
    assert {"pages/", "data/", "tests/", "bench/", "docs/", "scripts/"} <= named
    assert "(docs/README.md)" in README and "docs/architecture.md" in README


def test_every_layout_path_exists() -> None:
    for path in layout_paths(README):
        target = ROOT / path
        assert target.is_dir() if path.endswith("/") else target.is_file(), path


def test_the_layout_check_can_fail(tmp_path) -> None:
    """A module missing from the Layout is reported, and so is a Layout path with no file."""
    (tmp_path / "lipmetrics" / "plan").mkdir(parents=True)
    for name in ("__init__.py", "plan/__init__.py", "plan/status.py", "plan/new.py"):
        (tmp_path / "lipmetrics" / name).write_text("")
    (tmp_path / "ui").mkdir()
    layout = (
        "\n## Layout\n\n```\nlipmetrics/   the package\n  plan/\n    status.py\n    gone.py\n```\n"
    )
    named = set(layout_paths(layout))
    assert named == {"lipmetrics/", "lipmetrics/plan/", "lipmetrics/plan/status.py",
                     "lipmetrics/plan/gone.py"}  # fmt: skip
    assert unnamed_modules(tmp_path, named) == ["lipmetrics/plan/new.py"]
    assert not (tmp_path / "lipmetrics/plan/gone.py").exists()


def test_docs_index_links_every_page() -> None:
    """docs/README.md links every file in docs/."""
    index = (ROOT / "docs" / "README.md").read_text(encoding="utf-8")
    linked = {target.split("#")[0] for target in re.findall(r"\]\(([^)\s]+)\)", index)}
    pages = {p.name for p in (ROOT / "docs").iterdir() if p.is_file() and p.name != "README.md"}
    assert {"definitions.md", "file-formats.md", "architecture.md"} <= pages
    assert pages - linked == set()


def test_code_cites_only_the_repository() -> None:
    """No .py file cites a document outside the repository, or an issue number."""
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in python_files()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if OUTSIDE_CITATION.search(line)
    ]
    assert found == []
    for text in (README, *(p.read_text() for p in (ROOT / "docs").glob("*.md"))):
        assert not re.search(r"\.\./shared/|design\.md", text)


def test_no_user_text_says_seed() -> None:
    """No string literal in lipmetrics/, ui/, pages/ or app.py says "seed" (a random generator's
    seed is a name in code, not text anyone reads)."""
    files = [ROOT / "app.py"]
    for folder in ("lipmetrics", "ui", "pages"):
        files += sorted((ROOT / folder).rglob("*.py"))
    found = {
        str(path.relative_to(ROOT)): texts
        for path in files
        if (texts := seed_literals(path.read_text(encoding="utf-8")))
    }
    assert found == {}


def test_the_citation_and_seed_checks_can_fail() -> None:
    assert OUTSIDE_CITATION.search("# see " + "design" + " §8")
    assert OUTSIDE_CITATION.search('"""Scorecards (' + "issue" + ' 5)."""')
    assert OUTSIDE_CITATION.search("# ../" + "shared/notes.md")
    assert not OUTSIDE_CITATION.search('# see docs/definitions.md "Periods"')
    assert seed_literals("rng = random.Random(SEED)\nseed = 4\n") == []
    assert seed_literals("st.write(f\"the {'seed'}'s colours\")") == ["seed"]
    assert seed_literals('def f():\n    """Built from the seeds."""\n') == ["Built from the seeds."]
