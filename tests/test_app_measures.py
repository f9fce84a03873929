"""The measure pages (scorecard, metric detail, reporting, community data) through AppTest, on a
small database whose numbers are worked out by hand."""

from __future__ import annotations

import base64
from datetime import datetime

import numpy as np
import pandas as pd
import plotly.io as pio
import pytest

from lipmetrics.accounts import OPERATOR, User
from lipmetrics.demo import load_demo_accounts
from lipmetrics.measures import metric_detail
from lipmetrics.plan import import_plan_file
from lipmetrics.store import Database
from lipmetrics.submissions import check_submission, commit_submission

from .conftest import DATA
from .databases import new_target
from .test_app import COORDINATOR, app, fresh_caches, navigation_owns_pages  # noqa: F401

VIEWER = {"username": "vic", "display_name": "Vic", "role": "viewer", "partner_code": None}
CORA = User("cora", "Cora", "coordinator")
# ES-JOBSKILLS, 2020-Q1: NCC 12 + WDB 8 = 20; 2020-Q2: NCC 15 + WDB 10 = 25.
# 2020-Q2 by gender: woman 13 + 8 = 21, man 2 + 2 = 4 (a small cell) → total 25.
FILES = {
    ("NCC", "2020-Q1"): "metric,period,value,gender\nES-JOBSKILLS,2020-Q1,12,\n",
    ("WDB", "2020-Q1"): "metric,period,value,gender\nES-JOBSKILLS,2020-Q1,8,\n",
    ("NCC", "2020-Q2"): "metric,period,value,gender\nES-JOBSKILLS,2020-Q2,15,\n"
    "ES-JOBSKILLS,2020-Q2,13,woman\nES-JOBSKILLS,2020-Q2,2,man\n",
    ("WDB", "2020-Q2"): "metric,period,value,gender\nES-JOBSKILLS,2020-Q2,10,\n"
    "ES-JOBSKILLS,2020-Q2,8,woman\nES-JOBSKILLS,2020-Q2,2,man\n",
}


def figures(at) -> list:
    """The Plotly figures on the page, as sent to the browser."""
    return [pio.from_json(chart.proto.spec) for chart in at.get("plotly_chart")]


def numbers(values) -> list:
    """Plotly sends number arrays as base64 ``bdata`` with a dtype: decode them."""
    if isinstance(values, dict) and "bdata" in values:
        return np.frombuffer(base64.b64decode(values["bdata"]), values["dtype"]).tolist()
    return list(values)


@pytest.fixture
def measures_path(tmp_path):
    path = new_target(tmp_path, "measures")
    database = Database(path)
    load_demo_accounts(database, DATA)
    tidy = "pillar,goal,objective,project,working_group,years,status\n"
    tidy += "Economic Success,Jobs,Skills,Job skills inventory,NCC,1,\n"
    import_plan_file(database, tidy.encode(), "tiny.csv", "Tiny plan", 2020, 1)
    for (partner, quarter), text in FILES.items():
        check = check_submission(database, text.encode(), f"{partner}.csv", partner)
        assert check.ok, check.problems
        received = datetime(2020, 4 if quarter == "2020-Q1" else 7, 10)
        commit_submission(database, OPERATOR, check, text.encode(), tmp_path / "store", received)
    database.close()
    return path


def test_scorecard_card_numbers(measures_path, monkeypatch) -> None:
    at = app(measures_path, monkeypatch).run()
    at.switch_page("pages/scorecard.py").run()
    assert not at.exception
    assert at.title[0].value == "Are our shared measures on track?"
    jobs = next(
        m for m in at.metric if m.label == "Newcomers registered in the job skills inventory"
    )
    assert jobs.value == "25"  # 15 + 10, the latest quarter
    assert "Target 100 · 25% of target" in "\n".join(m.value for m in at.markdown)
    shown = [m.value.replace("\\", "") for m in at.markdown]  # markdown escapes removed
    assert any("No data for 2020-Q4" in text for text in shown), shown  # Q3, Q4 never sent


def test_metric_page_suppresses_small_cells_for_viewers(measures_path, monkeypatch) -> None:
    at = app(measures_path, monkeypatch, user=VIEWER)
    at.session_state["selected_metric"] = "ES-JOBSKILLS"
    at.run()
    at.switch_page("pages/metric.py").run()
    assert not at.exception
    charts = figures(at)
    actual = charts[0].data[0]
    assert (list(actual.x), numbers(actual.y)) == (["2020-Q1", "2020-Q2"], [20, 25])
    bars = charts[-1].data[0]
    assert list(bars.text) == ["<5", "hidden"]  # man 4 is small; woman 21 would give it away
    breakdown_table = at.dataframe[-1].value  # the chart's "show the data" table
    assert "value" not in breakdown_table.columns
    assert sorted(breakdown_table["shown"]) == ["<5", "hidden"]
    assert 21 not in numbers(bars.x) and 4 not in numbers(bars.x)


