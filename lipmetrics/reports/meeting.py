"""Meeting mode: the slides the coordinating committee walks through on a projector (README "What is on screen").

:func:`meeting_slides` gathers, for a plan and a meeting date, one slide each for the title, the
overall progress, every pillar, what changed since the last meeting and what needs attention. A
slide holds its figure (a :mod:`lipmetrics.reports.charts` figure, 24 px text), its lines in words (also its
text alternative) and speaker notes; the screen and the PPTX deck are both built from them, in the current language (README "Languages").
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import pandas as pd
import plotly.graph_objects as go

from lipmetrics.categories import CATEGORY_LABELS, PROGRESS_LABELS
from lipmetrics.i18n import _, format_long_date, format_number, ngettext, pgettext
from lipmetrics.measures import card_records, completeness, scorecard
from lipmetrics.plan import (
    ALL_PILLARS,
    REASONS,
    PlanData,
    changes_since,
    load_plan,
    plan_progress,
    plan_year_of,
    project_table,
)
from lipmetrics.reports import year_chart
from lipmetrics.reports.words import (
    attention_first,
    changes_line,
    level_word,
    plan_years_words,
    received_line,
    shared_note,
    slide_metric_line,
    status_counts,
)
from lipmetrics.settings import DEFAULTS
from lipmetrics.store import Database, queries

MAX_LINES = 5  # what a projector shows at 1024×768 beside a chart without scrolling


def short(text: str, width: int = 70) -> str:
    """A project's name cut to fit one line of a slide (the full name is in the explorer)."""
    cut = textwrap.shorten(str(text), width=width, placeholder="…")
    return re.sub(r"[.,;:!?]+…$", "…", cut)  # "plans.…" reads as two marks: "plans…"


LAST_MEETING_SETTING = "last_meeting:{plan}"
SINCE_DAYS = 60  # about the time between two committee meetings


@dataclass
class Slide:
    """One slide: its title, what it says in words, its figure (drawn without a title: the
    screen writes ``caption`` above it as a heading that wraps) and the speaker's notes."""

    kind: str  # title, overall, pillar, changes, attention
    title: str
    lines: list[str] = field(default_factory=list)
    figure: go.Figure | None = None
    notes: str = ""
    caption: str = ""


def _clip(lines: list[str], more, most: int = MAX_LINES) -> list[str]:
    """At most ``most`` lines; the last says how many more there are (``more(count)``)."""
    if len(lines) <= most:
        return lines
    return [*lines[: most - 1], more(len(lines) - most + 1)]


def _count(sentence: str, count: int) -> str:
    """A sentence from ``ngettext`` with its ``{count}`` written the language's way."""
    return sentence.format(count=format_number(count))


def previous_meeting(db: Database, plan: str) -> date | None:
    """The date of the plan's last meeting the app remembers, or None."""
    with db.cursor() as cur:
        text = queries.get_setting(cur, LAST_MEETING_SETTING.format(plan=plan))
    return date.fromisoformat(text) if text else None


def since_date(previous: date | None, today: date) -> date:
    """The date a meeting counts changes from: the plan's previous meeting when the app remembers
    one, else :data:`SINCE_DAYS` days before ``today``. Meeting mode and the meeting deck both use it."""
    return previous or today - timedelta(days=SINCE_DAYS)


def meeting_since(db: Database, plan: str, today: date) -> date:
    """:func:`since_date` for ``plan``, with its previous meeting read from the database."""
    return since_date(previous_meeting(db, plan), today)


def remember_meeting(db: Database, plan: str, meeting: date) -> None:
    """Remember ``meeting`` as the plan's last meeting (the next one's "since" date)."""
    with db.transaction() as cur:
        queries.set_setting(cur, LAST_MEETING_SETTING.format(plan=plan), meeting.isoformat())


def meeting_slides(
    db: Database,
    plan: str,
    meeting: date,
    since: date,
    margin: float = DEFAULTS.on_track_margin,
    due_days: int = DEFAULTS.report_due_days,
) -> list[Slide]:
    """Every slide of a meeting on ``meeting`` about ``plan``, changes counted from ``since``."""
    data = load_plan(db, plan)
    rates = plan_progress(data)
    year = data.current_plan_year()
    calendar = data.start_year + year - 1
    cards = scorecard(db, plan, None, meeting, margin)
    card_list = card_records(cards)
    slides = [
        _title_slide(data, meeting, since, year, calendar),
        _overall_slide(rates, year, calendar),
    ]
    slides += [
        _pillar_slide(pillar, rates, year, card_list, data.top_level_name)
        for pillar in data.pillars["pillar"]
    ]
    slides.append(_changes_slide(db, plan, since, {c["metric"] for c in card_list}))
    slides.append(_attention_slide(db, data, year, card_list, meeting, due_days))
    return slides


