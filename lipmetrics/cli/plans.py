"""Commands about workplans: import-plan, plans, progress (docs/cli.md "Plans")."""

from __future__ import annotations

from pathlib import Path

import click
import pandas as pd

from lipmetrics.cli.common import (
    IsoDate,
    acting_user,
    db_option,
    format_option,
    open_database,
    print_frame,
    read_file,
    user_option,
)
from lipmetrics.i18n import _, format_number, language
from lipmetrics.plan import (
    PROGRESS_COLUMNS,
    list_plans,
    load_plan,
    parse_workplan,
    plan_progress,
    readings,
    save_plan,
    taught_phrases,
)

PLAN_COLUMNS = ["name", "start_year", "end_year", "years", "top_level_name", "pillars", "projects"]


@click.command("import-plan", short_help="import a workplan (.xlsx or .csv) as a new plan")
@db_option
@user_option
@click.argument("file", metavar="FILE")
@click.option("--plan", required=True, metavar="NAME", help="name of the new plan")
@click.option("--plan-fr", metavar="NAME", help="the plan's French name (optional)")
@click.option(
    "--start-year", required=True, type=int, metavar="YYYY", help="calendar year of plan year 1"
)
@click.option("--years", type=int, default=5, metavar="N", help="number of plan years (default 5)")
@click.option(
    "--as-of",
    type=IsoDate(),
    help="date of statuses that name none (default: the latest date among the statuses)",
)
@click.option("--sheet", metavar="NAME", help="sheet of an .xlsx file (default: the first)")
@click.option(
    "--top-level",
    default="Pillar",
    metavar="NAME",
    help="what the plan calls its top level: Pillar, Strategic priority, Topic group (default Pillar)",
)
@click.option(
    "--dry-run",
    is_flag=True,
    help="print what every row was read as (years, status, dates) and save nothing",
)
@format_option()
def import_plan(
    db, user, file, plan, plan_fr, start_year, years, as_of, sheet, top_level, dry_run, fmt
):
    """Import a workplan in the raw layout (section title rows, a header row, merged cells) or
    the tidy template. Nothing is written if any problem is found. With --dry-run, print what each
    row was read as and save nothing."""
    name = Path(file).name
    with open_database(db) as database:
        vocabulary = taught_phrases(database)
    draft = parse_workplan(read_file(file), name, start_year, years, as_of, sheet, vocabulary)
    if dry_run:
        if fmt == "table":
            message = _("Undated statuses would be taken as of {day} ({reason}).")
            click.echo(message.format(day=draft.as_of.isoformat(), reason=draft.as_of_reason))
        with language("en"):  # values scripts read stay English (docs/cli.md "The language")
            table = readings(draft)
        print_frame(table, fmt)
        return
    with open_database(db) as database:
        actor = acting_user(database, user)
        plan_id = save_plan(
            database, draft, plan, actor, source_file=name, top_level_name=top_level,
            name_fr=plan_fr,
        )  # fmt: skip
    print_imported(draft, plan, plan_id, file)


def print_imported(draft, plan: str, plan_id: int, file: str) -> None:
    """What ``import-plan`` says once the plan is saved: how the file was read, its counts and
    what it kept for a person, each in the command's language (README "Languages")."""
    if draft.layout == "raw":
        message = _("Imported plan “{plan}” (id {id}) from {file}, read as {read_as}, raw layout.")
    else:
        message = _("Imported plan “{plan}” (id {id}) from {file}, read as {read_as}, tidy layout.")
    click.echo(message.format(plan=plan, id=plan_id, file=file, read_as=draft.read_as))
    message = _("Undated statuses are taken as of {day} ({reason}).")
    click.echo(message.format(day=draft.as_of.isoformat(), reason=draft.as_of_reason))
    for label, count in draft.summary().items():
        click.echo(_("  {label}: {count}").format(label=_(label), count=format_number(count)))
    unparsed, unclassified = draft.unparsed_schedules(), draft.unclassified_statuses()
    if unparsed.empty and unclassified.empty:
        return
    click.echo(_("Kept as written, for a person to classify in the plan explorer:"))
    for row in unparsed.itertuples():
        line = _("  line {line}: year “{years}” of “{project}”: {problem}")
        click.echo(
            line.format(line=row.line, years=row.years, project=row.project, problem=row.problem)
        )
    for row in unclassified.itertuples():
        line = _("  line {line}: status “{status}” of “{project}” matches no status category")
        click.echo(line.format(line=row.line, status=row.status, project=row.project))


@click.command("plans", short_help="list the plans in the database")
@db_option
@format_option()
def plans(db, fmt) -> None:
    """List the plans in the database: name, years, what the plan calls its top level, and how
    many pillars and projects it has."""
    with open_database(db) as database:
        frame = list_plans(database)
    print_frame(frame[PLAN_COLUMNS], fmt)


def format_progress(rates: pd.DataFrame, fmt: str) -> pd.DataFrame:
    """Return the progress table as the CLI prints it: completion_rate with 4 decimals, blank if none."""
    frame = rates[PROGRESS_COLUMNS].copy()
    if fmt == "json":
        frame["completion_rate"] = frame["completion_rate"].round(4).astype(object)
        frame.loc[rates["completion_rate"].isna(), "completion_rate"] = None
        return frame
    frame["completion_rate"] = [
        "" if pd.isna(rate) else f"{rate:.4f}" for rate in rates["completion_rate"]
    ]
    return frame


@click.command(
    "progress",
    short_help="completion rates per pillar and plan year",
    help="Print one row per pillar and plan year, then the rows of pillar All: "
    + ", ".join(PROGRESS_COLUMNS)
    + ". completion_rate is a fraction with 4 decimals, blank when nothing is scheduled.",
)
@db_option
@click.option("--plan", required=True, metavar="NAME", help="name of the plan")
@format_option()
def progress(db, plan, fmt) -> None:
    with open_database(db) as database:
        data = load_plan(database, plan)
    print_frame(format_progress(plan_progress(data), fmt), fmt)
