"""Server-side sessions: who is signed in, kept in the database so that a reload, a new tab and
another app process find the same sign-in (README "Accounts, roles and sign-in").

A session is a random token (:func:`secrets.token_urlsafe`, 32 bytes) handed to the browser once;
the database keeps only its SHA-256 (:func:`session_token_hash`), so a copy of the database or of
the audit log lets nobody sign in. A session ends when:

- it has not been used for ``LIPMETRICS_SESSION_MINUTES`` (a meeting display's session:
  ``LIPMETRICS_MEETING_MINUTES``) — it has ended at exactly that many minutes after it was last
  seen;
- ``LIPMETRICS_SESSION_HOURS`` have passed since it started, however active it was;
- its user signs out, an administrator ends it, the account's password changes, or the account is
  no longer active.

"Last seen" is written at most once per :data:`TOUCH_SECONDS` for a session, in a transaction that
leaves the data version alone (docs/architecture.md "Caching"), so sessions neither empty the
caches nor queue behind imports more than once a minute; the idle limit is therefore counted
from a moment up to a minute before the last request.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

import pandas as pd

from lipmetrics.accounts.auth import User, _user_from_row, require
from lipmetrics.errors import SESSION_END_REASONS, NotFoundError, SessionEndedError
from lipmetrics.i18n import N_, _
from lipmetrics.settings import Settings, load_settings
from lipmetrics.store import Database, audit_number, audit_text, queries, utcnow

TOUCH_SECONDS = 60  # "last seen" is written at most this often for one session
KINDS = ("browser", "meeting")
# What a list shows (translated there: README "Languages").
KIND_LABELS = {"browser": N_("Personal"), "meeting": N_("Meeting display")}
# The audit log's detail of one session started or ended, one whole sentence per kind and event
# (stored in English, shown in the reader's language: README "Languages").
SESSION_DETAILS = {
    ("browser", "started"): N_("browser session {id}"),
    ("meeting", "started"): N_("meeting session {id}"),
    ("browser", "signed out"): N_("browser session {id}: signed out"),
    ("meeting", "signed out"): N_("meeting session {id}: signed out"),
    ("browser", "revoked"): N_("browser session {id}: revoked"),
    ("meeting", "revoked"): N_("meeting session {id}: revoked"),
}
USER_AGENT_LENGTH = 200  # characters of the browser's user agent kept
KEEP_DAYS = 30  # an ended or expired session is forgotten this long after it ended (at a sign-in)
# What each way of ending a session says on the sign-in page ("expired" is said by _expired).
ENDED = {
    "unknown": N_("This sign-in is not known (it may have ended long ago). Sign in to continue."),
    "signed out": N_(
        "You signed out of this session, perhaps in another tab. Sign in again to continue."
    ),
    "revoked": N_("An administrator ended your session. Sign in again to continue."),
    "password changed": N_(
        "Your session ended because the account's password was changed. Sign in again with the "
        "new password."
    ),
    "account removed": N_(
        "Your session ended because the account is no longer active. Ask an administrator if you "
        "still need to sign in."
    ),
}


@dataclass(frozen=True)
class SessionInfo:
    """One live session as the app and the Accounts page see it (never its token or hash).

    ``idle_expires_at`` is when it ends unless used again; ``expires_at`` when it ends anyway."""

    id: int
    username: str
    created_at: datetime
    last_seen_at: datetime
    idle_expires_at: datetime
    expires_at: datetime
    user_agent: str
    kind: str  # "browser" | "meeting"

    @property
    def ends_at(self) -> datetime:
        """The earlier of the two limits: when the session ends if nobody uses it."""
        return min(self.idle_expires_at, self.expires_at)


def session_token_hash(token: str) -> str:
    """The SHA-256 of ``token`` in hex: what the database keeps instead of the token."""
    return hashlib.sha256(token.encode()).hexdigest()


def idle_minutes(kind: str, settings: Settings | None = None) -> int:
    """Minutes without activity after which a session of ``kind`` ends."""
    settings = settings or load_settings()
    return settings.meeting_minutes if kind == "meeting" else settings.session_minutes


def start_session(
    db: Database, user: User, user_agent: str = "", *, kind: str = "browser",
    now: datetime | None = None,
) -> str:  # fmt: skip
    """Start a session for ``user`` (already signed in by password or single sign-on); return
    its new token, which is never stored: only its hash is. Audited as "session started".
    Sessions that ended more than :data:`KEEP_DAYS` ago are forgotten meanwhile (their next use
    is then "unknown")."""
    if kind not in KINDS:
        raise ValueError(f"a session is one of {KINDS}, not {kind!r}")
    now = now or utcnow()
    token = secrets.token_urlsafe(32)
    expires_at = now + timedelta(hours=load_settings().session_hours)
    agent = user_agent.strip()[:USER_AGENT_LENGTH]
    with db.transaction(moves_version=False) as cur:
        queries.forget_sessions(cur, now - timedelta(days=KEEP_DAYS))
        session_id = queries.insert_session(
            cur, session_token_hash(token), user.username, kind, now, expires_at, agent
        )
        detail = audit_text(SESSION_DETAILS[kind, "started"], id=session_id)
        queries.insert_audit(
            cur, now, user.username, "session started", user.username, detail, None
        )
    return token


def _info(row: dict, settings: Settings) -> SessionInfo:
    idle = timedelta(minutes=idle_minutes(row["kind"], settings))
    return SessionInfo(
        int(row["id"]), row["username"], row["created_at"], row["last_seen_at"],
        row["last_seen_at"] + idle, row["expires_at"], row["user_agent"], row["kind"],
    )  # fmt: skip


def _ended(reason: str) -> SessionEndedError:
    """The error of a session ended for ``reason``, its sentence in the session's language."""
    return SessionEndedError(reason, _(ENDED[reason]))


