"""A partner's reports (the "My reporting" page): due, overdue, sent, superseded, with dates worked
out by hand, and the template pre-filled with the periods still owed."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pandas as pd
import pytest

from lipmetrics.accounts import OPERATOR, User
from lipmetrics.demo import load_demo_accounts
from lipmetrics.errors import PermissionDeniedError
from lipmetrics.i18n import language
from lipmetrics.measures import retire_metric
from lipmetrics.plan import import_plan_file
from lipmetrics.store import Database
from lipmetrics.submissions import (
    check_submission,
    commit_submission,
    due_template,
    partner_reports,
    report_counts,
    report_statuses,
    withdraw,
)

from .conftest import DATA
from .databases import new_target

D = date.fromisoformat
# Reports are due 30 days after their period ends: 2020-Q1 ends 31 March → due 30 April.
EXPECTED = pd.DataFrame(
    [
        ("A", "2020-Q1", D("2020-04-30")),
        ("A", "2020-Q2", D("2020-07-30")),
        ("B", "2020-Q1", D("2020-04-30")),
        ("B", "2020-Q2", D("2020-07-30")),
        ("C", "2020-06", D("2020-07-30")),
        ("C", "2020-07", D("2020-08-30")),
    ],
    columns=["metric", "period", "due"],
)
HISTORY = pd.DataFrame(
    [
        ("A", "2020-Q1", datetime(2020, 4, 10, 9), "in force"),
        ("A", "2020-Q2", datetime(2020, 7, 5, 9), "superseded"),  # sent, then sent again:
        ("A", "2020-Q2", datetime(2020, 7, 20, 9), "in force"),  # the later one replaced it
        ("B", "2020-Q1", datetime(2020, 4, 1, 9), "withdrawn"),  # counts for nothing
        ("C", "2020-06", datetime(2020, 8, 1, 9), "in force"),  # late, but sent
    ],
    columns=["metric", "period", "submitted_at", "state"],
)


def test_statuses_worked_out_by_hand() -> None:
    """As of 15 August 2020: B's two quarters are past their due dates with nothing in force
    (the withdrawn file counts for nothing); C's July is due by 30 August; A's Q2 was sent twice."""
    out = report_statuses(EXPECTED, HISTORY, D("2020-08-15"))
    assert out.astype(object).where(out.notna(), None).values.tolist() == [
        ["B", "2020-Q2", D("2020-07-30"), "overdue", None, None],
        ["B", "2020-Q1", D("2020-04-30"), "overdue", None, None],
        ["C", "2020-07", D("2020-08-30"), "due", None, None],
        ["A", "2020-Q2", D("2020-07-30"), "superseded", D("2020-07-20"), D("2020-07-05")],
        ["C", "2020-06", D("2020-07-30"), "sent", D("2020-08-01"), None],
        ["A", "2020-Q1", D("2020-04-30"), "sent", D("2020-04-10"), None],
    ]
    assert report_counts(out) == {"due": 1, "overdue": 2, "sent": 2, "superseded": 1}


@pytest.mark.parametrize(
    ("as_of", "status"),
    [("2020-08-29", "due"), ("2020-08-30", "due"), ("2020-08-31", "overdue")],
)
def test_due_through_the_due_date_then_overdue(as_of, status) -> None:
    out = report_statuses(EXPECTED[EXPECTED["metric"] == "C"], HISTORY.iloc[0:0], D(as_of))
    assert out.set_index("period").loc["2020-07", "status"] == status


def test_nothing_expected_nothing_shown() -> None:
    out = report_statuses(EXPECTED.iloc[0:0], HISTORY, D("2020-08-15"))
    assert out.empty and list(out.columns) == [
        "metric", "period", "due", "status", "sent_on", "replaced_sent_on",
    ]  # fmt: skip
    assert report_counts(out) == {"due": 0, "overdue": 0, "sent": 0, "superseded": 0}


WDB = User("wdb", "WDB reporting", "partner", "WDB")
# WDB's files, with the day each arrived. ES-JOBSKILLS 2020-Q2 is sent twice (the second file
# supersedes the first); the ES-EMPLOYERS file is withdrawn afterwards.
WDB_FILES = [
    ("jobs-q1.csv", "ES-JOBSKILLS,2020-Q1,8", datetime(2020, 4, 10, 9)),
    ("jobs-q2.csv", "ES-JOBSKILLS,2020-Q2,9", datetime(2020, 7, 10, 9)),
    ("jobs-q2-fixed.csv", "ES-JOBSKILLS,2020-Q2,10", datetime(2020, 7, 20, 9)),
    ("employers-q1.csv", "ES-EMPLOYERS,2020-Q1,4", datetime(2020, 4, 20, 9)),
]


def wdb_database(path: str | Path, store: Path) -> Database:
    """The bundled catalogue and partners, a one-year plan for 2020 with the Economic Success
    pillar, and WDB's files. WDB reports two quarterly metrics (ES-EMPLOYERS, ES-JOBSKILLS) and
    three annual ones (ES-COMPLETED, ES-EMPLOYED3M, ES-PLACED) of that pillar."""
    database = Database(path)
    load_demo_accounts(database, DATA)
    tidy = "pillar,goal,objective,project,working_group,years,status\n"
    tidy += "Economic Success,Jobs,Skills,Job skills inventory,NCC,1,\n"
    import_plan_file(database, tidy.encode(), "tiny.csv", "Tiny plan", 2020, 1)
    for name, line, received in WDB_FILES:
        data = f"metric,period,value\n{line}\n".encode()
        check = check_submission(database, data, name, "WDB")
        assert check.ok, check.problems
        result = commit_submission(database, OPERATOR, check, data, store, received)
    withdraw(database, OPERATOR, result.submission_id, "sent by mistake")
    return database


@pytest.fixture
def wdb_db(tmp_path):
    database = wdb_database(new_target(tmp_path, "wdb"), tmp_path / "store")
    yield database
    database.close()


def test_a_partners_reports_from_the_database(wdb_db) -> None:
    """As of 20 January 2021 every 2020 quarter has ended (Q3 was due 30 October: overdue; Q4 is
    due 30 January), and so has the year 2020 (due 30 January 2021)."""
    out = partner_reports(wdb_db, WDB, "WDB", D("2021-01-20"), 30)
    rows = out[["metric", "period", "status"]].values.tolist()
    assert rows == [
        ["ES-EMPLOYERS", "2020-Q3", "overdue"],
        ["ES-JOBSKILLS", "2020-Q3", "overdue"],
        ["ES-EMPLOYERS", "2020-Q2", "overdue"],
        ["ES-EMPLOYERS", "2020-Q1", "overdue"],  # its file was withdrawn
        ["ES-COMPLETED", "2020", "due"],
        ["ES-EMPLOYED3M", "2020", "due"],
        ["ES-EMPLOYERS", "2020-Q4", "due"],
        ["ES-JOBSKILLS", "2020-Q4", "due"],
        ["ES-PLACED", "2020", "due"],
        ["ES-JOBSKILLS", "2020-Q2", "superseded"],
        ["ES-JOBSKILLS", "2020-Q1", "sent"],
    ]
    jobs_q2 = out.set_index(["metric", "period"]).loc[("ES-JOBSKILLS", "2020-Q2")]
    assert (jobs_q2["sent_on"], jobs_q2["replaced_sent_on"]) == (D("2020-07-20"), D("2020-07-10"))
    assert jobs_q2["metric_name"] == "Newcomers registered in the job skills inventory"
    assert report_counts(out) == {"due": 5, "overdue": 4, "sent": 1, "superseded": 1}


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("en", "Newcomers registered in the job skills inventory"),
        ("fr", "Nouveaux arrivants inscrits à l’inventaire des compétences professionnelles"),
    ],
)
def test_a_partners_reports_name_each_metric_in_the_session_language(wdb_db, code, name) -> None:
    """My reporting names each metric in the session's language (README "Languages")."""
    with language(code):
        out = partner_reports(wdb_db, WDB, "WDB", D("2021-01-20"), 30)
    assert (
        out.set_index(["metric", "period"]).loc[("ES-JOBSKILLS", "2020-Q2"), "metric_name"] == name
    )


