"""The app side of lipmetrics: the shared database connection, bounded caches, the signed-in user and
session-state keys.

Pages import this module; ``lipmetrics`` never does. Caching lives only here, bounded, and
:func:`clear_caches` runs after every write so that no page shows stale numbers.
"""

from __future__ import annotations

import re
import time
from datetime import date

import pandas as pd
import streamlit as st

from lipmetrics.auth import User
from lipmetrics.catalog import catalog
from lipmetrics.completeness import completeness
from lipmetrics.config import load_settings
from lipmetrics.db import Database
from lipmetrics.errors import LipmetricsError
from lipmetrics.exports import to_csv_bytes
from lipmetrics.meeting import Slide, meeting_slides
from lipmetrics.plans import PlanData, default_plan_name, list_plans, load_plan, plan_progress
from lipmetrics.scorecard import MetricDetail, metric_detail, scorecard

# Session-state keys, named in one place.
PLAN_KEY = "selected_plan"
PLAN_WIDGET_KEY = "plan_selector"
USER_KEY = "signed_in_user"
LAST_SEEN_KEY = "last_seen"
NOTICE_KEY = "sign_in_notice"
EXPLORER_YEAR_KEY = "explorer_plan_year"
EXPLORER_PROJECT_KEY = "explorer_project"
OVERVIEW_YEAR_KEY = "overview_plan_year"
REVIEW_YEAR_KEY = "review_plan_year"
STATUS_NOTICE_KEY = "status_recorded_notice"
METRIC_KEY = "selected_metric"
METRIC_VIEW_KEY = "metric_view"
SCORECARD_PILLAR_KEY = "scorecard_pillar"
MEASURE_NOTICE_KEY = "measure_notice"
METRIC_PAGE = "pages/metric.py"
MEETING_SLIDE_KEY = "meeting_slide"
MEETING_SINCE_KEY = "meeting_since"
MEETING_AUTO_KEY = "meeting_auto_advance"
MEETING_TURNED_KEY = "meeting_turned_at"

IMPORT_PAGE = "pages/import_plan.py"
HISTORY_HEADINGS = {
    "date": "Date",
    "plan_year": "Plan year",
    "status": "Status",
    "original_text": "As written",
    "note": "Note",
    "reason": "Reason",
    "recorded_by": "Recorded by",
    "illustrative": "Demo data",
}

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-!|<>~$])")
# Markdown turns http://…, www.… and a@b.c into links on its own, escaped or not; an invisible
# word joiner (U+2060) inside each keeps the text as typed on screen but never a link.
_AUTOLINKS = [
    (re.compile(r"://"), ":\u2060//"),
    (re.compile(r"(?i)\bwww\."), "www\u2060."),
    (re.compile("@"), "\u2060@"),
]


def require_navigation() -> None:
    """Make sure this run goes through app.py's st.navigation; call first on every page.

    Our pages live in ``pages/`` (the design asks for it), which Streamlit also knows as its legacy
    multipage folder. On a fresh server whose first request is a page's own URL, Streamlit runs
    that page file alone, without app.py (no navigation, no sign-in check). The first
    st.navigation call switches that legacy mode off for the whole process; here we switch it off
    and rerun, so the request is served through app.py like every other.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


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


@st.cache_data(max_entries=16, ttl=600, show_spinner=False)
def scorecard_cards(plan: str, as_of: date) -> pd.DataFrame:
    return scorecard(get_db(), plan, None, as_of, load_settings().on_track_margin)


@st.cache_data(max_entries=32, ttl=600, show_spinner=False)
def metric_page_data(code: str, view: str, show_small_cells: bool) -> MetricDetail:
    return metric_detail(get_db(), code, view, show_small_cells, load_settings().small_cell)


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


# --- the signed-in user ------------------------------------------------------------------------


def current_user() -> User | None:
    """The signed-in account, or None; a session idle for too long is signed out here."""
    stored = st.session_state.get(USER_KEY)
    if stored is None:
        return None
    idle = time.time() - st.session_state.get(LAST_SEEN_KEY, 0)
    if idle > load_settings().session_minutes * 60:
        sign_out("You were signed out after a period without activity. Sign in again to continue.")
        return None
    st.session_state[LAST_SEEN_KEY] = time.time()
    return User(**stored)


def sign_in(user: User) -> None:
    """Start a session for ``user`` (after :func:`lipmetrics.auth.authenticate` said yes)."""
    st.session_state[USER_KEY] = {
        "username": user.username,
        "display_name": user.display_name,
        "role": user.role,
        "partner_code": user.partner_code,
    }
    st.session_state[LAST_SEEN_KEY] = time.time()
    st.session_state.pop(NOTICE_KEY, None)


def sign_out(notice: str | None = None) -> None:
    """End the session; keep a sentence to show on the sign-in page."""
    for key in (USER_KEY, LAST_SEEN_KEY, PLAN_KEY):
        st.session_state.pop(key, None)
    if notice:
        st.session_state[NOTICE_KEY] = notice


def sso_configured() -> bool:
    """True when .streamlit/secrets.toml has an [auth] section (single sign-on through st.login)."""
    from streamlit.errors import StreamlitSecretNotFoundError

    try:
        return "auth" in st.secrets
    except StreamlitSecretNotFoundError:
        return False


def require_permission(action: str) -> User:
    """Return the signed-in user when their role allows ``action``; otherwise stop the page."""
    user = current_user()
    if user is None or not user.can(action):
        st.error("This page is not available to your account.")
        st.stop()
    return user


# --- the plan ----------------------------------------------------------------------------------


def choose_plan() -> None:
    """Show the plan selector shared by every page, above the page (nothing when there is no plan).

    The choice is kept under its own key, not the widget's: Streamlit forgets a widget's state on
    pages that do not show it, and the plan must survive a visit to, say, the submissions page.
    """
    plans = plans_frame()
    if plans.empty:
        return
    names = plans["name"].astype(str).tolist()
    if st.session_state.get(PLAN_KEY) not in names:
        st.session_state[PLAN_KEY] = default_plan_name(plans)

    def remember() -> None:
        st.session_state[PLAN_KEY] = st.session_state[PLAN_WIDGET_KEY]

    st.selectbox(
        "Plan", names, index=names.index(st.session_state[PLAN_KEY]), key=PLAN_WIDGET_KEY,
        on_change=remember, width=520,
    )  # fmt: skip


def selected_plan() -> PlanData:
    """Return the plan chosen above the page, or stop the page with what to do when there is none."""
    if st.session_state.get(PLAN_KEY) is None and not plans_frame().empty:
        st.session_state[PLAN_KEY] = default_plan_name(plans_frame())
    name = st.session_state.get(PLAN_KEY)
    if not name:
        st.title("No plan yet")
        st.info(
            "The database has no plan yet. Import your workplan (an Excel or CSV file) to see its "
            "progress here, or load the demo plans with `lipmetrics init --demo`."
        )
        user = current_user()
        if user is not None and user.can("import_plan"):
            st.page_link(IMPORT_PAGE, label="Import a workplan", icon=":material/upload_file:")
        st.stop()
    try:
        return plan_data(name)
    except LipmetricsError as exc:
        st.error(str(exc))
        st.stop()


def csv_download(
    frame: pd.DataFrame, file_name: str, label: str = "Download this table (CSV)"
) -> None:
    """The table as CSV, formula cells neutralised (Streamlit's own table export is switched off in
    .streamlit/config.toml because it does not neutralise them)."""
    st.download_button(label, to_csv_bytes(frame), file_name, "text/csv", key=f"csv_{file_name}")


# --- showing user text -------------------------------------------------------------------------


def text(value: object) -> str:
    """Escape user-supplied text for Streamlit markdown so that it is shown as typed, never as
    formatting, links or HTML."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", str(value))
    for pattern, replacement in _AUTOLINKS:
        escaped = pattern.sub(replacement, escaped)
    return escaped


