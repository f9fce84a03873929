"""The status review: new records with reasons, all or nothing, history kept, changes since D."""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd
import pytest

from lipmetrics.accounts import OPERATOR, User, audit_entries
from lipmetrics.errors import InvalidInputError
from lipmetrics.i18n import language
from lipmetrics.plan import (
    NEW_STATUS_CHOICES,
    REASONS,
    REVIEW_EDITABLE,
    REVIEW_FIXED,
    StatusChange,
    changes_from_table,
    changes_since,
    import_plan_file,
    load_plan,
    needs_a_person,
    plan_progress,
    project_history,
    record_statuses,
    review_date,
    review_table,
)

from .conftest import TEST_DATA

CORA = User("cora", "Cora", "coordinator")


@pytest.fixture
def small(db):
    import_plan_file(
        db, (TEST_DATA / "small_tidy.csv").read_bytes(), "small_tidy.csv", "Small", 2020, 3
    )
    return db


def project_id(db, name: str) -> int:
    projects = load_plan(db, "Small").projects
    return int(projects.loc[projects["project"] == name, "project_id"].iloc[0])


@pytest.mark.parametrize(
    ("today", "plan_year", "expected"),
    [
        (date(2021, 5, 4), 2, (date(2021, 5, 4), "day")),
        (date(2023, 5, 4), 2, (date(2021, 12, 31), "year")),
        (date(2020, 5, 4), 3, (date(2022, 1, 1), "year")),
    ],
)
def test_review_date(today, plan_year, expected) -> None:
    """A review lands in the plan year it is about: today, or that year's last or first day."""
    assert review_date(2020, plan_year, today) == expected


def test_record_one_status_keeps_history(small) -> None:
    """A new status is a new record; the old one stays; the rates change by hand-computed amounts."""
    a3 = project_id(small, "A3 Project")
    before = project_history(load_plan(small, "Small"), a3)
    record_statuses(
        small, CORA, "Small", 1, [StatusChange(a3, "complete", "completed", "Report filed")],
        today=date(2024, 6, 1), now=datetime(2024, 6, 1, 12, 0),
    )  # fmt: skip
    data = load_plan(small, "Small")
    history = project_history(data, a3)
    assert len(history) == len(before) + 1
    last = history[history["recorded_by"] == "cora"].iloc[0]
    assert (last["date"], last["plan_year"], last["status"], last["reason"], last["note"]) == (
        "2020", 1, "Complete", "completed", "Report filed",
    )  # fmt: skip
    # Alpha, year 1: A1 and A3 scheduled; both complete now (was 1 of 2).
    rates = plan_progress(data).set_index(["pillar", "plan_year"])
    assert rates.loc[("Alpha", 1), "completion_rate"] == 1.0
    entry = audit_entries(small, CORA, actions=["status recorded"]).iloc[0]
    assert (entry["username"], entry["target"], entry["reason"]) == (
        "cora",
        "Small: A3 Project",
        "completed",
    )
    assert entry["detail"] == "year 1: Complete — Report filed"


def test_many_at_once_is_all_or_nothing(small) -> None:
    """One bad row in a review table: every problem listed, nothing recorded."""
    a1, a2 = project_id(small, "A1 Project"), project_id(small, "A2 Project")
    before = len(load_plan(small, "Small").statuses)
    changes = [
        StatusChange(a1, "complete", "completed"),
        StatusChange(a2, "in_progress", "other"),  # "other" without its words
        StatusChange(999, "finished", "because"),
    ]
    with pytest.raises(InvalidInputError) as raised:
        record_statuses(small, CORA, "Small", 2, changes)
    assert [(p.line, p.column) for p in raised.value.problems] == [
        (2, "other_reason"), (3, "project"), (3, "status"), (3, "reason"),
    ]  # fmt: skip
    assert len(load_plan(small, "Small").statuses) == before


def test_other_reason_is_recorded_in_its_own_words(small) -> None:
    """With reason "other", the words given are the reason recorded."""
    a2 = project_id(small, "A2 Project")
    record_statuses(
        small,
        CORA,
        "Small",
        2,
        [StatusChange(a2, "deferred", "other", "", "Lead agency lost funding")],
    )
    history = project_history(load_plan(small, "Small"), a2)
    assert history.iloc[-1]["reason"] == "Lead agency lost funding"
    assert history.iloc[-1]["status"] == "Deferred"


