"""Accounts, roles and permissions; passwords hashed with scrypt.

Every write function of lipmetrics takes the acting :class:`User` and calls :func:`require` first, so a
role's limits hold whatever screen or command the request came through, not only by hidden pages.

Passwords: ``hashlib.scrypt`` (memory-hard, n=2**14, r=8, p=1) with a 16-byte random salt per user,
stored as ``scrypt$n$r$p$salt$hash``; compared with :func:`hmac.compare_digest`. A password is never
stored, logged or shown; the hash never leaves this module's callers in a query result meant for a
screen (see :func:`list_users`).
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

import pandas as pd

from lipmetrics.accounts.roles import PERMISSIONS, REFUSALS, ROLE_LABELS, ROLES
from lipmetrics.errors import (
    DuplicateError,
    InvalidInputError,
    NotFoundError,
    PermissionDeniedError,
    Problem,
    SignInError,
    SignInLockedError,
)
from lipmetrics.i18n import LANGUAGES, N_, _, language_code
from lipmetrics.store import Database, audit_number, audit_text, audit_word, queries, utcnow

NOT_CREATED = N_("The account “{username}” cannot be created.")

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
MIN_PASSWORD_LENGTH = 10
# Failed sign-ins: after FREE_ATTEMPTS in a row, each further failure locks the user name for twice
# as long as the last, from LOCK_SECONDS up to MAX_LOCK_SECONDS.
FREE_ATTEMPTS = 3
LOCK_SECONDS = 30
MAX_LOCK_SECONDS = 15 * 60
_USERNAME = re.compile(r"[a-z0-9][a-z0-9._-]{1,39}")


@dataclass(frozen=True)
class User:
    """The account a request acts as."""

    username: str
    display_name: str
    role: str
    partner_code: str | None = None
    language: str | None = None  # the language the account chose in the app (README "Languages")

    def can(self, action: str) -> bool:
        """True when this account's role allows ``action`` (one of :data:`PERMISSIONS`)."""
        return self.role in PERMISSIONS[action]


# The command line without --user acts as the server's operator: it has direct access to the file.
OPERATOR = User("operator", "Server operator (command line)", "admin")


def require(user: User, action: str, partner_code: str | None = None) -> None:
    """Raise :class:`PermissionDeniedError` unless ``user`` may do ``action`` (for ``partner_code``)."""
    if not user.can(action):
        raise PermissionDeniedError(
            _(REFUSALS[action]).format(username=user.username, role=_(ROLE_LABELS[user.role]))
        )
    if user.role == "partner" and partner_code is not None and partner_code != user.partner_code:
        # Only submitting figures is done for a partner named in the request.
        raise PermissionDeniedError(
            _(
                "The account “{username}” belongs to {own} and may only submit metric values for "
                "that organisation, not for {partner}."
            ).format(username=user.username, own=user.partner_code, partner=partner_code)
        )


def hash_password(password: str, salt: bytes | None = None) -> str:
    """Return the scrypt hash of ``password`` with a new random salt, as one string."""
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(
        password.encode(), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=32
    )
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str | None) -> bool:
    """True when ``password`` matches the stored hash (constant-time comparison)."""
    if not stored:
        # Same work as a real check, so that a missing account cannot be told apart by timing.
        hash_password(password, b"0" * 16)
        return False
    try:
        _, n, r, p, salt, digest = stored.split("$")
        candidate = hashlib.scrypt(
            password.encode(), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p), dklen=32
        )
    except ValueError:
        return False
    return hmac.compare_digest(candidate.hex(), digest)


