"""Plausibility warnings on a partner file (docs/file-formats.md "Plausibility warnings"): the
rules on small hand-computed fixtures, then the confirmation note through the commit and the
command line."""

from __future__ import annotations

import json
from datetime import date

import pandas as pd
import pytest

from lipmetrics.accounts import User
from lipmetrics.cli import main
from lipmetrics.demo import load_demo_accounts
from lipmetrics.errors import InvalidInputError
from lipmetrics.store import Database
from lipmetrics.submissions import check_submission, commit_submission, submissions
from lipmetrics.submissions.lines import Metric
from lipmetrics.submissions.plausibility import (
    far_from_usual,
    part_above_whole,
    plausibility_warnings,
)

from .conftest import DATA
from .databases import new_target
from .test_app import app, button, fresh_caches, navigation_owns_pages  # noqa: F401

METRICS = {
    "ES-JOBSKILLS": Metric("quarterly", "count"),
    "ES-COMPLETED": Metric("annual", "count"),
    "ES-EMPLOYED3M": Metric("annual", "count"),
    "ES-PLACED": Metric("annual", "percent", aggregation="ratio", numerator="ES-EMPLOYED3M",
                        denominator="ES-COMPLETED"),
}  # fmt: skip
QUARTERS = [("2024-Q1", 100), ("2024-Q2", 120), ("2024-Q3", 140), ("2024-Q4", 120)]  # median 120
ADVICE = "check the figure, or confirm it with a note"


def in_force(metric: str, values: list[tuple], breakdown: str = "") -> pd.DataFrame:
    return pd.DataFrame(
        [(metric, period, breakdown, float(value)) for period, value in values],
        columns=["metric", "period", "breakdown", "value"],
    )


def rows(*lines: tuple) -> pd.DataFrame:
    """(metric, period, value as written[, breakdown]) per line, from line 2."""
    full = [(*line, "")[:4] for line in lines]
    return pd.DataFrame(
        [(n, m, p, b, float(w.replace(",", "")), w) for n, (m, p, w, b) in enumerate(full, 2)],
        columns=["line", "metric", "period", "breakdown", "value", "written"],
    )


FAR = [
    # earlier values in force, what the file sends, the warning (None: none)
    (QUARTERS, ("2025-Q1", "900"),
     f"ES-JOBSKILLS 2025-Q1 is 900, more than 3 times the median of your last four quarters (120); {ADVICE}"),
    (QUARTERS, ("2025-Q1", "361"),
     f"ES-JOBSKILLS 2025-Q1 is 361, more than 3 times the median of your last four quarters (120); {ADVICE}"),
    (QUARTERS, ("2025-Q1", "360"), None),  # 3 times exactly is not more
    (QUARTERS, ("2025-Q1", "40"), None),  # a third exactly is not under
    (QUARTERS, ("2025-Q1", "39"),
     f"ES-JOBSKILLS 2025-Q1 is 39, under a third of the median of your last four quarters (120); {ADVICE}"),
    (QUARTERS, ("2025-Q1", "0"),
     f"ES-JOBSKILLS 2025-Q1 is 0, under a third of the median of your last four quarters (120); {ADVICE}"),
    (QUARTERS, ("2025-Q1", "1,500"),  # the value as written
     f"ES-JOBSKILLS 2025-Q1 is 1,500, more than 3 times the median of your last four quarters (120); {ADVICE}"),
    # the last four only: 100, 120, 140, 110 → 115 (with 1000 too, the median would be 120)
    ([("2024-Q1", 1000), ("2024-Q2", 100), ("2024-Q3", 120), ("2024-Q4", 140), ("2025-Q1", 110)],
     ("2025-Q2", "350"),
     f"ES-JOBSKILLS 2025-Q2 is 350, more than 3 times the median of your last four quarters (115); {ADVICE}"),
    ([("2024-Q1", 10), ("2024-Q2", 20)], ("2024-Q3", "100"),
     f"ES-JOBSKILLS 2024-Q3 is 100, more than 3 times the median of your last two quarters (15); {ADVICE}"),
    ([("2024-Q1", 10)], ("2024-Q3", "100"), None),  # one earlier period is too few
    (QUARTERS, ("2024-Q2", "900"), None),  # only 2024-Q1 is earlier: later ones do not count
    ([("2024-Q1", 0), ("2024-Q2", 0), ("2024-Q3", 0)], ("2024-Q4", "50"), None),  # median 0
    # a value already in force was confirmed when it was sent; a changed one is checked again
    ([("2024-Q1", 10), ("2024-Q2", 10), ("2024-Q3", 10), ("2024-Q4", 1000)], ("2024-Q4", "1000"), None),
    ([("2024-Q1", 10), ("2024-Q2", 10), ("2024-Q3", 10), ("2024-Q4", 1000)], ("2024-Q4", "999"),
     f"ES-JOBSKILLS 2024-Q4 is 999, more than 3 times the median of your last three quarters (10); {ADVICE}"),
]  # fmt: skip


