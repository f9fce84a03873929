"""Server-side sessions (README "Accounts, roles and sign-in"): idle and absolute expiry, the
meeting display's longer idle limit, "last seen" written at most once a minute, sign-out,
revocation, a password change, and the token never stored in clear. Every time is given
explicitly (``now``); the limits are pinned to 30 minutes, 240 minutes and 12 hours."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

import pytest

from lipmetrics.accounts import (
    OPERATOR,
    TOUCH_SECONDS,
    User,
    active_sessions,
    create_user,
    end_session,
    revoke_session,
    revoke_sessions,
    session_info,
    session_token_hash,
    session_user,
    set_password,
    start_session,
)
from lipmetrics.errors import (
    NotFoundError,
    PermissionDeniedError,
    SessionEndedError,
    SignInError,
)
from lipmetrics.store import Database, data_version, queries

T0 = datetime(2026, 11, 26, 9, 0, 0)
ADMIN = User("ada", "Ada", "admin")
CORA = User("cora", "Cora", "coordinator")
VIC = User("vic", "Vic", "viewer")


@pytest.fixture(autouse=True)
def _limits(monkeypatch):
    """The limits every expected time below is computed from."""
    monkeypatch.setenv("LIPMETRICS_SESSION_MINUTES", "30")
    monkeypatch.setenv("LIPMETRICS_MEETING_MINUTES", "240")
    monkeypatch.setenv("LIPMETRICS_SESSION_HOURS", "12")


@pytest.fixture
def people(db):
    """A database with an administrator, a coordinator and a viewer (no passwords needed)."""
    for user in (ADMIN, CORA, VIC):
        create_user(db, OPERATOR, user.username, user.role, display_name=user.display_name)
    return db


def ended(db, token: str, now: datetime) -> SessionEndedError:
    """The error session_user raises for ``token`` at ``now``."""
    with pytest.raises(SessionEndedError) as caught:
        session_user(db, token, now=now)
    return caught.value


def stored(db) -> list[dict]:
    """Every row of the sessions table, every column (the hash too), by id."""
    with db.cursor() as cur:
        columns = queries.table_columns(cur, "sessions")
        rows = cur.execute("SELECT * FROM sessions ORDER BY id").fetchall()
    return [dict(zip(columns, row, strict=True)) for row in rows]


# --- Expiry --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "after", "live"),
    [
        ("browser", timedelta(minutes=29, seconds=59), True),
        ("browser", timedelta(minutes=30), False),  # exactly the idle limit: ended
        ("browser", timedelta(minutes=31), False),
        ("meeting", timedelta(minutes=30), True),  # a meeting display outlasts a browser's limit
        ("meeting", timedelta(minutes=239, seconds=59), True),
        ("meeting", timedelta(minutes=240), False),
    ],
)
def test_idle_expiry_at_exactly_the_limit(people, kind, after, live) -> None:
    """A session unused since it started ends at exactly its idle limit after that."""
    token = start_session(people, CORA, kind=kind, now=T0)
    if live:
        assert session_user(people, token, now=T0 + after) == CORA
        return
    error = ended(people, token, T0 + after)
    minutes = 240 if kind == "meeting" else 30
    assert error.reason == "expired"
    assert str(error) == (
        f"Your session ended after {minutes} minutes without activity. Sign in again to continue."
    )


@pytest.mark.parametrize(
    ("kind", "every", "uses"),
    [
        ("browser", timedelta(minutes=20), 35),  # used at 0:20 … 11:40: never idle 30 minutes
        ("meeting", timedelta(hours=3), 3),  # used at 3:00, 6:00, 9:00
    ],
)
def test_absolute_expiry_however_active(people, kind, every, uses) -> None:
    """A session used well within its idle limit still ends 12 hours (720 minutes) after it
    started; its info says when each limit falls."""
    token = start_session(people, VIC, kind=kind, now=T0)
    for use in range(1, uses + 1):
        assert session_user(people, token, now=T0 + use * every) == VIC
    last = T0 + uses * every
    info = session_info(people, token, now=last)
    idle = timedelta(minutes=240 if kind == "meeting" else 30)
    assert (info.created_at, info.last_seen_at, info.kind) == (T0, last, kind)
    assert (info.idle_expires_at, info.expires_at) == (last + idle, T0 + timedelta(hours=12))
    assert info.ends_at == min(last + idle, T0 + timedelta(hours=12))
    assert session_user(people, token, now=T0 + timedelta(hours=11, minutes=59, seconds=59)) == VIC
    error = ended(people, token, T0 + timedelta(hours=12))
    assert error.reason == "expired"
    assert str(error) == (
        "Your session ended 12 hours after you signed in, the longest a session lasts. Sign in "
        "again to continue."
    )


# --- "Last seen", throttled ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("calls", "last_seen"),
    [
        ([timedelta(seconds=30)], T0),  # under a minute: nothing written
        ([timedelta(seconds=59)], T0),
        ([timedelta(seconds=60)], T0 + timedelta(seconds=60)),
        # two calls 30 s apart: the first writes, the second does not
        ([timedelta(seconds=60), timedelta(seconds=90)], T0 + timedelta(seconds=60)),
        ([timedelta(seconds=60), timedelta(seconds=120)], T0 + timedelta(seconds=120)),
        ([timedelta(minutes=25), timedelta(minutes=50)], T0 + timedelta(minutes=50)),
    ],
)
def test_last_seen_is_written_at_most_once_a_minute(people, calls, last_seen) -> None:
    """ "Last seen" moves only when a minute has passed since it was written; neither starting a
    session nor using it moves the data version; the idle limit counts from "last seen"."""
    before = data_version(people)
    token = start_session(people, CORA, now=T0)
    for call in calls:
        session_user(people, token, now=T0 + call)
    assert [row["last_seen_at"] for row in stored(people)] == [last_seen]
    assert data_version(people) == before
    assert ended(people, token, last_seen + timedelta(minutes=30)).reason == "expired"


def test_a_touch_is_one_write_transaction(people, monkeypatch) -> None:
    """Two calls 30 s apart open one write transaction between them, which leaves the data
    version alone."""
    token = start_session(people, CORA, now=T0)
    opened = []
    original = people.transaction

    def counted(moves_version: bool = True):
        opened.append(moves_version)
        return original(moves_version)

    monkeypatch.setattr(people, "transaction", counted)
    session_user(people, token, now=T0 + timedelta(seconds=TOUCH_SECONDS))
    session_user(people, token, now=T0 + timedelta(seconds=TOUCH_SECONDS + 30))
    assert opened == [False]


# --- Ending a session ----------------------------------------------------------------------------


SENTENCES = {
    "signed out": "You signed out of this session, perhaps in another tab. Sign in again to continue.",
    "revoked": "An administrator ended your session. Sign in again to continue.",
    "password changed": "Your session ended because the account's password was changed. Sign in "
    "again with the new password.",
    "account removed": "Your session ended because the account is no longer active. Ask an "
    "administrator if you still need to sign in.",
    "unknown": "This sign-in is not known (it may have ended long ago). Sign in to continue.",
}


def _sign_out(db, token):
    end_session(db, token, now=T0 + timedelta(minutes=1))


def _revoke_all(db, token):
    assert revoke_sessions(db, ADMIN, "cora", now=T0 + timedelta(minutes=1)) == 2


def _revoke_one(db, token):
    revoke_session(db, ADMIN, session_info(db, token, now=T0).id, now=T0 + timedelta(minutes=1))


def _new_password(db, token):
    set_password(db, ADMIN, "cora", "a-new-long-password")


def _deactivated(db, token):
    with db.transaction() as cur:
        cur.execute("UPDATE users SET active = FALSE WHERE username = ?", ["cora"])


@pytest.mark.parametrize(
    ("end", "reason", "also_ends_other_tab"),
    [
        (_sign_out, "signed out", False),
        (_revoke_all, "revoked", True),
        (_revoke_one, "revoked", False),
        (_new_password, "password changed", True),
        (_deactivated, "account removed", True),
    ],
)
def test_an_ended_session_says_why(people, end, reason, also_ends_other_tab) -> None:
    """Each way a session ends is told on its next use, in a whole sentence; the account's other
    session (another browser) ends with it only when the whole account's sessions were ended;
    another account's session never does."""
    token = start_session(people, CORA, "Firefox", now=T0)
    other = start_session(people, CORA, "Chromium", now=T0)
    someone_else = start_session(people, VIC, now=T0)
    end(people, token)
    later = T0 + timedelta(minutes=2)
    error = ended(people, token, later)
    assert isinstance(error, SignInError)
    assert (error.reason, str(error)) == (reason, SENTENCES[reason])
    if also_ends_other_tab:
        assert ended(people, other, later).reason == reason
    else:
        assert session_user(people, other, now=later) == CORA
    assert session_user(people, someone_else, now=later) == VIC


