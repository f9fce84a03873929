"""The LIP's status vocabulary: list, add, remove, apply (docs/cli.md "Status vocabulary")."""

from __future__ import annotations

import click

from lipmetrics.cli.common import acting_user, db_option, format_option, open_database, print_frame
from lipmetrics.i18n import _, format_number, ngettext
from lipmetrics.plan import forget, load_plan, reclassify_unread, teach, vocabulary_table


@click.group(
    "vocabulary",
    invoke_without_command=True,
    short_help="the LIP's own status phrases: list, add, remove, apply",
)
@db_option
@format_option()
@click.pass_context
def vocabulary(ctx, db, fmt) -> None:
    """Teach the status phrases your LIP writes once: each phrase means a status category and is
    read before the built-in rules on every import. Without a subcommand, list the phrases."""
    ctx.obj = {"db": db}
    if ctx.invoked_subcommand is None:
        with open_database(db) as database:
            print_frame(vocabulary_table(database), fmt)


@vocabulary.command("add")
@click.argument("phrase")
@click.option("--category", required=True, help="what it means, e.g. “In progress”, complete")
@click.option("--user", metavar="USERNAME", help="account the change is recorded under")
@click.pass_context
def add(ctx, phrase, category, user) -> None:
    """Teach a phrase (teaching it again changes what it means)."""
    with open_database(ctx.obj["db"]) as database:
        taught = teach(database, acting_user(database, user), phrase, category)
    click.echo(
        _("“{phrase}” now reads as {category}.").format(phrase=phrase.strip(), category=taught)
    )


@vocabulary.command("remove")
@click.argument("phrase")
@click.option("--user", metavar="USERNAME", help="account the change is recorded under")
@click.pass_context
def remove(ctx, phrase, user) -> None:
    """Forget a phrase; statuses it already classified keep their records."""
    with open_database(ctx.obj["db"]) as database:
        forget(database, acting_user(database, user), phrase)
    click.echo(_("“{phrase}” is no longer in the vocabulary.").format(phrase=phrase.strip()))


@vocabulary.command("apply")
@click.option("--plan", metavar="NAME", help="only this plan (default: every plan)")
@click.option("--user", metavar="USERNAME", help="account the change is recorded under")
@click.pass_context
def apply(ctx, plan, user) -> None:
    """Read again, with the vocabulary, the imported statuses that need a person; each one now
    read gets a new status record (the original words kept) and an audit entry."""
    with open_database(ctx.obj["db"]) as database:
        plan_id = int(load_plan(database, plan).plan["id"]) if plan else None
        done = reclassify_unread(database, acting_user(database, user), plan_id)
    message = ngettext("{count} status classified.", "{count} statuses classified.", len(done))
    click.echo(message.format(count=format_number(len(done))))
    for row in done.itertuples():
        line = _("  {plan}: “{project}”: “{text}” → {category}")
        click.echo(
            line.format(
                plan=row.plan, project=row.project, text=row.original_text, category=row.category
            )
        )
