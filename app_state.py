"""The app side of lipmetrics: the shared database connection, bounded caches and session keys.

Pages import this module; ``lipmetrics`` never does. Caching lives only here, bounded, and
:func:`clear_caches` runs after every write so that no page shows stale numbers.
"""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from lipmetrics.config import load_settings
from lipmetrics.db import Database
from lipmetrics.errors import LipmetricsError
from lipmetrics.plans import PlanData, default_plan_name, list_plans, load_plan, plan_progress

# Session-state keys, named in one place.
PLAN_KEY = "selected_plan"
EXPLORER_YEAR_KEY = "explorer_plan_year"
OVERVIEW_YEAR_KEY = "overview_plan_year"
IMPORT_DONE_KEY = "import_last_plan"

IMPORT_PAGE = "pages/import_plan.py"

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


@st.cache_resource(show_spinner=False)
def database() -> Database:
    """The one DuckDB connection of this server process (each call uses its own cursor)."""
    return Database(load_settings().db_path)


def get_db() -> Database:
    """Return the database, or stop the page with a sentence when it cannot be opened."""
    try:
        return database()
    except LipmetricsError as exc:
        st.error(str(exc))
        st.stop()


@st.cache_data(max_entries=4, ttl=600, show_spinner=False)
def plans_frame() -> pd.DataFrame:
    return list_plans(get_db())


@st.cache_data(max_entries=16, ttl=600, show_spinner=False)
def plan_data(name: str) -> PlanData:
    return load_plan(get_db(), name)


@st.cache_data(max_entries=16, ttl=600, show_spinner=False)
def progress(name: str) -> pd.DataFrame:
    return plan_progress(plan_data(name))


def clear_caches() -> None:
    """Forget every cached read; call after any write."""
    plans_frame.clear()
    plan_data.clear()
    progress.clear()


def choose_plan_in_sidebar() -> None:
    """Show the plan selector shared by every page (nothing when there is no plan yet)."""
    plans = plans_frame()
    if plans.empty:
        return
    names = plans["name"].astype(str).tolist()
    if st.session_state.get(PLAN_KEY) not in names:
        st.session_state[PLAN_KEY] = default_plan_name(plans)
    st.sidebar.selectbox("Plan", names, key=PLAN_KEY)


def selected_plan() -> PlanData:
    """Return the plan chosen in the sidebar, or stop the page with what to do when there is none."""
    name = st.session_state.get(PLAN_KEY)
    if not name:
        st.title("No plan yet")
        st.info(
            "The database has no plan yet. Import your workplan (an Excel or CSV file) to see its "
            "progress here, or load the demo plans with `lipmetrics init --demo`."
        )
        st.page_link(IMPORT_PAGE, label="Import a workplan", icon=":material/upload_file:")
        st.stop()
    try:
        return plan_data(name)
    except LipmetricsError as exc:
        st.error(str(exc))
        st.stop()


def text(value: object) -> str:
    """Escape user-supplied text for Streamlit markdown so that it is shown as typed, never as
    formatting, links or HTML."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(value))


def year_label(data: PlanData, plan_year: int) -> str:
    """ "Year 2 (2017)": a plan year with its calendar year."""
    return f"Year {plan_year} ({data.start_year + plan_year - 1})"
