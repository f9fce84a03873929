"""The import preview's readings: every row as written and as read, corrected by a person."""

from __future__ import annotations

from datetime import date

import pytest

from lipmetrics.accounts import OPERATOR
from lipmetrics.errors import InvalidInputError
from lipmetrics.i18n import language
from lipmetrics.plan import load_plan, parse_workplan, plan_progress, save_plan
from lipmetrics.plan.readings import apply_corrections, needing_a_person, readings
from lipmetrics.store import Database

from .conftest import TEST_DATA
from .databases import new_target

LAKEVIEW = (TEST_DATA / "lakeview_plan_cp1252.csv").read_bytes()


def draft():
    return parse_workplan(LAKEVIEW, "lakeview.csv", 2018, 3)


def test_every_row_with_its_reading() -> None:
    """Rows as written and as read, with the status date or the as-of date, and planned dates."""
    table = readings(draft()).set_index("project")
    assert len(table) == 21
    assert table.loc["Employer breakfast series"][
        ["years_as_written", "plan_years", "status_as_written", "read_as", "status_date"]
    ].tolist() == ["2018-2019", "1-2", "Held May 2018", "Complete", "May 2018"]
    assert table.loc["Mentorship pilot with the Chamber"][["read_as", "status_date"]].tolist() == [
        "In progress",
        "as of 2019-11-01",
    ]
    assert table.loc["Microloan partnership"][["read_as", "planned_date"]].tolist() == [
        "Not started",
        "2020",
    ]
    assert table.loc["Library newcomer hub", "read_as"] == "Needs a person"


def test_filter_to_what_needs_a_person() -> None:
    assert needing_a_person(readings(draft()))["project"].tolist() == [
        "Library newcomer hub",
        "Peer support group",
    ]


def test_a_correction_is_saved_with_the_original_words(tmp_path) -> None:
    """A person reads "Awaiting the region's decision" as not started: the record is saved with
    that category, the words as written and a reason saying it was corrected; the figures follow."""
    read = draft()
    table = readings(read)
    table.loc[table["project"] == "Library newcomer hub", "read_as"] = "Not started"
    corrected = apply_corrections(read, table)
    db = Database(new_target(tmp_path, "l"))
    try:
        save_plan(db, corrected, "Lakeview", OPERATOR)
        data = load_plan(db, "Lakeview")
        rates = plan_progress(data)
    finally:
        db.close()
    records = data.statuses.merge(data.projects[["project_id", "project"]], on="project_id")
    hub = records[records["project"] == "Library newcomer hub"].iloc[0]
    assert (hub["category"], hub["original_text"], hub["reason"]) == (
        "not_started",
        "Awaiting the region’s decision",
        "plan import, reading corrected",
    )
    year3 = rates[(rates["pillar"] == "All") & (rates["plan_year"] == 3)].iloc[0]
    assert (year3["unclassified"], year3["not_started"]) == (1, 4)


def test_an_unchanged_table_changes_nothing() -> None:
    read = draft()
    assert apply_corrections(read, readings(read)) == read


@pytest.mark.parametrize(
    ("project", "wanted", "message"),
    [
        (
            "Library newcomer hub",
            "Finished",
            "choose one of: Not started, Working group formed, In progress, Complete, Deferred, "
            "Needs a person",
        ),
    ],
)
def test_a_correction_that_is_not_a_status_is_refused(project, wanted, message) -> None:
    read = draft()
    table = readings(read)
    table.loc[table["project"] == project, "read_as"] = wanted
    with pytest.raises(InvalidInputError) as caught:
        apply_corrections(read, table)
    (problem,) = caught.value.problems
    assert (problem.value, problem.message) == (wanted, message)


def test_the_as_of_date_can_be_changed_before_saving() -> None:
    """Undated statuses carry the as-of date the person chose."""
    import dataclasses

    later = dataclasses.replace(draft(), as_of=date(2020, 6, 30))
    table = readings(later).set_index("project")
    assert table.loc["Anti-racism campaign", "status_date"] == "as of 2020-06-30"


def test_corrections_replace_what_was_read_on_their_lines_only() -> None:
    read = draft()
    table = readings(read)
    hub = int(table.loc[table["project"] == "Library newcomer hub", "line"].iloc[0])
    corrected = readings(read, {hub: "Not started"})
    changed = corrected["read_as"] != table["read_as"]
    assert corrected.loc[changed, ["project", "read_as"]].values.tolist() == [
        ["Library newcomer hub", "Not started"]
    ]


def test_the_dates_read_are_written_in_the_current_language() -> None:
    """A month and an undated status's as-of date, as the French import preview shows them."""
    with language("fr"):
        table = readings(draft()).set_index("project")
    assert table.loc["Employer breakfast series", "status_date"] == "mai 2018"
    assert table.loc["Mentorship pilot with the Chamber", "status_date"] == "au 2019-11-01"
