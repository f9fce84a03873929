"""Plan edits after import (docs/definitions.md "Editing the plan"): each edit, each refusal with
its sentence, the audit entries, and the figures following every edit.

The fixture is tests/data/small_tidy.csv (2020-2022): the completion table before any edit is
test_progress.SMALL_EXPECTED; each case below names the rows an edit changes, worked by hand.
"""

from __future__ import annotations

import pandas as pd
import pytest

from lipmetrics.accounts import OPERATOR, User, audit_entries
from lipmetrics.errors import InvalidInputError, NotFoundError, PermissionDeniedError
from lipmetrics.plan import (
    add_item,
    import_plan_file,
    item_history,
    list_plans,
    load_plan,
    move_item,
    needs_a_person,
    plan_hierarchy,
    plan_progress,
    project_history,
    project_table,
    reclassify_unread,
    rename_item,
    retire_item,
    set_project_recurring,
    set_project_working_group,
    set_project_years,
    teach,
    working_groups,
)
from lipmetrics.store import queries

from .conftest import TEST_DATA
from .test_progress import SMALL_EXPECTED

PLAN = "Small"
COORDINATOR = User("cora", "Cora", "coordinator")
WHY = "working group decision of 2021-04-01"


@pytest.fixture
def small(db):
    """The small plan, imported."""
    data = (TEST_DATA / "small_tidy.csv").read_bytes()
    import_plan_file(db, data, "small_tidy.csv", PLAN, 2020, 3)
    return db


def item(db, name: str) -> tuple[str, int]:
    """(kind, id) of the item named ``name`` (names are unique in the small plan)."""
    rows = plan_hierarchy(db, PLAN)
    row = rows[rows["name"] == name].iloc[0]
    return row["kind"], int(row["item_id"])


def rename(db, name, new, reason=WHY, actor=COORDINATOR):
    return rename_item(db, actor, PLAN, *item(db, name), new, reason)


def move(db, name, under, reason=WHY):
    return move_item(db, COORDINATOR, PLAN, *item(db, name), item(db, under), reason)


def retire(db, name, reason=WHY):
    return retire_item(db, COORDINATOR, PLAN, *item(db, name), reason)


def add(db, kind, name, under, reason=WHY):
    return add_item(db, COORDINATOR, PLAN, kind, name, item(db, under), reason)


def years(db, name, text, reason=WHY):
    return set_project_years(db, COORDINATOR, PLAN, item(db, name)[1], text, reason)


def group(db, name, text, reason=WHY):
    return set_project_working_group(db, COORDINATOR, PLAN, item(db, name)[1], text, reason)


def recurring(db, name, value, reason=WHY):
    return set_project_recurring(db, COORDINATOR, PLAN, item(db, name)[1], value, reason)


def add_then_schedule(db):
    add(db, "project", "A5 New", "O2 Objective two")
    years(db, "A5 New", "3")


