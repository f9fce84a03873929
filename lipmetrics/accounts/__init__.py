"""Accounts: roles, permissions, passwords, sign-in, and the audit log."""

from lipmetrics.accounts.audit import audit_entries
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

__all__ = [
    "OPERATOR",
    "ROLES",
    "ROLE_LABELS",
    "User",
    "audit_entries",
    "authenticate",
    "create_user",
    "get_user",
    "has_admin",
    "hash_password",
    "list_users",
    "require",
    "set_password",
    "user_for_email",
    "verify_password",
]