def check_password_rules(password: str) -> None:
    """Raise :class:`InvalidInputError` when a new password is too weak to accept."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInputError(
            _("The password is too short."),
            [
                Problem(
                    None,
                    "password",
                    None,
                    _("use at least {count} characters").format(count=MIN_PASSWORD_LENGTH),
                )
            ],  # fmt: skip
        )


def _user_from_row(row: dict) -> User:
    chosen = language_code(row.get("language")) if isinstance(row.get("language"), str) else None
    return User(
        row["username"], row["display_name"], row["role"], row["partner_code"] or None, chosen
    )


def set_user_language(db: Database, user: User, code: str) -> User:
    """Remember ``code`` ("en" or "fr") as the language of ``user``'s account, and return the
    account with it. No cached read shows it, so the data version stays (docs/architecture.md
    "Caching")."""
    if language_code(code) != code:
        raise ValueError(f"lipmetrics speaks {', '.join(LANGUAGES)}, not {code!r}")
    with db.transaction(moves_version=False) as cur:
        queries.update_user_language(cur, user.username, code)
    return replace(user, language=code)


def get_user(db: Database, username: str) -> User:
    """Return the active account ``username``; raise :class:`NotFoundError` when there is none."""
    with db.cursor() as cur:
        row = queries.user_row(cur, username)
    if row is None or not row["active"]:
        raise NotFoundError(
            _("There is no account “{username}”. See `lipmetrics users`.").format(username=username)
        )
    return _user_from_row(row)


def _account_problems(
    username: str, role: str, partner_code: str | None, password: str | None
) -> list[Problem]:
    """What is wrong with a new account's name, role, partner and password (nothing: [])."""
    problems = []
    if not _USERNAME.fullmatch(username):
        problems.append(
            Problem(
                None,
                "username",
                username,
                _("use 2-40 lower-case letters, digits, dots, dashes or underscores"),
            )
        )
    if role not in ROLES:
        choices = ", ".join(ROLES)
        problems.append(
            Problem(None, "role", role, _("choose one of {choices}").format(choices=choices))
        )
    if role == "partner" and not partner_code:
        problems.append(
            Problem(
                None, "partner", "", _("a partner account needs its organisation (--partner CODE)")
            )
        )
    if role != "partner" and partner_code:
        problems.append(
            Problem(
                None,
                "partner",
                partner_code,
                _("only partner accounts belong to an organisation"),
            )
        )
    if password is not None:
        try:
            check_password_rules(password)
        except InvalidInputError as exc:
            problems += exc.problems
    return problems


def create_user(
    db: Database,
    actor: User,
    username: str,
    role: str,
    partner_code: str | None = None,
    display_name: str | None = None,
    email: str | None = None,
    password: str | None = None,
) -> User:
    """Create an account (admins only); a partner account must name an existing partner."""
    require(actor, "manage_accounts")
    username = username.strip().lower()
    problems = _account_problems(username, role, partner_code, password)
    if problems:
        raise InvalidInputError(_(NOT_CREATED).format(username=username), problems)
    with db.transaction() as cur:
        if queries.user_row(cur, username) is not None:
            raise DuplicateError(
                _("An account named “{username}” already exists.").format(username=username)
            )
        if partner_code and queries.partner_row(cur, partner_code) is None:
            raise InvalidInputError(
                _(NOT_CREATED).format(username=username),
                [
                    Problem(
                        None,
                        "partner",
                        partner_code,
                        _(
                            "no partner has this code; see the partners list or "
                            "`lipmetrics import-partners`"
                        ),
                    )
                ],
            )
        queries.insert_user(
            cur, username, display_name or username, role, partner_code, email,
            hash_password(password) if password else None, utcnow(),
        )  # fmt: skip
        label = audit_word(ROLE_LABELS[role], written=role)
        detail = (
            audit_text(N_("role {role}, partner {partner}"), role=label, partner=partner_code)
            if partner_code
            else audit_text(N_("role {role}"), role=label)
        )
        queries.insert_audit(
            cur, utcnow(), actor.username, "account created", username, detail, None
        )
    return User(username, display_name or username, role, partner_code)


def set_password(db: Database, actor: User, username: str, password: str) -> None:
    """Set an account's password: admins for anyone, anyone for their own account. Every session
    of the account ends with it (README "Accounts, roles and sign-in")."""
    if actor.username != username:
        require(actor, "manage_accounts")
    check_password_rules(password)
    now = utcnow()
    with db.transaction() as cur:
        if queries.user_row(cur, username) is None:
            raise NotFoundError(_("There is no account “{username}”.").format(username=username))
        queries.update_password(cur, username, hash_password(password))
        queries.insert_audit(cur, now, actor.username, "password set", username, None, None)
        end_account_sessions(
            cur, now, actor, username, "password changed", N_("{count} ended (password changed)")
        )


