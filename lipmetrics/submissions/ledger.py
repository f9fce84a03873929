"""The submission ledger (docs/file-formats.md "Partner submission files"): values are never
updated or deleted.

A later submission with the same metric, period and breakdown supersedes a value, a withdrawal takes
a whole submission out (and a restore puts it back), and the value in force for a key is the one of
the latest submission that is not withdrawn. So every value's history can always be shown.

A submission that sends a new or changed total for a metric and period also supersedes the
partner's earlier breakdown values of it that it does not send again (:func:`withdrawn_breakdowns`):
it records them withdrawn, so a total is never shown beside an older breakdown that contradicts it.

Every read takes the acting user and shows only the partners it may see
(:func:`lipmetrics.accounts.partner_scope`); an id it may not see is answered as one that does not
exist (README "Partner submissions").
"""

from __future__ import annotations

import pandas as pd

from lipmetrics.accounts import User, partner_scope, require, sees_partner
from lipmetrics.errors import InvalidInputError, NotFoundError, Problem
from lipmetrics.i18n import N_, _, pgettext
from lipmetrics.store import Database, queries, utcnow


def _visible(frame: pd.DataFrame, column: str, partner: str | None) -> pd.DataFrame:
    """``frame`` narrowed to ``partner`` when one is asked for (a filter, never the scope)."""
    return frame if partner is None else frame[frame[column] == partner].reset_index(drop=True)


def current_values(db: Database, user: User, partner: str | None = None) -> pd.DataFrame:
    """The values in force that ``user`` may see (:func:`~lipmetrics.accounts.partner_scope`), of
    ``partner`` only when given: for each metric, partner, period and breakdown, the value of the
    latest submission that is not withdrawn. Columns: metric, partner, period, breakdown, value,
    notes, submission_id, submitted_at."""
    scope = partner_scope(user)
    with db.cursor() as cur:
        return _visible(queries.current_values(cur, scope), "partner", partner)


def withdrawn_breakdowns(old: pd.DataFrame, rows: pd.DataFrame) -> pd.DataFrame:
    """The earlier breakdown values a file's ``rows`` withdraw: for each metric and period whose
    total the file sends new or changed, the breakdown values in force (``old``, the partner's
    :func:`current_values`) whose key the file does not send again.

    Columns: metric, period, breakdown, old_value, line (the total's line in the file), new_total,
    old_total (NaN when there was none)."""
    keys = ["metric", "period"]
    columns = [*keys, "breakdown", "old_value", "line", "new_total", "old_total"]
    parts = old.loc[old["breakdown"] != "", [*keys, "breakdown", "value"]]
    if parts.empty:  # no breakdown value in force: nothing to withdraw (and no 100,000-line merge)
        kinds = {"old_value": float, "line": "int64", "new_total": float, "old_total": float}
        return pd.DataFrame({name: pd.array([], dtype=kinds.get(name, "str")) for name in columns})
    totals = rows.loc[rows["breakdown"] == "", [*keys, "value", "line"]]
    earlier = old.loc[old["breakdown"] == "", [*keys, "value"]]
    totals = totals.rename(columns={"value": "new_total"}).merge(
        earlier.rename(columns={"value": "old_total"}), on=keys, how="left"
    )
    totals = totals[totals["old_total"].isna() | (totals["old_total"] != totals["new_total"])]
    found = parts.rename(columns={"value": "old_value"}).merge(totals, on=keys)
    # only lines of a metric and period found can send a key again: the others are left out
    # before the keys are compared (a file may have 100,000 lines)
    maybe = rows["metric"].isin(found["metric"].unique()) & rows["period"].isin(
        found["period"].unique()
    )
    sent = rows.loc[maybe, [*keys, "breakdown"]].assign(sent=True)
    found = found.merge(sent, on=[*keys, "breakdown"], how="left")
    return found.loc[found["sent"].isna(), columns].reset_index(drop=True)


# One whole sentence per case (README "Languages"): the event is stored in English.
_NO_REASON = {
    "withdrawn": N_("say why the submission is withdrawn"),
    "restored": N_("say why the submission is restored"),
}
_ALREADY = {
    "withdrawn": N_("Submission {id} is already withdrawn."),
    "committed": N_("Submission {id} is already in force."),
}
_NOTHING_TO_DO = {
    "withdrawn": N_("nothing to do: restore it to put its values back"),
    "committed": N_("nothing to do: only a withdrawn submission can be restored"),
}