def test_the_template_holds_the_periods_owed(wdb_db) -> None:
    frame = due_template(wdb_db, WDB, "WDB", D("2021-01-20"), 30)
    assert frame[["metric", "period"]].values.tolist() == [
        ["ES-COMPLETED", "2020"],
        ["ES-EMPLOYED3M", "2020"],
        ["ES-EMPLOYERS", "2020-Q1"],
        ["ES-EMPLOYERS", "2020-Q2"],
        ["ES-EMPLOYERS", "2020-Q3"],
        ["ES-EMPLOYERS", "2020-Q4"],
        ["ES-JOBSKILLS", "2020-Q3"],
        ["ES-JOBSKILLS", "2020-Q4"],
        ["ES-PLACED", "2020"],
    ]
    assert set(frame["value"]) == {""}


def test_the_template_of_periods_owed_is_accepted_once_filled(wdb_db) -> None:
    frame = due_template(wdb_db, WDB, "WDB", D("2021-01-20"), 30)
    filled = frame.assign(value="3").drop(columns=["metric_name"])
    check = check_submission(wdb_db, filled.to_csv(index=False).encode(), "due.csv", "WDB")
    assert check.ok, check.problems


@pytest.mark.parametrize(
    ("user", "partner", "allowed"),
    [
        (WDB, "WDB", True),
        (WDB, "NCC", False),  # a partner sees its own organisation's only
        (User("cora", "Cora", "coordinator"), "WDB", True),
        (User("vic", "Vic", "viewer"), "WDB", False),  # viewers see no partner's submissions
    ],
    ids=["own", "other partner", "coordinator", "viewer"],
)
def test_who_sees_a_partners_reports(wdb_db, user, partner, allowed) -> None:
    if allowed:
        assert len(partner_reports(wdb_db, user, partner, D("2021-01-20"))) == 11
    else:
        with pytest.raises(PermissionDeniedError, match=f"may not see the reports of {partner}"):
            partner_reports(wdb_db, user, partner, D("2021-01-20"))


def test_an_empty_catalogue_expects_nothing(db) -> None:
    assert partner_reports(db, WDB, "WDB", D("2021-01-20")).empty
    assert due_template(db, WDB, "WDB", D("2021-01-20")).empty


def test_a_retired_metric_is_no_longer_due(wdb_db) -> None:
    """ES-PLACED retired: its 2020 report leaves the list and the template (10 reports, 8 lines)."""
    retire_metric(wdb_db, OPERATOR, "ES-PLACED")
    out = partner_reports(wdb_db, WDB, "WDB", D("2021-01-20"), 30)
    assert "ES-PLACED" not in set(out["metric"]) and len(out) == 10
    assert len(due_template(wdb_db, WDB, "WDB", D("2021-01-20"), 30)) == 8
