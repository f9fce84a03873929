"""Breakdowns and their categories administered (README "Partner organisations and breakdowns"):
the checks of a breakdown as written, a breakdowns file with its preview, add, rename, retire,
restore and delete, each change with its own audit entry, and a category that submitted values
name never deleted or renamed."""

from __future__ import annotations

import pandas as pd
import pytest

from lipmetrics.accounts import OPERATOR, User
from lipmetrics.errors import DuplicateError, InvalidInputError, PermissionDeniedError, Problem
from lipmetrics.measures import (
    add_breakdown,
    add_category,
    breakdown_categories,
    breakdowns_overview,
    delete_category,
    parse_breakdowns,
    preview_breakdowns,
    rename_category,
    restore_category,
    retire_category,
    save_breakdowns,
)
from lipmetrics.measures.breakdowns import breakdown_problems
from lipmetrics.measures.catalog_file import Known, breakdowns_known
from lipmetrics.store import Database

from .test_app_measures import measures_path  # noqa: F401  (the small database with values)
from .test_partners import audit

SEPARATORS = "a category cannot hold ; or = (they separate breakdowns): remove them"


@pytest.mark.parametrize(
    ("breakdown", "category", "expected"),
    [
        ("gender", "gender diverse", []),
        ("age_group", "65+", []),
        ("Age group", "15-24", [("breakdown", "Age group", "write it as “age_group”: lower-case letters, digits and _")]),
        ("", "woman", [("breakdown", "", "write the breakdown's name, e.g. gender")]),
        ("period", "x", [("breakdown", "period", "this is a column of every partner file already: choose another name")]),
        ("gender", "", [("category", "", "write the category, e.g. woman")]),
        ("gender", "a;b", [("category", "a;b", SEPARATORS)]),
        ("gender", "a=b", [("category", "a=b", SEPARATORS)]),
        ("gender", "y" * 101, [("category", "y" * 101, "this is 101 characters long: shorten it to 100 at most")]),
    ],
)  # fmt: skip
def test_breakdown_problems(breakdown, category, expected) -> None:
    found = breakdown_problems(breakdown, category, 7)
    assert [(p.column, p.value, p.message) for p in found] == expected
    assert all(p.line == 7 for p in found)


def test_a_file_with_problems_names_each_line() -> None:
    data = b"breakdown,category\ngender,woman\nGender,man\ngender,WOMAN\ngender,\n\nlanguage,a=b\n"
    with pytest.raises(InvalidInputError) as caught:
        parse_breakdowns(data, "bad.csv")
    assert caught.value.summary == "The file bad.csv has 4 problems; nothing was saved."
    assert caught.value.problems == [
        Problem(3, "breakdown", "Gender", "write it as “gender”: lower-case letters, digits and _"),
        Problem(4, "category", "WOMAN", "this category is already on line 2"),
        Problem(5, "category", "", "write the category, e.g. woman"),
        Problem(7, "category", "a=b", SEPARATORS),
    ]


def test_a_file_is_previewed_then_saved_with_one_audit_entry_per_category(db) -> None:
    add_breakdown(db, OPERATOR, "gender", ["woman", "man", "not stated"])
    retire_category(db, OPERATOR, "gender", "not stated")
    data = b"breakdown,category\ngender,woman\ngender,gender diverse\ngender,not stated\nlanguage,French\nlanguage,English\n"
    frame = parse_breakdowns(data, "more.csv")
    assert preview_breakdowns(db, OPERATOR, frame)[["line", "change"]].values.tolist() == [
        [2, "already there"], [3, "new category"], [4, "retired, stays retired"],
        [5, "new breakdown"], [6, "new category"],
    ]  # fmt: skip
    assert save_breakdowns(db, OPERATOR, frame, "more.csv") == 3
    assert breakdown_categories(db) == {
        "gender": ["woman", "man", "gender diverse"],
        "language": ["French", "English"],
    }
    assert audit(db)[2:] == [
        ("breakdown category added", "gender=gender diverse", None),
        ("breakdown category added", "language=French", None),
        ("breakdown category added", "language=English", None),
    ]
    assert save_breakdowns(db, OPERATOR, frame, "more.csv") == 0  # the same file again adds nothing


def test_a_category_known_with_another_case_is_a_problem(db) -> None:
    add_breakdown(db, OPERATOR, "gender", ["woman"])
    frame = parse_breakdowns(b"breakdown,category\ngender,Woman\n", "f.csv")
    message = "gender has this category as “woman”: write it the same way"
    with pytest.raises(InvalidInputError) as caught:
        save_breakdowns(db, OPERATOR, frame)
    assert caught.value.problems == [Problem(2, "category", "Woman", message)]
    assert breakdown_categories(db) == {"gender": ["woman"]}


def test_add_rename_retire_restore_delete(db) -> None:
    add_breakdown(db, OPERATOR, "gender", ["woman", "man", ""])  # a blank line is left out
    add_category(db, OPERATOR, "gender", "gendre diverse")
    rename_category(db, OPERATOR, "gender", "gendre diverse", "gender diverse")
    retire_category(db, OPERATOR, "gender", "man")
    assert breakdown_categories(db) == {"gender": ["woman", "gender diverse"]}
    restore_category(db, OPERATOR, "gender", "man")
    delete_category(db, OPERATOR, "gender", "gender diverse")
    assert breakdown_categories(db) == {"gender": ["woman", "man"]}
    assert audit(db) == [
        ("breakdown added", "gender", "woman, man"),
        ("breakdown category added", "gender=gendre diverse", None),
        ("breakdown category renamed", "gender", "“gendre diverse” becomes “gender diverse”"),
        ("breakdown category retired", "gender=man", None),
        ("breakdown category restored", "gender=man", None),
        ("breakdown category deleted", "gender=gender diverse", None),
    ]


