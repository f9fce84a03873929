"""The app's data: the one database connection and bounded caches of lipmetrics reads.

Caching lives only here, bounded, and :func:`clear_caches` runs after every write so that no page
shows stale numbers."""

from __future__ import annotations

import sys
from datetime import date
from urllib.parse import urlsplit

import pandas as pd
import streamlit as st

from lipmetrics.accounts import SetupCode, User
from lipmetrics.errors import LipmetricsError
from lipmetrics.measures import MetricDetail, catalog, completeness, metric_detail, scorecard
from lipmetrics.plan import PlanData, list_plans, load_plan, progress_of
from lipmetrics.reports import Slide, meeting_slides
from lipmetrics.settings import load_settings
from lipmetrics.store import Database
from ui.errors import show_error


@st.cache_resource(show_spinner=False)
def database() -> Database:
    """The one DuckDB connection of this server process (each call uses its own cursor)."""
    return Database(load_settings().db_path)


def get_db() -> Database:
    """Return the database, or stop the page with a sentence when it cannot be opened."""
    try:
        return database()
    except LipmetricsError as exc:
        show_error(exc)
        st.stop()


def _print_setup_code(code: str) -> None:
    """Print the set-up code to the server's log (stderr), as Jupyter prints its token."""
    parts = urlsplit(st.context.url or "")
    address = f"{parts.scheme}://{parts.netloc}/" if parts.netloc else "the app's address"
    print(
        f"lipmetrics set-up code: {code} (enter it on the Set up page at {address})",
        file=sys.stderr,
        flush=True,
    )


@st.cache_resource(show_spinner=False)
def setup_code() -> SetupCode:
    """The one-time set-up code of this server process, made (and printed) on the first visit
    while the database has no administrator; cleared once the administrator exists (README
    "Accounts, roles and sign-in", The first administrator)."""
    return SetupCode(_print_setup_code)


@st.cache_data(max_entries=4, ttl=600, show_spinner=False)
def plans_frame() -> pd.DataFrame:
    return list_plans(get_db())


@st.cache_data(max_entries=16, ttl=600, show_spinner=False)
def plan_data(name: str) -> PlanData:
    return load_plan(get_db(), name)


@st.cache_data(max_entries=16, ttl=600, show_spinner=False)
def progress(name: str) -> pd.DataFrame:
    return progress_of(get_db(), name)  # counted in the database (README "Benchmarks")


@st.cache_data(max_entries=16, ttl=600, show_spinner=False)
def scorecard_cards(plan: str, as_of: date) -> pd.DataFrame:
    return scorecard(get_db(), plan, None, as_of, load_settings().on_track_margin)


@st.cache_data(max_entries=32, ttl=600, show_spinner=False)
def metric_page_data(code: str, view: str, user: User | None) -> MetricDetail:
    return metric_detail(get_db(), code, user, view, load_settings().small_cell)


@st.cache_data(max_entries=16, ttl=600, show_spinner=False)
def reporting(plan: str, as_of: date) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    return completeness(get_db(), plan, as_of, load_settings().report_due_days)


@st.cache_data(max_entries=8, ttl=600, show_spinner=False)
def meeting_deck(plan: str, meeting: date, since: date) -> list[Slide]:
    settings = load_settings()
    return meeting_slides(
        get_db(), plan, meeting, since, settings.on_track_margin, settings.report_due_days
    )


@st.cache_data(max_entries=4, ttl=600, show_spinner=False)
def metric_catalogue() -> pd.DataFrame:
    return catalog(get_db())


def clear_caches() -> None:
    """Forget every cached read; call after any write."""
    for cached in (plans_frame, plan_data, progress, scorecard_cards, metric_page_data, reporting,
                   metric_catalogue, meeting_deck):  # fmt: skip
        cached.clear()
