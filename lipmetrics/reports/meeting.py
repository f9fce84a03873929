"""Meeting mode: the slides the coordinating committee walks through on a projector (README "What is on screen").

:func:`meeting_slides` gathers, for a plan and a meeting date, one slide each for the title, the
overall progress, every pillar, what changed since the last meeting and what needs attention. A
slide holds its figure (a :mod:`lipmetrics.reports.charts` figure, 24 px text), its lines in words (also its
text alternative) and speaker notes; the screen and the PPTX deck are both built from them.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import pandas as pd
import plotly.graph_objects as go

from lipmetrics.categories import PROGRESS_CATEGORIES, PROGRESS_LABELS
from lipmetrics.measures import card_records, completeness, format_value, scorecard
from lipmetrics.plan import (
    ALL_PILLARS,
    PlanData,
    changes_since,
    load_plan,
    plan_progress,
    plan_year_of,
    project_table,
)
from lipmetrics.reports import year_chart
from lipmetrics.settings import DEFAULTS
from lipmetrics.store import Database, queries

MAX_LINES = 5  # what a projector shows at 1024×768 beside a chart without scrolling


def short(text: str, width: int = 70) -> str:
    """A project's name cut to fit one line of a slide (the full name is in the explorer)."""
    return textwrap.shorten(str(text), width=width, placeholder="…")


LAST_MEETING_SETTING = "last_meeting:{plan}"
SINCE_DAYS = 60  # about the time between two committee meetings


@dataclass
class Slide:
    """One slide: its title, what it says in words, its figure (drawn without a title: the
    screen writes ``caption`` above it as a heading that wraps) and the speaker's notes."""

    kind: str  # title, overall, pillar, changes, attention
    title: str
    lines: list[str] = field(default_factory=list)
    figure: go.Figure | None = None
    notes: str = ""
    caption: str = ""


def _clip(lines: list[str], more: str) -> list[str]:
    """At most MAX_LINES lines; the last says how many more there are."""
    if len(lines) <= MAX_LINES:
        return lines
    return [*lines[: MAX_LINES - 1], more.format(count=len(lines) - MAX_LINES + 1)]


def status_words(row: pd.Series) -> str:
    """Status counts of a progress row in words: "3 complete · 2 in progress · …"."""
    parts = [f"{int(row[c])} {PROGRESS_LABELS[c].lower()}" for c in PROGRESS_CATEGORIES if row[c]]
    return " · ".join(parts) if parts else "no project scheduled"


def _metric_line(card: dict) -> str:
    value = format_value(card["latest_value"], card["unit"]) if card["latest_period"] else "—"
    target = (
        f" (target {format_value(card['target'], card['unit'])})"
        if card["target"] is not None
        else ""
    )
    when = f" in {card['latest_period']}" if card["latest_period"] else ""
    return f"{card['name']}: {value}{when}{target} — {card['status']}"


def previous_meeting(db: Database, plan: str) -> date | None:
    """The date of the plan's last meeting the app remembers, or None."""
    with db.cursor() as cur:
        text = queries.get_setting(cur, LAST_MEETING_SETTING.format(plan=plan))
    return date.fromisoformat(text) if text else None


def since_date(previous: date | None, today: date) -> date:
    """The date a meeting counts changes from: the plan's previous meeting when the app remembers
    one, else :data:`SINCE_DAYS` days before ``today``. Meeting mode and the meeting deck both use it."""
    return previous or today - timedelta(days=SINCE_DAYS)


def meeting_since(db: Database, plan: str, today: date) -> date:
    """:func:`since_date` for ``plan``, with its previous meeting read from the database."""
    return since_date(previous_meeting(db, plan), today)


def remember_meeting(db: Database, plan: str, meeting: date) -> None:
    """Remember ``meeting`` as the plan's last meeting (the next one's "since" date)."""
    with db.transaction() as cur:
        queries.set_setting(cur, LAST_MEETING_SETTING.format(plan=plan), meeting.isoformat())


