"""Commands that fill the measurement side: import-partners, import-catalog, import-indicator
(docs/cli.md "Partners, catalogue and indicators")."""

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
from lipmetrics.errors import InvalidInputError, Problem
from lipmetrics.i18n import _, format_number, ngettext
from lipmetrics.measures import (
    CATALOG_COLUMNS,
    catalogue_known,
    import_indicator,
    parse_catalog,
    parse_partners,
    preview_partners,
    save_catalog,
    save_partners,
)


@click.command("import-partners", short_help="add or update partner organisations")
@db_option
@user_option
@click.argument("file", metavar="FILE")
@click.option("--dry-run", is_flag=True, help="print what each line would change; save nothing")
@format_option()
def import_partners(db, user, file, dry_run, fmt) -> None:
    """Read a CSV or XLSX with the columns code, name, kind and add or update those partners."""
    name = Path(file).name
    partners = parse_partners(read_file(file), name)
    with open_database(db) as database:
        if dry_run:
            print_frame(preview_partners(database, acting_user(database, user), partners), fmt)
            return
        count = save_partners(database, acting_user(database, user), partners, name)
    message = ngettext(
        "Imported {count} partner from {file}.", "Imported {count} partners from {file}.", count
    )
    click.echo(message.format(count=format_number(count), file=file))


@click.command(
    "import-catalog",
    short_help="add or replace metrics of the catalogue",
    help="Read a catalogue file ("
    + ", ".join(CATALOG_COLUMNS)
    + ") and add or replace those metrics.",
)
@db_option
@user_option
@click.argument("file", metavar="FILE")
def import_catalog(db, user, file) -> None:
    data, name = read_file(file), Path(file).name
    with open_database(db) as database:
        known = catalogue_known(database)
        metrics = parse_catalog(
            data, name, known.partners, known.breakdowns, known.metrics, known.with_values
        )
        count = save_catalog(database, acting_user(database, user), metrics, name)
    message = ngettext(
        "Imported {count} metric from {file}.", "Imported {count} metrics from {file}.", count
    )
    click.echo(message.format(count=format_number(count), file=file))


def parse_members(texts: tuple[str, ...]) -> dict[str, str]:
    """``DIMENSION=VALUE`` texts as a dict; one without ``=`` is invalid input."""
    members = {}
    for text in texts:
        name, sep, value = text.partition("=")
        if not sep:
            raise InvalidInputError(
                _("A --member is written DIMENSION=VALUE."),
                [Problem(None, "--member", text, _('write it as DIMENSION=VALUE, e.g. "Sex=Both sexes"'))],
            )  # fmt: skip
        members[name.strip()] = value.strip()
    return members


@click.command(
    "import-indicator", short_help="import a population indicator from a Statistics Canada table"
)
@db_option
@user_option
@click.argument("file", metavar="FILE")
@click.option("--metric", metavar="CODE", required=True)
@click.option("--geo", metavar="TEXT", required=True, help="the GEO of the series")
@click.option(
    "--member",
    metavar="DIMENSION=VALUE",
    multiple=True,
    help="one member of a dimension; repeat for each dimension",
)
@click.option("--source", metavar="TEXT", help="where the table came from")
def import_indicator_command(db, user, file, metric, geo, member, source) -> None:
    """Read a Statistics Canada full-table CSV and import one series (its GEO and one member of
    each dimension) as the values of a population-indicator metric. Values the agency withheld
    (x, F, ..) are kept as missing with their reason."""
    data, name = read_file(file), Path(file).name
    members = parse_members(member)
    with open_database(db) as database:
        actor = acting_user(database, user)
        count = import_indicator(database, actor, metric, data, name, geo, members, source)
    message = ngettext(
        "Imported {count} period of {metric} from {file}.",
        "Imported {count} periods of {metric} from {file}.",
        count,
    )
    click.echo(message.format(count=format_number(count), metric=metric, file=file))