def _title_slide(data: PlanData, meeting: date, since: date, year: int, calendar: int) -> Slide:
    return Slide(
        "title",
        data.shown_name,
        [
            _("Coordinating committee meeting, {date}").format(date=format_long_date(meeting)),
            plan_years_words(data.start_year, data.years, meeting, year).format(
                first=data.start_year, last=data.start_year + data.years - 1, year=year,
                calendar=calendar),
            _("Changes since {date}").format(date=format_long_date(since)),
        ],
        notes=_("Welcome. Today: progress of each {level}, what changed since {date}, and what "
                "needs attention.").format(level=level_word(data.top_level_name),
                                           date=format_long_date(since)),
    )  # fmt: skip


def _overall_slide(rates: pd.DataFrame, year: int, calendar: int) -> Slide:
    all_rows = rates[rates["pillar"] == ALL_PILLARS]
    this_year = all_rows[all_rows["plan_year"] == year].iloc[0]
    complete = int(this_year["complete"])
    return Slide(
        "overall",
        _("Overall progress"),
        [
            ngettext("Plan year {year} ({calendar}): {complete} of {scheduled} scheduled projects complete",
                     "Plan year {year} ({calendar}): {complete} of {scheduled} scheduled projects complete",
                     complete).format(year=year, calendar=calendar, complete=format_number(complete),
                                      scheduled=format_number(int(this_year["scheduled"]))),
            status_counts(this_year),
        ]
        + [
            ngettext("Year {year} ({calendar}): {complete} of {scheduled} complete",
                     "Year {year} ({calendar}): {complete} of {scheduled} complete",
                     int(r.complete)).format(year=int(r.plan_year), calendar=int(r.calendar_year),
                                             complete=format_number(int(r.complete)),
                                             scheduled=format_number(int(r.scheduled)))
            for r in all_rows.itertuples()
            if r.plan_year != year and r.scheduled
        ]
        + _unscheduled(all_rows),
        year_chart.completion_by_year(all_rows, None, year_chart.MEETING_FONT, height=None),
        notes=_("Completion = projects scheduled in the year whose status is complete."),
        caption=_("All projects: completion per plan year"),
    )  # fmt: skip


def _unscheduled(rows: pd.DataFrame) -> list[str]:
    """The line naming the plan years with nothing scheduled (their bars say "—"), if any."""
    years = [_("year {year} ({calendar})").format(year=int(r.plan_year), calendar=int(r.calendar_year))
             for r in rows.itertuples() if not r.scheduled]  # fmt: skip
    if not years:
        return []
    if len(years) == 1:
        return [_("No project is scheduled in {year}.").format(year=years[0])]
    return [_("No project is scheduled in {years} and {last}.").format(
        years=pgettext("between the items of a list", ", ").join(years[:-1]), last=years[-1])]  # fmt: skip


def _pillar_slide(
    pillar: str, rates: pd.DataFrame, year: int, card_list: list[dict], level: str
) -> Slide:
    rows = rates[rates["pillar"] == pillar]
    current = rows[rows["plan_year"] == year]
    words = status_counts(current.iloc[0]) if not current.empty else _("no project")
    lines = [_("Plan year {year}: {words}").format(year=year, words=words)]
    lines += _unscheduled(rows)
    mine = [
        slide_metric_line(c)
        for c in attention_first([c for c in card_list if c["pillar"] == pillar])
    ]
    lines += _clip(
        mine,
        lambda n: _count(
            ngettext(
                "… and {count} more metric on the scorecard",
                "… and {count} more metrics on the scorecard",
                n,
            ),
            n,
        ),
        MAX_LINES - len(lines),
    )
    return Slide(
        "pillar",
        str(pillar),
        lines,
        year_chart.completion_by_year(rows, None, year_chart.MEETING_FONT, height=None),
        notes="\n".join([shared_note(len(mine), level), *mine]),
        caption=_("Completion per plan year"),
    )  # fmt: skip


def plan_submissions(received: pd.DataFrame, metrics: set[str]) -> pd.DataFrame:
    """The rows of ``received`` (:func:`queries.submissions_since`) that sent a value for one of
    ``metrics`` (the plan's): a meeting about one plan counts only the figures that inform it."""
    sent = received["metrics"].map(
        lambda codes: bool(metrics & set(codes if codes is not None else ()))
    )
    return received[sent.astype(bool)]


def late_projects(table: pd.DataFrame, schedule: pd.DataFrame, now_year: int) -> pd.DataFrame:
    """The rows of ``table`` (:func:`project_table`) whose scheduled years have all passed by plan
    year ``now_year`` without the project being complete. ``now_year`` may lie beyond the plan's
    last year: once a plan has ended, every project it did not complete is past its years.

    In: ``schedule`` with project_id, plan_year (one row per scheduled year)."""
    last = schedule.groupby("project_id")["plan_year"].max()
    passed = last[last < now_year].index
    return table[table["project_id"].isin(passed) & (table["status"] != "complete")]