def test_plan_year_outside_the_plan(small) -> None:
    """Plan year 4 of a 3-year plan is refused."""
    with pytest.raises(InvalidInputError, match="outside the plan"):
        record_statuses(small, CORA, "Small", 4, [StatusChange(1, "complete", "completed")])


def test_classifying_answers_what_needed_a_person(db) -> None:
    """A status the import could not read stops needing a person once a coordinator classifies it."""
    import_plan_file(
        db, (TEST_DATA / "small_raw.csv").read_bytes(), "small_raw.csv", "Raw", 2020, 3
    )
    data = load_plan(db, "Raw")
    assert needs_a_person(data)["text"].tolist() == ["See above", "someday"]
    festival = int(
        data.projects.loc[data.projects["project"] == "Annual festival", "project_id"].iloc[0]
    )
    record_statuses(db, CORA, "Raw", 1, [StatusChange(festival, "in_progress", "data correction")])
    assert needs_a_person(load_plan(db, "Raw"))["text"].tolist() == ["someday"]


def test_changes_since(small) -> None:
    """What changed since a date: only the records entered after it, newest first."""
    a1, a2 = project_id(small, "A1 Project"), project_id(small, "A2 Project")
    record_statuses(
        small,
        CORA,
        "Small",
        2,
        [StatusChange(a1, "complete", "completed")],
        now=datetime(2030, 1, 5),
    )
    record_statuses(
        small,
        OPERATOR,
        "Small",
        2,
        [StatusChange(a2, "in_progress", "delayed")],
        now=datetime(2030, 2, 1),
    )
    changes = changes_since(small, "Small", datetime(2030, 1, 1))
    assert changes[["project", "status", "reason", "recorded_by"]].values.tolist() == [
        ["A2 Project", "In progress", "delayed", "operator"],
        ["A1 Project", "Complete", "completed", "cora"],
    ]
    assert changes_since(small, "Small", datetime(2030, 1, 10))["project"].tolist() == [
        "A2 Project"
    ]


def test_a_plan_imports_statuses_are_not_changes(small) -> None:
    """The import recorded Small's 6 statuses just now; none of them is a change since yesterday,
    and a review recorded after them is."""
    yesterday = datetime.now() - pd.Timedelta(days=1)
    assert changes_since(small, "Small", yesterday).empty
    a1 = project_id(small, "A1 Project")
    record_statuses(small, CORA, "Small", 2, [StatusChange(a1, "complete", "completed")])
    assert changes_since(small, "Small", yesterday)["project"].tolist() == ["A1 Project"]


def test_the_demo_history_is_not_what_changed_since_the_last_meeting(demo_db) -> None:
    """The demo's illustrative records are dated as entered on their status dates (the first of
    the month written in the history file), so a meeting in the demo does not list its whole
    history as changed since yesterday; the first record of the PIP history is dated 2017-03-01."""
    plan = "PIP Community Immigrant Integration Plan 2016-2021"
    yesterday = datetime.now() - pd.Timedelta(days=1)
    assert changes_since(demo_db, plan, yesterday).empty
    since_2017 = changes_since(demo_db, plan, datetime(2017, 3, 1))
    sit_on_council = since_2017[since_2017["project"].str.startswith("(a) Sit on Local Emp")]
    assert sit_on_council["recorded_at"].min() == pd.Timestamp(2017, 3, 1)


def test_changes_from_table() -> None:
    """Rows of the review table where anything is written become changes, those with a reason or
    a note and no new status as a change with no status; untouched rows are left alone."""
    edited = pd.DataFrame(
        {
            "project_id": [1, 2, 3, 4, 5],
            "new_status": ["Complete", None, "Working group formed", None, ""],
            "reason": ["completed", None, None, "delayed", None],
            "other_reason": ["", "", "", "", "  "],
            "note": ["done", "", None, None, "ask Ana"],
        }
    )
    assert changes_from_table(edited) == [
        StatusChange(1, "complete", "completed", "done", ""),
        StatusChange(3, "working_group_formed", "", "", ""),
        StatusChange(4, "", "delayed", "", ""),
        StatusChange(5, "", "", "ask Ana", "  "),
    ]


