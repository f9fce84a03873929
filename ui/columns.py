"""The columns of the wide tables, fitted to a 1024-pixel screen (README "Pages by role"): what
people read first comes first, in view without scrolling sideways; the project name stays pinned
while the rest scrolls; long texts come last (read whole in the page's details view)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lipmetrics.categories import PROGRESS_LABELS
from lipmetrics.i18n import N_, _, current_language, format_numbers, format_percent, pgettext
from lipmetrics.measures import period_label
from lipmetrics.plan import NEW_STATUS_CHOICES, REASONS

Text = st.column_config.TextColumn

REVIEW_ORDER = [
    "project", "status_label", "new_status", "reason", "note", "other_reason", "latest_text",
    "pillar",
]  # fmt: skip
EXPLORER_ORDER = [
    "project", "status_label", "schedule", "latest_text", "working_group", "goal", "objective",
]  # fmt: skip
UNREAD_ORDER = ["project", "what", "text", "line", "pillar"]


def review_columns(plan_year: int, top_level: str) -> dict:
    """The status review's editor: project, status, new status and reason in view at 1024 px."""
    return {
        "project": Text(_("Project"), width=280, pinned=True),
        "status_label": Text(_("Status in year {year}").format(year=plan_year), width=150),
        "new_status": st.column_config.SelectboxColumn(
            _("New status"), options=NEW_STATUS_CHOICES, width=160, format_func=_
        ),
        "reason": st.column_config.SelectboxColumn(
            _("Reason"), options=list(REASONS), width=200, format_func=_
        ),
        "note": Text(_("Note"), width=220),
        "other_reason": Text(_("Other reason"), width=160),
        "latest_text": Text(_("As written"), width=220),
        "pillar": Text(top_level, width=180),
    }


def explorer_columns(plan_year: int) -> dict:
    """The plan explorer's project tables: project, status and years in view; a row picked opens
    the project in full."""
    return {
        "project": Text(_("Project"), width=300, pinned=True),
        "status_label": Text(_("Status in year {year}").format(year=plan_year), width=150),
        "schedule": Text(_("Plan years"), width=90),
        "latest_text": Text(_("Latest status, as written"), width=220),
        "working_group": Text(_("Working group"), width=180),
        "goal": Text(_("Goal / strategy"), width=220),
        "objective": Text(_("Objective"), width=220),
    }


def unread_columns(top_level: str) -> dict:
    """The texts no rule could read, in the plan explorer: the project and the words first."""
    return {
        "project": Text(_("Project"), width=300, pinned=True),
        "what": Text(_("Which text"), width=100),
        "text": Text(_("As written"), width=300),
        "line": st.column_config.NumberColumn(_("Line"), width=60),
        "pillar": Text(top_level, width=180),
    }


# The headings of the smaller tables the daily screens show, marked for the catalogs; the frames'
# own column names stay English (README "Languages").
PROGRESS_HEADINGS = {
    "pillar": N_("Pillar"), "plan_year": N_("Plan year"), "calendar_year": N_("Year"),
    "scheduled": N_("Scheduled"), "not_started": N_("Not started"),
    "working_group_formed": N_("Working group formed"), "in_progress": N_("In progress"),
    "complete": N_("Complete"), "deferred": N_("Deferred"), "unclassified": N_("Needs a person"),
    "completion_rate": N_("Completion rate"),
}  # fmt: skip


def headings(names: dict[str, str], percents: tuple[str, ...] = ()) -> dict:
    """A column_config naming each column of ``names`` in the current language; ``percents`` (ratios
    0–1) are written as percentages, the fr-CA way in French (see :func:`percents_shown`)."""
    config: dict = {column: _(label) for column, label in names.items()}
    for column in percents:
        label = config.get(column, column)
        if current_language() == "en":
            config[column] = st.column_config.NumberColumn(label, format="percent")
        else:
            config[column] = Text(label)
    return config