@pytest.mark.parametrize("token", ["", "not-a-token", "x" * 43])
def test_an_unknown_token_is_refused_and_signing_it_out_is_harmless(people, token) -> None:
    """A token that was never handed out says "unknown"; signing it out does nothing."""
    start_session(people, CORA, now=T0)
    error = ended(people, token, T0)
    assert (error.reason, str(error)) == ("unknown", SENTENCES["unknown"])
    end_session(people, token, now=T0)
    assert [row["ended_at"] for row in stored(people)] == [None]


def test_signing_out_twice_is_harmless(people) -> None:
    """The second sign-out of a session (another tab) keeps the first one's time and reason."""
    token = start_session(people, CORA, now=T0)
    end_session(people, token, now=T0 + timedelta(minutes=1))
    end_session(people, token, now=T0 + timedelta(minutes=2))
    row = stored(people)[0]
    assert (row["ended_at"], row["end_reason"]) == (T0 + timedelta(minutes=1), "signed out")


def test_revoking_an_ended_session_is_not_found(people) -> None:
    token = start_session(people, CORA, now=T0)
    session_id = session_info(people, token, now=T0).id
    revoke_session(people, ADMIN, session_id, now=T0)
    with pytest.raises(NotFoundError, match=f"There is no active session {session_id}"):
        revoke_session(people, ADMIN, session_id, now=T0)
    assert revoke_sessions(people, ADMIN, "cora", now=T0) == 0


