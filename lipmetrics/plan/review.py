"""The working group's status review: record how a project is going in a plan year, with a reason.

Every change is a new status record (nothing is overwritten) and a line in the audit log, written
in the same transaction. The review screen's editable table is built by :func:`review_table` and
read back by :func:`changes_from_table`, here side by side. :func:`changes_since` answers "what
changed since date D".
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime

import pandas as pd

from lipmetrics.accounts import User, require
from lipmetrics.categories import CATEGORY_LABELS, STATUS_CATEGORIES, STATUS_REASONS
from lipmetrics.errors import InvalidInputError, NotFoundError, Problem
from lipmetrics.i18n import N_, _, ngettext, shown_columns
from lipmetrics.plan.data import PlanData, project_table
from lipmetrics.store import Database, audit_text, audit_word, queries, utcnow

# Stored English; marked for the catalogs and translated where a form shows them.
REASONS = STATUS_REASONS
# The review table: columns shown as they are, then the ones a coordinator fills in.
REVIEW_FIXED = ["project_id", "pillar", "project", "status_label", "latest_text"]
REVIEW_EDITABLE = ["new_status", "reason", "other_reason", "note"]
NEW_STATUS_CHOICES = list(CATEGORY_LABELS.values())  # a new status is picked by its label


@dataclass(frozen=True)
class StatusChange:
    """One status a coordinator records for one project in one plan year."""

    project_id: int
    category: str
    reason: str
    note: str = ""
    other_reason: str = ""
    row: int | None = field(default=None, compare=False)  # its review-table row, for problems

    @property
    def reason_text(self) -> str:
        """The reason as recorded: the other reason's own words when the reason is "other"."""
        return self.other_reason.strip() if self.reason == "other" else self.reason


def review_date(start_year: int, plan_year: int, today: date) -> tuple[date, str]:
    """The date a review for ``plan_year`` is recorded under, and its precision.

    Today when today falls in that plan year; the last day of a past plan year; the first day of a
    future one. So the record always lands in the plan year it is about.
    """
    calendar_year = start_year + plan_year - 1
    if today.year == calendar_year:
        return today, "day"
    if today.year > calendar_year:
        return date(calendar_year, 12, 31), "year"
    return date(calendar_year, 1, 1), "year"


def review_table(data: PlanData, plan_year: int) -> pd.DataFrame:
    """The review table of ``plan_year``: one row per project scheduled that year, in plan order.

    Columns :data:`REVIEW_FIXED` (project_id, pillar, project, status_label: its status that year,
    latest_text: the original words of its latest status) and :data:`REVIEW_EDITABLE`, empty: new_status (one of :data:`NEW_STATUS_CHOICES`), reason (one
    of :data:`REASONS`), other_reason, note. :func:`changes_from_table` reads it back.
    """
    table = project_table(data, plan_year)
    rows = table.loc[table["scheduled_this_year"], REVIEW_FIXED].reset_index(drop=True)
    return rows.assign(new_status=None, reason=None, other_reason="", note="")


def changes_from_table(edited: pd.DataFrame) -> list[StatusChange]:
    """Return the changes of a review table (as :func:`review_table` built it, then edited): the
    rows where anything was written, in table order. A row with a reason or a note and no new
    status is a change with no status (category ""), which :func:`record_statuses` refuses by the
    project's name rather than leave out unsaid."""
    by_label = {label: category for category, label in CATEGORY_LABELS.items()}
    edited = edited.reset_index(drop=True)
    written = pd.Series(False, index=edited.index)
    for column in REVIEW_EDITABLE:
        cells = edited[column]
        written |= cells.notna() & (cells.astype(str).str.strip() != "")
    chosen = edited[written]
    return [
        StatusChange(
            int(row.project_id),
            by_label.get(row.new_status, str(row.new_status)) if _filled(row.new_status) else "",
            row.reason if isinstance(row.reason, str) else "",
            row.note if isinstance(row.note, str) else "",
            row.other_reason if isinstance(row.other_reason, str) else "",
            row=int(row.Index) + 1,
        )
        for row in chosen.itertuples()
    ]


def _filled(cell) -> bool:
    return isinstance(cell, str) and cell.strip() != ""


