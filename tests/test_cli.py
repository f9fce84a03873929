"""The command line: the documented contract (README "Command line") for init, import-plan, plans and progress."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest

from lipmetrics.cli import main

from .conftest import DATA, TEST_DATA
from .databases import made, new_target, shown

PROGRESS_HEADER = (
    "pillar,plan_year,calendar_year,scheduled,complete,completion_rate,"
    "not_started,working_group_formed,in_progress,deferred,unclassified"
)


@pytest.fixture
def small_db(tmp_path):
    path = new_target(tmp_path, "cli")
    assert (
        main(
            [
                "import-plan",
                str(TEST_DATA / "small_tidy.csv"),
                "--plan",
                "Small",
                "--start-year",
                "2020",
                "--years",
                "3",
                "--db",
                str(path),
            ]
        )
        == 0
    )
    return path


def test_progress_csv(small_db, capsys) -> None:
    """progress --format csv prints the documented columns, rates with 4 decimals, blank when none."""
    capsys.readouterr()
    assert main(["progress", "--plan", "Small", "--format", "csv", "--db", str(small_db)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == PROGRESS_HEADER
    rows = list(csv.DictReader(io.StringIO("\n".join(lines))))
    by_key = {(r["pillar"], r["plan_year"]): r for r in rows}
    assert by_key[("All", "1")]["completion_rate"] == "0.6667"
    assert by_key[("All", "2")]["completion_rate"] == "0.3333"
    assert by_key[("Beta", "2")]["completion_rate"] == "0.0000"
    assert by_key[("Gamma", "1")]["completion_rate"] == ""
    assert [r["pillar"] for r in rows] == ["Alpha"] * 3 + ["Beta"] * 3 + ["Gamma"] * 3 + ["All"] * 3


def test_progress_json(small_db, capsys) -> None:
    """JSON gives null for a missing rate."""
    capsys.readouterr()
    assert main(["progress", "--plan", "Small", "--format", "json", "--db", str(small_db)]) == 0
    rows = json.loads(capsys.readouterr().out)
    gamma = [r for r in rows if r["pillar"] == "Gamma"]
    assert {r["completion_rate"] for r in gamma} == {None}
    assert [r for r in rows if r["pillar"] == "All"][0]["completion_rate"] == 0.6667


def test_import_summary_lists_what_needs_a_person(tmp_path, capsys) -> None:
    """The import prints its counts and every text kept for a person, with line numbers."""
    path = new_target(tmp_path, "x")
    code = main(
        [
            "import-plan",
            str(TEST_DATA / "small_raw.csv"),
            "--plan",
            "Raw",
            "--start-year",
            "2020",
            "--years",
            "3",
            "--db",
            str(path),
        ]
    )
    out = capsys.readouterr().out
    assert code == 0
    assert "projects: 7" in out
    assert "line 15: year “someday” of “Speakers bureau”" in out
    assert "line 14: status “See above” of “Annual festival” matches no status category" in out


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["progress", "--plan", "Nope"], 2, "There is no plan named “Nope”"),
        (
            ["import-plan", "missing.csv", "--plan", "X", "--start-year", "2020"],
            2,
            "There is no file missing.csv",
        ),
        (["import-plan", str(TEST_DATA), "--plan", "X", "--start-year", "2020"], 2, "is a folder"),
        (
            ["import-plan", str(TEST_DATA / "small_tidy.csv"), "--plan", "X", "--start-year", "20"],
            2,
            "not a calendar year",
        ),
    ],
)
def test_unusable_input_exits_2(tmp_path, capsys, args, code, message) -> None:
    """Unusable input: exit 2 and a sentence on stderr."""
    assert main([*args, "--db", new_target(tmp_path, "e")]) == code
    assert message in capsys.readouterr().err


def test_invalid_input_exits_1_with_lines(tmp_path, capsys) -> None:
    """Invalid input: exit 1, one problem per line with its line number, nothing written."""
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "PILLAR\nGOALS,OBJECTIVES,PROJECTS,WORKING GROUP,YEAR,STATUS\n,,,NCC,1,\n,,,City,2,\n"
    )
    path = new_target(tmp_path, "x")
    assert (
        main(["import-plan", str(bad), "--plan", "Bad", "--start-year", "2020", "--db", str(path)])
        == 1
    )
    err = capsys.readouterr().err.splitlines()
    assert err[0] == "The workplan bad.csv has 2 problems; nothing was saved."
    assert err[1].startswith("line 3, column PROJECTS: ")
    assert err[2].startswith("line 4, column PROJECTS: ")
    assert main(["plans", "--db", str(path), "--format", "csv"]) == 0
    assert (
        capsys.readouterr().out.strip()
        == "name,start_year,end_year,years,top_level_name,pillars,projects"
    )


def test_init_demo_is_idempotent(tmp_path, capsys, monkeypatch) -> None:
    """init --demo loads the three bundled plans once; running it again changes nothing."""
    monkeypatch.setenv("LIPMETRICS_SUBMISSIONS_DIR", str(tmp_path / "store"))
    path = new_target(tmp_path, "demo")
    assert main(["init", "--demo", "--db", path]) == 0
    assert main(["init", "--demo", "--db", path]) == 0
    out = capsys.readouterr().out
    assert out.count("Loaded demo plan:") == 3
    assert "The demo plans are already loaded." in out
    files = sorted(p.name for p in (tmp_path / "store").iterdir())
    assert main(["submissions", "--db", path, "--format", "json"]) == 0
    ledger = json.loads(capsys.readouterr().out)
    assert len(files) == len({s["sha256"] for s in ledger}) > 100  # raw bytes kept, once each
    assert all(s["file_name"].endswith("-illustrative.csv") for s in ledger)
    assert main(["plans", "--db", path, "--format", "json"]) == 0
    plans = json.loads(capsys.readouterr().out)
    assert sorted((p["name"], p["pillars"], p["projects"]) for p in plans) == [
        ("PIP Community Immigrant Integration Plan 2016-2021", 5, 69),
        ("PIP Strategic Plan 2022-2025", 3, 12),
        ("Toronto West LIP Strategic Plan 2012-2015", 5, 40),
    ]


def test_db_from_environment(tmp_path, monkeypatch, capsys) -> None:
    """Without --db the database comes from LIPMETRICS_DB."""
    path = new_target(tmp_path, "env")
    monkeypatch.setenv("LIPMETRICS_DB", path)
    assert main(["init"]) == 0
    assert shown(path) in capsys.readouterr().out
    assert made(path)


def test_console_script_runs() -> None:
    """The installed `lipmetrics` command answers --help with every command."""
    result = subprocess.run(
        [sys.executable, "-m", "lipmetrics.cli", "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    for command in ("init", "import-plan", "plans", "progress"):
        assert command in result.stdout


def test_bundled_files_exist() -> None:
    """The bundled plans are where the demo expects them."""
    from lipmetrics.demo import DEMO_PLANS

    for demo in DEMO_PLANS:
        assert (DATA / demo.workplan).is_file()
        assert (DATA / demo.history).is_file()


def test_init_without_terminal_never_waits(tmp_path, capsys, monkeypatch) -> None:
    """Without a terminal, init does not ask for the first administrator: it says how to add one."""
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    assert main(["init", "--db", new_target(tmp_path, "new")]) == 0
    out = capsys.readouterr().out
    assert "No administrator account yet. Add one with:" in out
    assert "lipmetrics add-user USERNAME --role admin" in out


def test_init_asks_for_the_first_admin_at_a_terminal(tmp_path, capsys, monkeypatch) -> None:
    """At a terminal, init asks for the first administrator and sets the password."""
    from lipmetrics.accounts import authenticate
    from lipmetrics.store import Database

    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    answers = iter(["Root", "Rosa Root"])
    monkeypatch.setattr("builtins.input", lambda prompt="": next(answers))
    monkeypatch.setattr("getpass.getpass", lambda prompt="": "first-admin-password")
    path = new_target(tmp_path, "new")
    assert main(["init", "--db", str(path)]) == 0
    assert "Administrator “root” created." in capsys.readouterr().out
    database = Database(path)
    try:
        assert authenticate(database, "root", "first-admin-password").role == "admin"
    finally:
        database.close()


def test_partner_account_cannot_import_a_plan(tmp_path, capsys) -> None:
    """--user acts with that account's permissions: a partner may not import a plan (exit 1)."""
    path = new_target(tmp_path, "p")
    assert main(["import-partners", str(DATA / "partners.csv"), "--db", path]) == 0
    assert main(["add-user", "pat", "--role", "partner", "--partner", "NCC", "--db", path]) == 0
    code = main(
        [
            "import-plan",
            str(TEST_DATA / "small_tidy.csv"),
            "--plan",
            "S",
            "--start-year",
            "2020",
            "--user",
            "pat",
            "--db",
            path,
        ]
    )
    assert code == 1
    assert "may not import or change a plan" in capsys.readouterr().err
    assert main(["plans", "--db", path, "--format", "csv"]) == 0
    assert capsys.readouterr().out.count("\n") == 1  # the header only: nothing was imported


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["plans", "--format", "xml"], "'xml' is not one of 'table', 'csv', 'json'"),
        (["import-plan", "x.csv", "--start-year", "2020"], "Missing option '--plan'"),
        (["import-plan", "x.csv", "--plan", "X", "--start-year", "2020", "--as-of", "2020-13-01"],
         "“2020-13-01” is not a date written as YYYY-MM-DD"),
        (["withdraw", "first", "--reason", "r"], "'first' is not a valid integer"),
        (["archive"], "No such command 'archive'"),
    ],
)  # fmt: skip
def test_a_command_line_that_cannot_be_parsed_exits_2(tmp_path, capsys, args, message) -> None:
    """A wrong option or argument: exit 2 with the usage and the reason, and no database made."""
    path = new_target(tmp_path, "never")
    assert main([*args, "--db", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Usage: lipmetrics") and message in err
    assert not made(path)


def test_a_prompt_left_with_ctrl_d_exits_1(tmp_path, capsys, monkeypatch) -> None:
    """Leaving init's first-administrator prompt prints "Aborted!", not a traceback."""
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)

    def end_of_input(prompt: str = "") -> str:
        raise EOFError

    monkeypatch.setattr("builtins.input", end_of_input)
    assert main(["init", "--db", new_target(tmp_path, "new")]) == 1
    err = capsys.readouterr().err
    assert err.strip() == "Aborted!"
