"""Targets, baselines and notes: history kept, the latest in force, checked input, permissions."""

from __future__ import annotations

import pytest

from lipmetrics.accounts import OPERATOR, User
from lipmetrics.demo import load_demo_accounts
from lipmetrics.errors import InvalidInputError, PermissionDeniedError
from lipmetrics.measures import (
    notes,
    set_baseline,
    set_target,
    target_for,
    target_history,
    targets_in_force,
    write_note,
)

from .conftest import DATA

CORA = User("cora", "Cora", "coordinator")


@pytest.fixture
def ref(db):
    load_demo_accounts(db, DATA)
    return db


def test_catalogue_targets_are_the_first_records(ref) -> None:
    history = target_history(ref, "ES-JOBSKILLS")
    assert sorted(zip(history["kind"], history["period"], history["value"], strict=True)) == [
        ("baseline", "2016-Q3", 30.0),
        ("target", "", 100.0),
    ]
    assert history["reason"].unique().tolist() == ["catalogue metrics_catalog.csv"]


def test_edits_keep_history_and_period_targets_win(ref) -> None:
    set_target(ref, CORA, "ES-JOBSKILLS", 120, "new funding from IRCC")
    set_target(ref, CORA, "ES-JOBSKILLS", 60, "summer quarter is slower", period="2019q3")
    force = targets_in_force(ref)
    assert target_for(force, "ES-JOBSKILLS", "2019-Q3") == 60
    assert target_for(force, "ES-JOBSKILLS", "2019-Q4") == 120
    set_target(ref, CORA, "ES-JOBSKILLS", None, "back to the standing target", period="2019-Q3")
    assert target_for(targets_in_force(ref), "ES-JOBSKILLS", "2019-Q3") == 120
    history = target_history(ref, "ES-JOBSKILLS")
    assert len(history) == 5  # two from the catalogue, three edits: nothing overwritten
    assert history.iloc[0][["username", "reason"]].tolist() == [
        "cora",
        "back to the standing target",
    ]


def test_baseline_replaced(ref) -> None:
    set_baseline(ref, CORA, "ES-PLACED", 51, "2017", "first full year of data")
    force = targets_in_force(ref)
    baseline = force[(force["metric"] == "ES-PLACED") & (force["kind"] == "baseline")]
    assert baseline[["period", "value"]].values.tolist() == [["2017", 51.0]]


@pytest.mark.parametrize(
    ("kwargs", "column"),
    [
        ({"value": 5, "reason": ""}, "reason"),
        ({"value": 5, "reason": "x", "period": "2019"}, "period"),  # a quarterly metric
        ({"value": -5, "reason": "x"}, "value"),
    ],
)
def test_bad_target_input(ref, kwargs, column) -> None:
    with pytest.raises(InvalidInputError) as caught:
        set_target(ref, CORA, "ES-JOBSKILLS", **kwargs)
    assert caught.value.problems[0].column == column


def test_percent_target_over_100_refused(ref) -> None:
    with pytest.raises(InvalidInputError, match="ES-PLACED"):
        set_target(ref, OPERATOR, "ES-PLACED", 140, "typo")


def test_notes_latest_wins_and_empty_clears(ref) -> None:
    write_note(ref, CORA, "ES-JOBSKILLS", "2019-Q3", "The portal was down for three weeks.")
    write_note(ref, CORA, "ES-JOBSKILLS", "2019-Q3", "The portal was down for two weeks in August.")
    write_note(ref, CORA, "ES-EMPLOYERS", "2019-Q3", "Employer table moved online.")
    shown = notes(ref).set_index(["metric", "period"])["note"].to_dict()
    assert shown[("ES-JOBSKILLS", "2019-Q3")] == "The portal was down for two weeks in August."
    write_note(ref, CORA, "ES-EMPLOYERS", "2019-Q3", "")
    assert ("ES-EMPLOYERS", "2019-Q3") not in notes(ref).set_index(["metric", "period"]).index


@pytest.mark.parametrize("role", ["partner", "viewer"])
def test_only_the_working_group_sets_targets(ref, role) -> None:
    user = User("someone", "Someone", role, "NCC" if role == "partner" else None)
    before = len(target_history(ref, "ES-JOBSKILLS"))
    with pytest.raises(PermissionDeniedError):
        set_target(ref, user, "ES-JOBSKILLS", 1, "x")
    with pytest.raises(PermissionDeniedError):
        write_note(ref, user, "ES-JOBSKILLS", "2019-Q3", "x")
    assert len(target_history(ref, "ES-JOBSKILLS")) == before