# Each case: an edit, and the (scheduled, complete) of the rows it changes, worked by hand.
FIGURES = {
    "rename A1": (lambda db: rename(db, "A1 Project", "A1 Renamed"), {}),
    # A1 (years 1-2, complete in 2020) leaves Alpha for Beta; the All rows do not move.
    "move A1 to G2": (
        lambda db: move(db, "A1 Project", "G2 Goal two"),
        {("Alpha", 1): (1, 0), ("Alpha", 2): (1, 0), ("Beta", 1): (2, 2), ("Beta", 2): (2, 1)},
    ),
    # O2 takes A3 (year 1, not started then) and the unscheduled A4 to Gamma.
    "move O2 to Gamma": (
        lambda db: move(db, "O2 Objective two", "Gamma"),
        {("Alpha", 1): (1, 1), ("Gamma", 1): (1, 0)},
    ),
    # G1 takes O1, O2 and A1-A4 with it.
    "move G1 to Gamma": (
        lambda db: move(db, "G1 Goal one", "Gamma"),
        {("Alpha", 1): (0, 0), ("Alpha", 2): (0, 0), ("Gamma", 1): (2, 1), ("Gamma", 2): (2, 1)},
    ),
    # A3 ("Ongoing" as of March 2021: in progress from year 2) is planned in years 2-3 instead of 1.
    "years of A3 2-3": (
        lambda db: years(db, "A3 Project", "2-3"),
        {
            ("Alpha", 1): (1, 1),
            ("Alpha", 2): (3, 1),
            ("Alpha", 3): (1, 0),
            ("All", 1): (2, 2),
            ("All", 2): (4, 1),
            ("All", 3): (3, 0),
        },
    ),  # fmt: skip
    "years of A3 in calendar years": (
        lambda db: years(db, "A3 Project", "2021 & 2022"),
        {
            ("Alpha", 1): (1, 1),
            ("Alpha", 2): (3, 1),
            ("Alpha", 3): (1, 0),
            ("All", 1): (2, 2),
            ("All", 2): (4, 1),
            ("All", 3): (3, 0),
        },
    ),  # fmt: skip
    "retire A1": (
        lambda db: retire(db, "A1 Project"),
        {("Alpha", 1): (1, 0), ("Alpha", 2): (1, 0), ("All", 1): (2, 1), ("All", 2): (2, 0)},
    ),
    # G2 takes B1 and B2 with it: Beta has nothing scheduled, so no rate.
    "retire G2": (
        lambda db: retire(db, "G2 Goal two"),
        {
            ("Beta", 1): (0, 0),
            ("Beta", 2): (0, 0),
            ("Beta", 3): (0, 0),
            ("All", 1): (2, 1),
            ("All", 2): (2, 1),
            ("All", 3): (0, 0),
        },
    ),  # fmt: skip
    # Recurring, A1's completion in year 1 says nothing about year 2.
    "A1 recurring": (
        lambda db: recurring(db, "A1 Project", True),
        {("Alpha", 2): (2, 0), ("All", 2): (3, 0)},
    ),
    # Not recurring, B1's completion in year 1 holds in years 2 and 3.
    "B1 not recurring": (
        lambda db: recurring(db, "B1 Annual event", False),
        {("Beta", 2): (1, 1), ("Beta", 3): (2, 1), ("All", 2): (3, 2), ("All", 3): (2, 1)},
    ),
    "add A5 in year 3": (add_then_schedule, {("Alpha", 3): (1, 0), ("All", 3): (3, 0)}),
}


@pytest.mark.parametrize(("edit", "changed"), FIGURES.values(), ids=FIGURES.keys())
def test_figures_follow_the_edit(small, edit, changed) -> None:
    """The completion table computed after the edit is the hand-worked one."""
    edit(small)
    rates = plan_progress(load_plan(small, PLAN)).set_index(["pillar", "plan_year"])
    expected = {key: value[:2] for key, value in SMALL_EXPECTED.items()} | changed
    for key, (scheduled, complete) in expected.items():
        row = rates.loc[key]
        assert (row["scheduled"], row["complete"]) == (scheduled, complete), key
        if scheduled:
            assert row["completion_rate"] == pytest.approx(complete / scheduled), key
        else:
            assert pd.isna(row["completion_rate"]), key


def test_renamed_and_moved_project_keeps_its_status_records(small) -> None:
    """A1 renamed then moved: the explorer shows it under its new name and pillar, and its
    status history is the one it had."""
    project_id = item(small, "A1 Project")[1]
    rename(small, "A1 Project", "A1 Renamed")
    move(small, "A1 Renamed", "G2 Goal two")
    data = load_plan(small, PLAN)
    row = project_table(data, 1).set_index("project_id").loc[project_id]
    assert (row["project"], row["pillar"], row["goal"], row["objective"]) == (
        "A1 Renamed", "Beta", "G2 Goal two", "",
    )  # fmt: skip
    history = project_history(data, project_id)
    assert history[["date", "status", "original_text"]].values.tolist() == [
        ["Jul 2020", "Complete", "Complete"]
    ]


