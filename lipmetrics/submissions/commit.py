"""Save a checked partner file as one submission, atomically, keeping its bytes
(docs/file-formats.md "Partner submission files" and "The raw-file store": the bytes go to a
partial file, the transaction commits, then the partial file is renamed into place)."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextvars import copy_context
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pandas as pd

from lipmetrics.accounts import User, require
from lipmetrics.errors import InvalidInputError, Problem
from lipmetrics.i18n import N_, _, ngettext
from lipmetrics.store import Database, audit_number, audit_text, queries, utcnow
from lipmetrics.submissions.ledger import withdrawn_breakdowns
from lipmetrics.submissions.rawfiles import (
    finish_interrupted,
    put_in_place,
    raw_file_name,
    write_partial,
)
from lipmetrics.submissions.validate import SubmissionCheck


@dataclass(frozen=True)
class CommitResult:
    """What a commit did: the submission id, and whether the same file had already been received."""

    submission_id: int
    already_received: bool
    rows: int
    withdrawn: int = 0  # earlier breakdown values withdrawn by a re-sent total

    @property
    def summary(self) -> str:
        """What the commit did, in one sentence for the partner."""
        if self.already_received:
            return _(
                "This exact file was already received as submission {id}; nothing was stored again."
            ).format(id=self.submission_id)
        if self.withdrawn:
            return ngettext(
                "Saved as submission {id}. {count} earlier breakdown value withdrawn.",
                "Saved as submission {id}. {count} earlier breakdown values withdrawn.",
                self.withdrawn,
            ).format(id=self.submission_id, count=self.withdrawn)
        return _("Saved as submission {id}.").format(id=self.submission_id)


def commit_submission(
    db: Database,
    actor: User,
    check: SubmissionCheck,
    data: bytes,
    store_dir: Path,
    received_at: datetime | None = None,
    note: str | None = None,
) -> CommitResult:
    """Save a checked file as one submission in one transaction; refuse it whole if any problem,
    or if it has plausibility warnings and no ``note`` confirms them (the note is kept with it).

    The same file (same bytes) already received for the partner is recognised and not stored again.
    ``received_at`` (default: now) is for loading files received earlier, such as the demo's.
    """
    require(actor, "submit_metrics", check.partner_code)
    now = received_at or utcnow()
    note = (note or "").strip() or None
    if not check.ok:
        with db.transaction() as cur:
            queries.insert_audit(
                cur, now, actor.username, "submission refused", f"{check.partner_code}: {check.file_name}",
                # Stored with the audit line as its msgid (older lines too): kept as written.
                audit_text(N_("{count} problem(s); sha256 {sha256}"),
                           count=audit_number(len(check.problems)), sha256=check.sha256[:12]),
                None,
            )  # fmt: skip
        raise _refused(check)
    if check.warnings and note is None:
        raise unconfirmed(check)
    with db.cursor() as cur:
        earlier = queries.submission_by_hash(cur, check.partner_code, check.sha256)
    if earlier is not None:
        if earlier["state"] == "withdrawn":
            message = _("restore submission {id} instead of uploading it again")
            summary = _(
                "This file was received before as submission {id} and then withdrawn."
            ).format(id=earlier["id"])
            problem = Problem(None, None, None, message.format(id=earlier["id"]))
            raise InvalidInputError(summary, [problem])
        return CommitResult(int(earlier["id"]), True, int(earlier["row_count"]))
    finish_interrupted(db, store_dir)
    stored = raw_file_name(check.sha256, check.file_name)
    # The bytes are written and flushed to the disk while the values go in; the transaction
    # waits for them before it commits, so a committed submission always has its raw file. The
    # thread runs in this context (the session's language words its refusal).
    with ThreadPoolExecutor(max_workers=1) as pool:
        writing = pool.submit(copy_context().run, write_partial, store_dir, data, stored)
        try:
            submission_id, withdrawn = _record(db, actor, check, stored, now, note, writing.result)
        except BaseException:
            if writing.exception() is None:  # waits for the write, then removes what it wrote
                writing.result().unlink(missing_ok=True)
            raise
    put_in_place(writing.result(), stored)
    return CommitResult(submission_id, False, len(check.rows), withdrawn)


def _refused(check: SubmissionCheck) -> InvalidInputError:
    """The refusal of a file with problems: how many, and each on its line."""
    count = len(check.problems)
    summary = ngettext(
        "{name} has {count} problem; nothing was saved.",
        "{name} has {count} problems; nothing was saved.",
        count,
    )
    return InvalidInputError(summary.format(name=check.file_name, count=count), check.problems)


def unconfirmed(check: SubmissionCheck, command_line: bool = False) -> InvalidInputError:
    """The refusal of a file whose plausibility warnings no note confirms: what to do (on the
    command line, with ``--confirm-note``), and each warning on its line."""
    count = len(check.warnings)
    if command_line:
        summary = ngettext(
            "{count} value in {name} looks unusual; nothing was saved. Check it, or confirm it "
            "with --confirm-note TEXT.",
            "{count} values in {name} look unusual; nothing was saved. Check them, or confirm "
            "them with --confirm-note TEXT.",
            count,
        )
    else:
        summary = ngettext(
            "{count} value in {name} looks unusual; nothing was saved. Check it, or confirm it "
            "with a note.",
            "{count} values in {name} look unusual; nothing was saved. Check them, or confirm "
            "them with a note.",
            count,
        )
    summary = summary.format(count=count, name=check.file_name)
    problems = [Problem(w.line, None, None, w.message) for w in check.warnings]
    return InvalidInputError(summary, problems)


def _record(
    db: Database,
    actor: User,
    check: SubmissionCheck,
    stored: str,
    now: datetime,
    note: str | None,
    written: Callable[[], Path],
) -> tuple[int, int]:
    """Write the submission, its values (with the withdrawals of earlier breakdown values its
    totals replace), its event and the audit entry in one transaction, which commits once
    ``written`` has returned (it raises when the raw file could not be written: nothing is
    saved). Return the submission id and how many earlier values it withdrew. It moves on the
    partner's values versions, not the data version (docs/architecture.md "Caching")."""
    with db.transaction(values_of=check.partner_code) as cur:
        submission_id = queries.next_ids(cur, "submission_ids", 1)[0]
        queries.insert_submission(
            cur, submission_id, check.partner_code, actor.username, now, check.file_name, check.sha256,
            len(check.rows), stored, check.read_as, check.decimal_comma, note,
        )  # fmt: skip
        withdrawn = _withdrawals(cur, check)
        values = pd.concat([check.rows, withdrawn]) if len(withdrawn) else check.rows
        values = values.assign(submission_id=submission_id, partner_code=check.partner_code).rename(
            columns={"metric": "metric_code"}
        )
        columns = ["submission_id", "metric_code", "partner_code", "period", "breakdown"]
        columns += ["value", "notes", "line"]
        queries.insert_rows(cur, "metric_values", values[columns], id_sequence="value_ids")
        queries.insert_submission_event(cur, submission_id, now, actor.username, "committed", None)
        queries.insert_audit(
            cur, now, actor.username, "submission committed", f"{check.partner_code}: {check.file_name}",
            audit_text(N_("submission {id}, {count} values"), id=submission_id,
                       count=audit_number(len(check.rows))),
            note,
        )  # fmt: skip
        written()
    return submission_id, len(withdrawn)


def _withdrawals(cur, check: SubmissionCheck) -> pd.DataFrame:
    """The rows that withdraw the earlier breakdown values a re-sent total replaces: the key with
    no value, on the total's line (see :func:`withdrawn_breakdowns`)."""
    old = queries.current_values(cur, check.partner_code)
    withdrawn = withdrawn_breakdowns(old, check.rows)
    return withdrawn[["line", "metric", "period", "breakdown"]].assign(
        value=float("nan"), notes=None
    )