def _problems(change: StatusChange, names: dict[int, str]) -> list[Problem]:
    """What is wrong with one change; each problem names the project (and its table row)."""
    problems = []
    name = names.get(change.project_id) or _("project {id}").format(id=change.project_id)
    if change.project_id not in names:  # retired or deleted since the table was shown
        message = _("{project}: no such project in this plan").format(project=name)
        problems.append(Problem(change.row, "project", str(change.project_id), message))
    if change.category == "":
        message = _(
            "{project}: a reason or a note is written but no new status is picked: pick the new "
            "status, or clear the row"
        ).format(project=name)
        problems.append(Problem(change.row, "status", "", message))
    elif change.category not in STATUS_CATEGORIES:
        choices = ", ".join(_(label) for label in CATEGORY_LABELS.values())
        message = _("{project}: choose a status: {choices}").format(project=name, choices=choices)
        problems.append(Problem(change.row, "status", change.category, message))
    if change.reason not in REASONS and change.category != "":  # no status: said once above
        message = _("{project}: choose a reason from the list").format(project=name)
        problems.append(Problem(change.row, "reason", change.reason, message))
    if change.reason == "other" and not change.other_reason.strip():
        message = _("{project}: say what the other reason is").format(project=name)
        problems.append(Problem(change.row, "other_reason", "", message))
    return problems


def _already_recorded(records: pd.DataFrame, change: StatusChange, plan_year: int) -> bool:
    """True when the project's latest record for ``plan_year`` already says this: same category,
    reason and note (a second press of the button records nothing more)."""
    mine = records[
        (records["project_id"] == change.project_id) & (records["plan_year"] == plan_year)
    ]
    if mine.empty:
        return False
    latest = mine.sort_values(["effective_date", "status_id"]).iloc[-1]
    note = latest["note"] if isinstance(latest["note"], str) else ""
    return (latest["category"], latest["reason"], note) == (
        change.category, change.reason_text, change.note.strip(),
    )  # fmt: skip


def record_statuses(
    db: Database,
    actor: User,
    plan_name: str,
    plan_year: int,
    changes: list[StatusChange],
    today: date | None = None,
    now: datetime | None = None,
) -> int:
    """Record the status of one or many projects for a plan year, all or nothing; return how many
    records were written. A change the project's latest record of that year already says (same
    category, reason and note) is not recorded again."""
    require(actor, "record_status")
    now = now or utcnow()
    today = today or now.date()
    with db.transaction() as cur:
        plan = _plan_under_review(cur, plan_name, plan_year)
        projects = queries.plan_projects(cur, int(plan["id"]))
        names = dict(zip(projects["project_id"].astype(int), projects["project"], strict=True))
        if len(changes) > 1:  # changes not from a table are numbered in the order given
            changes = [c if c.row else replace(c, row=i) for i, c in enumerate(changes, 1)]
        problems = [p for change in changes for p in _problems(change, names)]
        if problems:
            raise InvalidInputError(
                ngettext(
                    "{count} problem; nothing was recorded.",
                    "{count} problems; nothing was recorded.",
                    len(problems),
                ).format(count=len(problems)),
                problems,
            )
        records = queries.plan_status_records(cur, int(plan["id"]))
        records = records[records["retracted_at"].isna() & (records["source"] != "import")]
        new = [c for c in changes if not _already_recorded(records, c, plan_year)]
        when, precision = review_date(int(plan["start_year"]), plan_year, today)
        for change in new:
            _write(
                cur,
                change,
                names[change.project_id],
                plan_name,
                plan_year,
                when,
                precision,
                actor,
                now,
            )
    return len(new)


def _write(cur, change, name, plan_name, plan_year, when, precision, actor, now) -> None:
    """One status record and its audit line."""
    queries.insert_status_record(
        cur, project_id=change.project_id, category=change.category, original_text=None,
        status_date=when, date_precision=precision, effective_date=when,
        plan_year=plan_year, recorded_at=now, recorded_by=actor.username,
        reason=change.reason_text, note=change.note.strip() or None, source="review",
        illustrative=False,
    )  # fmt: skip
    queries.insert_audit(
        cur, now, actor.username, "status recorded", f"{plan_name}: {name}",
        _status_detail(plan_year, CATEGORY_LABELS[change.category], change.note.strip()),
        change.reason_text if change.reason == "other" else audit_text(change.reason),
    )  # fmt: skip


