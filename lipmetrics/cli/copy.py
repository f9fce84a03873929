"""The ``copy-db`` command: a whole database copied into an empty one, either backend, checked
(docs/cli.md "The database", README "Backups")."""

from __future__ import annotations

import time

import click
import pandas as pd

from lipmetrics.accounts import OPERATOR
from lipmetrics.cli.common import db_option, open_database, print_frame
from lipmetrics.errors import InvalidInputError
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
        raise InvalidInputError(
            f"--to names the database being copied ({to}); name another, empty one.", []
        )
    started = time.perf_counter()
    with open_database(db) as source, open_database(to) as target:
        copied = copy_database(source, target, OPERATOR.username)
        version, source_name, target_name = target.schema_version(), source.path, target.path
    seconds = time.perf_counter() - started
    rows = sum(table.rows for table in copied)
    click.echo(
        f"Copied {source_name} to {target_name} (schema version {version}): {rows:,} rows in "
        f"{len(copied)} tables in {seconds:.1f} s; each table's rows and checksum read back the "
        "same."
    )
    print_frame(
        pd.DataFrame(
            [(t.table, t.rows, t.checksum[:16], "same" if t.same else "differs") for t in copied],
            columns=["table", "rows", "checksum", "read back"],
        ),
        "table",
    )
    click.echo(
        f"The submitted files are not in the database: copy the folder {settings.submissions_dir} "
        "(LIPMETRICS_SUBMISSIONS_DIR) along with it, and point the copy's LIPMETRICS_SUBMISSIONS_DIR "
        "at that folder; `lipmetrics check` then compares them (README “Backups”)."
    )
