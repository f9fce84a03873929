"""The scorecard built from small hand-made tables: every number on a card computed by hand."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from lipmetrics.measures import breakdown_words, build_scorecard, status_counts


def metric(code, unit="count", direction="higher", frequency="quarterly", kind="performance",
           aggregation="sum", numerator="", denominator=""):  # fmt: skip
    return dict(
        code=code, name=code.title(), pillar="ECONOMIC SUCCESS", unit=unit, direction=direction,
        frequency=frequency, kind=kind, aggregation=aggregation, numerator=numerator,
        denominator=denominator,
    )  # fmt: skip


TOTALS = pd.DataFrame(
    [
        # JOBS: NCC + WDB per quarter → 20, 25, 30, 40 (rising 3 quarters)
        ("JOBS", "NCC", "2020-Q1", 12),
        ("JOBS", "WDB", "2020-Q1", 8),
        ("JOBS", "NCC", "2020-Q2", 15),
        ("JOBS", "WDB", "2020-Q2", 10),
        ("JOBS", "NCC", "2020-Q3", 18),
        ("JOBS", "WDB", "2020-Q3", 12),
        ("JOBS", "NCC", "2020-Q4", 25),
        ("JOBS", "WDB", "2020-Q4", 15),
        # LATE: only up to 2020-Q3, so 2020-Q4 is missing
        ("LATE", "NCC", "2020-Q2", 4),
        ("LATE", "NCC", "2020-Q3", 3),
        # SHARE: two partners' percentages with no numerator/denominator: not combinable
        ("SHARE", "NCC", "2020", 60),
        ("SHARE", "WDB", "2020", 25),
        # PLACED = EMPLOYED / FINISHED: 2019 (30+10)/(50+50) = 40%, 2020 (36+18)/(60+30) = 60%
        ("EMPLOYED", "NCC", "2019", 30),
        ("EMPLOYED", "WDB", "2019", 10),
        ("FINISHED", "NCC", "2019", 50),
        ("FINISHED", "WDB", "2019", 50),
        ("EMPLOYED", "NCC", "2020", 36),
        ("EMPLOYED", "WDB", "2020", 18),
        ("FINISHED", "NCC", "2020", 60),
        ("FINISHED", "WDB", "2020", 30),
    ],
    columns=["metric", "partner", "period", "value"],
)
TARGETS = pd.DataFrame(
    [
        ("JOBS", "target", "", 50.0),
        ("JOBS", "target", "2020-Q4", 46.0),
        ("JOBS", "baseline", "2019-Q4", 18.0),
        ("PLACED", "target", "", 50.0),
        ("PLACED", "baseline", "2018", 45.0),
        ("UNEMPLOY", "target", "", 8.0),
        ("UNEMPLOY", "baseline", "2016", 11.5),
        ("LATE", "target", "", 4.0),
    ],
    columns=["metric", "kind", "period", "value"],
)
INDICATORS = pd.DataFrame(
    [
        ("UNEMPLOY", "2018", 10.0, "", ""),
        ("UNEMPLOY", "2019", 9.0, "", ""),
        ("UNEMPLOY", "2020", None, "x", "suppressed to meet the confidentiality requirements"),
    ],
    columns=["metric", "period", "value", "flag", "flag_meaning"],
)
METRICS = pd.DataFrame(
    [
        metric("JOBS"),
        metric("LATE"),
        metric("SHARE", unit="percent", frequency="annual", aggregation="none"),
        metric(
            "PLACED",
            unit="percent",
            frequency="annual",
            aggregation="ratio",
            numerator="EMPLOYED",
            denominator="FINISHED",
        ),
        metric(
            "UNEMPLOY",
            unit="rate",
            direction="lower",
            frequency="annual",
            kind="population",
            aggregation="none",
        ),
        metric("NOTHING"),
    ]  # fmt: skip
)


def card(code: str) -> dict:
    cards = build_scorecard(METRICS, TOTALS, TARGETS, INDICATORS, date(2026, 11, 23), 2020)
    return cards.set_index("metric").loc[code].to_dict()


def test_counts_card() -> None:
    jobs = card("JOBS")
    assert jobs["values"] == [20, 25, 30, 40]
    assert (jobs["latest_period"], jobs["latest_value"]) == ("2020-Q4", 40)
    assert jobs["target"] == 46  # the period's own target wins over the standing 50
    assert jobs["percent_of_target"] == 100 * 40 / 46  # 86.96%: within 15%
    assert (jobs["change"], jobs["improved"]) == (22, True)  # 40 − 18
    assert (jobs["trend"], jobs["trend_run"]) == ("up", 3)
    assert jobs["trend_text"] == "improving for 3 periods"
    assert jobs["status"] == "on track"


def test_extra_columns_do_not_split_the_sums() -> None:
    """The database adds submitted_at to each value: partners still add up per period."""
    stamped = TOTALS.assign(submitted_at=pd.date_range("2021-01-01", periods=len(TOTALS)))
    cards = build_scorecard(METRICS, stamped, TARGETS, INDICATORS, date(2026, 11, 23), 2020)
    assert cards.set_index("metric").loc["JOBS", "values"] == [20, 25, 30, 40]


def test_missing_period_is_said() -> None:
    late = card("LATE")
    assert late["latest_period"] == "2020-Q3"
    assert late["status"] == "no data for 2020-Q4"
    assert (late["trend"], late["trend_run"]) == ("down", 1)


def test_weighted_percentage_card() -> None:
    placed = card("PLACED")
    assert placed["values"] == [40.0, 60.0]
    assert placed["status"] == "ahead"  # 60 is 120% of 50
    assert (placed["change"], placed["improved"]) == (15.0, True)


def test_percentages_of_several_partners_are_shown_per_partner() -> None:
    share = card("SHARE")
    assert pd.isna(share["latest_value"])
    assert share["status"] == "shown per partner: these values cannot be added up"
    assert {(p["partner"], p["value"]) for p in share["per_partner"]} == {("NCC", 60), ("WDB", 25)}


def test_population_indicator_withheld_value_is_missing_with_its_reason() -> None:
    unemploy = card("UNEMPLOY")
    assert (unemploy["latest_period"], unemploy["latest_value"]) == ("2019", 9.0)
    assert unemploy["status"] == (
        "no data for 2020: suppressed to meet the confidentiality requirements (x)"
    )
    assert (unemploy["change"], unemploy["improved"]) == (-2.5, True)  # lower is better
    assert unemploy["trend_text"] == "improving for 1 period"


def test_no_data_at_all() -> None:
    nothing = card("NOTHING")
    assert nothing["status"] == "no data yet"
    assert nothing["values"] == []


def test_status_counts() -> None:
    """Cards counted by status; a withheld period's reason does not split its count."""
    cards = build_scorecard(METRICS, TOTALS, TARGETS, INDICATORS, date(2026, 11, 23), 2020)
    # JOBS on track, LATE no data for 2020-Q4, SHARE per partner, PLACED ahead,
    # UNEMPLOY no data for 2020 (with its reason), NOTHING no data yet
    assert dict(status_counts(cards)) == {
        "on track": 1, "no data for 2020-Q4": 1, "shown per partner": 1, "ahead": 1,
        "no data for 2020": 1, "no data yet": 1,
    }  # fmt: skip