def year_label(data: PlanData, plan_year: int) -> str:
    """ "Year 2 (2017)": a plan year with its calendar year."""
    return f"Year {plan_year} ({data.start_year + plan_year - 1})"


def project_details(data: PlanData, project: pd.Series, history: pd.DataFrame) -> None:
    """Show one project: where it sits, its schedule and working group, and its status history."""
    with st.container(border=True):
        st.subheader(text(project["project"]))
        place = [v for v in (project["pillar"], project["goal"], project["objective"]) if v]
        st.caption(" → ".join(text(v) for v in place))
        schedule = project["schedule"] or "unscheduled"
        st.markdown(
            f"**Plan years:** {text(schedule)} (written “{text(project['years_text'])}”)  \n"
            f"**Working group:** {text(project['working_group'] or '—')}  \n"
            f"**Recurring:** {'yes, each year counts on its own' if project['recurring'] else 'no'}"
        )
        if history.empty:
            st.write("No status recorded yet.")
        else:
            shown = history.drop(columns=["recorded_at"]).assign(
                illustrative=history["illustrative"].map({True: "illustrative", False: ""})
            )
            shown = (
                shown.astype(str).map(text).rename(columns=HISTORY_HEADINGS)
            )  # st.table reads markdown
            st.table(shown.set_index("Date"))


def status_form(data: PlanData, project: pd.Series, plan_year: int, user: User) -> None:
    """A coordinator's form to record one project's status for a plan year, with a reason."""
    from lipmetrics.review import REASONS, StatusChange, record_statuses
    from lipmetrics.status import CATEGORY_LABELS

    project_id = int(project["project_id"])
    if notice := st.session_state.pop(STATUS_NOTICE_KEY, None):
        st.success(notice)
    with st.form(f"status_form_{project_id}", border=True):
        st.markdown(f"**Record a status for {year_label(data, plan_year)}**")
        left, right = st.columns(2)
        category = left.selectbox(
            "New status", list(CATEGORY_LABELS), format_func=CATEGORY_LABELS.get, index=None
        )
        reason = right.selectbox("Reason", REASONS, index=None)
        other = st.text_input("Other reason (when the reason is “other”)")
        note = st.text_area("Note", placeholder="What happened, in a sentence or two", height=80)
        submitted = st.form_submit_button("Record status", type="primary")
    if submitted:
        if category is None or reason is None:
            st.error("Choose the new status and its reason, then press Record status again.")
            return
        try:
            record_statuses(
                get_db(),
                user,
                data.name,
                plan_year,
                [StatusChange(project_id, category, reason, note, other)],
            )
        except LipmetricsError as exc:
            st.error(str(exc))
            return
        clear_caches()
        st.session_state[STATUS_NOTICE_KEY] = f"Status recorded for {year_label(data, plan_year)}."
        st.rerun()
