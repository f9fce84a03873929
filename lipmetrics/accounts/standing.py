"""Deactivating an account when its person leaves, and reactivating it (README "Accounts, roles
and sign-in"). An inactive account cannot sign in, and its sessions end; its records and audit
lines stay under its name, and the user name cannot be given to anyone else."""

from __future__ import annotations

from lipmetrics.accounts.auth import User, end_account_sessions, require
from lipmetrics.errors import InvalidInputError, NotFoundError, Problem
from lipmetrics.i18n import N_, _
from lipmetrics.store import Database, queries, utcnow


def deactivate_account(db: Database, actor: User, username: str) -> int:
    """Make ``username`` inactive and end its sessions; return how many ended. Refused for the
    administrator's own account and for the last active administrator (someone must be able to
    sign in and manage accounts)."""
    require(actor, "manage_accounts")
    now = utcnow()
    with db.transaction() as cur:
        row = _account(cur, username, active=True)
        if username == actor.username:
            _refuse(
                username, _("you cannot deactivate your own account: another administrator can")
            )
        if row["role"] == "admin" and _active_admins(cur) <= 1:
            _refuse(
                username,
                _("this is the last active administrator: add another administrator first"),
            )
        queries.set_user_active(cur, username, False)
        queries.insert_audit(cur, now, actor.username, "account deactivated", username, None, None)
        return end_account_sessions(
            cur, now, actor, username, "account removed", N_("{count} ended (account deactivated)")
        )


def reactivate_account(db: Database, actor: User, username: str) -> None:
    """Let an inactive account sign in again, with the password it had."""
    require(actor, "manage_accounts")
    with db.transaction() as cur:
        _account(cur, username, active=False)
        queries.set_user_active(cur, username, True)
        queries.insert_audit(
            cur, utcnow(), actor.username, "account reactivated", username, None, None
        )


def _account(cur: queries.Cursor, username: str, *, active: bool) -> dict:
    """The account's row; refused when there is none, or when it is already as asked."""
    row = queries.user_row(cur, username)
    if row is None:
        raise NotFoundError(_("There is no account “{username}”.").format(username=username))
    if bool(row["active"]) != active:  # already what was asked
        _refuse(username, _("the account is already active") if row["active"] else _(
            "the account is already inactive"))  # fmt: skip
    return row


def _active_admins(cur: queries.Cursor) -> int:
    accounts = queries.users(cur)
    return int(((accounts["role"] == "admin") & accounts["active"]).sum())


def _refuse(username: str, message: str) -> None:
    raise InvalidInputError(
        _("Nothing was changed for the account “{username}”.").format(username=username),
        [Problem(None, "account", username, message)],
    )