def meeting_slides(
    db: Database,
    plan: str,
    meeting: date,
    since: date,
    margin: float = DEFAULTS.on_track_margin,
    due_days: int = DEFAULTS.report_due_days,
) -> list[Slide]:
    """Every slide of a meeting on ``meeting`` about ``plan``, changes counted from ``since``."""
    data = load_plan(db, plan)
    rates = plan_progress(data)
    year = data.current_plan_year()
    calendar = data.start_year + year - 1
    cards = scorecard(db, plan, None, meeting, margin)
    card_list = card_records(cards)
    slides = [
        _title_slide(data, meeting, since, year, calendar),
        _overall_slide(rates, year, calendar),
    ]
    slides += [
        _pillar_slide(pillar, rates, year, card_list, data.top_level_name)
        for pillar in data.pillars["pillar"]
    ]
    slides.append(_changes_slide(db, plan, since, {c["metric"] for c in card_list}))
    slides.append(_attention_slide(db, data, year, card_list, meeting, due_days))
    return slides


def _title_slide(data: PlanData, meeting: date, since: date, year: int, calendar: int) -> Slide:
    return Slide(
        "title",
        data.name,
        [
            f"Coordinating committee meeting, {meeting:%B %-d, %Y}",
            f"Plan years {data.start_year}–{data.start_year + data.years - 1}; "
            f"now in plan year {year} ({calendar})",
            f"Changes since {since:%B %-d, %Y}",
        ],
        notes=f"Welcome. Today: progress of each {data.top_level_name.lower()}, what changed since "
        f"{since:%B %-d}, and what needs attention.",
    )  # fmt: skip


def _overall_slide(rates: pd.DataFrame, year: int, calendar: int) -> Slide:
    all_rows = rates[rates["pillar"] == ALL_PILLARS]
    this_year = all_rows[all_rows["plan_year"] == year].iloc[0]
    return Slide(
        "overall",
        "Overall progress",
        [
            f"Plan year {year} ({calendar}): {int(this_year['complete'])} of "
            f"{int(this_year['scheduled'])} scheduled projects complete",
            status_words(this_year),
        ]
        + [
            f"Year {int(r.plan_year)} ({int(r.calendar_year)}): {int(r.complete)} of {int(r.scheduled)} complete"
            for r in all_rows.itertuples()
            if r.plan_year != year and r.scheduled
        ]
        + _unscheduled(all_rows),
        year_chart.completion_by_year(all_rows, None, year_chart.MEETING_FONT, height=None),
        notes="Completion = projects scheduled in the year whose status is complete.",
        caption="All projects: completion per plan year",
    )  # fmt: skip


def _unscheduled(rows: pd.DataFrame) -> list[str]:
    """The line naming the plan years with nothing scheduled (their bars say "—"), if any."""
    years = [f"year {int(r.plan_year)} ({int(r.calendar_year)})" for r in rows.itertuples()
             if not r.scheduled]  # fmt: skip
    if not years:
        return []
    named = years[0] if len(years) == 1 else ", ".join(years[:-1]) + " and " + years[-1]
    return [f"No project is scheduled in {named}."]


def _pillar_slide(
    pillar: str, rates: pd.DataFrame, year: int, card_list: list[dict], level: str
) -> Slide:
    rows = rates[rates["pillar"] == pillar]
    current = rows[rows["plan_year"] == year]
    lines = [
        f"Plan year {year}: "
        + (status_words(current.iloc[0]) if not current.empty else "no project")
    ]
    lines += _unscheduled(rows)
    mine = [_metric_line(c) for c in card_list if c["pillar"] == pillar]
    lines += _clip(mine, "… and {count} more metrics on the scorecard")
    return Slide(
        "pillar",
        str(pillar),
        _clip(lines, "… {count} more"),
        year_chart.completion_by_year(rows, None, year_chart.MEETING_FONT, height=None),
        notes=f"{len(mine)} shared metric(s) inform this {level.lower()}.",
        caption="Completion per plan year",
    )  # fmt: skip


