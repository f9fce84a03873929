"""The working group's status review: record how a project is going in a plan year, with a reason.

Every change is a new status record (nothing is overwritten) and a line in the audit log, written
in the same transaction. The review screen's editable table is built by :func:`review_table` and
read back by :func:`changes_from_table`, here side by side. :func:`changes_since` answers "what
changed since date D".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import pandas as pd

from lipmetrics.accounts import User, require
from lipmetrics.categories import CATEGORY_LABELS, STATUS_CATEGORIES
from lipmetrics.errors import InvalidInputError, NotFoundError, Problem
from lipmetrics.plan.data import PlanData, project_table
from lipmetrics.store import Database, queries, utcnow

REASONS = (
    "progress reported",
    "completed",
    "delayed",
    "deferred by the working group",
    "data correction",
    "other",
)
# The review table: columns shown as they are, then the ones a coordinator fills in.
REVIEW_FIXED = ["project_id", "pillar", "project", "status_label"]
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

    Columns :data:`REVIEW_FIXED` (project_id, pillar, project, status_label: its status that year)
    and :data:`REVIEW_EDITABLE`, empty: new_status (one of :data:`NEW_STATUS_CHOICES`), reason (one
    of :data:`REASONS`), other_reason, note. :func:`changes_from_table` reads it back.
    """
    table = project_table(data, plan_year)
    rows = table.loc[table["scheduled_this_year"], REVIEW_FIXED].reset_index(drop=True)
    return rows.assign(new_status=None, reason=None, other_reason="", note="")


def changes_from_table(edited: pd.DataFrame) -> list[StatusChange]:
    """Return the changes of a review table (as :func:`review_table` built it, then edited): the
    rows where a new status was picked, in table order."""
    by_label = {label: category for category, label in CATEGORY_LABELS.items()}
    chosen = edited[edited["new_status"].notna() & (edited["new_status"].astype(str) != "")]
    return [
        StatusChange(
            int(row.project_id),
            by_label.get(row.new_status, str(row.new_status)),
            row.reason if isinstance(row.reason, str) else "",
            row.note if isinstance(row.note, str) else "",
            row.other_reason if isinstance(row.other_reason, str) else "",
        )
        for row in chosen.itertuples()
    ]


def _problems(change: StatusChange, number: int | None, known: set[int]) -> list[Problem]:
    problems = []
    if change.project_id not in known:
        problems.append(
            Problem(number, "project", str(change.project_id), "no such project in this plan")
        )
    if change.category not in STATUS_CATEGORIES:
        problems.append(
            Problem(
                number,
                "status",
                change.category,
                "choose a status: " + ", ".join(CATEGORY_LABELS.values()),
            )
        )
    if change.reason not in REASONS:
        problems.append(Problem(number, "reason", change.reason, "choose a reason from the list"))
    if change.reason == "other" and not change.other_reason.strip():
        problems.append(Problem(number, "reason", "other", "say what the other reason is"))
    return problems


def record_statuses(
    db: Database,
    actor: User,
    plan_name: str,
    plan_year: int,
    changes: list[StatusChange],
    today: date | None = None,
    now: datetime | None = None,
) -> int:
    """Record the status of one or many projects for a plan year, all or nothing; return how many."""
    require(actor, "record_status")
    now = now or utcnow()
    today = today or now.date()
    with db.transaction() as cur:
        plan = _plan_under_review(cur, plan_name, plan_year)
        projects = queries.plan_projects(cur, int(plan["id"]))
        known = set(projects["project_id"].astype(int))
        names = dict(zip(projects["project_id"].astype(int), projects["project"], strict=True))
        problems = [
            p
            for i, c in enumerate(changes, start=1)
            for p in _problems(c, i if len(changes) > 1 else None, known)
        ]
        if problems:
            raise InvalidInputError(f"{len(problems)} problem(s); nothing was recorded.", problems)
        when, precision = review_date(int(plan["start_year"]), plan_year, today)
        for change in changes:
            reason = change.other_reason.strip() if change.reason == "other" else change.reason
            queries.insert_status_record(
                cur, project_id=change.project_id, category=change.category, original_text=None,
                status_date=when, date_precision=precision, effective_date=when,
                plan_year=plan_year, recorded_at=now, recorded_by=actor.username, reason=reason,
                note=change.note.strip() or None, source="review", illustrative=False,
            )  # fmt: skip
            queries.insert_audit(
                cur, now, actor.username, "status recorded", f"{plan_name}: {names[change.project_id]}",
                f"year {plan_year}: {CATEGORY_LABELS[change.category]}"
                + (f" — {change.note.strip()}" if change.note.strip() else ""),
                reason,
            )  # fmt: skip
    return len(changes)


def _plan_under_review(cur, plan_name: str, plan_year: int) -> dict:
    """The plan's row; raise when there is no such plan or ``plan_year`` is not one of its years."""
    plan = queries.plan_by_name(cur, plan_name)
    if plan is None:
        raise NotFoundError(f"There is no plan named “{plan_name}”.")
    if not 1 <= plan_year <= int(plan["years"]):
        problem = Problem(
            None, "plan year", str(plan_year), f"choose a year from 1 to {plan['years']}"
        )
        raise InvalidInputError("The plan year is outside the plan.", [problem])
    return plan


def changes_since(db: Database, plan_name: str, since: datetime) -> pd.DataFrame:
    """Status records entered since ``since`` (newest first), for "what changed since the last meeting".

    Columns: recorded_at, recorded_by, pillar, project, plan_year, status, reason, note,
    original_text.
    """
    with db.cursor() as cur:
        plan = queries.plan_by_name(cur, plan_name)
        if plan is None:
            raise NotFoundError(f"There is no plan named “{plan_name}”.")
        records = queries.plan_status_records(cur, int(plan["id"]))
        projects = queries.plan_projects(cur, int(plan["id"]))
    recent = records[records["recorded_at"] >= pd.Timestamp(since)].merge(
        projects[["project_id", "pillar", "project"]], on="project_id"
    )
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