def test_retired_items_are_kept_and_marked(small) -> None:
    """Retiring G2 marks it and B1, B2; they and their status records stay, out of the figures."""
    with small.cursor() as cur:
        records = len(queries.plan_status_records(cur, 1))
    retire(small, "G2 Goal two")
    rows = plan_hierarchy(small, PLAN).set_index("name")
    assert rows.loc["G2 Goal two", "label"] == "Goal (retired): G2 Goal two — under Beta"
    assert rows.loc[["G2 Goal two", "B1 Annual event", "B2 Project"], "retired"].all()
    assert not rows.loc["A1 Project", "retired"]
    with small.cursor() as cur:
        assert len(queries.plan_status_records(cur, 1)) == records
    data = load_plan(small, PLAN)
    assert data.projects["project"].tolist() == [
        "A1 Project", "A2 Project", "A3 Project", "A4 Unscheduled", "C1 Unscheduled",
    ]  # fmt: skip
    assert int(list_plans(small).iloc[0]["projects"]) == 5
    retired = {item(small, "B1 Annual event")[1], item(small, "B2 Project")[1]}
    assert not retired & (set(data.members["project_id"]) | set(data.schedule["project_id"]))


def test_moving_a_goal_moves_what_is_under_it(small) -> None:
    move(small, "G1 Goal one", "Gamma")
    paths = plan_hierarchy(small, PLAN).set_index("name")["path"]
    assert paths["O2 Objective two"] == "Gamma › G1 Goal one › O2 Objective two"
    assert paths["A1 Project"] == "Gamma › G1 Goal one › O1 Objective one › A1 Project"


def test_working_group_change_is_read_like_the_import(small) -> None:
    edited = group(small, "A3 Project", "WDB PED; City/NCC")
    assert edited.sentence == "The working group of the project “A3 Project” is now: WDB PED, City, NCC."  # fmt: skip
    data = load_plan(small, PLAN)
    assert working_groups(data) == ["City", "NCC", "WDB PED"]
    table = project_table(data, 1).set_index("project")
    assert table.loc["A3 Project", "working_group"] == "WDB PED; City/NCC"


def test_added_items_take_their_place(small) -> None:
    add(small, "goal", "G4 Goal four", "Beta")
    add(small, "objective", "O4 Objective four", "G4 Goal four")
    edited = add(small, "project", "B3 New", "O4 Objective four")
    assert edited.sentence == (
        "Added the project “B3 New” under “Beta › G4 Goal four › O4 Objective four”. It is planned "
        "for no year yet: give it its years."
    )
    labels = plan_hierarchy(small, PLAN)["label"].tolist()
    assert labels.index("Project: B3 New — under Beta › G4 Goal four › O4 Objective four") == (
        labels.index("Objective: O4 Objective four — under Beta › G4 Goal four") + 1
    )


# Each case: an edit that is refused, the column and the value as written, and the sentence.
REFUSALS = {
    "empty reason": (
        lambda db: rename(db, "A1 Project", "A1 Renamed", reason="   "),
        "reason", "   ", "write why the plan changes (every change to the plan needs a reason)",
    ),
    "empty name": (
        lambda db: rename(db, "A1 Project", " "),
        "name", " ", "write a name for the project",
    ),
    "name taken": (
        lambda db: rename(db, "A1 Project", "a2  project"),
        "name", "a2  project",
        "this is already the name of a project under “Alpha › G1 Goal one › O1 Objective one”: "
        "choose another name",
    ),
    "same name": (
        lambda db: rename(db, "A1 Project", "A1 Project "),
        "name", "A1 Project ", "this is already its name: write the new name",
    ),
    "goal name taken": (
        lambda db: add(db, "goal", "G1 Goal One", "Alpha"),
        "name", "G1 Goal One",
        "this is already the name of a goal under “Alpha”: choose another name",
    ),
    "already there": (
        lambda db: move(db, "A1 Project", "O1 Objective one"),
        "under", "O1 Objective one",
        "“A1 Project” is already there: choose another place",
    ),
    "goal under an objective": (
        lambda db: move(db, "G1 Goal one", "O2 Objective two"),
        "under", "O2 Objective two", "a goal goes under a pillar, not under an objective",
    ),
    "year after the plan": (
        lambda db: years(db, "A3 Project", "4"),
        "years", "4",
        "plan year 4 is after the last year of the plan (3); write plan years from 1 to 3 or "
        "calendar years from 2020 to 2022",
    ),
    "calendar year outside": (
        lambda db: years(db, "A3 Project", "2025"),
        "years", "2025",
        "2025 is outside the plan's years (2020-2022); write plan years from 1 to 3 or "
        "calendar years from 2020 to 2022",
    ),
    "not years": (
        lambda db: years(db, "A3 Project", "ongoing"),
        "years", "ongoing",
        "not a list of plan years such as \"1\", \"2-4\" or \"3 & 4\"; write plan "
        "years from 1 to 3 or calendar years from 2020 to 2022",
    ),
    "same years": (
        lambda db: years(db, "A3 Project", "1"),
        "years", "1", "these are already its years: write the new years",
    ),
    "same working group": (
        lambda db: group(db, "A2 Project", "NCC; City"),
        "working group", "NCC; City", "this is already its working group: write the new one",
    ),
    "already recurring": (
        lambda db: recurring(db, "B1 Annual event", True),
        "recurring", "recurring", "the project is already recurring",
    ),
    "retired twice": (
        lambda db: (retire(db, "A1 Project"), retire(db, "A1 Project")),
        "project", "A1 Project", "this project is retired, so it can no longer be changed",
    ),
    "under a retired goal": (
        lambda db: (retire(db, "G3 Goal three"), move(db, "A3 Project", "G3 Goal three")),
        "under", "G3 Goal three", "this place is retired: choose one that is not",
    ),
}  # fmt: skip