@pytest.mark.parametrize(
    ("key", "words"),
    [
        ("", ("", "")),
        ("gender=woman", ("gender", "woman")),
        ("age_group=15-24;gender=woman", ("age group × gender", "15-24 × woman")),
    ],
)
def test_breakdown_words(key, words) -> None:
    assert breakdown_words(key) == words


@pytest.mark.parametrize(
    ("baseline_period", "change"),
    [
        ("2019-Q4", 40.0 - 30.0),  # the latest quarter, 2020-Q4
        ("2019", 115.0 - 30.0),  # 2020 whole: 20 + 25 + 30 + 40
        ("FY2019-20", None),  # no whole fiscal year: FY2019-20 has 2020-Q1 only, FY2020-21 three
    ],
)
def test_baseline_stated_for_a_year_is_compared_with_a_whole_year(baseline_period, change) -> None:
    targets = pd.DataFrame(
        [("JOBS", "baseline", baseline_period, 30.0)], columns=["metric", "kind", "period", "value"]
    )
    cards = build_scorecard(
        pd.DataFrame([metric("JOBS")]), TOTALS, targets, INDICATORS, date(2026, 11, 23), 2020
    )
    row = cards.iloc[0]
    assert (row["baseline_period"], row["change"]) == (baseline_period, change)
    assert row["improved"] == (None if change is None else True)


