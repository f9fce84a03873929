"""Accounts: roles, permissions, who sees which partner's submissions, passwords, sign-in, the
first administrator, and the audit log."""

from lipmetrics.accounts.audit import audit_entries, audit_refusal
from lipmetrics.accounts.auth import (
    OPERATOR,
    ROLE_LABELS,
    ROLES,
    User,
    authenticate,
    create_user,
    get_user,
    has_admin,
    hash_password,
    list_users,
    require,
    set_password,
    user_for_email,
    verify_password,
)
from lipmetrics.accounts.scope import (
    EVERY_PARTNER,
    partner_scope,
    sees_every_partner,
    sees_partner,
)
from lipmetrics.accounts.setup import SETUP_ACTOR, SetupCode, create_first_admin

__all__ = [
    "EVERY_PARTNER",
    "OPERATOR",
    "ROLES",
    "ROLE_LABELS",
    "SETUP_ACTOR",
    "SetupCode",
    "User",
    "audit_entries",
    "audit_refusal",
    "authenticate",
    "create_first_admin",
    "create_user",
    "get_user",
    "has_admin",
    "hash_password",
    "list_users",
    "partner_scope",
    "require",
    "sees_every_partner",
    "sees_partner",
    "set_password",
    "user_for_email",
    "verify_password",
]