@pytest.mark.parametrize(
    ("edit", "column", "value", "message"), REFUSALS.values(), ids=REFUSALS.keys()
)
def test_refusals_say_why_with_the_value_as_written(small, edit, column, value, message) -> None:
    """Each refusal names the column, the value as written and what to do; nothing is written by
    the refused edit."""
    with pytest.raises(InvalidInputError) as raised:
        edit(small)
    assert raised.value.summary == "Nothing was changed in the plan “Small”."
    [problem] = raised.value.problems
    assert (problem.column, problem.value) == (column, value)
    assert problem.message == message


def test_moved_name_taken_says_where(small) -> None:
    """Moving A1 under an objective that has a project of that name already is refused."""
    add(small, "objective", "O9", "G2 Goal two")
    add(small, "project", "A1 project", "O9")
    with pytest.raises(InvalidInputError) as raised:
        move(small, "A1 Project", "O9")
    assert str(raised.value.problems[0]) == (
        'column name: "A1 Project" — this is already the name of a project under “Beta › G2 Goal '
        "two › O9”: choose another name"
    )


def test_a_refused_edit_writes_nothing(small) -> None:
    before = plan_hierarchy(small, PLAN)
    log = audit_entries(small, OPERATOR)
    with pytest.raises(InvalidInputError):
        years(small, "A3 Project", "4")
    pd.testing.assert_frame_equal(plan_hierarchy(small, PLAN), before)
    assert len(audit_entries(small, OPERATOR)) == len(log)


def test_viewers_may_not_edit_the_plan(small) -> None:
    viewer = User("vic", "Vic", "viewer")
    with pytest.raises(PermissionDeniedError, match="may not import or change a plan"):
        rename(small, "A1 Project", "A1 Renamed", actor=viewer)


def test_unknown_item_and_plan(small) -> None:
    with pytest.raises(NotFoundError, match="There is no project 999 in the plan “Small”"):
        rename_item(small, COORDINATOR, PLAN, "project", 999, "X", WHY)
    with pytest.raises(NotFoundError, match="There is no plan named “Big”"):
        rename_item(small, COORDINATOR, "Big", "project", 1, "X", WHY)


# Each case: an edit, the item whose history shows it, its action and its before → after.
AUDIT = {
    "rename": (
        lambda db: rename(db, "A1 Project", "A1 Renamed"), "A1 Renamed",
        "project renamed", "“A1 Project” → “A1 Renamed”",
    ),
    "move": (
        lambda db: move(db, "A1 Project", "G2 Goal two"), "A1 Project", "project moved",
        "under “Alpha › G1 Goal one › O1 Objective one” → under “Beta › G2 Goal two”",
    ),
    "years": (
        lambda db: years(db, "A3 Project", "2-3"), "A3 Project",
        "project years changed", "years “1” → “2-3” (plan years 2-3)",
    ),
    "working group": (
        lambda db: group(db, "A2 Project", "City; WDB"), "A2 Project",
        "project working group changed", "“NCC, City” → “City; WDB”",
    ),
    "recurring": (
        lambda db: recurring(db, "A1 Project", True), "A1 Project",
        "project recurring changed", "not recurring → recurring",
    ),
    "retire": (
        lambda db: retire(db, "G2 Goal two"), "G2 Goal two", "goal retired",
        "in the plan → retired, with the 0 objective(s) and 2 project(s) under it",
    ),
    "add": (
        lambda db: add(db, "project", "A5 New", "O2 Objective two"), "A5 New", "project added",
        "not in the plan → “A5 New” under “Alpha › G1 Goal one › O2 Objective two”",
    ),
}  # fmt: skip