# JOBS 2020: 20, 25, 30, 40 by quarter → sum 115, average 28.75, latest 40.
@pytest.mark.parametrize(
    ("targets", "rollup", "compared"),
    [
        # a target stated for 2020, a whole year: compared with 2020's roll-up, not 2020-Q4's 40
        ([("2020", 90.0)], None, ("2020", 115.0, 90.0, "ahead")),  # 127.8%
        ([("", 50.0), ("2020", 120.0)], None, ("2020", 115.0, 120.0, "on track")),  # over standing
        ([("2020", 30.0)], "average", ("2020", 28.75, 30.0, "on track")),
        ([("2020", 30.0)], "latest", ("2020", 40.0, 30.0, "ahead")),
        # the latest quarter's own target wins
        ([("2020-Q4", 46.0), ("2020", 90.0)], None, ("2020-Q4", 40.0, 46.0, "on track")),
        # no whole fiscal year (FY2019-20 has 2020-Q1 only): the standing target, or none
        ([("FY2019-20", 10.0)], None, ("2020-Q4", 40.0, None, None)),
        ([("", 50.0), ("FY2020-21", 10.0)], None, ("2020-Q4", 40.0, 50.0, "behind")),  # 80%
        # 2019 is not the latest whole year (2020 is): the standing target
        ([("", 50.0), ("2019", 10.0)], None, ("2020-Q4", 40.0, 50.0, "behind")),
    ],
)
def test_target_stated_for_a_year_is_compared_with_the_year(targets, rollup, compared) -> None:
    stated = pd.DataFrame(
        [("JOBS", "target", period, value) for period, value in targets],
        columns=["metric", "kind", "period", "value"],
    )
    jobs = pd.DataFrame([{**metric("JOBS"), "rollup": rollup}])
    row = build_scorecard(jobs, TOTALS, stated, INDICATORS, date(2026, 11, 23), 2020).iloc[0]
    assert (row["latest_period"], row["latest_value"], row["target"], row["band"]) == compared
    assert row["values"] == [20, 25, 30, 40]  # the series stays as reported


@pytest.mark.parametrize(
    ("code", "partners", "reported"),
    [
        ("JOBS", "NCC;WDB", (2, 2)),  # 2020-Q4: NCC 25 and WDB 15
        ("LATE", "NCC;WDB", (1, 2)),  # 2020-Q3: NCC 3 only; WDB never sent one
        ("LATE", "CITY;NCC;WDB", (1, 3)),
        ("LATE", "", (None, None)),  # no reporting partner listed: nothing to compare with
        ("SHARE", "NCC;WDB", (None, None)),  # not added up: each partner is shown
        ("UNEMPLOY", "NCC", (None, None)),  # a community indicator
        ("NOTHING", "NCC", (None, None)),  # no value yet
    ],
)
def test_a_card_says_how_many_of_its_partners_its_latest_sum_adds_up(
    code, partners, reported
) -> None:
    """A total that falls because a partner has not reported yet must not read as a decline: the
    card carries how many of the catalogue's reporting partners its latest period adds up."""
    listed = METRICS.assign(partners=[partners if m == code else "" for m in METRICS["code"]])
    cards = build_scorecard(listed, TOTALS, TARGETS, INDICATORS, date(2026, 11, 23), 2020)
    row = cards.set_index("metric").loc[code]
    shown = (row["partners_reported"], row["partners_expected"])
    assert tuple(None if pd.isna(v) else int(v) for v in shown) == reported


