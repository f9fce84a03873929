"""Breakdowns and their categories: import-breakdowns, breakdowns (docs/cli.md "Partners,
catalogue and indicators")."""

from __future__ import annotations

from pathlib import Path

import click

from lipmetrics.cli.common import (
    acting_user,
    db_option,
    format_option,
    open_database,
    print_frame,
    read_file,
    user_option,
)
from lipmetrics.i18n import format_number, ngettext
from lipmetrics.measures import (
    breakdowns_overview,
    parse_breakdowns,
    preview_breakdowns,
    save_breakdowns,
)


@click.command("import-breakdowns", short_help="add breakdowns and their categories")
@db_option
@user_option
@click.argument("file", metavar="FILE")
@click.option("--dry-run", is_flag=True, help="print what each line would do; save nothing")
@format_option()
def import_breakdowns(db, user, file, dry_run, fmt) -> None:
    """Read a CSV or XLSX with the columns breakdown, category and add the categories that are
    new (a category is never removed; a retired one stays retired)."""
    name = Path(file).name
    frame = parse_breakdowns(read_file(file), name)
    with open_database(db) as database:
        if dry_run:
            print_frame(preview_breakdowns(database, acting_user(database, user), frame), fmt)
            return
        count = save_breakdowns(database, acting_user(database, user), frame, name)
    message = ngettext(
        "Added {count} breakdown category from {file}.",
        "Added {count} breakdown categories from {file}.",
        count,
    )
    click.echo(message.format(count=format_number(count), file=file))


@click.command("breakdowns", short_help="list the breakdowns and their categories")
@db_option
@format_option()
def breakdowns(db, fmt) -> None:
    """List every breakdown category: breakdown, category, values (how many submitted values name
    it), retired (when it was retired, blank while it is offered)."""
    with open_database(db) as database:
        print_frame(breakdowns_overview(database), fmt)
