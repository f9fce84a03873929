"""A re-sent total and the partner's earlier breakdown: what the preview says, what the commit
withdraws, and what the metric page shows afterwards (docs/file-formats.md "Partner submission
files")."""

from __future__ import annotations

from datetime import date

import pytest

from lipmetrics.accounts import User
from lipmetrics.cli import main
from lipmetrics.demo import load_demo_accounts
from lipmetrics.measures import metric_detail
from lipmetrics.store import Database
from lipmetrics.submissions import (
    check_submission,
    commit_submission,
    current_values,
    restore,
    value_history,
    withdraw,
    withdrawals,
)

from .conftest import DATA
from .databases import new_target

NCC = User("ncc", "NCC", "partner", "NCC")
WDB = User("wdb", "WDB", "partner", "WDB")
CORA = User("cora", "Cora", "coordinator")
TODAY = date(2026, 11, 23)
HEADER = "metric,period,value,gender,age_group\n"
EARLIER = "ES-JOBSKILLS,2024-Q3,100,,\nES-JOBSKILLS,2024-Q3,40,woman,\nES-JOBSKILLS,2024-Q3,50,man,\nES-JOBSKILLS,2024-Q3,30,,15-24\n"  # fmt: skip
THE_TOTAL = "This file changes the total of ES-JOBSKILLS for 2024-Q3 from 100 to"
CASES = [
    # earlier file, later file, what the preview says, the values in force afterwards, how many
    # earlier values the commit withdraws
    (
        EARLIER,
        "ES-JOBSKILLS,2024-Q3,90,,\n",
        [f"{THE_TOTAL} 90; the earlier age group breakdown (1 value) and the earlier gender breakdown (2 values) will be withdrawn because the file does not send them again."],
        {"": 90},
        3,
    ),
    (
        EARLIER,
        "ES-JOBSKILLS,2024-Q3,90,,\nES-JOBSKILLS,2024-Q3,40,woman,\nES-JOBSKILLS,2024-Q3,50,man,\n",
        [f"{THE_TOTAL} 90; the earlier age group breakdown (1 value) will be withdrawn because the file does not send it again."],
        {"": 90, "gender=woman": 40, "gender=man": 50},
        1,
    ),
    (
        EARLIER,
        "ES-JOBSKILLS,2024-Q3,95,,\nES-JOBSKILLS,2024-Q3,45,woman,\n",
        [f"{THE_TOTAL} 95; the earlier age group breakdown (1 value) and the earlier gender value for man will be withdrawn because the file does not send them again."],
        {"": 95, "gender=woman": 45},
        2,
    ),
    (  # the same total: nothing to withdraw
        EARLIER,
        "ES-JOBSKILLS,2024-Q3,100,,\n",
        [],
        {"": 100, "gender=woman": 40, "gender=man": 50, "age_group=15-24": 30},
        0,
    ),
    (  # a breakdown value alone replaces only itself
        EARLIER,
        "ES-JOBSKILLS,2024-Q3,45,woman,\n",
        [],
        {"": 100, "gender=woman": 45, "gender=man": 50, "age_group=15-24": 30},
        0,
    ),
    (  # another period's total leaves this one alone
        EARLIER,
        "ES-JOBSKILLS,2024-Q2,90,,\n",
        [],
        {"": 100, "gender=woman": 40, "gender=man": 50, "age_group=15-24": 30},
        0,
    ),
    (
        "ES-JOBSKILLS,2024-Q3,40,woman,\nES-JOBSKILLS,2024-Q3,50,man,\n",
        "ES-JOBSKILLS,2024-Q3,80,,\n",
        ["This file gives a total of ES-JOBSKILLS for 2024-Q3 (80) where there was none; the earlier gender breakdown (2 values) will be withdrawn because the file does not send it again."],
        {"": 80},
        2,
    ),
]  # fmt: skip


@pytest.fixture
def ref(db):
    load_demo_accounts(db, DATA)
    return db


def send(db, text: str, store, name: str, user: User = NCC):
    data = (HEADER + text).encode()
    check = check_submission(db, data, name, user.partner_code, today=TODAY)
    return check, commit_submission(db, user, check, data, store)


def in_force(db, period: str = "2024-Q3") -> dict[str, float]:
    values = current_values(db, NCC)
    values = values[(values["metric"] == "ES-JOBSKILLS") & (values["period"] == period)]
    return dict(zip(values["breakdown"], values["value"], strict=True))


@pytest.mark.parametrize(("earlier", "later", "said", "after", "withdrawn"), CASES)
def test_a_resent_total_withdraws_the_breakdown(
    ref, tmp_path, earlier, later, said, after, withdrawn
) -> None:
    """The preview says in words what a re-sent total withdraws; the commit withdraws exactly
    that, and the earlier values stay in the history as superseded."""
    send(ref, earlier, tmp_path, "earlier.csv")
    data = (HEADER + later).encode()
    check = check_submission(ref, data, "later.csv", "NCC", today=TODAY)
    assert withdrawals(ref, NCC, check) == said
    result = commit_submission(ref, NCC, check, data, tmp_path)
    assert (in_force(ref), result.withdrawn) == (after, withdrawn)
    history = value_history(ref, NCC)
    superseded = history[(history["state"] == "superseded") & (history["period"] == "2024-Q3")]
    assert set(superseded["superseded_by"]) <= {result.submission_id}
    assert len(history) == len(earlier.splitlines()) + len(later.splitlines())


