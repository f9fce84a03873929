"""The audit log: every write, with who, when, what and why (read side; writes are in each module),
and the requests the app's sign-in and sign-out routes refused."""

from __future__ import annotations

from datetime import date

import pandas as pd

from lipmetrics.accounts.auth import User, require
from lipmetrics.store import Database, queries, utcnow


def audit_entries(
    db: Database,
    actor: User,
    usernames: list[str] | None = None,
    actions: list[str] | None = None,
    since: date | None = None,
    until: date | None = None,
    text: str = "",
) -> pd.DataFrame:
    """Return the audit log, newest first, filtered (coordinators and admins only).

    Columns: at, username, action, target, detail, reason.
    """
    require(actor, "view_audit")
    with db.cursor() as cur:
        log = queries.audit_log(cur)
    keep = pd.Series(True, index=log.index)
    if usernames:
        keep &= log["username"].isin(usernames)
    if actions:
        keep &= log["action"].isin(actions)
    if since:
        keep &= log["at"] >= pd.Timestamp(since)
    if until:
        keep &= log["at"] < pd.Timestamp(until) + pd.Timedelta(days=1)
    if text.strip():
        needle = text.strip().casefold()
        haystack = log[["target", "detail", "reason"]].fillna("").astype(str).agg(" ".join, axis=1)
        keep &= haystack.str.casefold().str.contains(needle, regex=False)
    return log.loc[keep, ["at", "username", "action", "target", "detail", "reason"]].reset_index(
        drop=True
    )


def audit_refusal(db: Database, username: str, action: str, detail: str) -> None:
    """Write a request the sign-in or sign-out route refused to the audit log: who it named,
    ``action`` ("sign-in refused"…) and why, never a password or a token."""
    with db.transaction(moves_version=False) as cur:  # no cached read shows the audit log
        queries.insert_audit(cur, utcnow(), username, action, username, detail[:200], None)
