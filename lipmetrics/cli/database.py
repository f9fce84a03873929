"""The ``init`` command: create or migrate the database file, and ask for its first administrator
(docs/cli.md "The database")."""

from __future__ import annotations

import sys

import click

from lipmetrics.accounts import OPERATOR, create_user, has_admin, set_password
from lipmetrics.cli.accounts import new_password
from lipmetrics.cli.common import db_option, open_database, user_option
from lipmetrics.demo import DEMO_ACCOUNTS, load_demo
from lipmetrics.i18n import _
from lipmetrics.settings import load_settings
from lipmetrics.store import Database


@click.command("init", short_help="create or migrate the database")
@db_option
@user_option
@click.option("--demo", is_flag=True, help="also load the bundled demo plans")
def init(db, user, demo) -> None:
    """Create the database file if needed and bring its tables up to date."""
    with open_database(db) as database:
        ready = _("Database ready: {database} (schema version {version}).")
        click.echo(ready.format(database=database.path, version=database.schema_version()))
        if demo:
            added = load_demo(database, load_settings().data_dir, user=user)
            for name in added:
                click.echo(_("Loaded demo plan: {plan}").format(plan=name))
            if not added:
                click.echo(_("The demo plans are already loaded."))
            names = ", ".join(account.username for account in DEMO_ACCOUNTS)
            click.echo(
                _("Demo accounts: {users} (passwords on the sign-in page).").format(users=names)
            )
        elif not has_admin(database):
            first_admin(database)


def first_admin(database: Database) -> None:
    """Ask for the first administrator at a terminal; without one, say how to add it later."""
    if not sys.stdin.isatty():
        click.echo(
            _(
                "No administrator account yet. Add one with:\n"
                "  lipmetrics add-user USERNAME --role admin --name 'Your Name'\n"
                "  LIPMETRICS_PASSWORD=… lipmetrics set-password USERNAME\n"
                "Or open the app: its Set up page makes the first administrator with the set-up "
                "code the server prints when the app is first opened."
            )
        )
        return
    username = input(
        _("No administrator account yet. User name for the first administrator: ")
    ).strip()
    name = input(_("Their full name: ")).strip()
    create_user(database, OPERATOR, username, "admin", display_name=name or None)
    set_password(database, OPERATOR, username.lower(), new_password(username))
    click.echo(_("Administrator “{user}” created.").format(user=username.lower()))