@pytest.mark.parametrize(
    ("partners", "targets", "reported"),
    [
        ("NCC;WDB", [("", 50.0)], (2, 2)),  # compared with 2020-Q4, which both partners sent
        ("NCC;WDB", [("2020", 90.0)], (None, None)),  # compared with 2020's roll-up: no one period
        ("NCC", [("", 50.0)], (1, 1)),  # WDB, no longer listed, is in the total, not the count
    ],
)
@pytest.mark.parametrize("summed_by", ["pandas", "database"])
def test_a_cards_partner_count_is_of_the_period_it_compares(
    partners, targets, reported, summed_by
) -> None:
    stated = pd.DataFrame(
        [("JOBS", "target", period, value) for period, value in targets],
        columns=["metric", "kind", "period", "value"],
    )
    jobs = pd.DataFrame([{**metric("JOBS"), "partners": partners}])
    # the database's sums of JOBS by hand (2020-Q1 … Q4 → 20, 25, 30, 40, each from NCC and
    # WDB), given in no particular order, as a database may return them
    sums = pd.DataFrame(
        [("JOBS", "2020-Q3", 30.0, 2, "NCC;WDB"), ("JOBS", "2020-Q1", 20.0, 2, "WDB;NCC"),
         ("JOBS", "2020-Q4", 40.0, 2, "WDB;NCC"), ("JOBS", "2020-Q2", 25.0, 2, "NCC;WDB")],
        columns=["metric", "period", "value", "partners", "partner_codes"],
    )  # fmt: skip
    given = {"pandas": {}, "database": {"sums": sums}}[summed_by]
    row = build_scorecard(jobs, TOTALS, stated, INDICATORS, date(2026, 11, 23), 2020, **given).iloc[
        0
    ]
    assert row["values"] == [20, 25, 30, 40]
    # the same two partners each quarter, whatever order their codes come in: rising over all 4
    assert (row["trend"], row["trend_run"]) == ("up", 3)
    shown = (row["partners_reported"], row["partners_expected"])
    assert tuple(None if pd.isna(v) else int(v) for v in shown) == reported


def test_a_cards_partner_count_follows_its_period_in_the_databases_sums() -> None:
    """Each sum's partner count travels with its period when the sums are put in order: 2020-Q4,
    listed first, was sent by one of the two partners, the other quarters by both."""
    sums = pd.DataFrame(
        [("JOBS", "2020-Q4", 25.0, 1, "NCC"), ("JOBS", "2020-Q2", 25.0, 2, "NCC;WDB"),
         ("JOBS", "2020-Q1", 20.0, 2, "WDB;NCC"), ("JOBS", "2020-Q3", 30.0, 2, "NCC;WDB")],
        columns=["metric", "period", "value", "partners", "partner_codes"],
    )  # fmt: skip
    jobs = pd.DataFrame([{**metric("JOBS"), "partners": "NCC;WDB"}])
    row = build_scorecard(
        jobs, TOTALS, TARGETS, INDICATORS, date(2026, 11, 23), 2020, sums=sums
    ).iloc[0]
    assert (row["periods"], row["values"]) == (
        ["2020-Q1", "2020-Q2", "2020-Q3", "2020-Q4"],
        [20.0, 25.0, 30.0, 25.0],
    )
    assert (int(row["partners_reported"]), int(row["partners_expected"])) == (1, 2)


# EMPLOYERS as the trial found it: Chamber stopped sending after 2020-Q2, so Q3 and Q4 add up
# two partners of three; the target is 25 a quarter.
EMPLOYERS = pd.DataFrame(
    [
        ("EMP", "NCC", "2020-Q1", 10), ("EMP", "WDB", "2020-Q1", 6), ("EMP", "CHAMBER", "2020-Q1", 7),
        ("EMP", "NCC", "2020-Q2", 9), ("EMP", "WDB", "2020-Q2", 6), ("EMP", "CHAMBER", "2020-Q2", 8),
        ("EMP", "NCC", "2020-Q3", 11), ("EMP", "WDB", "2020-Q3", 7),
        ("EMP", "NCC", "2020-Q4", 10), ("EMP", "WDB", "2020-Q4", 6),
    ],
    columns=["metric", "partner", "period", "value"],
)  # fmt: skip


