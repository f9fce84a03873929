"""The command line of breakdowns and partners (docs/cli.md "Partners, catalogue and indicators"):
import-breakdowns and import-partners with and without --dry-run, breakdowns in its three
formats, exit codes."""

from __future__ import annotations

import json

import pytest

from lipmetrics.cli import main
from lipmetrics.measures import list_partners
from lipmetrics.store import Database

from .conftest import DATA
from .databases import new_target

BAD = "breakdown,category\ngender,woman\nAge group,15-24\ngender,a;b\n"


@pytest.fixture
def path(tmp_path) -> str:
    return new_target(tmp_path, "b")


def test_import_then_list(path, tmp_path, capsys) -> None:
    """The bundled file adds its 19 categories; again, none; the list prints them in each format."""
    bundled = str(DATA / "breakdown_categories.csv")
    assert main(["import-breakdowns", bundled, "--db", path]) == 0
    assert capsys.readouterr().out == f"Added 19 breakdown categories from {bundled}.\n"
    assert main(["import-breakdowns", bundled, "--db", path]) == 0
    assert capsys.readouterr().out == f"Added 0 breakdown categories from {bundled}.\n"
    assert main(["breakdowns", "--format", "csv", "--db", path]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[:3] == ["breakdown,category,values,retired", "gender,woman,0,", "gender,man,0,"]
    assert len(lines) == 20
    assert main(["breakdowns", "--format", "json", "--db", path]) == 0
    records = json.loads(capsys.readouterr().out)
    assert records[-1] == {
        "breakdown": "language",
        "category": "other",
        "values": 0,
        "retired": None,
    }
    assert main(["breakdowns", "--db", path]) == 0
    assert capsys.readouterr().out.splitlines()[0].split() == [
        "breakdown", "category", "values", "retired"
    ]  # fmt: skip


def test_dry_run_saves_nothing(path, tmp_path, capsys) -> None:
    file = tmp_path / "more.csv"
    file.write_text("breakdown,category\ngender,woman\ngender,man\n")
    assert main(["import-breakdowns", str(DATA / "breakdown_categories.csv"), "--db", path]) == 0
    file.write_text("breakdown,category\ngender,woman\ndisability,yes\n")
    capsys.readouterr()
    assert main(["import-breakdowns", str(file), "--dry-run", "--format", "csv", "--db", path]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "line,breakdown,category,change",
        "2,gender,woman,already there",
        "3,disability,yes,new breakdown",
    ]
    assert main(["breakdowns", "--format", "json", "--db", path]) == 0
    assert "disability" not in capsys.readouterr().out
    assert main(["breakdowns", "--db", new_target(tmp_path, "empty")]) == 0
    assert capsys.readouterr().out == "(none)\n"


@pytest.mark.parametrize(
    ("content", "code", "messages"),
    [
        (
            BAD,
            1,
            [
                "The file bad.csv has 2 problems; nothing was saved.",
                "line 3, column breakdown: \"Age group\" — write it as “age_group”: lower-case letters, digits and _",
                "line 4, column category: \"a;b\" — a category cannot hold ; or = (they separate breakdowns): remove them",
            ],
        ),
        (
            "category,breakdown\nwoman,gender\n",
            2,
            ["The file bad.csv needs the columns breakdown, category on its first line."],
        ),
    ],
)  # fmt: skip
def test_a_bad_file_exits_with_every_problem(
    path, tmp_path, capsys, content, code, messages
) -> None:
    file = tmp_path / "bad.csv"
    file.write_text(content)
    assert main(["import-breakdowns", str(file), "--db", path]) == code
    assert capsys.readouterr().err.splitlines() == messages
    assert main(["breakdowns", "--format", "csv", "--db", path]) == 0
    assert capsys.readouterr().out == "breakdown,category,values,retired\n"


def test_a_viewer_may_not_import(path, capsys) -> None:
    assert main(["add-user", "vic", "--role", "viewer", "--db", path]) == 0
    bundled = str(DATA / "breakdown_categories.csv")
    assert main(["import-breakdowns", bundled, "--user", "vic", "--db", path]) == 1
    assert main(["breakdowns", "--format", "csv", "--db", path]) == 0
    assert capsys.readouterr().out.endswith("breakdown,category,values,retired\n")


def test_a_catalogue_naming_a_breakdown_before_any_exists_says_where_to_add_it(
    path, tmp_path, capsys
) -> None:
    assert main(["import-partners", str(DATA / "partners.csv"), "--db", path]) == 0
    file = tmp_path / "catalogue.csv"
    file.write_text(
        "code,name,unit,direction,frequency,kind,breakdowns\n"
        "X,A metric,count,higher,annual,performance,gender\n"
    )
    assert main(["import-catalog", str(file), "--db", path]) == 1
    assert capsys.readouterr().err.splitlines()[-1] == (
        'line 2, column breakdowns: "gender" — no breakdown has been set up yet: add it on the Breakdowns '
        "page, or with lipmetrics import-breakdowns, first"
    )


def test_import_partners_dry_run_saves_nothing(path, tmp_path, capsys) -> None:
    assert main(["import-partners", str(DATA / "partners.csv"), "--db", path]) == 0
    file = tmp_path / "partners.csv"
    file.write_text("code,name,kind\nNCC,New Canadians Centre,settlement agency\nNEW,New one,\n")
    capsys.readouterr()
    assert main(["import-partners", str(file), "--dry-run", "--format", "csv", "--db", path]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "line,code,name,kind,change",
        "2,NCC,New Canadians Centre,settlement agency,unchanged",
        "3,NEW,New one,,new",
    ]
    database = Database(path)
    try:
        assert "NEW" not in list_partners(database)["code"].tolist()
    finally:
        database.close()