def test_withdrawing_the_total_brings_the_breakdown_back(ref, tmp_path) -> None:
    """The withdrawal belongs to the submission that re-sent the total: withdrawing that
    submission puts the earlier total and breakdown back; restoring it takes them out again."""
    send(ref, EARLIER, tmp_path, "earlier.csv")
    _, later = send(ref, "ES-JOBSKILLS,2024-Q3,90,,\n", tmp_path, "later.csv")
    assert later.withdrawn == 3
    assert later.summary == (
        f"Saved as submission {later.submission_id}. 3 earlier breakdown values withdrawn."
    )
    withdraw(ref, CORA, later.submission_id, "the 90 was a typo")
    assert in_force(ref) == {"": 100, "gender=woman": 40, "gender=man": 50, "age_group=15-24": 30}
    restore(ref, CORA, later.submission_id, "the 90 was right")
    assert in_force(ref) == {"": 90}


def test_metric_page_after_a_resent_total(demo_db, tmp_path) -> None:
    """The demo's ES-JOBSKILLS 2020-Q4: totals City 30, NCC 36, WDB 33 (99), each with its gender
    breakdown. WDB re-sends its total as 19: the page's total is 30 + 36 + 19 = 85 and its gender
    breakdown is City's and NCC's only, 30 + 36 = 66 (with WDB's old 15 + 16 + 1 + 1 it would be
    99, more than 85)."""
    check, result = send(demo_db, "ES-JOBSKILLS,2020-Q4,19,,\n", tmp_path, "wdb.csv", WDB)
    assert result.withdrawn == 4
    detail = metric_detail(demo_db, "ES-JOBSKILLS", CORA)
    total = detail.series.set_index("period").loc["2020-Q4", "value"]
    assert (detail.breakdown_period, total) == ("2020-Q4", 85)
    by_dimension = detail.breakdown.groupby("dimension")["value"].sum().to_dict()
    assert by_dimension["gender"] == 66
    assert all(added <= total for added in by_dimension.values())


def test_cli_says_what_a_resent_total_withdrew(tmp_path, capsys, monkeypatch) -> None:
    """import-metrics prints the id on standard output and, on standard error, how many earlier
    breakdown values the file's totals withdrew."""
    path = new_target(tmp_path, "ref")
    database = Database(path)
    load_demo_accounts(database, DATA)
    database.close()
    monkeypatch.setenv("LIPMETRICS_SUBMISSIONS_DIR", str(tmp_path / "store"))
    for name, text in (("earlier.csv", EARLIER), ("later.csv", "ES-JOBSKILLS,2024-Q3,90,,\n")):
        (tmp_path / name).write_text(HEADER + text)
        command = ["import-metrics", str(tmp_path / name), "--partner", "NCC", "--db", str(path)]
        assert main(command) == 0
    out, err = capsys.readouterr()
    assert out.split() == ["1", "2"]
    assert err == "3 earlier breakdown values withdrawn: this file's new totals replace them.\n"


@pytest.mark.parametrize(
    ("later", "problems"),
    [
        # 70 + the earlier man 50 = 120, more than the total in force, 100
        ("ES-JOBSKILLS,2024-Q3,70,woman,\n",
         [(2, "70", "the gender breakdown on line 2 adds up to 120 with your earlier value for man (50), more than your total in force for 2024-Q3 (100): correct the breakdown, or send the total with it")]),
        # every category, the earlier man 50 replaced: 10 + 20 + 5 + 5 = 40, not 100
        ("ES-JOBSKILLS,2024-Q3,10,woman,\nES-JOBSKILLS,2024-Q3,20,man,\n"
         "ES-JOBSKILLS,2024-Q3,5,gender diverse,\nES-JOBSKILLS,2024-Q3,5,not stated,\n",
         [(2, "10; 20; 5; 5", "the gender breakdown on lines 2–5 gives every category and adds up to 40, not your total in force for 2024-Q3 (100): make them equal, or send the total with it")]),
        ("ES-JOBSKILLS,2024-Q3,45,woman,\n", []),  # 45 + 50 = 95: fine
        ("ES-JOBSKILLS,2024-Q3,70,woman,\nES-JOBSKILLS,2024-Q3,120,,\n", []),  # with its total
    ],
)  # fmt: skip
def test_a_breakdown_sent_alone_is_held_to_the_total_in_force(
    ref, tmp_path, later, problems
) -> None:
    send(ref, EARLIER, tmp_path, "earlier.csv")
    check = check_submission(ref, (HEADER + later).encode(), "later.csv", "NCC", today=TODAY)
    assert [(p.line, p.value, p.message) for p in check.problems] == problems
