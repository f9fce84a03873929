"""The annual progress report as content, built once and rendered twice: to Word
(:func:`lipmetrics.reports.documents.annual_report`) and to a tagged PDF
(:func:`lipmetrics.reports.pdf.annual_report_pdf`), README "Pages by role", Reports.

The report is a list of blocks (:class:`Heading`, :class:`Paragraph`, :class:`Bullets`,
:class:`Table`, :class:`Chart`) in the current language (README "Languages"): every sentence is
one whole translatable sentence, numbers go through ``format_number`` / ``format_percent``.
Names, notes and status texts people wrote stay as written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd
import plotly.graph_objects as go

from lipmetrics.categories import PROGRESS_LABELS
from lipmetrics.i18n import _, current_language, format_number, format_percent, ngettext, pgettext
from lipmetrics.measures import card_records, format_value, period_label, scorecard, status_words
from lipmetrics.measures import notes as metric_notes
from lipmetrics.plan import (
    ALL_PILLARS,
    format_status_date,
    load_plan,
    plan_progress,
    project_history,
    project_table,
)
from lipmetrics.reports import year_chart
from lipmetrics.reports.words import status_counts, trend_sentence
from lipmetrics.store import Database


@dataclass(frozen=True)
class Heading:
    level: int  # 0 the report's title, 1 a part (a pillar, the appendix), 2 a section
    text: str


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Item:
    """A list item; ``details`` follow it, as a sub-list when ``listed``, else as paragraphs."""

    text: str
    details: tuple[str, ...] = ()
    listed: bool = True


@dataclass(frozen=True)
class Bullets:
    items: tuple[Item, ...]
    numbered: bool = False


@dataclass(frozen=True)
class Table:
    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Chart:
    """A chart: its figure, a sentence saying what it shows with its key numbers, and its data."""

    figure: go.Figure = field(compare=False)
    alt: str
    table: Table


Block = Heading | Paragraph | Bullets | Table | Chart


@dataclass(frozen=True)
class Report:
    title: str
    language: str  # "en" or "fr": the language the blocks are written in
    blocks: tuple[Block, ...]


def annual_content(
    db: Database, plan: str, year: int | None = None, as_of: date | None = None
) -> Report:
    """The annual progress report of ``plan`` for plan ``year`` (default: the current one): the
    overall picture, then per pillar its completion table and chart, what was completed and its
    shared measures with the stories behind the curve, then an appendix of every project with
    its status history."""
    data = load_plan(db, plan)
    year = year or data.current_plan_year()
    calendar = data.start_year + year - 1
    rates = plan_progress(data)
    cards = scorecard(db, plan, None, as_of or date.today())
    stories = metric_notes(db)
    projects = project_table(data, year)
    title = _("{plan}: progress report, plan year {year} ({calendar})").format(
        plan=data.shown_name, year=year, calendar=calendar
    )
    everything = rates[(rates["pillar"] == ALL_PILLARS) & (rates["plan_year"] == year)].iloc[0]
    complete = int(everything["complete"])
    sentence = ngettext(
        "In plan year {year} ({calendar}), {complete} of {scheduled} scheduled projects are "
        "complete ({words}).",
        "In plan year {year} ({calendar}), {complete} of {scheduled} scheduled projects are "
        "complete ({words}).",
        complete,
    )
    blocks: list[Block] = [
        Heading(0, title),
        Paragraph(
            sentence.format(
                year=year,
                calendar=calendar,
                complete=format_number(complete),
                scheduled=format_number(int(everything["scheduled"])),
                words=status_counts(everything),
            )
        ),  # fmt: skip
        _chart(rates[rates["pillar"] == ALL_PILLARS], None),
    ]
    for pillar in data.pillars["pillar"]:
        rows = rates[rates["pillar"] == pillar]
        blocks += [
            Heading(1, str(pillar)),
            _completion_table(rows, str(pillar)),
            _chart(rows, pillar),
        ]
        blocks += _completed_projects(projects[projects["pillar"] == pillar])
        blocks += _shared_measures(cards[cards["pillar"] == pillar], stories)
    blocks += _appendix(data, projects)
    return Report(title, current_language(), tuple(blocks))


def _rate(value: float) -> str:
    return "—" if pd.isna(value) else format_percent(value)


def _completion_table(rows: pd.DataFrame, pillar: str) -> Table:
    header = (_("Plan year"), _("Year"), _("Scheduled"), pgettext("projects", "Complete"),
              _("Completion"))  # fmt: skip
    body = tuple(
        (str(r.plan_year), str(r.calendar_year), format_number(r.scheduled),
         format_number(r.complete), _rate(r.completion_rate))
        for r in rows.itertuples()
    )  # fmt: skip
    return Table(_("{pillar}: projects complete per plan year").format(pillar=pillar), header, body)


def _chart(rows: pd.DataFrame, pillar) -> Chart:
    """The completion-per-plan-year chart of ``rows`` (one pillar, or all projects when
    ``pillar`` is None), its text alternative and its data table."""
    if pillar is None:
        title = _("All projects: completion per plan year")
    else:
        title = _("{pillar}: completion per plan year").format(pillar=pillar)
    values = [
        _("plan year {year} ({calendar}): {rate}, {complete} of {scheduled} complete").format(
            year=r.plan_year, calendar=r.calendar_year, rate=_rate(r.completion_rate),
            complete=format_number(r.complete), scheduled=format_number(r.scheduled),
        )
        if r.scheduled
        else _("plan year {year} ({calendar}): nothing scheduled").format(
            year=r.plan_year, calendar=r.calendar_year
        )
        for r in rows.itertuples()
    ]  # fmt: skip
    alt = _("Bar chart, {title}: {values}.").format(title=title, values="; ".join(values))
    table = Table(
        title,
        (_("Plan year"), _("Completion"), _("Projects complete")),
        tuple(
            (_("Year {year} ({calendar})").format(year=r.plan_year, calendar=r.calendar_year),
             _rate(r.completion_rate),
             _("{complete} of {scheduled}").format(complete=format_number(r.complete),
                                                   scheduled=format_number(r.scheduled))
             if r.scheduled else _("nothing scheduled"))
            for r in rows.itertuples()
        ),
    )  # fmt: skip
    return Chart(year_chart.completion_by_year(rows, title), alt, table)


def _completed_projects(mine: pd.DataFrame) -> list[Block]:
    """The pillar's projects scheduled this year and complete, as bullets."""
    done = mine[mine["scheduled_this_year"] & (mine["status"] == "complete")]
    blocks: list[Block] = [Heading(2, _("Completed this year"))]
    if done.empty:
        return [*blocks, Paragraph(_("No scheduled project was completed this year."))]
    return [*blocks, Bullets(tuple(Item(str(name)) for name in done["project"]))]