def _changes_slide(db: Database, plan: str, since: date, metrics: set[str]) -> Slide:
    changes = changes_since(db, plan, datetime.combine(since, datetime.min.time()))
    lines = [_change_line(r) for r in changes.itertuples()]
    with db.cursor() as cur:
        received = queries.submissions_since(cur, datetime.combine(since, datetime.min.time()))
    received = plan_submissions(received, metrics)
    corrected = int((received["replaced"] > 0).sum())
    partners = ", ".join(sorted(received["partner_code"].unique()))
    summary = [
        changes_line(len(changes)),
        received_line(len(received), corrected, partners),
    ]
    return Slide(
        "changes", _("Changed since {date}").format(date=format_long_date(since)),
        summary + _clip(lines, lambda n: _count(ngettext("… and {count} more status change (see the audit log)", "… and {count} more status changes (see the audit log)", n), n)),
        notes="\n".join(
            [_("Status changes with their reasons and notes, newest first:")]
            + [_change_words(r) for r in changes.itertuples()]
        ),
    )  # fmt: skip


def _change_line(change) -> str:
    """A status change on the slide: "A1 Project: in progress (delayed)"; the reason is left out
    when it says the status again: "completed" for Complete ("complete (completed)", French
    « terminé (terminé) »), or a reason written as the status is shown."""
    status = _status(change.status).lower()
    reason = _(change.reason) if change.reason in REASONS else change.reason or _("no reason given")
    project = short(change.project, 60)
    repeats = change.reason == "completed" and change.status == CATEGORY_LABELS["complete"]
    if repeats or reason.casefold() == status.casefold():
        return _("{project}: {status}").format(project=project, status=status)
    return _("{project}: {status} ({reason})").format(
        project=project, status=status, reason=short(reason, 40)
    )


def _status(label: str) -> str:
    """A status label of lipmetrics.categories in the current language (marked there)."""
    return _(label) if label in PROGRESS_LABELS.values() else label


def _change_words(change) -> str:
    """A status change for the speaker's notes: "A2 Project: In progress; reason: …; note: …"."""
    parts = [_("{project}: {status}").format(project=change.project, status=_status(change.status))]
    labels = {"reason": _("reason: {text}"), "note": _("note: {text}")}
    parts += [labels[key].format(text=text) for key, text in (
        ("reason", change.reason), ("note", change.note)) if isinstance(text, str) and text]  # fmt: skip
    return pgettext("between the parts of a status record", "; ").join(parts)


def _attention_slide(db, data, year: int, cards: list[dict], meeting: date, due_days: int) -> Slide:
    # The meeting's own plan year, past the last one once the plan has ended.
    now_year = max(year, plan_year_of(meeting, data.start_year))
    late = late_projects(project_table(data, year), data.schedule, now_year)
    behind = [c["name"] for c in cards if c["status"] == "behind"]
    overdue = completeness(db, data.name, meeting, due_days)[2]
    lines = [
        _late_line([short(p, 50) for p in late["project"]]),
        _behind_line(behind),
        _overdue_line(len(overdue), ", ".join(sorted(overdue["partner"].unique()))),
    ]
    return Slide(
        "attention", _("Needs attention"), lines,
        notes=_("Ask each working group lead about their projects past their years."),
    )  # fmt: skip


NAMED = 2  # the projects and metrics a "Needs attention" line names; it counts the others


def _overdue_line(count: int, partners: str) -> str:
    """How many partner reports are overdue, and from which partners (their names, "" for none)."""
    return _named(
        ngettext("{count} overdue partner report", "{count} overdue partner reports", count),
        ngettext("{count} overdue partner report: {names}", "{count} overdue partner reports: {names}", count),
        count, partners,
    )  # fmt: skip


def _late_line(late: list[str]) -> str:
    """How many projects are past their years, the first :data:`NAMED` named."""
    count = len(late)
    return _named(
        ngettext(
            "{count} project whose scheduled years have passed without completion",
            "{count} projects whose scheduled years have passed without completion",
            count,
        ),
        ngettext(
            "{count} project whose scheduled years have passed without completion: {names}",
            "{count} projects whose scheduled years have passed without completion: {names}",
            count,
        ),
        count,
        pgettext("between the parts of a status record", "; ").join(late[:NAMED]),
        ngettext(
            "{count} project whose scheduled years have passed without completion: {names} "
            "and {more} more",
            "{count} projects whose scheduled years have passed without completion: {names} "
            "and {more} more",
            count,
        ),
        min(count, NAMED),
    )


def _behind_line(behind: list[str]) -> str:
    """How many metrics are behind target, the first :data:`NAMED` named."""
    count = len(behind)
    return _named(
        ngettext("{count} metric behind target", "{count} metrics behind target", count),
        ngettext(
            "{count} metric behind target: {names}",
            "{count} metrics behind target: {names}",
            count,
        ),
        count,
        pgettext("between the parts of a status record", "; ").join(behind[:NAMED]),
        ngettext(
            "{count} metric behind target: {names} and {more} more",
            "{count} metrics behind target: {names} and {more} more",
            count,
        ),
        min(count, NAMED),
    )


def _named(
    alone: str, named: str, count: int, names: str, some_named: str = "", shown: int = 0
) -> str:
    """``alone`` with its count, or ``named`` with its count and the ``names`` when there are
    any; ``some_named`` when the ``names`` are only the first ``shown`` of them (it says how
    many more there are)."""
    if names and some_named and shown < count:
        more = format_number(count - shown)
        return some_named.format(count=format_number(count), names=names, more=more)
    sentence = named if names else alone
    return sentence.format(count=format_number(count), names=names)