def test_a_reason_with_no_new_status_is_refused_by_name(small) -> None:
    """A row given a reason but no new status is not left out unsaid: the whole review is refused,
    naming the project, and nothing is recorded (the other row's change neither)."""
    table = review_table(load_plan(small, "Small"), 2)
    edited = table.copy()
    edited.loc[0, "reason"] = "delayed"  # A1: a reason, no status
    edited.loc[1, ["new_status", "reason"]] = ["Complete", "completed"]  # A2: a whole change
    before = len(load_plan(small, "Small").statuses)
    with pytest.raises(InvalidInputError) as refused:
        record_statuses(small, CORA, "Small", 2, changes_from_table(edited))
    assert [p.message for p in refused.value.problems] == [
        "A1 Project: a reason or a note is written but no new status is picked: pick the new "
        "status, or clear the row"
    ]
    assert len(load_plan(small, "Small").statuses) == before


def test_review_table_round_trip(small) -> None:
    """The table review_table builds, edited as a coordinator would, reads back as the changes made,
    and recording them moves the statuses the next table shows.

    Small plan, year 2 (2021): A1 (years 1-2), A2 (2) and B1 (1-3, recurring) are scheduled; A1 is
    complete (its July 2020 record counts), A2 in progress, B1 has no 2021 record: not started.
    """
    table = review_table(load_plan(small, "Small"), 2)
    assert list(table.columns) == REVIEW_FIXED + REVIEW_EDITABLE
    assert table["project"].tolist() == ["A1 Project", "A2 Project", "B1 Annual event"]
    assert table["status_label"].tolist() == ["Complete", "In progress", "Not started"]
    assert set(table["status_label"]) <= set(NEW_STATUS_CHOICES)  # the editor's own choices
    assert changes_from_table(table) == []  # nothing picked, nothing to record

    edited = table.copy()
    edited.loc[1, ["new_status", "reason", "note"]] = ["Complete", "completed", "Done in June"]
    edited.loc[2, ["new_status", "reason", "other_reason"]] = ["Deferred", "other", "No venue"]
    a2, b1 = int(table.loc[1, "project_id"]), int(table.loc[2, "project_id"])
    changes = changes_from_table(edited)
    assert changes == [
        StatusChange(a2, "complete", "completed", "Done in June", ""),
        StatusChange(b1, "deferred", "other", "", "No venue"),
    ]
    assert {c.reason for c in changes} <= set(REASONS)
    recorded = record_statuses(
        small, CORA, "Small", 2, changes, today=date(2024, 6, 1), now=datetime(2024, 6, 1, 12)
    )
    assert recorded == 2
    after = review_table(load_plan(small, "Small"), 2)
    assert after["status_label"].tolist() == ["Complete", "Complete", "Deferred"]


def test_saving_the_same_change_twice_records_it_once(small) -> None:
    """A second press of the button with the same change writes no second record (and no second
    audit line); a different note is a new record."""
    a2 = project_id(small, "A2 Project")
    change = [StatusChange(a2, "complete", "completed", "Done in June")]
    before = len(load_plan(small, "Small").statuses)
    assert record_statuses(small, CORA, "Small", 2, change) == 1
    assert record_statuses(small, CORA, "Small", 2, change) == 0
    assert len(load_plan(small, "Small").statuses) == before + 1
    assert (
        record_statuses(
            small, CORA, "Small", 2, [StatusChange(a2, "complete", "completed", "Done in July")]
        )
        == 1
    )


def test_problems_name_the_project_and_its_row(small) -> None:
    """A problem in a review table names the project and the row it is on, never "row None"."""
    table = review_table(load_plan(small, "Small"), 2)
    table.loc[1, ["new_status", "reason"]] = ["Complete", None]
    with pytest.raises(InvalidInputError) as raised:
        record_statuses(small, CORA, "Small", 2, changes_from_table(table))
    (problem,) = raised.value.problems
    assert (problem.line, problem.message) == (2, "A2 Project: choose a reason from the list")


def test_the_review_table_shows_the_original_words(small) -> None:
    table = review_table(load_plan(small, "Small"), 1)
    assert "latest_text" in table.columns
    assert table.set_index("project").loc["A1 Project", "latest_text"] != ""