def _status_detail(plan_year: int, label: str, note: str = ""):
    """The audit log's detail of a status recorded or retracted: the year, the status (a word
    shown in the reader's language) and the note as written."""
    if note:
        return audit_text(
            N_("year {year}: {status} — {note}"),
            year=plan_year,
            status=audit_word(label),
            note=note,
        )
    return audit_text(N_("year {year}: {status}"), year=plan_year, status=audit_word(label))


def retract_status(db: Database, actor: User, status_id: int, reason: str) -> None:
    """Retract a wrong status record: it stays in the history, marked retracted with who, when and
    why, and leaves the figures; the audit log says so. Coordinators and admins only.

    :raises NotFoundError: no such record. :raises InvalidInputError: no reason, or already
        retracted.
    """
    require(actor, "record_status")
    now = utcnow()
    with db.transaction() as cur:
        record = queries.status_record(cur, status_id)
        if record is None:
            raise NotFoundError(_("There is no status record {id}.").format(id=status_id))
        problems = []
        if not reason.strip():
            problems.append(Problem(None, "reason", reason, _("say why the record is wrong")))
        if pd.notna(record["retracted_at"]):
            problems.append(Problem(None, "record", str(status_id), _("it is already retracted")))
        if problems:
            raise InvalidInputError(_("The status record was not retracted."), problems)
        queries.insert_retraction(cur, status_id, now, actor.username, reason.strip())
        label = CATEGORY_LABELS.get(record["category"], "Needs a person")
        queries.insert_audit(
            cur, now, actor.username, "status retracted",
            f"{record['plan_name']}: {record['project']}",
            _status_detail(int(record["plan_year"]), label), reason.strip(),
        )  # fmt: skip


def _plan_under_review(cur, plan_name: str, plan_year: int) -> dict:
    """The plan's row; raise when there is no such plan or ``plan_year`` is not one of its years."""
    plan = queries.plan_by_name(cur, plan_name)
    if plan is None:
        raise NotFoundError(_("There is no plan named “{plan}”.").format(plan=plan_name))
    if not 1 <= plan_year <= int(plan["years"]):
        message = _("choose a year from 1 to {last}").format(last=plan["years"])
        problem = Problem(None, "plan year", str(plan_year), message)
        raise InvalidInputError(_("The plan year is outside the plan."), [problem])
    return plan


def changes_since(db: Database, plan_name: str, since: datetime) -> pd.DataFrame:
    """Status records entered since ``since`` (newest first), for "what changed since the last meeting";
    the pillar and project are named in the session's language. The statuses a plan import
    records are the plan's starting point as its workplan wrote it, not changes: a plan imported
    last week does not show its hundreds of statuses as changed (docs/definitions.md "Status
    review"). Retracted records are left out too.

    Columns: recorded_at, recorded_by, pillar, project, plan_year, status, reason, note,
    original_text.
    """
    with db.cursor() as cur:
        plan = queries.plan_by_name(cur, plan_name)
        if plan is None:
            raise NotFoundError(_("There is no plan named “{plan}”.").format(plan=plan_name))
        records = queries.plan_status_records(cur, int(plan["id"]))
        projects = queries.plan_projects(cur, int(plan["id"]))
    records = records[records["retracted_at"].isna() & (records["source"] != "import")]
    recent = records[records["recorded_at"] >= pd.Timestamp(since)].merge(
        shown_columns(projects, ["pillar", "project"])[["project_id", "pillar", "project"]],
        on="project_id",
    )  # the names in the session's language (README "Languages")
    recent = recent.assign(status=recent["category"].map(CATEGORY_LABELS).fillna("Needs a person"))
    columns = [
        "recorded_at",
        "recorded_by",
        "pillar",
        "project",
        "plan_year",
        "status",
        "reason",
        "note",
        "original_text",
    ]
    return recent.sort_values(["recorded_at", "status_id"], ascending=False)[columns].reset_index(
        drop=True
    )
