"""SQL of server-side sessions: each kept as the SHA-256 of its token, never the token itself
(README "Accounts, roles and sign-in")."""

from __future__ import annotations

from datetime import datetime

import pandas as pd

from lipmetrics.store.queries.base import Cursor, _df

# The columns a session is read with (never the token's hash: it stays in the store).
_SESSION = (
    "id, username, kind, created_at, last_seen_at, expires_at, user_agent, ended_at, end_reason"
)


def insert_session(
    cur: Cursor, token_hash: str, username: str, kind: str, at: datetime, expires_at: datetime,
    user_agent: str,
) -> int:  # fmt: skip
    """Store a new session (last seen when it starts); return its id."""
    row = cur.execute(
        "INSERT INTO sessions (id, token_hash, username, kind, created_at, last_seen_at, "
        "expires_at, user_agent) VALUES (nextval('session_ids'), ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        [token_hash, username, kind, at, at, expires_at, user_agent],
    ).fetchone()
    return int(row[0])


def session_by_hash(cur: Cursor, token_hash: str) -> dict | None:
    """The session whose token has this hash (columns of :data:`_SESSION`), or None."""
    row = cur.execute(
        f"SELECT {_SESSION} FROM sessions WHERE token_hash = ?", [token_hash]
    ).fetchone()
    return None if row is None else dict(zip(_SESSION.split(", "), row, strict=True))


def session_by_id(cur: Cursor, session_id: int) -> dict | None:
    """The session with this id (columns of :data:`_SESSION`), or None."""
    row = cur.execute(f"SELECT {_SESSION} FROM sessions WHERE id = ?", [session_id]).fetchone()
    return None if row is None else dict(zip(_SESSION.split(", "), row, strict=True))


def touch_session(cur: Cursor, session_id: int, seen_before: datetime, at: datetime) -> int:
    """Move a live session's last seen time to ``at``, unless another request did since
    ``seen_before``; return how many rows changed (0 or 1)."""
    cur.execute(
        "UPDATE sessions SET last_seen_at = ? "
        "WHERE id = ? AND last_seen_at = ? AND ended_at IS NULL RETURNING id",
        [at, session_id, seen_before],
    )
    return len(cur.fetchall())


def end_sessions(
    cur: Cursor, at: datetime, reason: str, *, session_id: int | None = None,
    username: str | None = None,
) -> list[int]:  # fmt: skip
    """End the live sessions with this id, or of this account, for ``reason``; return their ids."""
    if (session_id is None) == (username is None):
        raise ValueError("end_sessions takes either session_id or username")
    column, value = ("id", session_id) if username is None else ("username", username)
    rows = cur.execute(
        f"UPDATE sessions SET ended_at = ?, end_reason = ? "
        f"WHERE {column} = ? AND ended_at IS NULL RETURNING id",
        [at, reason, value],
    ).fetchall()
    return sorted(int(r[0]) for r in rows)


def live_sessions(cur: Cursor, at: datetime) -> pd.DataFrame:
    """Sessions of active accounts, not ended and not past their absolute expiry at ``at``,
    newest first: id, username, role, kind, created_at, last_seen_at, expires_at, user_agent.
    (The idle limit depends on settings: :mod:`lipmetrics.accounts.sessions` applies it.)"""
    return _df(
        cur,
        "SELECT s.id, s.username, u.role, s.kind, s.created_at, s.last_seen_at, s.expires_at, "
        "s.user_agent FROM sessions s JOIN users u ON u.username = s.username "
        "WHERE u.active AND s.ended_at IS NULL AND s.expires_at > ? "
        "ORDER BY s.created_at DESC, s.id DESC",
        [at],
    )


def forget_sessions(cur: Cursor, before: datetime) -> int:
    """Delete the sessions that ended, or reached their absolute expiry, before ``before``;
    return how many."""
    rows = cur.execute(
        "DELETE FROM sessions WHERE ended_at < ? OR expires_at < ? RETURNING id", [before, before]
    ).fetchall()
    return len(rows)