@pytest.mark.parametrize(("earlier", "sent", "expected"), FAR)
def test_far_from_usual(earlier, sent, expected) -> None:
    found = far_from_usual(
        rows(("ES-JOBSKILLS", *sent)), in_force("ES-JOBSKILLS", earlier), METRICS
    )
    assert [str(w) for w in found] == ([f"line 2: {expected}"] if expected else [])
    if expected:
        assert (found[0].check, found[0].metric, found[0].period, found[0].value) == (
            "far_from_usual", "ES-JOBSKILLS", sent[0], sent[1],
        )  # fmt: skip


def test_far_from_usual_annual_and_totals_only() -> None:
    """Years compare with years (not fiscal years); a breakdown value is not compared."""
    earlier = in_force("ES-COMPLETED", [("2021", 50), ("2022", 60), ("2023", 70), ("FY2023-24", 1)])
    found = far_from_usual(
        rows(("ES-COMPLETED", "2024", "10"), ("ES-COMPLETED", "2024", "1", "gender=woman")),
        earlier,
        METRICS,
    )
    assert [str(w) for w in found] == [
        f"line 2: ES-COMPLETED 2024 is 10, under a third of the median of your last three years (60); {ADVICE}"
    ]


BOTH = "check both figures, or confirm them with a note"
WHY = "though ES-PLACED counts ES-EMPLOYED3M as a part of ES-COMPLETED"
PAIRS = [
    # the file's lines, values in force, the warnings
    ([("ES-EMPLOYED3M", "2024", "200"), ("ES-COMPLETED", "2024", "150")], [],
     [f"line 2: ES-EMPLOYED3M 2024 is 200, more than ES-COMPLETED 2024 (150), {WHY}; {BOTH}"]),
    ([("ES-EMPLOYED3M", "2024", "200")], [("ES-COMPLETED", "2024", 150)],
     [f"line 2: ES-EMPLOYED3M 2024 is 200, more than ES-COMPLETED 2024 (150) sent earlier, {WHY}; {BOTH}"]),
    ([("ES-COMPLETED", "2024", "100")], [("ES-EMPLOYED3M", "2024", 150)],
     [f"line 2: ES-COMPLETED 2024 is 100, less than ES-EMPLOYED3M 2024 (150) sent earlier, {WHY}; {BOTH}"]),
    ([("ES-EMPLOYED3M", "2024", "150"), ("ES-COMPLETED", "2024", "150")], [], []),  # equal is fine
    ([("ES-EMPLOYED3M", "2024", "200")], [("ES-COMPLETED", "2023", 150)], []),  # another period
    ([("ES-EMPLOYED3M", "2024", "200")], [], []),  # no denominator at all
    # both already in force (and confirmed then): the file does not change them
    ([("ES-EMPLOYED3M", "2024", "200")],
     [("ES-EMPLOYED3M", "2024", 200), ("ES-COMPLETED", "2024", 150)], []),
    ([("ES-EMPLOYED3M", "2024", "60", "gender=woman"), ("ES-COMPLETED", "2024", "50", "gender=woman"),
      ("ES-COMPLETED", "2024", "500")], [],
     [f"line 2: ES-EMPLOYED3M 2024 (gender: woman) is 60, more than ES-COMPLETED 2024 (gender: woman) (50), {WHY}; {BOTH}"]),
]  # fmt: skip


