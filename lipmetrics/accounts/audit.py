"""The audit log: every write, with who, when, what and why (read side; writes are in each module),
and the requests the app's sign-in and sign-out routes refused.

What the app wrote itself (an action, a detail, a reason of its own) is shown in the reader's
language; names and texts people wrote as written (README "Languages")."""

from __future__ import annotations

from datetime import date

import pandas as pd

from lipmetrics.accounts.auth import User, require
from lipmetrics.i18n import N_, _
from lipmetrics.store import AuditText, Database, queries, shown_audit_text, utcnow

# What the audit log's actions are called on screen (README "Languages"); the log keeps them in
# English, as written, and an action this list does not name is shown as written.
ACTION_NAMES = {
    action: action
    for action in (
        N_("account created"), N_("account deactivated"), N_("account reactivated"),
        N_("password set"), N_("session started"), N_("session ended"),
        N_("sessions ended"), N_("sign-in failed"), N_("sign-in refused"), N_("sign-out refused"),
        N_("partner added"), N_("partner changed"), N_("partner retired"),
        N_("partner restored"), N_("breakdown added"), N_("breakdown category added"),
        N_("breakdown category renamed"), N_("breakdown category retired"),
        N_("breakdown category restored"), N_("breakdown category deleted"),
        N_("plan imported"), N_("status recorded"), N_("status retracted"),
        N_("status classified"), N_("status phrase taught"), N_("status phrase forgotten"),
        N_("note written"), N_("target set"), N_("baseline set"), N_("submission committed"),
        N_("submission refused"), N_("submission withdrawn"), N_("submission restored"),
        N_("catalogue imported"), N_("indicator imported"), N_("metric added"),
        N_("metric changed"), N_("metric retired"), N_("database copied"),
        N_("project years changed"), N_("project working group changed"),
        N_("project recurring changed"), N_("pillar added"), N_("pillar renamed"),
        N_("pillar moved"), N_("pillar retired"), N_("goal added"), N_("goal renamed"),
        N_("goal moved"), N_("goal retired"), N_("objective added"), N_("objective renamed"),
        N_("objective moved"), N_("objective retired"), N_("project added"),
        N_("project renamed"), N_("project moved"), N_("project retired"),
        N_("French name set"),
    )
}  # fmt: skip


def action_label(action: str) -> str:
    """An audit log action as a page shows it: in the session's language when
    :data:`ACTION_NAMES` names it, else as written."""
    return _(ACTION_NAMES[action]) if action in ACTION_NAMES else action


AUDIT_COLUMNS = ["at", "username", "action", "target", "detail", "reason"]


def shown_details(log: pd.DataFrame) -> pd.DataFrame:
    """``log`` (as :func:`lipmetrics.store.queries.audit_log` reads it) with its detail and reason
    as the current language shows them: the app's sentences translated, older lines and what
    people wrote as stored."""
    return log.assign(
        detail=[
            shown_audit_text(detail, key, args)
            for detail, key, args in zip(
                log["detail"], log["detail_key"], log["detail_args"], strict=True
            )
        ],
        reason=[
            shown_audit_text(reason, key)
            for reason, key in zip(log["reason"], log["reason_key"], strict=True)
        ],
    )


def audit_entries(
    db: Database,
    actor: User,
    usernames: list[str] | None = None,
    actions: list[str] | None = None,
    since: date | None = None,
    until: date | None = None,
    text: str = "",
    *,
    as_shown: bool = False,
) -> pd.DataFrame:
    """Return the audit log, newest first, filtered (coordinators and admins only).

    Columns: at, username, action, target, detail, reason: as stored (English where the app wrote
    them: what the CSV download holds), or with ``as_shown`` the action, detail and reason in the
    current language. ``text`` is looked for in the target, detail and reason, as stored and as
    shown.
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
    shown = shown_details(log) if text.strip() else None  # translated once, for every line
    if shown is not None:
        needle = text.strip().casefold()
        texts = [log["target"], log["detail"], log["reason"], shown["detail"], shown["reason"]]
        texts = [column.fillna("").astype(str) for column in texts]
        haystack = texts[0].str.cat(texts[1:], sep=" ")  # whole columns: no Python call per line
        keep &= haystack.str.casefold().str.contains(needle, regex=False)
    if as_shown:
        log = shown if shown is not None else shown_details(log[keep])
        log = log.assign(action=log["action"].map(action_label))
    return log.loc[keep, AUDIT_COLUMNS].reset_index(drop=True)


def audit_refusal(db: Database, username: str, action: str, detail: str | AuditText) -> None:
    """Write a request the sign-in or sign-out route refused to the audit log: who it named,
    ``action`` ("sign-in refused"…) and why (a text is cut to 200 characters), never a password
    or a token."""
    detail = detail[:200] if isinstance(detail, str) else detail
    with db.transaction(moves_version=False) as cur:  # no cached read shows the audit log
        queries.insert_audit(cur, utcnow(), username, action, username, detail, None)