def _card_line(card: dict) -> str:
    """One metric card as a sentence: its latest value, target, status and trend."""
    words = {"name": card["name"], "trend": trend_sentence(card),
             "status": status_words(card["status"])}  # fmt: skip
    if not card["latest_period"]:
        return _("{name}: no data — {status}; {trend}.").format(**words)
    words |= {"value": format_value(card["latest_value"], card["unit"]),
              "period": period_label(card["latest_period"])}  # fmt: skip
    if card["target"] is None:
        return _("{name}: {value} in {period} — {status}; {trend}.").format(**words)
    target = format_value(card["target"], card["unit"])
    return _("{name}: {value} in {period}, target {target} — {status}; {trend}.").format(
        target=target, **words
    )


def _shared_measures(pillar_cards: pd.DataFrame, stories: pd.DataFrame) -> list[Block]:
    """The pillar's metric cards as bullets, each followed by the stories behind its curve."""
    blocks: list[Block] = [Heading(2, _("Shared measures"))]
    if pillar_cards.empty:
        return [*blocks, Paragraph(_("No shared metric informs this pillar."))]
    items = tuple(
        Item(_card_line(card), tuple(
            _("The story behind the curve, {period}: {note}").format(
                period=period_label(s.period), note=s.note)
            for s in stories[stories["metric"] == card["metric"]].itertuples()
        ), listed=False)
        for card in card_records(pillar_cards)
    )  # fmt: skip
    return [*blocks, Bullets(items)]


def _appendix(data, projects: pd.DataFrame) -> list[Block]:
    """Every project of the year's table, each with a bullet per status record."""
    items = []
    for project in projects.itertuples():
        history = project_history(data, project.project_id)
        records = tuple(record_words(h) for h in history.itertuples())
        items.append(Item(
            _("{pillar} — {project}").format(pillar=project.pillar, project=project.project),
            records or (_("No status recorded."),),
        ))  # fmt: skip
    return [
        Heading(1, _("Appendix: every project and its status history")),
        Bullets(tuple(items), numbered=True),
    ]


def record_words(record) -> str:
    """One status record (a :func:`project_history` row) in words, e.g. "2021-03: In progress
    (written “Began Jan 2021”); reason: progress reported; note: lender found"."""
    # The labels of lipmetrics.categories are marked for the catalogs there; a status shown as
    # written (no label) stays as written.
    status = _(record.status) if record.status in PROGRESS_LABELS.values() else record.status
    when = format_status_date(record.status_date, record.date_precision, record.effective_date)
    first = _("{date}: {status}").format(date=when, status=status)
    if record.original_text:
        first = _("{date}: {status} (written “{text}”)").format(
            date=when, status=status, text=record.original_text
        )
    labels = {"reason": _("reason: {text}"), "note": _("note: {text}"),
              "retracted": _("retracted: {text}")}  # fmt: skip
    parts = [labels[k].format(text=t) for k, t in
             (("reason", record.reason), ("note", record.note), ("retracted", record.retracted)) if t]  # fmt: skip
    return pgettext("between the parts of a status record", "; ").join([first, *parts])