@pytest.mark.parametrize(("edit", "name", "action", "detail"), AUDIT.values(), ids=AUDIT.keys())
def test_each_edit_is_in_the_audit_log(small, edit, name, action, detail) -> None:
    """Who, what, before → after and why: in the item's edit history and in the audit log."""
    edit(small)
    history = item_history(small, COORDINATOR, PLAN, *item(small, name))
    assert history[["username", "action", "detail", "reason"]].values.tolist() == [
        ["cora", action, detail, WHY]
    ]
    log = audit_entries(small, OPERATOR, actions=[action])
    assert log["target"].str.startswith("Small: ").all() and len(log) == 1


def test_history_follows_the_item_through_renames(small) -> None:
    rename(small, "A1 Project", "A1 Renamed")
    rename(small, "A1 Renamed", "A1 Final", reason="typo")
    history = item_history(small, COORDINATOR, PLAN, *item(small, "A1 Final"))
    assert history["detail"].tolist() == ["“A1 Renamed” → “A1 Final”", "“A1 Project” → “A1 Renamed”"]  # fmt: skip
    assert item_history(small, COORDINATOR, PLAN, *item(small, "A2 Project")).empty


def test_hierarchy_in_plan_order(small) -> None:
    """Every item under its parent, in plan order, named first and then where it is."""
    assert plan_hierarchy(small, PLAN)[["label", "depth"]].values.tolist() == [
        ["Pillar: Alpha", 0],
        ["Goal: G1 Goal one — under Alpha", 1],
        ["Objective: O1 Objective one — under Alpha › G1 Goal one", 2],
        ["Project: A1 Project — under Alpha › G1 Goal one › O1 Objective one", 3],
        ["Project: A2 Project — under Alpha › G1 Goal one › O1 Objective one", 3],
        ["Objective: O2 Objective two — under Alpha › G1 Goal one", 2],
        ["Project: A3 Project — under Alpha › G1 Goal one › O2 Objective two", 3],
        ["Project: A4 Unscheduled — under Alpha › G1 Goal one › O2 Objective two", 3],
        ["Pillar: Beta", 0],
        ["Goal: G2 Goal two — under Beta", 1],
        ["Project: B1 Annual event — under Beta › G2 Goal two", 2],
        ["Project: B2 Project — under Beta › G2 Goal two", 2],
        ["Pillar: Gamma", 0],
        ["Goal: G3 Goal three — under Gamma", 1],
        ["Project: C1 Unscheduled — under Gamma › G3 Goal three", 2],
    ]


def test_a_retired_project_no_longer_needs_a_person(db) -> None:
    """Lakeview's "Peer support group" says "Ask Maria – Dec 2020", which no rule reads; retired,
    it leaves "needs a person" and a phrase taught later does not read its status again."""
    lakeview = (TEST_DATA / "lakeview_plan_cp1252.csv").read_bytes()
    import_plan_file(db, lakeview, "lakeview.csv", "Lakeview", 2018, 3)
    rows = plan_hierarchy(db, "Lakeview")
    peer = int(rows.loc[rows["name"] == "Peer support group", "item_id"].iloc[0])
    assert "Peer support group" in needs_a_person(load_plan(db, "Lakeview"))["project"].tolist()
    retire_item(db, COORDINATOR, "Lakeview", "project", peer, "the group ended")
    assert "Peer support group" not in needs_a_person(load_plan(db, "Lakeview"))["project"].tolist()
    teach(db, OPERATOR, "Ask Maria", "in_progress")
    assert reclassify_unread(db, OPERATOR).empty
