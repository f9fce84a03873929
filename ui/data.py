"""The app's data: the one database of this server process and bounded caches of lipmetrics reads.

Caching lives only here, bounded. Every cached read is keyed by the data versions read once at the
start of each run (:func:`database_for_run`), which every write of any process moves on, so a
write made by the command line or another app process shows on the next run; :func:`clear_caches`
runs after every write made here so that the rest of the run shows it too. A read of submitted
values is keyed by the values version too (or by its partner's), which a partner's submission
moves on instead of the data version (docs/architecture.md "Caching")."""

from __future__ import annotations

import hashlib
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from lipmetrics.accounts import SetupCode, User
from lipmetrics.errors import LipmetricsError
from lipmetrics.i18n import current_language, language
from lipmetrics.measures import (
    MetricDetail,
    catalog,
    completeness,
    metric_detail,
    partners_reporting_first,
    scorecard,
)
from lipmetrics.plan import PlanData, list_plans, load_plan, progress_of
from lipmetrics.reports import Slide, charts, meeting_slides
from lipmetrics.settings import load_settings
from lipmetrics.store import Database, queries, versions
from lipmetrics.submissions import (
    CatalogueFacts,
    check_submission,
    due_template,
    partner_reports,
    preview,
    shared_facts,
    withdrawals,
)
from lipmetrics.submissions.validate import SubmissionCheck
from ui.errors import show_error
from ui.keys import CHECKED_UPLOAD_KEY, DATA_VERSION_KEY


@st.cache_resource(show_spinner=False)
def database() -> Database:
    """The one :class:`Database` of this server process (each call uses its own cursor; the
    DuckDB file is open only while a run uses it)."""
    return Database(load_settings().db_path)


def get_db() -> Database:
    """Return the database, or stop the page with a sentence when it cannot be opened."""
    try:
        return database()
    except LipmetricsError as exc:
        show_error(exc)
        st.stop()


@contextmanager
def database_for_run() -> Iterator[Database]:
    """Hold the database for one run of the app (app.py wraps each run in it): the DuckDB file is
    opened once, waiting while another program finishes with it, and released at the end; the
    data versions the run's cached reads are keyed by are read once here. When the file stays in
    use by another program, the page says so and stops."""
    db = get_db()
    with ExitStack() as held:
        try:
            held.enter_context(db.held())
            st.session_state[DATA_VERSION_KEY] = versions(db)
        except LipmetricsError as exc:
            show_error(exc)
            st.stop()
        yield db


def _versions() -> dict[str, int]:
    """The data versions this run reads at (read at its start, again after a write here)."""
    if DATA_VERSION_KEY not in st.session_state:
        st.session_state[DATA_VERSION_KEY] = versions(get_db())
    return st.session_state[DATA_VERSION_KEY]


def version() -> int:
    """The data version: the key of a read that shows no submitted value (plans, progress, the
    catalogue)."""
    return _versions()[queries.DATA]


def values_version() -> tuple[int, int]:
    """The data and values versions: the key of a read of every partner's submitted values."""
    found = _versions()
    return found[queries.DATA], found.get(queries.VALUES, 0)


def partner_version(partner: str) -> tuple[int, int]:
    """The data version and ``partner``'s own: the key of a read of that partner's values only."""
    found = _versions()
    return found[queries.DATA], found.get(queries.values_of(partner), 0)


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


class KeyLocks:
    """One lock per key while some thread uses it: sessions that ask for the same cold cache entry
    at once compute it once, the others wait and then read the entry (docs/architecture.md
    "Caching"). A key's lock is forgotten once no thread holds or waits for it."""

    def __init__(self) -> None:
        self._guard = threading.Lock()
        self._locks: dict[tuple, list] = {}  # key -> [its lock, threads holding or waiting]

    @contextmanager
    def held(self, key: tuple) -> Iterator[None]:
        with self._guard:
            entry = self._locks.setdefault(key, [threading.Lock(), 0])
            entry[1] += 1
        try:
            with entry[0]:
                yield
        finally:
            with self._guard:
                entry[1] -= 1
                if entry[1] == 0:
                    del self._locks[key]


