"""The ``report`` command: the documents of the Reports page written to a file, in English or
French (docs/cli.md "Reports", README "Languages")."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from lipmetrics.cli.common import IsoDate, db_option, open_database
from lipmetrics.errors import InvalidInputError, UnusableInputError
from lipmetrics.i18n import LANGUAGES, _, current_language, language
from lipmetrics.plan import load_plan
from lipmetrics.reports import (
    annual_report,
    annual_report_pdf,
    meeting_deck,
    meeting_since,
    meeting_slides,
    workplan_workbook,
)
from lipmetrics.settings import load_settings
from lipmetrics.store import Database

KINDS = ("docx", "pdf", "xlsx", "pptx")


@click.command("report", short_help="write a plan's report, workbook or meeting deck to a file")
@db_option
@click.option("--plan", required=True, metavar="NAME", help="name of the plan")
@click.option(
    "--kind", type=click.Choice(KINDS), required=True,
    help="docx or pdf: the annual progress report; xlsx: the workplan; pptx: the meeting deck",
)  # fmt: skip
@click.option(
    "--out", required=True, metavar="FILE", help="the file to write (replaced if it exists)"
)
@click.option("--year", type=int, metavar="N", help="plan year (default: the current one)")
@click.option(
    "--as-of", type=IsoDate(), metavar="YYYY-MM-DD",
    help="the date the scorecard is read at, and the meeting's date (default: today)",
)  # fmt: skip
@click.option(
    "--lang", type=click.Choice(list(LANGUAGES)), default=None,
    help="the language of the document: en or fr (default: LIPMETRICS_LANG, else LANG, else en)",
)  # fmt: skip
@click.option("--no-charts", is_flag=True, help="leave the report's chart pictures out")
def report(db, plan, kind, out, year, as_of, lang, no_charts) -> None:
    """Write the annual progress report (Word or PDF), the workplan (Excel) or the meeting deck
    (PowerPoint) of a plan to a file, in English or French."""
    with language(lang or current_language()), open_database(db) as database:
        content = document(database, plan, kind, year, as_of or date.today(), not no_charts)
        try:
            Path(out).write_bytes(content)
        except OSError as exc:
            raise UnusableInputError(
                _("The file {file} cannot be written: {reason}. Check the folder and try again.")
                .format(file=out, reason=exc.strerror)
            ) from exc  # fmt: skip
        click.echo(_("Wrote {file}.").format(file=out))


def document(
    database: Database, plan: str, kind: str, year: int | None, as_of: date, charts: bool
) -> bytes:
    """The document of ``kind`` for ``plan`` in the current language; a plan year the plan does
    not have is invalid input."""
    data = load_plan(database, plan)
    if year is not None and not 1 <= year <= data.years:
        message = _(
            "--year {year}: the plan “{plan}” has plan years 1 to {last}; give one of them."
        )
        raise InvalidInputError(message.format(year=year, plan=plan, last=data.years), [])
    if kind == "docx":
        return annual_report(database, plan, year, as_of, charts)
    if kind == "pdf":
        return annual_report_pdf(database, plan, year, as_of, charts)
    if kind == "xlsx":
        return workplan_workbook(data, year)
    since, settings = meeting_since(database, plan, as_of), load_settings()
    slides = meeting_slides(
        database, plan, as_of, since, settings.on_track_margin, settings.report_due_days
    )
    return meeting_deck(slides)