@pytest.mark.parametrize(
    ("listed", "last", "shown"),
    [
        # Q1 23, Q2 23, Q3 18, Q4 16: read over Q3 and Q4 (two partners each), one fall; 16 is
        # 64% of 25, but a partner listed has not sent Q4: no verdict
        ("NCC;WDB;CHAMBER", {}, ("down", 1, "waiting for partners", 2, 3)),
        # the catalogue lists only the two who still report: the same trend, and a verdict
        ("NCC;WDB", {}, ("down", 1, "behind", 2, 2)),
        # Chamber's late Q4 comes in (5): Q4 21 from three partners as Q1 and Q2 were; the
        # fall from Q3 does not count, so read over Q4 alone: no trend; 21 is 84% of 25
        ("NCC;WDB;CHAMBER", {"2020-Q4": 5}, ("", 0, "behind", 3, 3)),
    ],
)
@pytest.mark.parametrize("summed_by", ["pandas", "database"])
def test_a_total_missing_a_partner_is_no_decline_and_gets_no_verdict(
    listed, last, shown, summed_by
) -> None:
    """A total that fell because a partner has not reported is not a decline, and a card whose
    latest period not every listed partner sent says it waits for them rather than "behind"
    (docs/definitions.md "Trends" and "Due periods and a card's status")."""
    late = [("EMP", "CHAMBER", period, value) for period, value in last.items()]
    totals = pd.concat([EMPLOYERS, pd.DataFrame(late, columns=EMPLOYERS.columns)])
    row = _employers_card(totals, listed, summed_by)
    assert row["values"] == [23, 23, 18, 16 + last.get("2020-Q4", 0)]
    reported = (int(row["partners_reported"]), int(row["partners_expected"]))
    assert (row["trend"], row["trend_run"], row["status"], *reported) == shown


def _employers_card(totals: pd.DataFrame, listed: str, summed_by: str) -> pd.Series:
    """The EMP card of ``totals`` (metric, partner, period, value) with ``listed`` partners and a
    target of 25, the sums added up by pandas or given as the database returns them (the
    partners' codes joined in no set order: here in turn one way and the other)."""
    per_period = totals.groupby("period")
    codes = [";".join(sorted(p, reverse=bool(i % 2)))
             for i, p in enumerate(per_period["partner"].agg(list))]  # fmt: skip
    sums = pd.DataFrame(
        {"metric": "EMP", "value": per_period["value"].sum().astype(float),
         "partners": per_period["partner"].count(), "partner_codes": codes}
    ).rename_axis("period").reset_index()  # fmt: skip
    employers = pd.DataFrame([{**metric("EMP"), "partners": listed}])
    target = pd.DataFrame([("EMP", "target", "", 25.0)], columns=TARGETS.columns)
    given = {"pandas": {}, "database": {"sums": sums}}[summed_by]
    return build_scorecard(
        employers, totals, target, INDICATORS, date(2026, 11, 23), 2020, **given
    ).iloc[0]


# Two partners every quarter, but not the same two: WDB stopped after 2020-Q2 and Chamber, no
# longer in the catalogue's list, sent Q3 and Q4.
SWAPPED = pd.DataFrame(
    [
        ("EMP", "NCC", "2020-Q1", 10), ("EMP", "WDB", "2020-Q1", 6),
        ("EMP", "NCC", "2020-Q2", 9), ("EMP", "WDB", "2020-Q2", 7),
        ("EMP", "NCC", "2020-Q3", 11), ("EMP", "CHAMBER", "2020-Q3", 12),
        ("EMP", "NCC", "2020-Q4", 10), ("EMP", "CHAMBER", "2020-Q4", 14),
    ],
    columns=["metric", "partner", "period", "value"],
)  # fmt: skip


@pytest.mark.parametrize(
    ("listed", "shown"),
    [
        # Q1 16, Q2 16, Q3 23, Q4 24: read over Q3 and Q4 (NCC and Chamber), one rise, not the
        # three periods two partners sent each; WDB, listed, has not sent Q4, and Chamber, not
        # listed, does not stand in for it: 1 of 2, no verdict
        ("NCC;WDB", ("up", 1, "waiting for partners", 1, 2)),
        # the catalogue lists the two who sent Q4: 24 is 96% of 25, on track
        ("NCC;CHAMBER", ("up", 1, "on track", 2, 2)),
    ],
)
@pytest.mark.parametrize("summed_by", ["pandas", "database"])
def test_a_cards_partners_are_who_sent_not_how_many(listed, shown, summed_by) -> None:
    """Partners are compared as who sent, not how many: a total from other partners is not the
    same series, and an unlisted partner does not make a listed one's report come in."""
    row = _employers_card(SWAPPED, listed, summed_by)
    assert row["values"] == [16, 16, 23, 24]
    reported = (int(row["partners_reported"]), int(row["partners_expected"]))
    assert (row["trend"], row["trend_run"], row["status"], *reported) == shown
