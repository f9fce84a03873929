"""The LIP's own status vocabulary: taught once, read first on import, applied on request."""

from __future__ import annotations

import pytest

from lipmetrics.accounts import OPERATOR, User
from lipmetrics.accounts.audit import audit_entries
from lipmetrics.cli import main
from lipmetrics.errors import InvalidInputError, NotFoundError, PermissionDeniedError
from lipmetrics.plan import (
    forget,
    import_plan_file,
    load_plan,
    plan_progress,
    reclassify_unread,
    taught_phrases,
    teach,
    vocabulary_table,
)
from lipmetrics.store import Database

from .conftest import TEST_DATA
from .databases import new_target

LAKEVIEW = (TEST_DATA / "lakeview_plan_cp1252.csv").read_bytes()
VIEWER = User("v", "Viewer", "viewer", None)


@pytest.fixture
def db(tmp_path):
    database = Database(new_target(tmp_path, "v"))
    yield database
    database.close()


def year3(db) -> tuple[int, int]:
    rates = plan_progress(load_plan(db, "Lakeview"))
    row = rates[(rates["pillar"] == "All") & (rates["plan_year"] == 3)].iloc[0]
    return int(row["unclassified"]), int(row["not_started"])


def test_teach_list_forget(db) -> None:
    assert teach(db, OPERATOR, "  Awaiting the Région's decision ", "Not started") == "not_started"
    assert taught_phrases(db) == {"awaiting the region's decision": "not_started"}
    table = vocabulary_table(db)
    assert table[["phrase", "category"]].values.tolist() == [
        ["Awaiting the Région's decision", "Not started"]
    ]
    teach(db, OPERATOR, "awaiting the region's decision", "in_progress")  # changes its meaning
    assert taught_phrases(db) == {"awaiting the region's decision": "in_progress"}
    forget(db, OPERATOR, "AWAITING the region's decision")
    assert taught_phrases(db) == {}
    actions = audit_entries(db, OPERATOR)["action"].tolist()
    assert actions.count("status phrase taught") == 2 and "status phrase forgotten" in actions


@pytest.mark.parametrize(
    ("phrase", "category", "column", "value"),
    [
        ("   ", "complete", "phrase", "   "),
        ("x" * 201, "complete", "phrase", "x" * 201),
        ("held over", "finished", "category", "finished"),
    ],
)
def test_bad_phrases_are_refused_with_their_value(db, phrase, category, column, value) -> None:
    with pytest.raises(InvalidInputError) as caught:
        teach(db, OPERATOR, phrase, category)
    assert [(p.column, p.value) for p in caught.value.problems] == [(column, value)]
    assert taught_phrases(db) == {}


def test_forgetting_an_unknown_phrase_says_so(db) -> None:
    with pytest.raises(NotFoundError, match="“nothing like it” is not in the vocabulary"):
        forget(db, OPERATOR, "nothing like it")


def test_viewers_cannot_teach(db) -> None:
    with pytest.raises(PermissionDeniedError):
        teach(db, VIEWER, "done and dusted", "complete")


def test_taught_phrases_are_read_on_import(db) -> None:
    """Taught before the import: the library hub is not started, nothing needs a person in
    year 3 but the peer support group."""
    teach(db, OPERATOR, "awaiting the region’s decision", "not_started")
    import_plan_file(db, LAKEVIEW, "lakeview.csv", "Lakeview", 2018, 3)
    assert year3(db) == (1, 4)


def test_apply_to_statuses_already_imported(db) -> None:
    """Taught after the import: applying it classifies the unread text with a new record (the
    old one kept) and an audit entry; applying again classifies nothing more."""
    import_plan_file(db, LAKEVIEW, "lakeview.csv", "Lakeview", 2018, 3)
    assert year3(db) == (2, 3)
    teach(db, OPERATOR, "Ask Maria", "in_progress")
    done = reclassify_unread(db, OPERATOR)
    assert done[["project", "category"]].values.tolist() == [["Peer support group", "in_progress"]]
    assert year3(db) == (1, 3)
    statuses = load_plan(db, "Lakeview").statuses
    assert (statuses["original_text"] == "Ask Maria – Dec 2020").sum() == 2
    assert "status classified" in audit_entries(db, OPERATOR)["action"].tolist()
    assert reclassify_unread(db, OPERATOR).empty


def test_the_command(tmp_path, capsys) -> None:
    path = new_target(tmp_path, "cli")
    assert main(["init", "--db", path]) == 0
    assert main(["vocabulary", "--db", path, "add", "Ask Maria", "--category", "In progress"]) == 0
    assert main(["vocabulary", "--db", path, "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert "“Ask Maria” now reads as in_progress." in out
    assert "Ask Maria,In progress,operator," in out
    assert main(["vocabulary", "--db", path, "remove", "ask maria"]) == 0
    assert main(["vocabulary", "--db", path, "remove", "ask maria"]) == 2
    assert "“ask maria” is not in the vocabulary" in capsys.readouterr().err


def test_dry_run_prints_every_reading_and_saves_nothing(tmp_path, capsys) -> None:
    path = new_target(tmp_path, "dry")
    plan = str(TEST_DATA / "lakeview_plan_cp1252.csv")
    args = ["import-plan", plan, "--plan", "L", "--start-year", "2018", "--years", "3"]
    assert main([*args, "--dry-run", "--format", "csv", "--db", path]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == (
        "line,pillar,project,years_as_written,plan_years,status_as_written,read_as,status_date,"
        "planned_date"
    )
    assert len(lines) == 22
    assert any(",Microloan partnership,2020,3,Prévu pour 2020,Not started," in x for x in lines)
    assert main(["plans", "--db", path, "--format", "csv"]) == 0
    assert capsys.readouterr().out.strip().count("\n") == 0  # the header only: nothing saved


def test_apply_to_dated_and_undated_statuses(db) -> None:
    """Unread statuses with and without a date, classified together: each new record keeps its
    own date and precision, NULL where there was none (a column holding both once wrote NaN)."""
    tidy = (
        b"pillar,goal,objective,project,working_group,years,status,status_date\n"
        b"P,G,O,T1 Undated,,1,Blue moon,\n"
        b"P,G,O,T2 Dated,,1,Blue moon,2020-06\n"
    )
    import_plan_file(db, tidy, "tiny.csv", "Tiny", 2020, 3)
    teach(db, OPERATOR, "blue moon", "Complete")
    done = reclassify_unread(db, OPERATOR)
    assert sorted(done["project"]) == ["T1 Undated", "T2 Dated"]
    with db.cursor() as cur:
        rows = cur.execute(
            "SELECT p.name, s.status_date, s.date_precision FROM status_records s "
            "JOIN projects p ON p.id = s.project_id WHERE s.category = 'complete' ORDER BY p.name"
        ).fetchall()
    assert [(name, str(day), precision) for name, day, precision in rows] == [
        ("T1 Undated", "None", None),
        ("T2 Dated", "2020-06-01", "month"),
    ]