_KEY_LOCKS = KeyLocks()


def once(cached: Callable, *args):
    """``cached(*args)``, computed by one session at a time per function and arguments."""
    with _KEY_LOCKS.held((cached.__name__, *args)):
        return cached(*args)


# Each read below is the public function of a cached one keyed by the data version (a read of
# submitted values: by the values version too, or by its partner's): the versions are the first
# parameter of the cached function, so a run at a newer version never gets an older entry. Each
# goes through once(), so a cold entry is computed once however many sessions ask for it.


def plans_frame() -> pd.DataFrame:
    return once(_plans_frame, version())


@st.cache_data(max_entries=4, ttl=600, show_spinner=False)
def _plans_frame(at: int) -> pd.DataFrame:
    return list_plans(get_db())


def plan_data(name: str) -> PlanData:
    return once(_plan_data, version(), name, current_language())


@st.cache_data(max_entries=16, ttl=600, show_spinner=False)
def _plan_data(
    at: int, name: str, lang: str
) -> PlanData:  # names in the language (README "Languages")
    return load_plan(get_db(), name)


def progress(name: str) -> pd.DataFrame:
    return once(_progress, version(), name, current_language())


@st.cache_data(max_entries=16, ttl=600, show_spinner=False)
def _progress(at: int, name: str, lang: str) -> pd.DataFrame:
    return progress_of(get_db(), name)  # counted in the database (docs/benchmarks.md)


# The scorecard's trend words and the metric page's values as shown are in the run's language:
# the language keys those two reads too (README "Languages").


def scorecard_cards(plan: str, as_of: date) -> pd.DataFrame:
    return once(_scorecard_cards, values_version(), plan, as_of, current_language())


@st.cache_data(max_entries=16, ttl=600, show_spinner=False)
def _scorecard_cards(at: tuple[int, int], plan: str, as_of: date, lang: str) -> pd.DataFrame:
    return scorecard(get_db(), plan, None, as_of, load_settings().on_track_margin)


def metric_page_data(code: str, view: str, user: User | None) -> MetricDetail:
    return once(_metric_page_data, values_version(), code, view, user, current_language())


@st.cache_data(max_entries=32, ttl=600, show_spinner=False)
def _metric_page_data(
    at: tuple[int, int], code: str, view: str, user: User | None, lang: str
) -> MetricDetail:
    return metric_detail(get_db(), code, user, view, load_settings().small_cell)


def reporting(plan: str, as_of: date) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    return once(_reporting, values_version(), plan, as_of)


