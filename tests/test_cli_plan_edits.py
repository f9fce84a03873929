"""`lipmetrics edit-plan` (docs/cli.md "edit-plan"): list the items, each change with its sentence,
refusals with exit 1 and their sentence, the figures of `progress` after an edit."""

from __future__ import annotations

import csv
import io

import pytest

from lipmetrics.cli import main

from .test_cli import small_db  # noqa: F401  (the small plan, imported)

# The small plan's ids as its import draws them: A1 is project 1, G2 goal 5, Gamma pillar 3.
EDITS = {
    "rename": (["rename", "project", "1", "A1 Renamed", "--reason", "typo"],
               "Renamed the project “A1 Project” to “A1 Renamed”."),
    "move": (["move", "project", "1", "--under", "goal:5", "--reason", "committee"],
             "Moved the project “A1 Project” under “Beta › G2 Goal two”."),
    "retire": (["retire", "goal", "5", "--reason", "merged"],
               "Retired the goal “G2 Goal two” and the 2 projects under it: they keep their "
               "history and status records, and leave the figures."),
    "add": (["add", "objective", "O9 New", "--under", "pillar:3", "--reason", "new"],
            "Added the objective “O9 New” under “Gamma”."),
    "years": (["years", "3", "2021-2022", "--reason", "funder"],
              "The project “A3 Project” is now planned for plan years 2-3."),
    "working group": (["working-group", "3", "City; WDB", "--reason", "joined"],
                      "The working group of the project “A3 Project” is now: City, WDB."),
    "recurring": (["recurring", "1", "yes", "--reason", "annual"],
                  "The project “A1 Project” is now recurring."),
}  # fmt: skip


def edit_plan(db, *args: str) -> int:
    return main(["edit-plan", "--plan", "Small", "--db", str(db), *args])


@pytest.mark.parametrize(("args", "sentence"), EDITS.values(), ids=EDITS.keys())
def test_each_edit_prints_its_sentence(small_db, capsys, args, sentence) -> None:  # noqa: F811
    capsys.readouterr()
    assert edit_plan(small_db, *args) == 0
    assert capsys.readouterr().out == sentence + "\n"


REFUSALS = {
    "no reason": (["rename", "project", "1", "A1 Renamed"], 1,
                  "column reason: write why the plan changes (every change to the plan needs a "
                  "reason)"),
    "year after the plan": (["years", "3", "4", "--reason", "x"], 1,
                            'column years: "4" — plan year 4 is after the last year of the plan (3); '
                            "write plan years from 1 to 3 or calendar years from 2020 to 2022"),
    "no place": (["move", "project", "1", "--reason", "x"], 1,
                 "column under: choose where to put the project"),
    "unknown item": (["retire", "project", "99", "--reason", "x"], 2,
                     "There is no project 99 in the plan “Small”. Choose one from the list."),
}  # fmt: skip


@pytest.mark.parametrize(("args", "code", "line"), REFUSALS.values(), ids=REFUSALS.keys())
def test_refusals_exit_with_their_sentence(small_db, capsys, args, code, line) -> None:  # noqa: F811
    capsys.readouterr()
    assert edit_plan(small_db, *args) == code
    assert line in capsys.readouterr().err.splitlines()


def test_list_then_progress_follows(small_db, capsys) -> None:  # noqa: F811
    """The list gives each item's kind and id; after retiring A1 the plan's year 1 is 1 of 2."""
    capsys.readouterr()
    assert edit_plan(small_db, "--format", "csv") == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert rows[3] == {
        "kind": "project", "item_id": "1", "name": "A1 Project",
        "path": "Alpha › G1 Goal one › O1 Objective one › A1 Project", "retired": "False",
    }  # fmt: skip
    assert edit_plan(small_db, "retire", "project", "1", "--reason", "dropped") == 0
    capsys.readouterr()
    assert main(["progress", "--plan", "Small", "--format", "csv", "--db", str(small_db)]) == 0
    rates = {(r["pillar"], r["plan_year"]): r for r in csv.DictReader(io.StringIO(capsys.readouterr().out))}  # fmt: skip
    assert (rates[("All", "1")]["scheduled"], rates[("All", "1")]["complete"]) == ("2", "1")
    assert rates[("All", "1")]["completion_rate"] == "0.5000"
