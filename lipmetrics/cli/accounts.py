"""Commands about accounts: add-user, set-password, users, deactivate-user, reactivate-user
(docs/cli.md "Accounts")."""

from __future__ import annotations

import getpass
import os
import sys

import click

from lipmetrics.accounts import (
    ROLES,
    create_user,
    deactivate_account,
    get_user,
    list_users,
    reactivate_account,
    set_password,
)
from lipmetrics.cli.common import (
    acting_user,
    db_option,
    format_option,
    open_database,
    print_frame,
    user_option,
)
from lipmetrics.errors import InvalidInputError, UnusableInputError
from lipmetrics.i18n import _, ngettext


def new_password(prompt_for: str) -> str:
    """A password from a terminal prompt (asked twice), else from LIPMETRICS_PASSWORD."""
    if sys.stdin.isatty():
        first = getpass.getpass(_("New password for {user}: ").format(user=prompt_for))
        if first != getpass.getpass(_("Type it again: ")):
            message = _("The two passwords differ; nothing was changed. Run the command again.")
            raise InvalidInputError(message, [])
        return first
    password = os.environ.get("LIPMETRICS_PASSWORD")
    if not password:
        raise UnusableInputError(
            _(
                "There is no terminal to ask for the password: set the environment variable "
                "LIPMETRICS_PASSWORD and run the command again."
            )
        )
    return password


@click.command("add-user", short_help="create an account (admins only)")
@db_option
@user_option
@click.argument("username", metavar="USERNAME")
@click.option("--role", required=True, type=click.Choice(ROLES))
@click.option("--partner", metavar="CODE", help="the partner organisation of a partner account")
@click.option("--name", metavar="TEXT", help="display name")
@click.option("--email", metavar="ADDRESS", help="e-mail, for single sign-on")
def add_user(db, user, username, role, partner, name, email) -> None:
    """Create an account. Partner accounts belong to one organisation (--partner CODE) and may
    only write that organisation's data. Set the password with set-password."""
    with open_database(db) as database:
        actor = acting_user(database, user)
        account = create_user(database, actor, username, role, partner, name, email)
    message = _(
        "Account “{user}” created ({role}). Set its password with `lipmetrics set-password {user}`."
    )
    click.echo(message.format(user=account.username, role=account.role))


@click.command("set-password", short_help="set an account's password")
@db_option
@user_option
@click.argument("username", metavar="USERNAME")
def set_password_command(db, user, username) -> None:
    """Set a password: asked at the terminal (twice), or read from the environment variable
    LIPMETRICS_PASSWORD when there is no terminal. It is stored only as a scrypt hash."""
    with open_database(db) as database:
        actor = acting_user(database, user)
        get_user(database, username)
        set_password(database, actor, username, new_password(username))
    click.echo(_("Password set for “{username}”.").format(username=username))


@click.command("users", short_help="list the accounts")
@db_option
@format_option()
def users(db, fmt) -> None:
    """List the accounts: user name, display name, role, partner, e-mail, whether active and
    whether a password is set (never the password or its hash)."""
    with open_database(db) as database:
        frame = list_users(database)
    print_frame(frame, fmt)


@click.command("deactivate-user", short_help="stop an account from signing in")
@db_option
@user_option
@click.argument("username", metavar="USERNAME")
def deactivate_user(db, user, username) -> None:
    """Deactivate an account (someone has left): it can no longer sign in and its sessions end;
    its records stay under its name. Not your own account, nor the last active administrator."""
    with open_database(db) as database:
        ended = deactivate_account(database, acting_user(database, user), username)
    message = ngettext(
        "Account “{username}” deactivated; {count} session ended.",
        "Account “{username}” deactivated; {count} sessions ended.",
        ended,
    )
    click.echo(message.format(username=username, count=ended))


@click.command("reactivate-user", short_help="let a deactivated account sign in again")
@db_option
@user_option
@click.argument("username", metavar="USERNAME")
def reactivate_user(db, user, username) -> None:
    """Let a deactivated account sign in again, with the password it had."""
    with open_database(db) as database:
        reactivate_account(database, acting_user(database, user), username)
    click.echo(_("Account “{username}” reactivated.").format(username=username))