def _expired(info: SessionInfo, settings: Settings, now: datetime) -> SessionEndedError | None:
    """Why ``info`` has expired at ``now`` (the error to raise), or None while it has not."""
    if now >= info.expires_at:
        return SessionEndedError(
            "expired",
            _(
                "Your session ended {hours} hours after you signed in, the longest a session "
                "lasts. Sign in again to continue."
            ).format(hours=settings.session_hours),
        )
    if now >= info.idle_expires_at:
        minutes = idle_minutes(info.kind, settings)
        return SessionEndedError(
            "expired",
            _(
                "Your session ended after {minutes} minutes without activity. Sign in again to "
                "continue."
            ).format(minutes=minutes),
        )
    return None


def _live(db: Database, token: str, now: datetime) -> tuple[SessionInfo, User]:
    """The live session of ``token`` and its account; else :class:`SessionEndedError`."""
    with db.cursor() as cur:
        row = queries.session_by_hash(cur, session_token_hash(token))
        account = queries.user_row(cur, row["username"]) if row else None
    if row is None:
        raise _ended("unknown")
    if row["ended_at"] is not None:
        reason = row["end_reason"] if row["end_reason"] in ENDED else "revoked"
        raise _ended(reason)
    if account is None or not account["active"]:
        raise _ended("account removed")
    settings = load_settings()
    info = _info(row, settings)
    expired = _expired(info, settings, now)
    if expired is not None:
        raise expired
    return info, _user_from_row(account)


def session_info(db: Database, token: str, *, now: datetime | None = None) -> SessionInfo:
    """The live session of ``token`` (nothing written); else :class:`SessionEndedError`."""
    return _live(db, token, now or utcnow())[0]