@pytest.mark.parametrize(("lines", "old", "expected"), PAIRS)
def test_part_above_whole(lines, old, expected) -> None:
    earlier = pd.DataFrame(
        [(m, p, "", float(v)) for m, p, v in old],
        columns=["metric", "period", "breakdown", "value"],
    )
    found = part_above_whole(rows(*lines), earlier, METRICS)
    assert [str(w) for w in found] == expected
    assert all(w.check == "part_above_whole" for w in found)


@pytest.mark.parametrize(
    ("total", "warned"),
    [
        ("30", []),  # a new total withdraws the breakdown by gender: 17 is no longer compared
        ("40", [f"line 2: ES-COMPLETED 2024 (gender: man) is 15, less than ES-EMPLOYED3M 2024 "
                f"(gender: man) (17) sent earlier, {WHY}; {BOTH}"]),  # the same total: it stays
    ],
)  # fmt: skip
def test_a_value_the_file_withdraws_is_not_compared(total, warned) -> None:
    """As the trial found it: the file changes ES-EMPLOYED3M's 2024 total and sends no breakdown
    of it, so saving it withdraws the earlier 17 men; ES-COMPLETED's 15 men is then compared with
    nothing."""
    earlier = pd.concat(
        [in_force("ES-EMPLOYED3M", [("2024", 40)]),
         in_force("ES-EMPLOYED3M", [("2024", 17)], "gender=man"),
         in_force("ES-EMPLOYED3M", [("2024", 23)], "gender=woman")]
    )  # fmt: skip
    sent = rows(("ES-COMPLETED", "2024", "15", "gender=man"), ("ES-EMPLOYED3M", "2024", total))
    found = plausibility_warnings(sent, earlier, METRICS)
    assert [str(w) for w in found] == warned


# --- through the database: the note is needed, kept and shown ---------------------------------

NCC = User("ncc", "NCC", "partner", "NCC")
TODAY = date(2026, 11, 23)
HEADER = "metric,period,value\n"
USUAL = HEADER + "".join(f"ES-JOBSKILLS,{p},{v}\n" for p, v in QUARTERS)
ODD = HEADER + "ES-JOBSKILLS,2025-Q1,900\n"


@pytest.fixture
def ref(db):
    load_demo_accounts(db, DATA)
    return db


def send(db, text: str, store, note: str | None = None):
    check = check_submission(db, text.encode(), "f.csv", "NCC", today=TODAY)
    return check, commit_submission(db, NCC, check, text.encode(), store, note=note)


@pytest.mark.parametrize("note", [None, "", "   "])
def test_commit_refused_without_a_note(ref, tmp_path, note) -> None:
    send(ref, USUAL, tmp_path)
    with pytest.raises(InvalidInputError) as raised:
        send(ref, ODD, tmp_path, note)
    assert raised.value.summary == (
        "1 value in f.csv looks unusual; nothing was saved. Check it, or confirm it with a note."
    )
    assert len(submissions(ref, NCC, "NCC")) == 1


def test_commit_keeps_the_note(ref, tmp_path) -> None:
    send(ref, USUAL, tmp_path)
    check, result = send(ref, ODD, tmp_path, "  A job fair in January.  ")
    assert [w.line for w in check.warnings] == [2]
    ledger = submissions(ref, NCC, "NCC")
    assert ledger.set_index("id").loc[result.submission_id, "note"] == "A job fair in January."
    # a file without warnings needs no note, and keeps none
    _, plain = send(ref, HEADER + "ES-JOBSKILLS,2025-Q2,130\n", tmp_path)
    assert pd.isna(submissions(ref, NCC, "NCC").set_index("id").loc[plain.submission_id, "note"])