def _set_state(db: Database, actor: User, submission_id: int, event: str, reason: str) -> None:
    if not reason.strip():
        raise InvalidInputError(
            _("A reason is needed."), [Problem(None, "reason", "", _(_NO_REASON[event]))]
        )
    require(actor, "submit_metrics")  # before the id is looked up: a refusal tells nothing of it
    if actor.role == "partner":
        require(actor, "record_status")  # withdrawing and restoring are the working group's
    with db.cursor() as cur:  # whose it is, which never changes, names the versions it moves
        partner = _visible_submission(cur, actor, submission_id)["partner_code"]
    # It changes the partner's values in force, as a submission does, and moves on the same
    # versions (docs/architecture.md "Caching"): the plan's cached pages stay warm.
    with db.transaction(values_of=partner) as cur:
        submission = _visible_submission(cur, actor, submission_id)
        wanted = "withdrawn" if event == "withdrawn" else "committed"
        if submission["state"] == wanted:
            raise InvalidInputError(
                _(_ALREADY[wanted]).format(id=submission_id),
                [Problem(None, None, None, _(_NOTHING_TO_DO[wanted]))],
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


def _visible_submission(cur, user: User, submission_id: int, written: str | None = None) -> dict:
    """The submission ``submission_id`` with its state, when ``user`` may see it; else the same
    :class:`NotFoundError` whether it does not exist or belongs to a partner ``user`` may not
    see, so that an answer never tells which ids exist (``written``: the id as the user wrote it)."""
    submission = queries.submission_row(cur, submission_id)
    if submission is None or not sees_partner(user, submission["partner_code"]):
        raise NotFoundError(
            _(
                "There is no submission “{id}”; the list of submissions shows the ones you may see."
            ).format(id=written or submission_id)
        )
    return submission


def state_word(state: str) -> str:
    """A submission's state (stored in English: "committed", "withdrawn") in the current language,
    as the list of submissions shows it: "in force" / « en vigueur »."""
    words = {
        "committed": pgettext("submission state", "in force"),
        "withdrawn": pgettext("submission state", "withdrawn"),
    }
    return words.get(state, state)


def withdraw(db: Database, actor: User, submission_id: int, reason: str) -> None:
    """Take a whole submission out (its values stop counting); reversible with :func:`restore`."""
    _set_state(db, actor, submission_id, "withdrawn", reason)


def restore(db: Database, actor: User, submission_id: int, reason: str) -> None:
    """Put a withdrawn submission back."""
    _set_state(db, actor, submission_id, "restored", reason)


def submissions(db: Database, user: User, partner: str | None = None) -> pd.DataFrame:
    """The submissions ``user`` may see (of ``partner`` only when given), newest first: id,
    partner_code, username, submitted_at, file_name, sha256, row_count, state, values_in_force."""
    scope = partner_scope(user)
    with db.cursor() as cur:
        return _visible(queries.submissions(cur, scope), "partner_code", partner)


def value_history(db: Database, user: User, partner: str | None = None) -> pd.DataFrame:
    """Every value ever submitted that ``user`` may see (of ``partner`` only when given), with
    whether it is in force and what superseded it.

    Columns: metric, partner, period, breakdown, value, submission_id, submitted_at, state
    ("in force", "superseded", "withdrawn"), superseded_by.
    """
    scope = partner_scope(user)
    with db.cursor() as cur:
        return _visible(queries.value_history(cur, scope), "partner", partner)


def submission_values(db: Database, user: User, submission_id: int | str) -> pd.DataFrame:
    """The values one submission sent, as :func:`value_history` shows them, when ``user`` may see
    it. An id that does not exist, is not a number, or is another partner's gives the same
    :class:`NotFoundError` (``submission_id`` as written, e.g. typed on the Submissions page)."""
    partner_scope(user)  # an account that may see no submission is refused before any lookup
    text = str(submission_id).strip()
    with db.cursor() as cur:
        number = int(text) if text.isascii() and text.isdigit() and len(text) < 10 else -1
        found = _visible_submission(cur, user, number, text)
        history = queries.value_history(cur, found["partner_code"])
    return history[history["submission_id"] == found["id"]].reset_index(drop=True)