@pytest.mark.parametrize("actor", [CORA, VIC])
@pytest.mark.parametrize(
    "act",
    [
        lambda db, actor, sid: revoke_sessions(db, actor, "ada", now=T0),
        lambda db, actor, sid: revoke_session(db, actor, sid, now=T0),
        lambda db, actor, sid: active_sessions(db, actor, now=T0),
    ],
    ids=["revoke_sessions", "revoke_session", "active_sessions"],
)
def test_only_an_administrator_manages_sessions(people, actor, act) -> None:
    """A coordinator or a viewer may neither list nor end sessions; nothing changes."""
    token = start_session(people, ADMIN, now=T0)
    before = stored(people)
    with pytest.raises(PermissionDeniedError, match="may not manage accounts"):
        act(people, actor, session_info(people, token, now=T0).id)
    assert stored(people) == before


# --- What is kept, what is audited ---------------------------------------------------------------


def test_the_token_is_never_stored_in_clear(people) -> None:
    """After a session's whole life (started, used, signed out; another revoked; another ended
    by a password change) no column of the sessions table or of the audit log holds a token;
    the table holds each token's SHA-256 and the audit log not even that."""
    tokens = [start_session(people, CORA, "Firefox", now=T0) for _ in range(3)]
    session_user(people, tokens[0], now=T0 + timedelta(minutes=5))
    end_session(people, tokens[0], now=T0 + timedelta(minutes=6))
    revoke_session(people, ADMIN, session_info(people, tokens[1], now=T0).id, now=T0)
    set_password(people, ADMIN, "cora", "a-new-long-password")
    with people.cursor() as cur:
        cells = [
            str(value)
            for table in ("sessions", "audit_log")
            for row in cur.execute(f"SELECT * FROM {table}").fetchall()
            for value in row
        ]
        log = [str(v) for row in cur.execute("SELECT * FROM audit_log").fetchall() for v in row]
    assert len(set(tokens)) == 3 and all(len(token) == 43 for token in tokens)
    for token in tokens:
        assert not any(token in cell for cell in cells)
        assert not any(session_token_hash(token) in cell for cell in log)
    assert [row["token_hash"] for row in stored(people)] == [
        hashlib.sha256(token.encode()).hexdigest() for token in tokens
    ]


def test_what_the_audit_log_says(people) -> None:
    """Starting, signing out, revoking and a password change each leave a line, without a token."""
    first = start_session(people, CORA, now=T0)
    second = start_session(people, CORA, kind="meeting", now=T0)
    end_session(people, first, now=T0 + timedelta(minutes=1))
    revoke_sessions(people, ADMIN, "cora", now=T0 + timedelta(minutes=2))
    start_session(people, CORA, now=T0 + timedelta(minutes=3))
    set_password(people, ADMIN, "cora", "a-new-long-password")
    assert ended(people, second, T0 + timedelta(minutes=4)).reason == "revoked"
    with people.cursor() as cur:
        log = queries.audit_log(cur)
    lines = log[log["action"].str.contains("session")].iloc[::-1]
    assert lines[["username", "action", "target", "detail"]].values.tolist() == [
        ["cora", "session started", "cora", "browser session 1"],
        ["cora", "session started", "cora", "meeting session 2"],
        ["cora", "session ended", "cora", "browser session 1: signed out"],
        ["ada", "sessions ended", "cora", "1 ended (revoked)"],
        ["cora", "session started", "cora", "browser session 3"],
        ["ada", "sessions ended", "cora", "1 ended (password changed)"],
    ]


