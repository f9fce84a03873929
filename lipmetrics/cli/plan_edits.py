"""edit-plan: list a plan's items, and change them after import, each change with a reason
(docs/cli.md "edit-plan")."""

from __future__ import annotations

import click

from lipmetrics.cli.common import acting_user, db_option, format_option, open_database, print_frame
from lipmetrics.i18n import _
from lipmetrics.plan import (
    KINDS,
    Edited,
    add_item,
    move_item,
    plan_hierarchy,
    rename_item,
    retire_item,
    set_project_recurring,
    set_project_working_group,
    set_project_years,
)

kind_argument = click.argument("kind", type=click.Choice(KINDS))
reason_option = click.option(
    "--reason", default="", help="why the plan changes (required: every change needs one)"
)
user_option = click.option("--user", metavar="USERNAME", help="account the change is made as")


class Place(click.ParamType):
    """Where an item goes, written KIND:ID as `edit-plan` lists it (pillar:2, goal:5)."""

    name = "KIND:ID"

    def convert(self, value, param, ctx) -> tuple[str, int]:
        kind, _colon, number = str(value).partition(":")
        if kind not in ("pillar", *KINDS) or not number.isdigit():
            message = _("“{value}” is not a place such as pillar:2 or goal:5")
            self.fail(message.format(value=value), param, ctx)
        return kind, int(number)


under_option = click.option("--under", type=Place(), help="the parent, as listed: goal:5")


@click.group(
    "edit-plan",
    invoke_without_command=True,
    short_help="change a plan after import, each change with a reason",
)
@click.option("--plan", "plan_name", required=True, metavar="NAME", help="the plan to change")
@db_option
@format_option()
@click.pass_context
def edit_plan(ctx, plan_name, db, fmt) -> None:
    """Change a plan after import: rename, move, retire or add a goal, objective or project, and
    change a project's years, working group and recurring flag. Every change needs a reason and
    is in the audit log. Without a subcommand, list the plan's items with their kind and id."""
    ctx.obj = {"db": db, "plan": plan_name}
    if ctx.invoked_subcommand is None:
        with open_database(db) as database:
            items = plan_hierarchy(database, plan_name)
        print_frame(items[["kind", "item_id", "name", "path", "retired"]], fmt)


def _edit(ctx, user: str | None, change) -> None:
    """Run one edit as ``--user`` and print the sentence that confirms it."""
    with open_database(ctx.obj["db"]) as database:
        edited: Edited = change(database, acting_user(database, user), ctx.obj["plan"])
    click.echo(edited.sentence)


@edit_plan.command("rename")
@kind_argument
@click.argument("item_id", type=int)
@click.argument("name")
@reason_option
@user_option
@click.pass_context
def rename(ctx, kind, item_id, name, reason, user) -> None:
    """Give a goal, objective or project a new name."""
    _edit(
        ctx, user, lambda db, actor, plan: rename_item(db, actor, plan, kind, item_id, name, reason)
    )


@edit_plan.command("move")
@kind_argument
@click.argument("item_id", type=int)
@under_option
@reason_option
@user_option
@click.pass_context
def move(ctx, kind, item_id, under, reason, user) -> None:
    """Put a goal, objective or project under another parent; what is under it moves too."""
    _edit(
        ctx, user, lambda db, actor, plan: move_item(db, actor, plan, kind, item_id, under, reason)
    )


@edit_plan.command("retire")
@kind_argument
@click.argument("item_id", type=int)
@reason_option
@user_option
@click.pass_context
def retire(ctx, kind, item_id, reason, user) -> None:
    """Retire a goal, objective or project and what is under it: kept, out of the figures."""
    _edit(ctx, user, lambda db, actor, plan: retire_item(db, actor, plan, kind, item_id, reason))


@edit_plan.command("add")
@kind_argument
@click.argument("name")
@under_option
@reason_option
@user_option
@click.pass_context
def add(ctx, kind, name, under, reason, user) -> None:
    """Add a goal, objective or project under a parent."""
    _edit(ctx, user, lambda db, actor, plan: add_item(db, actor, plan, kind, name, under, reason))


@edit_plan.command("years")
@click.argument("project_id", type=int)
@click.argument("years")
@reason_option
@user_option
@click.pass_context
def years(ctx, project_id, years, reason, user) -> None:
    """Change the plan years of a project ("2-4", "2021 & 2022"; "" for unscheduled)."""
    _edit(
        ctx,
        user,
        lambda db, actor, plan: set_project_years(db, actor, plan, project_id, years, reason),
    )


@edit_plan.command("working-group")
@click.argument("project_id", type=int)
@click.argument("members")
@reason_option
@user_option
@click.pass_context
def working_group(ctx, project_id, members, reason, user) -> None:
    """Change the working group of a project ("NCC, WDB PED, City")."""
    _edit(
        ctx,
        user,
        lambda db, actor, plan: set_project_working_group(
            db, actor, plan, project_id, members, reason
        ),
    )


@edit_plan.command("recurring")
@click.argument("project_id", type=int)
@click.argument("value", type=click.Choice(["yes", "no"]))
@reason_option
@user_option
@click.pass_context
def recurring(ctx, project_id, value, reason, user) -> None:
    """Mark a project recurring (yes) or not (no)."""
    _edit(
        ctx,
        user,
        lambda db, actor, plan: set_project_recurring(
            db, actor, plan, project_id, value == "yes", reason
        ),
    )