@st.cache_data(max_entries=16, ttl=600, show_spinner=False)
def _reporting(
    at: tuple[int, int], plan: str, as_of: date
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    return completeness(get_db(), plan, as_of, load_settings().report_due_days)


def meeting_deck(plan: str, meeting: date, since: date) -> list[Slide]:
    """The meeting's slides in the run's language (a key of the cache: README "Languages")."""
    return once(_meeting_deck, values_version(), plan, meeting, since, current_language())


@st.cache_data(max_entries=8, ttl=600, show_spinner=False)
def _meeting_deck(
    at: tuple[int, int], plan: str, meeting: date, since: date, code: str
) -> list[Slide]:
    settings = load_settings()
    with language(code):
        return meeting_slides(
            get_db(), plan, meeting, since, settings.on_track_margin, settings.report_due_days
        )


def reports_of_partner(user: User, partner: str, as_of: date) -> pd.DataFrame:
    return once(_reports_of_partner, partner_version(partner), user, partner, as_of)


@st.cache_data(max_entries=32, ttl=600, show_spinner=False)
def _reports_of_partner(at: tuple[int, int], user: User, partner: str, as_of: date) -> pd.DataFrame:
    return partner_reports(get_db(), user, partner, as_of, load_settings().report_due_days)


def lines_due(user: User, partner: str, as_of: date) -> pd.DataFrame:
    return once(_lines_due, partner_version(partner), user, partner, as_of)


@st.cache_data(max_entries=32, ttl=600, show_spinner=False)
def _lines_due(at: tuple[int, int], user: User, partner: str, as_of: date) -> pd.DataFrame:
    reports = once(_reports_of_partner, at, user, partner, as_of)  # My reporting's, once
    return due_template(get_db(), user, partner, as_of, load_settings().report_due_days, reports)


def partners_first() -> pd.DataFrame:
    return once(_partners_first, values_version())


@st.cache_data(max_entries=4, ttl=600, show_spinner=False)
def _partners_first(at: tuple[int, int]) -> pd.DataFrame:
    return partners_reporting_first(get_db())


def metric_catalogue() -> pd.DataFrame:
    return once(_metric_catalogue, version())


@st.cache_data(max_entries=4, ttl=600, show_spinner=False)
def _metric_catalogue(at: int) -> pd.DataFrame:
    return catalog(get_db())


def sparkline(values: list[float], periods: list[str]) -> go.Figure:
    """A scorecard card's trend line (``charts.sparkline``), drawn once for the same values and
    periods and shared by every session: it reads nothing else, so no version keys it. The figure
    is only read (``st.plotly_chart`` copies it), never changed. Its numbers are written the way
    of the session's language (Plotly separators), so that keys it too."""
    return _sparkline(tuple(values), tuple(periods), current_language())


@st.cache_resource(max_entries=512, show_spinner=False)
def _sparkline(values: tuple[float, ...], periods: tuple[str, ...], code: str) -> go.Figure:
    with language(code):
        return charts.sparkline(list(values), list(periods))


@dataclass(frozen=True)
class CheckedUpload:
    """A partner file checked; when it has no problem, what saving it would change and withdraw."""

    check: SubmissionCheck
    changes: pd.DataFrame | None  # preview(): None when the check found problems
    withdrawals: tuple[str, ...]


@st.cache_data(max_entries=4, ttl=600, show_spinner=False)
def _catalogue_facts(at: int) -> CatalogueFacts:
    return shared_facts(get_db())


def checked_upload(
    user: User, data: bytes, file_name: str, partner: str, decimal_comma: bool
) -> CheckedUpload:
    """Check a file ``user`` sends for ``partner`` and preview it, or give the same session's
    result for the same file, sender, day and what the check read: clicking Save reruns the page,
    and the file it saves is then not read and checked a second time. The key holds the
    catalogue's facts (compared by content) and the partner's own version (its values in force),
    all a check and a preview read, so a result older than a write that concerns it is never
    given, while a write that does not (a status record, another partner's file) leaves it
    (docs/architecture.md "Caching"). Raises what ``check_submission`` raises; only the last file
    of a session is kept."""
    facts = once(_catalogue_facts, version())  # the same for every partner's file
    key = (
        hashlib.sha256(data).hexdigest(),
        file_name,
        partner,
        decimal_comma,
        user,
        date.today(),
        facts,
        partner_version(partner)[1],  # the partner's own version, not the data version
        current_language(),
    )  # fmt: skip  (the problems are sentences in the session's language)
    kept = st.session_state.get(CHECKED_UPLOAD_KEY)
    if kept is not None and kept[0] == key:
        return kept[1]
    db = get_db()
    check = check_submission(db, data, file_name, partner, decimal_comma, shared=facts)
    result = CheckedUpload(check, None, ())
    if check.ok:
        result = CheckedUpload(check, preview(db, user, check), tuple(withdrawals(db, user, check)))
    st.session_state[CHECKED_UPLOAD_KEY] = (key, result)
    return result


def clear_caches() -> None:
    """Read the data versions again; call after any write here, so that the rest of the run reads
    at the versions the write moved on. Entries of other versions are kept: another session may
    still be at them, and those no run asks for any more age out of the bounded caches."""
    st.session_state[DATA_VERSION_KEY] = versions(get_db())