@pytest.fixture
def ref_path(tmp_path, monkeypatch):
    monkeypatch.setenv("LIPMETRICS_SUBMISSIONS_DIR", str(tmp_path / "store"))
    path = new_target(tmp_path, "ref")
    database = Database(path)
    load_demo_accounts(database, DATA)
    database.close()
    return path


def test_cli_warns_and_needs_a_note(ref_path, tmp_path, capsys) -> None:
    usual, odd = tmp_path / "usual.csv", tmp_path / "odd.csv"
    usual.write_text(USUAL)
    odd.write_text(ODD)
    base = ["--partner", "NCC", "--user", "ncc", "--db", ref_path]
    assert main(["import-metrics", str(usual), *base]) == 0
    capsys.readouterr()
    warning = (
        "line 2: ES-JOBSKILLS 2025-Q1 is 900, more than 3 times the median of your last four "
        f"quarters (120); {ADVICE}"
    )
    assert main(["validate-metrics", str(odd), "--partner", "NCC", "--db", ref_path]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[1:] == ["1 value looks unusual; confirm it with a note when you save:", warning]
    assert main(["validate-metrics", str(odd), "--partner", "NCC", "--format", "json", "--db", ref_path]) == 0  # fmt: skip
    report = json.loads(capsys.readouterr().out)
    assert report["warnings"] == [
        {"check": "far_from_usual", "line": 2, "metric": "ES-JOBSKILLS", "period": "2025-Q1",
         "value": "900", "message": warning.removeprefix("line 2: ")}
    ]  # fmt: skip
    assert main(["import-metrics", str(odd), *base]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [
        "1 value in odd.csv looks unusual; nothing was saved. Check it, or confirm it with --confirm-note TEXT.",
        warning,
    ]
    assert main(["import-metrics", str(odd), *base, "--confirm-note", "Job fair"]) == 0
    capsys.readouterr()
    assert main(["submissions", "--partner", "NCC", "--format", "json", "--db", ref_path]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [s["note"] for s in listed] == ["Job fair", None]


def test_send_figures_page_needs_the_note(tmp_path, monkeypatch) -> None:
    """The page shows the warning, refuses to save without a note, saves with it, and the
    submissions page shows the note."""
    path = new_target(tmp_path, "page")
    database = Database(path)
    load_demo_accounts(database, DATA)
    send(database, USUAL, tmp_path / "store")
    database.close()
    monkeypatch.setenv("LIPMETRICS_SUBMISSIONS_DIR", str(tmp_path / "store"))
    partner = {"username": "ncc", "display_name": "NCC", "role": "partner", "partner_code": "NCC"}
    at = app(path, monkeypatch, partner).run()
    at.switch_page("pages/submit.py").run()
    at.file_uploader[0].set_value(("odd.csv", ODD.encode(), "text/csv")).run()
    assert not at.exception
    assert [w.value for w in at.warning] == [
        "1 value looks unusual. Check it in your file, or confirm it with a note below before you save."
    ]
    table = at.dataframe[-1].value
    assert table[["line", "metric", "period", "value"]].values.tolist() == [
        [2, "ES-JOBSKILLS", "2025-Q1", "900"]
    ]
    assert (
        table["what to check"]
        .str.startswith("ES-JOBSKILLS 2025-Q1 is 900, more than 3 times")
        .all()
    )
    button(at, "Save these figures").click().run()
    shown = at.error[0].value.replace("\\", "")
    assert "1 value in odd.csv looks unusual; nothing was saved." in shown
    assert not [s for s in at.success if s.value.startswith("Saved")]
    at.text_input[0].set_value("A job fair in January").run()
    button(at, "Save these figures").click().run()
    assert not at.exception
    assert [s.value for s in at.success][-1].startswith("Saved as submission")
    at.switch_page("pages/submissions.py").run()
    assert at.dataframe[0].value["note"].tolist()[0] == "A job fair in January"