def plan_submissions(received: pd.DataFrame, metrics: set[str]) -> pd.DataFrame:
    """The rows of ``received`` (:func:`queries.submissions_since`) that sent a value for one of
    ``metrics`` (the plan's): a meeting about one plan counts only the figures that inform it."""
    sent = received["metrics"].map(
        lambda codes: bool(metrics & set(codes if codes is not None else ()))
    )
    return received[sent.astype(bool)]


def late_projects(table: pd.DataFrame, schedule: pd.DataFrame, now_year: int) -> pd.DataFrame:
    """The rows of ``table`` (:func:`project_table`) whose scheduled years have all passed by plan
    year ``now_year`` without the project being complete. ``now_year`` may lie beyond the plan's
    last year: once a plan has ended, every project it did not complete is past its years.

    In: ``schedule`` with project_id, plan_year (one row per scheduled year)."""
    last = schedule.groupby("project_id")["plan_year"].max()
    passed = last[last < now_year].index
    return table[table["project_id"].isin(passed) & (table["status"] != "complete")]


def _changes_slide(db: Database, plan: str, since: date, metrics: set[str]) -> Slide:
    changes = changes_since(db, plan, datetime.combine(since, datetime.min.time()))
    lines = [
        f"{short(r.project, 60)}: {r.status.lower()} ({short(r.reason or 'no reason given', 40)})"
        for r in changes.itertuples()
    ]
    with db.cursor() as cur:
        received = queries.submissions_since(cur, datetime.combine(since, datetime.min.time()))
    received = plan_submissions(received, metrics)
    corrected = int((received["replaced"] > 0).sum())
    summary = [
        f"{len(changes)} status change(s) recorded",
        f"{len(received)} submission(s) received ({corrected} correcting earlier figures) from "
        + (
            ", ".join(sorted(received["partner_code"].unique()))
            if not received.empty
            else "no partner"
        ),
    ]
    return Slide(
        "changes", f"Changed since {since:%B %-d, %Y}",
        summary + _clip(lines, "… and {count} more status changes (see the audit log)"),
        notes="\n".join(
            ["Status changes with their reasons and notes, newest first:"]
            + [_change_words(r) for r in changes.itertuples()]
        ),
    )  # fmt: skip


def _change_words(change) -> str:
    """A status change for the speaker's notes: "A2 Project: In progress; reason: …; note: …"."""
    parts = [f"{change.project}: {change.status}"]
    parts += [f"{label}: {text}" for label, text in (
        ("reason", change.reason), ("note", change.note)) if isinstance(text, str) and text]  # fmt: skip
    return "; ".join(parts)


def _attention_slide(db, data, year: int, cards: list[dict], meeting: date, due_days: int) -> Slide:
    # The meeting's own plan year, past the last one once the plan has ended.
    now_year = max(year, plan_year_of(meeting, data.start_year))
    late = late_projects(project_table(data, year), data.schedule, now_year)
    behind = [c["name"] for c in cards if c["status"] == "behind"]
    _, _, overdue = completeness(db, data.name, meeting, due_days)
    lines = [
        f"{len(late)} project(s) whose scheduled years have passed without completion"
        + (
            ": " + "; ".join(short(p, 50) for p in late["project"].head(2))
            if not late.empty
            else ""
        ),
        f"{len(behind)} metric(s) behind target" + (": " + "; ".join(behind[:2]) if behind else ""),
        f"{len(overdue)} overdue partner report(s)"
        + (": " + ", ".join(sorted(overdue["partner"].unique())) if not overdue.empty else ""),
    ]
    return Slide(
        "attention", "Needs attention", lines,
        notes="Ask each working group lead about their projects past their years.",
    )  # fmt: skip
