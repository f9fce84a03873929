"""The columns of the wide tables, fitted to a 1024-pixel screen (README "Pages by role"): what
people read first comes first, in view without scrolling sideways; the project name stays pinned
while the rest scrolls; long texts come last (read whole in the page's details view)."""

from __future__ import annotations

import streamlit as st

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
        "project": Text("Project", width=280, pinned=True),
        "status_label": Text(f"Status in year {plan_year}", width=150),
        "new_status": st.column_config.SelectboxColumn(
            "New status", options=NEW_STATUS_CHOICES, width=160
        ),
        "reason": st.column_config.SelectboxColumn("Reason", options=list(REASONS), width=200),
        "note": Text("Note", width=220),
        "other_reason": Text("Other reason", width=160),
        "latest_text": Text("As written", width=220),
        "pillar": Text(top_level, width=180),
    }


def explorer_columns(plan_year: int) -> dict:
    """The plan explorer's project tables: project, status and years in view; a row picked opens
    the project in full."""
    return {
        "project": Text("Project", width=300, pinned=True),
        "status_label": Text(f"Status in year {plan_year}", width=150),
        "schedule": Text("Plan years", width=90),
        "latest_text": Text("Latest status, as written", width=220),
        "working_group": Text("Working group", width=180),
        "goal": Text("Goal / strategy", width=220),
        "objective": Text("Objective", width=220),
    }


def unread_columns(top_level: str) -> dict:
    """The texts no rule could read, in the plan explorer: the project and the words first."""
    return {
        "project": Text("Project", width=300, pinned=True),
        "what": Text("Which text", width=100),
        "text": Text("As written", width=300),
        "line": st.column_config.NumberColumn("Line", width=60),
        "pillar": Text(top_level, width=180),
    }