@pytest.mark.parametrize(
    ("change", "error", "sentence"),
    [
        (lambda db: add_breakdown(db, OPERATOR, "gender", ["x"]), DuplicateError, "The breakdown “gender” already exists: add categories to it."),
        (lambda db: add_breakdown(db, OPERATOR, "disability", ["yes", "Yes"]), InvalidInputError, "The breakdown “disability” cannot be added."),
        (lambda db: add_breakdown(db, OPERATOR, "disability", []), InvalidInputError, "The breakdown “disability” cannot be added."),
        (lambda db: add_category(db, OPERATOR, "gender", "Woman"), DuplicateError, "The breakdown “gender” already has the category “Woman”."),
        (lambda db: rename_category(db, OPERATOR, "gender", "man", "woman"), DuplicateError, "The breakdown “gender” already has the category “woman”."),
        (lambda db: add_category(db, OPERATOR, "colour", "red"), Exception, "There is no breakdown “colour”: add it first."),
        (lambda db: retire_category(db, OPERATOR, "gender", "other"), Exception, "The breakdown “gender” has no category “other”."),
    ],
)  # fmt: skip
def test_refusals_say_why(db, change, error, sentence) -> None:
    add_breakdown(db, OPERATOR, "gender", ["woman", "man"])
    with pytest.raises(error) as caught:
        change(db)
    shown = (
        caught.value.summary if isinstance(caught.value, InvalidInputError) else str(caught.value)
    )
    assert shown == sentence
    assert breakdown_categories(db) == {"gender": ["woman", "man"]}
    assert len(audit(db)) == 1


def test_categories_that_values_name_are_only_retired(measures_path) -> None:  # noqa: F811
    """The small database's files send gender=woman twice and gender=man twice (NCC and WDB,
    2020-Q2); nothing names the other categories."""
    db = Database(measures_path)
    try:
        counts = breakdowns_overview(db).query("breakdown == 'gender'")
        assert dict(zip(counts["category"], counts["values"], strict=True)) == {
            "woman": 2, "man": 2, "gender diverse": 0, "not stated": 0,
        }  # fmt: skip
        with pytest.raises(InvalidInputError) as caught:
            delete_category(db, OPERATOR, "gender", "man")
        assert caught.value.summary == (
            "The category “man” of gender cannot be deleted: 2 submitted values name it. "
            "Retire it instead."
        )
        with pytest.raises(InvalidInputError) as caught:
            rename_category(db, OPERATOR, "gender", "woman", "women")
        assert caught.value.summary == (
            "The category “woman” of gender cannot be renamed: 2 submitted values name it. "
            "Retire it and add “women” instead."
        )
        retire_category(db, OPERATOR, "gender", "man")
        delete_category(db, OPERATOR, "gender", "not stated")
        assert breakdown_categories(db)["gender"] == ["woman", "gender diverse"]
        assert breakdowns_overview(db).query("category == 'man'")["retired"].notna().all()
    finally:
        db.close()


def test_the_last_category_of_a_breakdown_metrics_use_stays(measures_path) -> None:  # noqa: F811
    """language is a breakdown of metrics of the catalogue: its last category is not retired."""
    db = Database(measures_path)
    try:
        languages = breakdown_categories(db)["language"]
        for category in languages[:-1]:
            retire_category(db, OPERATOR, "language", category)
        with pytest.raises(InvalidInputError) as caught:
            retire_category(db, OPERATOR, "language", languages[-1])
        assert caught.value.summary.startswith(
            f"“{languages[-1]}” is the last category of language"
        )
        assert breakdown_categories(db)["language"] == languages[-1:]
    finally:
        db.close()


@pytest.mark.parametrize(
    ("known", "message"),
    [
        ({"gender", "age_group"}, "unknown breakdown: choose from age_group, gender"),
        (set(), "no breakdown has been set up yet: add it on the Breakdowns page, or with lipmetrics import-breakdowns, first"),
    ],
)  # fmt: skip
def test_the_catalogue_says_where_breakdowns_come_from(known, message) -> None:
    table = pd.DataFrame([{"line": 2, "breakdowns": "gender;colour"}])
    found = breakdowns_known(table, Known(set(), known, {}))
    unknown = [v for v in ("gender", "colour") if v not in known]
    assert [(p.line, p.value, p.message) for p in found] == [(2, v, message) for v in unknown]


VIEWER = User("vic", "Vic", "viewer")


@pytest.mark.parametrize(
    "change",
    [
        lambda db: add_breakdown(db, VIEWER, "language", ["French"]),
        lambda db: add_category(db, VIEWER, "gender", "x"),
        lambda db: rename_category(db, VIEWER, "gender", "man", "men"),
        lambda db: retire_category(db, VIEWER, "gender", "man"),
        lambda db: restore_category(db, VIEWER, "gender", "man"),
        lambda db: delete_category(db, VIEWER, "gender", "man"),
        lambda db: save_breakdowns(db, VIEWER, parse_breakdowns(b"breakdown,category\na,b\n", "f")),
        lambda db: preview_breakdowns(
            db, VIEWER, parse_breakdowns(b"breakdown,category\na,b\n", "f")
        ),
    ],
)
def test_only_coordinators_and_admins_change_breakdowns(db, change) -> None:
    add_breakdown(db, OPERATOR, "gender", ["woman", "man"])
    with pytest.raises(PermissionDeniedError):
        change(db)
    assert len(audit(db)) == 1
