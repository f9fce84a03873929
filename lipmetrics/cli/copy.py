"""The ``copy-db`` command: a whole database copied into an empty one, either backend, checked
(docs/cli.md "The database", README "Backups")."""

from __future__ import annotations

import time

import click
import pandas as pd

from lipmetrics.accounts import OPERATOR
from lipmetrics.cli.common import db_option, open_database, print_frame
from lipmetrics.errors import InvalidInputError
from lipmetrics.i18n import _, format_number, ngettext, pgettext
from lipmetrics.settings import load_settings
from lipmetrics.store import copy_database


@click.command("copy-db", short_help="copy the whole database into an empty one (a backup)")
@db_option
@click.option(
    "--to", "to", required=True, metavar="TARGET",
    help="the empty database to copy into: a DuckDB file, or postgresql://user:pass@host/db",
)  # fmt: skip
def copy_db(db, to) -> None:
    """Copy every table of the database into an empty one, then compare them table by table."""
    settings = load_settings()
    if str(db or settings.db_path) == to:
        message = _("--to names the database being copied ({target}); name another, empty one.")
        raise InvalidInputError(message.format(target=to), [])
    started = time.perf_counter()
    with open_database(db) as source, open_database(to) as target:
        copied = copy_database(source, target, OPERATOR.username)
        version, source_name, target_name = target.schema_version(), source.path, target.path
    seconds = time.perf_counter() - started
    rows = sum(table.rows for table in copied)
    message = ngettext(
        "Copied {source} to {target} (schema version {version}): {rows} rows in {tables} table in "
        "{seconds} s; each table's rows and checksum read back the same.",
        "Copied {source} to {target} (schema version {version}): {rows} rows in {tables} tables "
        "in {seconds} s; each table's rows and checksum read back the same.",
        len(copied),
    )
    click.echo(
        message.format(
            source=source_name, target=target_name, version=version, rows=format_number(rows),
            tables=format_number(len(copied)), seconds=format_number(seconds, 1),
        )
    )  # fmt: skip
    print_frame(copy_table(copied), "table")
    message = _(
        "The submitted files are not in the database: copy the folder {folder} "
        "(LIPMETRICS_SUBMISSIONS_DIR) along with it, and point the copy's LIPMETRICS_SUBMISSIONS_DIR "
        "at that folder; `lipmetrics check` then compares them (README “Backups”)."
    )
    click.echo(message.format(folder=settings.submissions_dir))


def copy_table(copied) -> pd.DataFrame:
    """What ``copy-db`` read back, table by table, for a person: headers and words in the
    command's language (README "Command line": a table that is not offered as CSV or JSON)."""
    rows = [
        (
            t.table,
            format_number(t.rows),
            t.checksum[:16],
            pgettext("copy-db", "same") if t.same else pgettext("copy-db", "differs"),
        )
        for t in copied
    ]
    columns = [
        pgettext("copy-db column", "table"), pgettext("copy-db column", "rows"),
        pgettext("copy-db column", "checksum"), pgettext("copy-db column", "read back"),
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=columns)