def test_retract_a_wrong_record(small) -> None:
    """A retracted record leaves the figures, stays in the history marked with who and why, and
    is in the audit log; it cannot be retracted twice, nor without a reason."""
    from lipmetrics.plan import plan_progress, project_history, retract_status

    a2 = project_id(small, "A2 Project")
    record_statuses(small, CORA, "Small", 2, [StatusChange(a2, "complete", "completed")])
    data = load_plan(small, "Small")

    def complete_in_year_2(d) -> int:
        rates = plan_progress(d)
        return int(
            rates[(rates["pillar"] == "All") & (rates["plan_year"] == 2)]["complete"].iloc[0]
        )

    before = complete_in_year_2(data)
    wrong = int(project_history(data, a2)["status_id"].iloc[-1])
    with pytest.raises(InvalidInputError):
        retract_status(small, CORA, wrong, "  ")
    retract_status(small, CORA, wrong, "entered for the wrong project")
    after = load_plan(small, "Small")
    assert complete_in_year_2(after) == before - 1
    history = project_history(after, a2)
    row = history[history["status_id"] == wrong].iloc[0]
    assert row["status"] == "Complete"
    assert row["retracted"].startswith("retracted by cora on ")
    assert row["retracted"].endswith(": entered for the wrong project")
    with language("fr"):  # shown in the reader's language (README "Languages")
        french = project_history(after, a2).set_index("status_id").loc[wrong, "retracted"]
    assert french.startswith("retirée par cora le ")
    assert french.endswith("\u00a0: entered for the wrong project")
    assert "status retracted" in audit_entries(small, OPERATOR)["action"].tolist()
    with pytest.raises(InvalidInputError) as raised:
        retract_status(small, CORA, wrong, "again")
    assert raised.value.problems[0].message == "it is already retracted"


def test_a_retracted_record_does_not_block_saving_it_again(small) -> None:
    from lipmetrics.plan import project_history, retract_status

    a2 = project_id(small, "A2 Project")
    change = [StatusChange(a2, "complete", "completed")]
    record_statuses(small, CORA, "Small", 2, change)
    wrong = int(project_history(load_plan(small, "Small"), a2)["status_id"].iloc[-1])
    retract_status(small, CORA, wrong, "wrong date")
    assert record_statuses(small, CORA, "Small", 2, change) == 1


def test_viewers_cannot_retract(small) -> None:
    from lipmetrics.errors import PermissionDeniedError
    from lipmetrics.plan import retract_status

    with pytest.raises(PermissionDeniedError):
        retract_status(small, User("v", "V", "viewer", None), 1, "no")


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", ["plan import", "delayed", "Sent back by the funder"]),
        ("fr", ["import du plan", "retardé", "Sent back by the funder"]),
    ],
)  # fmt: skip
def test_history_reasons_in_the_readers_language(small, lang, expected) -> None:
    """A reason the app offers is shown in the reader's language; a reason typed is shown as
    written; the stored English is unchanged."""
    a3 = project_id(small, "A3 Project")
    for reason, other, day in (("delayed", "", 1), ("other", "Sent back by the funder", 2)):
        record_statuses(
            small, CORA, "Small", 1, [StatusChange(a3, "in_progress", reason, "", other)],
            today=date(2024, 6, day), now=datetime(2024, 6, day, 12, 0),
        )  # fmt: skip
    with language(lang):
        history = project_history(load_plan(small, "Small"), a3)
    assert history.sort_values("status_id")["reason"].tolist() == expected


def test_a_note_with_no_new_status_is_one_problem(small) -> None:
    """A note alone: the one problem says to pick the status (not also to choose a reason)."""
    table = review_table(load_plan(small, "Small"), 2)
    edited = table.copy()
    edited.loc[1, "note"] = "ask Ana"
    with pytest.raises(InvalidInputError) as refused:
        record_statuses(small, CORA, "Small", 2, changes_from_table(edited))
    assert [p.message for p in refused.value.problems] == [
        "A2 Project: a reason or a note is written but no new status is picked: pick the new "
        "status, or clear the row"
    ]


def test_a_project_gone_since_the_table_was_shown_is_named_by_its_id(small) -> None:
    """The review table shows no row numbers: the problem names the project, by id when it is no
    longer in the plan."""
    with pytest.raises(InvalidInputError) as refused:
        record_statuses(small, CORA, "Small", 2, [StatusChange(999, "complete", "completed")])
    assert [p.message for p in refused.value.problems] == [
        "project 999: no such project in this plan"
    ]