def end_account_sessions(
    cur: queries.Cursor, now: datetime, actor: User, username: str, reason: str, detail: str
) -> int:
    """End every live session of ``username`` for ``reason`` (one of
    :data:`lipmetrics.errors.SESSION_END_REASONS`), inside the caller's transaction, with one
    "sessions ended" audit line whose detail is the msgid ``detail`` with its ``{count}``; return
    how many ended."""
    ended = queries.end_sessions(cur, now, reason, username=username)
    if ended:
        words = audit_text(detail, count=audit_number(len(ended)))
        queries.insert_audit(cur, now, actor.username, "sessions ended", username, words, None)
    return len(ended)


def _refuse_while_locked(attempts: dict, username: str, now: datetime) -> None:
    """Raise :class:`SignInLockedError` while failed attempts keep ``username`` locked out."""
    locked_until = attempts["locked_until"]
    if locked_until is not None and locked_until > now:
        wait = max(1, int((locked_until - now).total_seconds()))
        raise SignInLockedError(
            _(
                "Too many failed attempts for “{username}”. Wait {wait} seconds and try again, "
                "or ask an administrator to reset the password."
            ).format(username=username, wait=wait)
        )


def authenticate(db: Database, username: str, password: str, now: datetime | None = None) -> User:
    """Return the account when the password is right; otherwise raise :class:`SignInError`.

    Failures are counted per user name (known or not) and slow further attempts down; every
    failure is written to the audit log, without the password.
    """
    now = now or utcnow()
    username = username.strip().lower()
    # The password is checked (scrypt: the slow part) before any write transaction, which every
    # write of every process waits for; a right password with no failure to forget writes nothing.
    with db.cursor() as cur:
        row = queries.user_row(cur, username)
        attempts = queries.failed_sign_ins(cur, username)
    _refuse_while_locked(attempts, username, now)
    ok = verify_password(password, row["password_hash"] if row and row["active"] else None)
    if ok and not attempts["failed_attempts"]:
        return _user_from_row(row)
    # No cached read shows sign-in counters or the audit log: the data version stays, so signing
    # in leaves every process's caches warm (docs/architecture.md "Caching").
    with db.transaction(moves_version=False) as cur:
        attempts = queries.failed_sign_ins(cur, username)  # again: decided inside the transaction
        _refuse_while_locked(attempts, username, now)
        if ok:
            queries.record_sign_in(cur, username, 0, None)
            return _user_from_row(row)
        failures = attempts["failed_attempts"] + 1
        lock = None
        if failures > FREE_ATTEMPTS:
            seconds = min(MAX_LOCK_SECONDS, LOCK_SECONDS * 2 ** (failures - FREE_ATTEMPTS - 1))
            lock = now + timedelta(seconds=seconds)
        queries.record_sign_in(cur, username, failures, lock)
        queries.insert_audit(
            cur,
            now,
            username,
            "sign-in failed",
            username,
            audit_text(N_("failed attempt {number}"), number=failures),
            None,
        )
    raise SignInError(_("The user name or password is not right. Check them and try again."))


def user_for_email(db: Database, email: str) -> User:
    """Return the active account whose e-mail is ``email`` (single sign-on); else NotFoundError."""
    with db.cursor() as cur:
        row = queries.user_by_email(cur, email.strip().lower())
    if row is None or not row["active"]:
        raise NotFoundError(
            _(
                "No lipmetrics account has the e-mail address {email}. Ask an administrator to "
                "add it."
            ).format(email=email)
        )
    return _user_from_row(row)


def list_users(db: Database) -> pd.DataFrame:
    """Every account: username, display_name, role, partner_code, email, active, has_password.

    The password hash itself is never part of the result.
    """
    with db.cursor() as cur:
        return queries.users(cur)


def has_admin(db: Database) -> bool:
    """True when at least one active administrator account exists."""
    frame = list_users(db)
    return bool(((frame["role"] == "admin") & frame["active"]).any())