def session_user(db: Database, token: str, *, now: datetime | None = None) -> User:
    """The account behind the live session of ``token``; else :class:`SessionEndedError`, whose
    ``reason`` is one of :data:`lipmetrics.errors.SESSION_END_REASONS` and whose message is a
    sentence for the sign-in page. Marks the session seen (at most once per :data:`TOUCH_SECONDS`)."""
    now = now or utcnow()
    info, user = _live(db, token, now)
    if (now - info.last_seen_at).total_seconds() >= TOUCH_SECONDS:
        with db.transaction(moves_version=False) as cur:
            queries.touch_session(cur, info.id, info.last_seen_at, now)
    return user


def end_session(db: Database, token: str, *, now: datetime | None = None) -> None:
    """Sign out: end the session of ``token`` (an unknown or ended one: nothing happens)."""
    now = now or utcnow()
    with db.cursor() as cur:
        row = queries.session_by_hash(cur, session_token_hash(token))
    if row is None or row["ended_at"] is not None:
        return
    with db.transaction(moves_version=False) as cur:
        if queries.end_sessions(cur, now, "signed out", session_id=int(row["id"])):
            detail = audit_text(SESSION_DETAILS[row["kind"], "signed out"], id=int(row["id"]))
            queries.insert_audit(cur, now, row["username"], "session ended", row["username"],
                                 detail, None)  # fmt: skip


def _check_reason(reason: str) -> None:
    if reason not in SESSION_END_REASONS or reason in ("unknown", "expired"):
        raise ValueError(f"a session cannot be ended for the reason {reason!r}")


def revoke_sessions(
    db: Database, actor: User, username: str, reason: str = "revoked", *,
    now: datetime | None = None,
) -> int:  # fmt: skip
    """End every live session of ``username`` (administrators only); return how many ended.
    Audited as "sessions ended", with how many and why."""
    require(actor, "manage_accounts")
    _check_reason(reason)
    now = now or utcnow()
    with db.transaction(moves_version=False) as cur:
        ended = queries.end_sessions(cur, now, reason, username=username)
        detail = (
            audit_text(N_("{count} ended (revoked)"), count=audit_number(len(ended)))
            if reason == "revoked"
            else audit_text(
                N_("{count} ended ({reason})"), count=audit_number(len(ended)), reason=reason
            )
        )
        queries.insert_audit(cur, now, actor.username, "sessions ended", username, detail, None)
    return len(ended)


def revoke_session(
    db: Database, actor: User, session_id: int, *, now: datetime | None = None
) -> None:
    """End one session (administrators only); audited as "session ended". A session that has
    already ended, or never existed, raises :class:`NotFoundError`."""
    require(actor, "manage_accounts")
    now = now or utcnow()
    with db.transaction(moves_version=False) as cur:
        row = queries.session_by_id(cur, session_id)
        if row is None or not queries.end_sessions(cur, now, "revoked", session_id=session_id):
            raise NotFoundError(
                _(
                    "There is no active session {id}: it has ended already. Reload the list of "
                    "active sessions."
                ).format(id=session_id)
            )
        detail = audit_text(SESSION_DETAILS[row["kind"], "revoked"], id=session_id)
        queries.insert_audit(cur, now, actor.username, "session ended", row["username"], detail,
                             None)  # fmt: skip


def active_sessions(db: Database, actor: User, *, now: datetime | None = None) -> pd.DataFrame:
    """The live sessions, newest first (administrators only): id, username, role, kind,
    created_at, last_seen_at, expires_at (when it ends if nobody uses it: the earlier of its idle
    and absolute limits), user_agent. Never a token or its hash."""
    require(actor, "manage_accounts")
    now = now or utcnow()
    settings = load_settings()
    with db.cursor() as cur:
        frame = queries.live_sessions(cur, now)
    idle = frame["kind"].map(lambda kind: timedelta(minutes=idle_minutes(kind, settings)))
    idle_ends = frame["last_seen_at"] + pd.to_timedelta(idle)
    frame["expires_at"] = idle_ends.where(idle_ends < frame["expires_at"], frame["expires_at"])
    return frame.loc[idle_ends > now].reset_index(drop=True)
