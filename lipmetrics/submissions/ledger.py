"""The submission ledger (docs/file-formats.md "Partner submission files"): values are never
updated or deleted.

A later submission with the same metric, period and breakdown supersedes a value, a withdrawal takes
a whole submission out (and a restore puts it back), and the value in force for a key is the one of
the latest submission that is not withdrawn. So every value's history can always be shown.

A submission that sends a new or changed total for a metric and period also supersedes the
partner's earlier breakdown values of it that it does not send again (:func:`withdrawn_breakdowns`):
it records them withdrawn, so a total is never shown beside an older breakdown that contradicts it.
"""

from __future__ import annotations

import pandas as pd

from lipmetrics.accounts import User, require
from lipmetrics.errors import InvalidInputError, NotFoundError, Problem
from lipmetrics.store import Database, queries, utcnow


def current_values(db: Database, partner_code: str | None = None) -> pd.DataFrame:
    """The values in force: for each metric, partner, period and breakdown, the value of the latest
    submission that is not withdrawn. Columns: metric, partner, period, breakdown, value, notes,
    submission_id, submitted_at."""
    with db.cursor() as cur:
        return queries.current_values(cur, partner_code)


def withdrawn_breakdowns(old: pd.DataFrame, rows: pd.DataFrame) -> pd.DataFrame:
    """The earlier breakdown values a file's ``rows`` withdraw: for each metric and period whose
    total the file sends new or changed, the breakdown values in force (``old``, the partner's
    :func:`current_values`) whose key the file does not send again.

    Columns: metric, period, breakdown, old_value, line (the total's line in the file), new_total,
    old_total (NaN when there was none)."""
    keys = ["metric", "period"]
    totals = rows.loc[rows["breakdown"] == "", [*keys, "value", "line"]]
    earlier = old.loc[old["breakdown"] == "", [*keys, "value"]]
    totals = totals.rename(columns={"value": "new_total"}).merge(
        earlier.rename(columns={"value": "old_total"}), on=keys, how="left"
    )
    totals = totals[totals["old_total"].isna() | (totals["old_total"] != totals["new_total"])]
    parts = old.loc[old["breakdown"] != "", [*keys, "breakdown", "value"]]
    found = parts.rename(columns={"value": "old_value"}).merge(totals, on=keys)
    sent = rows[[*keys, "breakdown"]].assign(sent=True)
    found = found.merge(sent, on=[*keys, "breakdown"], how="left")
    columns = [*keys, "breakdown", "old_value", "line", "new_total", "old_total"]
    return found.loc[found["sent"].isna(), columns].reset_index(drop=True)


def _set_state(db: Database, actor: User, submission_id: int, event: str, reason: str) -> None:
    if not reason.strip():
        raise InvalidInputError(
            "A reason is needed.",
            [Problem(None, "reason", "", f"say why the submission is {event}")],
        )
    with db.transaction() as cur:
        submission = queries.submission_row(cur, submission_id)
        if submission is None:
            raise NotFoundError(f"There is no submission {submission_id}.")
        require(actor, "submit_metrics", submission["partner_code"])
        if actor.role == "partner":
            require(actor, "record_status")  # withdrawing and restoring are the working group's
        wanted = "withdrawn" if event == "withdrawn" else "committed"
        if submission["state"] == wanted:
            raise InvalidInputError(
                f"Submission {submission_id} is already {submission['state']}.",
                [Problem(None, None, None, "nothing to do")],
            )
        now = utcnow()
        queries.insert_submission_event(
            cur, submission_id, now, actor.username, event, reason.strip()
        )
        queries.insert_audit(
            cur,
            now,
            actor.username,
            f"submission {event}",
            f"submission {submission_id}",
            submission["file_name"],
            reason.strip(),
        )


def withdraw(db: Database, actor: User, submission_id: int, reason: str) -> None:
    """Take a whole submission out (its values stop counting); reversible with :func:`restore`."""
    _set_state(db, actor, submission_id, "withdrawn", reason)


def restore(db: Database, actor: User, submission_id: int, reason: str) -> None:
    """Put a withdrawn submission back."""
    _set_state(db, actor, submission_id, "restored", reason)


def submissions(db: Database, partner_code: str | None = None) -> pd.DataFrame:
    """The submission ledger, newest first: id, partner_code, username, submitted_at, file_name,
    sha256, row_count, state, values_in_force."""
    with db.cursor() as cur:
        return queries.submissions(cur, partner_code)


def value_history(db: Database, partner_code: str | None = None) -> pd.DataFrame:
    """Every value ever submitted, with whether it is in force and what superseded it.

    Columns: metric, partner, period, breakdown, value, submission_id, submitted_at, state
    ("in force", "superseded", "withdrawn"), superseded_by.
    """
    with db.cursor() as cur:
        return queries.value_history(cur, partner_code)
