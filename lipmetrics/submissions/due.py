"""A partner's reports, period by period: what is due, overdue, sent or superseded (the partner's
"My reporting" page, README "What is on screen"), and the template lines of the periods due.

A partner is expected to report each performance metric the catalogue lists it for, for every
period of the metric's frequency that has ended within the years of the plans the metric informs
(docs/definitions.md "Reporting completeness"); a report is due ``due_days`` after its period ends.
Pure function first (:func:`report_statuses`), then the loader (:func:`partner_reports`).
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from lipmetrics.accounts import User, sees_partner
from lipmetrics.errors import PermissionDeniedError
from lipmetrics.i18n import N_, _, pgettext, shown_columns
from lipmetrics.measures import expected_reports, parse_period
from lipmetrics.settings import DEFAULTS
from lipmetrics.store import Database, queries
from lipmetrics.submissions.ledger import value_history
from lipmetrics.submissions.templates import reported_by, template_for_periods

# In the order the page counts them: what still has to be sent first.
STATUSES = ("due", "overdue", "sent", "superseded")
STATUS_HELP = {  # shown translated: _(STATUS_HELP[status])
    "due": N_("The period has ended and the report is due by the date shown."),
    "overdue": N_("The due date has passed and no figures have arrived for this period."),
    "sent": N_("Figures for this period arrived on the date shown."),
    "superseded": N_(
        "Figures were sent more than once: the latest, sent on the date shown, replaced the "
        "earlier ones."
    ),
}
COLUMNS = ["metric", "period", "due", "status", "sent_on", "replaced_sent_on"]
_RANK = {"overdue": 0, "due": 1, "superseded": 2, "sent": 2}


def status_word(status: str) -> str:
    """A report's status (stored and compared in English) as the session's language says it."""
    words = {
        "due": pgettext("report status", "due"),
        "overdue": pgettext("report status", "overdue"),
        "sent": pgettext("report status", "sent"),
        "superseded": pgettext("report status", "superseded"),
    }
    return words.get(status, status)


def statuses_shown(reports: pd.DataFrame) -> pd.DataFrame:
    """A partner's reports (:func:`report_statuses`) with their status in words of the session's
    language, for a page to show."""
    return reports.assign(status=reports["status"].map(status_word))


def _day(value) -> date | None:
    return None if pd.isna(value) else pd.Timestamp(value).date()


def report_statuses(expected: pd.DataFrame, history: pd.DataFrame, as_of: date) -> pd.DataFrame:
    """One row per report a partner owes: metric, period, due, status, sent_on, replaced_sent_on.

    In: ``expected`` (metric, period, due: a date), the partner's reports; ``history`` (metric,
    period, submitted_at, state: ``in force``, ``superseded`` or ``withdrawn``), every value the
    partner sent (:func:`lipmetrics.submissions.value_history`). A report with a value in force is
    ``sent`` (``sent_on``: the day the latest of them arrived), or ``superseded`` when it also has
    values a later submission replaced (``replaced_sent_on``: the day the first of those arrived);
    with none, it is ``due`` until its due date (that day included), then ``overdue``. Withdrawn
    values count for nothing. Order: overdue, due, then the rest; newest period first within each.
    """
    # A withdrawn value is neither in force nor superseded: it counts for nothing.
    in_force = (
        history[history["state"] == "in force"].groupby(["metric", "period"])["submitted_at"].max()
    )
    replaced = (
        history[history["state"] == "superseded"]
        .groupby(["metric", "period"])["submitted_at"]
        .min()
    )
    rows = []
    for report in expected.itertuples(index=False):
        key = (report.metric, report.period)
        sent_on = _day(in_force.get(key))
        replaced_on = _day(replaced.get(key)) if sent_on else None
        if sent_on is None:
            status = "overdue" if report.due < as_of else "due"
        else:
            status = "superseded" if replaced_on else "sent"
        rows.append((report.metric, report.period, report.due, status, sent_on, replaced_on))
    frame = pd.DataFrame(rows, columns=COLUMNS)
    rank = frame["status"].map(_RANK)
    newest_first = frame["period"].map(lambda p: -parse_period(p).end.toordinal())
    ordered = frame.assign(_rank=rank, _end=newest_first).sort_values(["_rank", "_end", "metric"])
    return ordered.drop(columns=["_rank", "_end"]).reset_index(drop=True)


def report_counts(reports: pd.DataFrame) -> dict[str, int]:
    """How many reports have each status, in the order of :data:`STATUSES` (0 for none)."""
    counts = reports["status"].value_counts()
    return {status: int(counts.get(status, 0)) for status in STATUSES}


def partner_reports(
    db: Database,
    user: User,
    partner_code: str,
    as_of: date | None = None,
    due_days: int = DEFAULTS.report_due_days,
) -> pd.DataFrame:
    """A partner's :func:`report_statuses` as of ``as_of`` (default today), with each metric's
    name in the session's language (``metric_name``). Only for an account that may see this partner's submissions
    (:func:`lipmetrics.accounts.sees_partner`: the partner itself, coordinators, administrators)."""
    if not sees_partner(user, partner_code):
        message = _(
            "The account “{user}” may not see the reports of {partner}: a partner account sees "
            "its own organisation's only. Ask a coordinator if you need them."
        )
        raise PermissionDeniedError(message.format(user=user.username, partner=partner_code))
    as_of = as_of or date.today()
    with db.cursor() as cur:
        catalogue = queries.metrics(cur)
        spans = queries.metric_plan_years(cur)
    history = value_history(db, user, partner_code)
    mine = reported_by(catalogue, partner_code)  # a retired metric is no longer asked for
    parts = [
        expected_reports(mine[mine["code"] == span.metric], span.first_year, span.last_year,
                         as_of, due_days)
        for span in spans[spans["metric"].isin(mine["code"])].itertuples()
    ]  # fmt: skip
    expected = pd.concat([expected_reports(mine.iloc[0:0], 0, -1, as_of, due_days), *parts])
    expected = expected[expected["partner"] == partner_code].drop_duplicates(["metric", "period"])
    reports = report_statuses(expected, history, as_of)
    shown = shown_columns(catalogue, ["name"])  # in the session's language (README "Languages")
    names = dict(zip(shown["code"], shown["name"], strict=True))
    reports.insert(1, "metric_name", reports["metric"].map(names))
    return reports


def due_template(
    db: Database,
    user: User,
    partner_code: str,
    as_of: date | None = None,
    due_days: int = DEFAULTS.report_due_days,
    reports: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The template lines (:func:`lipmetrics.submissions.templates.template_frame`'s columns) of
    every period a partner still owes, due or overdue, by metric and oldest period first; no line
    when nothing is owed. ``reports``: the partner's :func:`partner_reports` of the same day and
    due days when already read (the app caches them), else read here."""
    if reports is None:
        reports = partner_reports(db, user, partner_code, as_of, due_days)
    owed = reports[reports["status"].isin(["due", "overdue"])]
    oldest_first = owed["period"].map(lambda p: parse_period(p).start)
    owed = owed.assign(_start=oldest_first).sort_values(["metric", "_start"])
    return template_for_periods(db, partner_code, owed)
