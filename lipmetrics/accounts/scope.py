"""Who may see which partner's submissions (README "Accounts, roles and sign-in").

The one place that decides it: every read of partners' submissions, values, value history and raw
files asks :func:`partner_scope` for the acting account, so a screen or a command never chooses
what a user sees by passing a partner code. Coordinators and administrators see every partner, a
partner account its own organisation only; viewers (and nobody signed in) see no submission at all,
only the dashboards' shared measures.
"""

from __future__ import annotations

from lipmetrics.accounts.auth import User, require
from lipmetrics.errors import PermissionDeniedError
from lipmetrics.i18n import _

EVERY_PARTNER = None  # what partner_scope returns for an account that sees every partner


def partner_scope(user: User | None) -> str | None:
    """The partner whose submissions ``user`` may see: its own organisation's code for a partner
    account, :data:`EVERY_PARTNER` (None) for coordinators and administrators. Raise
    :class:`PermissionDeniedError` for an account that may see no submission (viewers, nobody)."""
    if user is None:
        raise PermissionDeniedError(
            _("Partners' submissions are only shown to a signed-in account: sign in first.")
        )
    require(user, "see_submissions")
    return user.partner_code if user.role == "partner" else EVERY_PARTNER


def sees_partner(user: User | None, partner_code: str) -> bool:
    """True when ``user`` may see the submissions of ``partner_code`` (see :func:`partner_scope`)."""
    try:
        scope = partner_scope(user)
    except PermissionDeniedError:
        return False
    return scope is EVERY_PARTNER or scope == partner_code


def sees_every_partner(user: User | None) -> bool:
    """True when ``user`` may see every partner's submissions (coordinators, administrators)."""
    try:
        return partner_scope(user) is EVERY_PARTNER
    except PermissionDeniedError:
        return False