@pytest.mark.parametrize(
    ("agent", "kept"),
    [
        (
            "  Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0 ",
            "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0",
        ),
        ("A" * 250, "A" * 200),
        ("", ""),
    ],
)
def test_the_user_agent_is_kept_trimmed(people, agent, kept) -> None:
    token = start_session(people, CORA, agent, now=T0)
    assert session_info(people, token, now=T0).user_agent == kept


def test_an_unknown_kind_is_a_programming_error(people) -> None:
    with pytest.raises(ValueError, match="kiosk"):
        start_session(people, CORA, kind="kiosk", now=T0)


@pytest.mark.parametrize(
    ("ended_days_ago", "kept"),
    [(29, True), (30, True), (31, False)],  # exactly 30 days: not yet before the cut
)
@pytest.mark.parametrize("how", ["signed out", "expired"])
def test_a_sign_in_forgets_sessions_ended_30_days_ago(people, how, ended_days_ago, kept) -> None:
    """A new sign-in deletes the sessions that ended (or reached their 12 hours) more than 30 days
    before it; a forgotten session's token is then "unknown"."""
    start = T0 - timedelta(days=ended_days_ago)
    if how == "expired":
        start -= timedelta(hours=12)  # its 12 hours end ``ended_days_ago`` days before T0
    old = start_session(people, CORA, now=start)
    if how == "signed out":
        end_session(people, old, now=start)
    start_session(people, VIC, now=T0)
    assert [row["username"] for row in stored(people)] == (["cora", "vic"] if kept else ["vic"])
    expected = ("signed out" if how == "signed out" else "expired") if kept else "unknown"
    assert ended(people, old, T0).reason == expected


# --- The administrator's list --------------------------------------------------------------------


def test_active_sessions_lists_live_sessions_newest_first(people) -> None:
    """Only live sessions, newest first, each with its account's role and when it ends if nobody
    uses it (the earlier of its two limits); never a token or its hash."""
    now = T0 + timedelta(hours=11, minutes=50)
    old_meeting = start_session(people, VIC, "TV", kind="meeting", now=T0)
    for hours in (3, 6, 9, 11):  # last seen at 20:00
        session_user(people, old_meeting, now=T0 + timedelta(hours=hours))
    start_session(people, CORA, "idle", now=now - timedelta(minutes=30))  # idle: gone
    signed_out = start_session(people, CORA, "gone", now=now - timedelta(minutes=10))
    end_session(people, signed_out, now=now - timedelta(minutes=9))
    start_session(people, CORA, "Firefox", now=now - timedelta(minutes=5))
    start_session(people, ADMIN, "Chromium", now=now - timedelta(minutes=1))
    frame = active_sessions(people, ADMIN, now=now)
    assert list(frame.columns) == [
        "id", "username", "role", "kind", "created_at", "last_seen_at", "expires_at", "user_agent",
    ]  # fmt: skip
    assert frame[["id", "username", "role", "kind", "user_agent"]].values.tolist() == [
        [5, "ada", "admin", "browser", "Chromium"],
        [4, "cora", "coordinator", "browser", "Firefox"],
        [1, "vic", "viewer", "meeting", "TV"],
    ]
    assert frame["expires_at"].tolist() == [
        now - timedelta(minutes=1) + timedelta(minutes=30),  # idle limit first
        now - timedelta(minutes=5) + timedelta(minutes=30),
        T0 + timedelta(hours=12),  # 21:00, before 20:00 + 240 minutes
    ]
    assert active_sessions(people, ADMIN, now=T0 + timedelta(hours=12)).shape[0] == 2


def test_no_session_is_listed_on_a_new_database(people) -> None:
    assert active_sessions(people, ADMIN, now=T0).empty


def test_a_session_is_shared_by_two_processes(people) -> None:
    """Another Database object on the same database (another app process) finds the session,
    and a sign-out through one is seen by the other."""
    token = start_session(people, CORA, now=T0)
    other = Database(getattr(people, "url", people.path))
    try:
        assert session_user(other, token, now=T0 + timedelta(minutes=1)) == CORA
        end_session(other, token, now=T0 + timedelta(minutes=2))
    finally:
        other.close()
    assert ended(people, token, T0 + timedelta(minutes=3)).reason == "signed out"
