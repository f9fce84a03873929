"""SQL of accounts: users, failed sign-ins, the audit log and stored settings."""

from __future__ import annotations

from datetime import datetime

import pandas as pd

from lipmetrics.store.audit_text import AuditText
from lipmetrics.store.queries.base import Cursor, _df


def user_row(cur: Cursor, username: str) -> dict | None:
    """Return one account with its password hash (for the auth module only), or None."""
    frame = _df(cur, "SELECT * FROM users WHERE username = ?", [username])
    return None if frame.empty else frame.iloc[0].to_dict()


def user_by_email(cur: Cursor, email: str) -> dict | None:
    """Return the account with this e-mail (compared in lower case), or None."""
    frame = _df(cur, "SELECT * FROM users WHERE lower(email) = ?", [email])
    return None if frame.empty else frame.iloc[0].to_dict()


def users(cur: Cursor) -> pd.DataFrame:
    """Every account without its password hash: username, display_name, role, partner_code,
    email, active, has_password."""
    return _df(
        cur,
        "SELECT username, display_name, role, partner_code, email, active, "
        "password_hash IS NOT NULL AS has_password FROM users ORDER BY username",
    )


def insert_user(cur, username, display_name, role, partner_code, email, password_hash, at) -> None:
    """Insert an account."""
    cur.execute(
        "INSERT INTO users (username, display_name, role, partner_code, email, password_hash, "
        "active, created_at) VALUES (?, ?, ?, ?, ?, ?, TRUE, ?)",
        [
            username,
            display_name,
            role,
            partner_code,
            email.lower() if email else None,
            password_hash,
            at,
        ],
    )


def update_password(cur: Cursor, username: str, password_hash: str) -> None:
    """Replace an account's password hash and clear its failed sign-ins."""
    cur.execute("UPDATE users SET password_hash = ? WHERE username = ?", [password_hash, username])
    cur.execute("DELETE FROM sign_in_failures WHERE username = ?", [username])


def set_user_active(cur: Cursor, username: str, active: bool) -> None:
    """Let an account sign in (active) or not (inactive)."""
    cur.execute("UPDATE users SET active = ? WHERE username = ?", [active, username])


def update_user_language(cur: Cursor, username: str, language: str) -> None:
    """Remember the language an account chose (README "Languages")."""
    cur.execute("UPDATE users SET language = ? WHERE username = ?", [language, username])


def failed_sign_ins(cur: Cursor, username: str) -> dict:
    """Failed sign-ins in a row for a user name (known or not): failed_attempts, locked_until."""
    row = cur.execute(
        "SELECT failed_attempts, locked_until FROM sign_in_failures WHERE username = ?", [username]
    ).fetchone()
    if row is None:
        return {"failed_attempts": 0, "locked_until": None}
    return {"failed_attempts": int(row[0]), "locked_until": row[1]}


def record_sign_in(
    cur: Cursor, username: str, failures: int, locked_until: datetime | None
) -> None:
    """Remember the failed sign-ins in a row for a user name (0 after a success)."""
    cur.execute("DELETE FROM sign_in_failures WHERE username = ?", [username])
    if failures:
        cur.execute(
            "INSERT INTO sign_in_failures (username, failed_attempts, locked_until) VALUES (?, ?, ?)",
            [username, failures, locked_until],
        )


def audit_columns(detail: str | AuditText | None, reason: str | AuditText | None) -> list:
    """An audit line's detail, detail_key, detail_args, reason and reason_key: a sentence the app
    writes (:class:`AuditText`) is stored in English with its key beside it; a text people wrote
    as written, without a key. An app's reason is one fixed sentence (no placeholders)."""
    said = [
        (text.english, text.msgid, text.args_json) if isinstance(text, AuditText)
        else (text, None, None)
        for text in (detail, reason)
    ]  # fmt: skip
    return [*said[0], *said[1][:2]]


def insert_audit(cur, at, username, action, target, detail, reason) -> None:
    """Append one line to the audit log (never a password or a hash); ``detail`` and ``reason``
    are texts as written or :class:`AuditText` sentences."""
    cur.execute(
        "INSERT INTO audit_log (occurred_at, username, action, target, detail, detail_key, "
        "detail_args, reason, reason_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [at, username, action, target, *audit_columns(detail, reason)],
    )


def audit_log(cur: Cursor) -> pd.DataFrame:
    """The audit log, newest first: id, at, username, action, target, detail, reason, and the
    keys of the app's sentences: detail_key, detail_args, reason_key (None for texts as written)."""
    return _df(
        cur,
        "SELECT id, occurred_at AS at, username, action, target, detail, reason, detail_key, "
        "detail_args, reason_key FROM audit_log ORDER BY id DESC",
    )


def get_setting(cur: Cursor, key: str) -> str | None:
    """Return a stored setting, or None."""
    row = cur.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    return None if row is None else row[0]


def set_setting(cur: Cursor, key: str, value: str) -> None:
    """Store a setting."""
    cur.execute("DELETE FROM settings WHERE key = ?", [key])
    cur.execute("INSERT INTO settings (key, value) VALUES (?, ?)", [key, value])
