"""Illustrative partner figures for the demo: several years of submissions from several partners,
a few late or missing reports, targets, "story behind the curve" notes and one third-party
indicator. Generated in code, the same every time; every file and note is marked illustrative.

The figures are made up. They follow the PIP 2016-2021 plan's metrics so that the scorecard,
metric and completeness pages have something true-to-life to show: growth towards the targets,
a dip in spring 2020, small counts in some breakdowns (to show small-cell protection).
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from pathlib import Path

import pandas as pd

from lipmetrics.accounts import OPERATOR, User
from lipmetrics.measures import (
    catalog,
    import_indicator,
    parse_period,
    set_target,
    split_list,
    write_note,
)
from lipmetrics.store import Database, queries
from lipmetrics.submissions import check_submission, commit_submission

FIGURES_SETTING = "demo_figures"
SEED = 2016
YEARS = range(2016, 2021)
COORDINATOR = User("coordinator", "Demo coordinator (outcomes working group)", "coordinator")
STATCAN_FILE = "statcan_14100083_ILLUSTRATIVE.csv"
STATCAN_SOURCE = (
    "Illustrative figures in the layout of Statistics Canada table 14-10-0083 (not real data)"
)
# Reports that never came (partner, metric, period) and partners that often report late.
NEVER_SENT = {("Chamber", "ES-EMPLOYERS", "2020-Q3"), ("Chamber", "ES-EMPLOYERS", "2020-Q4"),
              ("CRRC", "SI-TRAINING", "2020-Q2"), ("County", "SI-REPS", "2019")}  # fmt: skip
OFTEN_LATE = {"CRRC", "Fleming"}
GENDERS = {"woman": 0.52, "man": 0.44, "gender diverse": 0.015, "not stated": 0.025}
NOTES = [
    ("ES-JOBSKILLS", "2020-Q2", "Illustrative note: in-person registration stopped in mid-March "
     "(COVID-19); the skills inventory moved online in May, and registrations recovered by the fall."),
    ("EC-ATTEND", "2020-Q2", "Illustrative note: every public event from March to June was "
     "cancelled; the speakers' bureau moved to online talks in June."),
    ("ES-EMPLOYERS", "2019-Q4", "Illustrative note: the employer table met twice this quarter "
     "and the business case for hiring newcomers went to 40 employers."),
]  # fmt: skip


def _value(metric: dict, partners: int, index: int, count: int, rng: random.Random) -> float:
    """A value moving from the baseline towards the target over the plan, with noise, and a dip
    in 2020-Q2 for activity counts."""
    baseline = metric["baseline"] if pd.notna(metric["baseline"]) else 10.0
    target = metric["target"] if pd.notna(metric["target"]) else baseline * 1.5
    share = 1.0 / partners if metric["unit"] == "count" and metric["rollup"] != "latest" else 1.0
    level = baseline + (target - baseline) * (index / max(count - 1, 1)) ** 0.8
    if metric["rollup"] == "latest":  # a stock (members, seats) is reported by each partner
        share = 1.0 / partners
    noisy = level * share * rng.uniform(0.85, 1.12)
    if metric["unit"] == "percent":
        return round(min(max(noisy, 0.0), 100.0), 1)
    return float(max(round(noisy), 0))


def _periods(frequency: str) -> list[str]:
    if frequency == "annual":
        return [str(y) for y in YEARS]
    if frequency == "quarterly":
        return [f"{y}-Q{q}" for y in YEARS for q in range(1, 5)]
    return [f"{y}-{m:02d}" for y in YEARS for m in range(1, 13)]


def _quarter_of(period: str) -> str:
    """The quarter whose report carries a period (a year goes with its fourth quarter)."""
    parsed = parse_period(period)
    quarter = 4 if parsed.kind == "year" else (parsed.end.month - 1) // 3 + 1
    return f"{parsed.end.year}-Q{quarter}"


def figure_lines(metrics: pd.DataFrame) -> pd.DataFrame:
    """Every illustrative line: partner, quarter (of the report), metric, period, gender, value."""
    rng = random.Random(SEED)
    lines = []
    ratio = {}
    for metric in metrics.to_dict("records"):
        if metric["kind"] != "performance" or metric["code"] == "ES-PLACED":
            continue
        partners = split_list(metric["partners"])
        periods = _periods(metric["frequency"])
        for partner in partners:
            for index, period in enumerate(periods):
                if (partner, metric["code"], period) in NEVER_SENT:
                    continue
                value = _value(metric, len(partners), index, len(periods), rng)
                if period == "2020-Q2" and metric["code"] in (
                    "EC-ATTEND",
                    "EC-EVENTS",
                    "ES-JOBSKILLS",
                ):
                    value = float(round(value * 0.3))
                lines.append((partner, _quarter_of(period), metric["code"], period, "", value))
                ratio[(metric["code"], partner, period)] = value
                if "gender" in split_list(metric["breakdowns"]) and metric["unit"] == "count":
                    parts = {
                        g: round(value * s * rng.uniform(0.8, 1.2)) for g, s in GENDERS.items()
                    }
                    parts["woman"] = max(
                        value - sum(v for g, v in parts.items() if g != "woman"), 0
                    )
                    lines += [
                        (partner, _quarter_of(period), metric["code"], period, g, float(v))
                        for g, v in parts.items()
                    ]
    for (code, partner, period), employed in ratio.items():  # ES-PLACED from its two counts
        finished = ratio.get(("ES-COMPLETED", partner, period))
        if code == "ES-EMPLOYED3M" and finished:
            share = round(min(100.0, 100.0 * employed / finished), 1)
            lines.append((partner, _quarter_of(period), "ES-PLACED", period, "", share))
    return pd.DataFrame(
        lines, columns=["partner", "quarter", "metric", "period", "gender", "value"]
    )


def load_demo_figures(db: Database, data_dir: Path, store_dir: Path) -> int:
    """Load the illustrative submissions, targets, notes and indicator once; return how many
    submissions were added (0 when already loaded)."""
    with db.cursor() as cur:
        if queries.get_setting(cur, FIGURES_SETTING) == "true":
            return 0
    metrics = catalog(db)
    lines = figure_lines(metrics)
    accounts = {"NCC": User("ncc", "Demo partner", "partner", "NCC"),
                "WDB": User("wdb", "Demo partner", "partner", "WDB")}  # fmt: skip
    rng = random.Random(SEED + 1)
    added = 0
    for (quarter, partner), block in lines.groupby(["quarter", "partner"], sort=True):
        text = block[["metric", "period", "value", "gender"]].to_csv(index=False, float_format="%g")
        data = text.encode()
        name = f"{partner}-{quarter}-illustrative.csv"
        check = check_submission(
            db, data, name, partner, today=parse_period(quarter).end + timedelta(days=90)
        )
        if not check.ok:
            raise AssertionError(f"demo file {name}: {check.problems[:3]}")  # a bug in this module
        days = (
            rng.randint(35, 80)
            if partner in OFTEN_LATE and rng.random() < 0.6
            else rng.randint(5, 28)
        )
        received = datetime.combine(parse_period(quarter).end, datetime.min.time()) + timedelta(
            days=days, hours=10
        )
        actor = accounts.get(partner, COORDINATOR)
        # Illustrative series swing (events cancelled in 2020): say so where the check warns.
        note = "Illustrative figures of the demonstration." if check.warnings else None
        commit_submission(db, actor, check, data, store_dir, received_at=received, note=note)
        added += 1
    set_target(
        db,
        COORDINATOR,
        "EC-ATTEND",
        200,
        "Illustrative: reduced while events are cancelled (COVID-19)",
        "2020-Q2",
    )
    for metric, period, note in NOTES:
        write_note(db, COORDINATOR, metric, period, note)
    statcan = data_dir / "demo" / STATCAN_FILE
    import_indicator(
        db, OPERATOR, "MP-UNEMPLOY", statcan.read_bytes(), statcan.name, "Peterborough, Ontario",
        {"Labour force characteristics": "Unemployment rate",
         "Immigrant status": "Immigrants, landed 5 or less years earlier"},
        STATCAN_SOURCE,
    )  # fmt: skip
    with db.transaction() as cur:
        queries.set_setting(cur, FIGURES_SETTING, "true")
    return added
