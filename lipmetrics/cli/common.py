"""What every command shares (docs/cli.md "Global behaviour").

The ``--db``, ``--user`` (who writes, or who reads) and ``--format`` options as decorators, the one way to open the database
(always closed again), the account a command acts as, reading a named file and printing a table.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import click
import pandas as pd

from lipmetrics.accounts import OPERATOR, User, get_user
from lipmetrics.errors import UnusableInputError
from lipmetrics.files import csv_text
from lipmetrics.i18n import _
from lipmetrics.settings import load_settings
from lipmetrics.store import Database

FORMATS = ("table", "csv", "json")

db_option = click.option(
    "--db",
    metavar="PATH",
    help="database: a DuckDB file or a postgresql://USER:PASSWORD@HOST/NAME URL (default: "
    "$LIPMETRICS_DB, else data/lipmetrics.duckdb)",
)
user_option = click.option(
    "--user", metavar="USERNAME", help="account the change is recorded under"
)
reader_option = click.option(
    "--user",
    metavar="USERNAME",
    help="show only what this account may see (default: the server's operator, who sees all)",
)


def format_option(choices: tuple[str, ...] = FORMATS):
    """The ``--format`` option over ``choices``, the first being the default; passed as ``fmt``."""
    return click.option("--format", "fmt", type=click.Choice(choices), default=choices[0])


@contextmanager
def open_database(path: str | None) -> Iterator[Database]:
    """The database at ``path`` (default: the ``LIPMETRICS_DB`` setting), closed whatever happens."""
    database = Database(path or load_settings().db_path)
    try:
        yield database
    finally:
        database.close()


def acting_user(database: Database, username: str | None) -> User:
    """The account a command acts as: ``--user``, else the server's operator (an admin)."""
    return get_user(database, username) if username else OPERATOR


def read_file(path: str) -> bytes:
    """The bytes of the file the user named; a missing or unreadable one is unusable input."""
    try:
        return Path(path).read_bytes()
    except FileNotFoundError as exc:
        message = _("There is no file {file}. Check the path and try again.")
        raise UnusableInputError(message.format(file=path)) from exc
    except IsADirectoryError as exc:
        message = _("{file} is a folder, not a file. Name a file and try again.")
        raise UnusableInputError(message.format(file=path)) from exc
    except OSError as exc:
        message = _("The file {file} cannot be read: {reason}.")
        raise UnusableInputError(message.format(file=path, reason=exc.strerror)) from exc


class IsoDate(click.ParamType):
    """A date written YYYY-MM-DD."""

    name = "YYYY-MM-DD"

    def convert(self, value, param, ctx) -> date:
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(value)
        except ValueError:
            self.fail(
                _("“{value}” is not a date written as YYYY-MM-DD").format(value=value), param, ctx
            )


def print_frame(frame: pd.DataFrame, fmt: str) -> None:
    """Print ``frame`` on stdout as an aligned table ("(none)" when empty), CSV or JSON records;
    the CSV's formula cells neutralised (docs/file-formats.md "Exports"). The columns keep their
    keys in every format, the table's too, so that a person reads the names a script uses
    (README "Command line")."""
    if fmt == "csv":
        click.echo(csv_text(frame), nl=False)
    elif fmt == "json":
        records = json.loads(frame.to_json(orient="records", date_format="iso"))
        click.echo(json.dumps(records, indent=2, ensure_ascii=False))
    else:
        click.echo(frame.to_string(index=False) if not frame.empty else _("(none)"))