def percents_shown(frame: pd.DataFrame, columns: list[str], scale: float = 1.0) -> pd.DataFrame:
    """``frame`` as a table shows it: in French, the ``columns`` (ratios, or percentages with
    ``scale`` 100) as fr-CA text (``67 %``), since the browser formats numbers the way of its own
    language; in English, unchanged (a number column formats them)."""
    if current_language() == "en":
        return frame
    written = {
        c: frame[c].map(lambda v: "" if pd.isna(v) else format_percent(v / scale)) for c in columns
    }
    return frame.assign(**written)


def numbers_shown(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """``frame`` as a table shows it: in French, the number ``columns`` as fr-CA text (``1 234,5``;
    the browser would write them its own language's way, ``1234.5``); in English, unchanged."""
    if current_language() == "en":
        return frame
    return frame.assign(**{column: format_numbers(frame[column]) for column in columns})


SCORECARD_HEADINGS = {
    "metric": N_("Metric"), "name": N_("Name"), "pillar": N_("Pillar"), "unit": N_("Unit"),
    "direction": N_("Better when"), "kind": N_("Kind"), "latest_period": N_("Latest period"),
    "latest_value": N_("Latest value"), "target": N_("Target"),
    "percent_of_target": N_("Percent of target"), "baseline": N_("Baseline"),
    "baseline_period": N_("Baseline period"), "change": N_("Change since baseline"),
    "trend_text": N_("Trend"), "status": N_("Status"),
    "partners_reported": N_("Partners in the latest value"),
    "partners_expected": N_("Partners listed"),
}  # fmt: skip


def scorecard_columns() -> dict:
    """The scorecard's data table: its headings, the share of the target as a whole percentage."""
    config = headings(SCORECARD_HEADINGS)
    label = config["percent_of_target"]
    config["percent_of_target"] = (
        st.column_config.NumberColumn(label, format="%.0f%%")
        if current_language() == "en"
        else Text(label)
    )
    return config


# The metric page's tables under its charts (series, by partner, by breakdown).
TABLE_HEADINGS = {
    "period": N_("Period"), "value": N_("Value"), "target": N_("Target"), "partner": N_("Partner"),
    "dimension": N_("Breakdown"), "category": N_("Category"), "shown": N_("As shown"),
    "suppressed": N_("Hidden"), "periods": N_("Periods"), "complete": N_("Whole year"),
}  # fmt: skip


def statuses_shown(rows: pd.DataFrame) -> pd.DataFrame:
    """A project table with its status words (``status_label``, one of the English
    ``PROGRESS_LABELS``) in the current language."""
    known = set(PROGRESS_LABELS.values())
    return rows.assign(
        status_label=rows["status_label"].map(lambda label: _(label) if label in known else label)
    )


# The reporting page's tables: the overdue list and the rates per period.
REPORTING_HEADINGS = {
    "partner": N_("Partner"), "period": N_("Period"), "due": N_("Due"),
    "days_overdue": N_("Days overdue"), "metrics": N_("Metrics"), "expected": N_("Expected"),
    "reported": N_("Reported"), "on_time": N_("On time"), "rate": N_("Reporting rate"),
    "on_time_rate": N_("On-time rate"),
}  # fmt: skip


def reporting_headings(percents: tuple[str, ...] = ()) -> dict:
    """The reporting page's headings in the current language, ``percents`` as percentages."""
    return headings(REPORTING_HEADINGS, percents)


def grid_shown(matrix: pd.DataFrame) -> pd.DataFrame:
    """The partner × period grid as shown: each status and period in the current language (the
    grid keeps the English statuses and period codes; the CSV download too)."""
    shown = matrix.map(lambda status: _(status) if isinstance(status, str) else status)
    return shown.rename(columns=period_label).rename_axis(index=_("Partner"), columns=None)


def state_column() -> st.column_config.SelectboxColumn:
    """The state of a submission or of a value (stored in English: README "Languages") in the
    session's language; the column is only read, never edited."""
    words = {
        "committed": pgettext("submission state", "in force"),  # as on the withdraw form
        "withdrawn": pgettext("submission state", "withdrawn"),
        "in force": pgettext("submission state", "in force"),
        "superseded": pgettext("submission state", "superseded"),
    }
    return st.column_config.SelectboxColumn(_("State"), options=list(words), format_func=words.get)