def test_metric_page_shows_coordinators_every_number(measures_path, monkeypatch) -> None:
    at = app(measures_path, monkeypatch)
    at.session_state["selected_metric"] = "ES-JOBSKILLS"
    at.run()
    at.switch_page("pages/metric.py").run()
    bars = figures(at)[-1].data[0]
    assert sorted(bars.text) == ["21", "4"]


def test_metric_page_rolls_up_to_fiscal_years(measures_path, monkeypatch) -> None:
    """2020-Q1 is in FY2019-20, 2020-Q2 in FY2020-21: one quarter each."""
    at = app(measures_path, monkeypatch, user=VIEWER)
    at.session_state["selected_metric"] = "ES-JOBSKILLS"
    at.session_state["metric_view"] = "fiscal"
    at.run()
    at.switch_page("pages/metric.py").run()
    actual = figures(at)[0].data[0]
    assert (list(actual.x), numbers(actual.y)) == (["FY2019-20", "FY2020-21"], [20, 25])


def test_reporting_page(measures_path, monkeypatch) -> None:
    """As of today every 2020 quarter is due. Quarterly ECONOMIC SUCCESS metrics: ES-JOBSKILLS
    (WDB, NCC, City) and ES-EMPLOYERS (WDB, PED, Chamber): five partners expected a quarter."""
    at = app(measures_path, monkeypatch).run()
    at.switch_page("pages/reporting.py").run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Reported for 2020-Q4"] == "0 of 5"  # nobody sent Q4
    overdue = at.dataframe[0].value
    # Q1 and Q2: NCC sent; WDB sent ES-JOBSKILLS but owes ES-EMPLOYERS. Q3, Q4: all five owe.
    # The annual 2020 figures: Fleming and Trent (ES-STUDENTS), NCC and WDB (ES-COMPLETED, …).
    quarterly = ["Chamber", "City", "PED", "WDB"]
    assert sorted(zip(overdue["partner"], overdue["period"], strict=True)) == sorted(
        [(p, "2020-Q1") for p in quarterly]
        + [(p, "2020-Q2") for p in quarterly]
        + [(p, "2020-Q3") for p in [*quarterly, "NCC"]]
        + [(p, "2020-Q4") for p in [*quarterly, "NCC"]]
        + [(p, "2020") for p in ("Fleming", "NCC", "Trent", "WDB")]
    )


def test_community_data_page_imports(measures_path, monkeypatch) -> None:
    at = app(measures_path, monkeypatch).run()
    at.switch_page("pages/indicators.py").run()
    assert not at.exception
    assert at.title[0].value == "Bring in community data from Statistics Canada"


def test_viewer_cannot_open_community_data(measures_path, monkeypatch) -> None:
    at = app(measures_path, monkeypatch, user=VIEWER).run()
    with pytest.raises(ValueError, match="Known pages"):
        at.switch_page("pages/indicators.py")


def breakdown_of(measures_path, user: User | None):
    database = Database(measures_path)
    try:
        return metric_detail(database, "ES-JOBSKILLS", user)
    finally:
        database.close()


@pytest.mark.parametrize(
    "user", [User("vic", "Vic", "viewer"), User("pat", "Pat", "partner", "NCC"), None]
)
def test_breakdown_data_carries_no_small_count_for_others(measures_path, user) -> None:
    """Man 4 is small and woman 21 would give it away: for a viewer, a partner or nobody signed
    in, neither number is anywhere in the breakdown data, in any column."""
    detail = breakdown_of(measures_path, user)
    assert not detail.small_counts_shown
    breakdown = detail.breakdown
    assert sorted(breakdown["shown"]) == ["<5", "hidden"]
    assert breakdown["suppressed"].all()
    cells = [cell for column in breakdown.columns for cell in breakdown[column]]
    assert not {4, 21, "4", "21"} & {c for c in cells if not pd.isna(c)}
    assert "value" not in detail.breakdown_table.columns


def test_breakdown_data_shows_coordinators_every_number(measures_path) -> None:
    detail = breakdown_of(measures_path, CORA)
    assert detail.small_counts_shown
    assert dict(zip(detail.breakdown["category"], detail.breakdown["value"], strict=True)) == {
        "woman": 21,
        "man": 4,
    }
    assert not detail.breakdown["suppressed"].any()


@pytest.mark.parametrize("user", [CORA, User("vic", "Vic", "viewer")])
def test_breakdown_download_is_protected_even_for_coordinators(measures_path, user) -> None:
    """A coordinator sees 21 and 4 on screen, but the CSV they download says <5 and hidden."""
    export = breakdown_of(measures_path, user).breakdown_export
    assert sorted(export["value"]) == ["<5", "hidden"]
    assert export["period"].unique().tolist() == ["2020-Q2"]
