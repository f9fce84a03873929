"""Commands about partners' metric files: validate-metrics, import-metrics, submissions, withdraw,
check (docs/cli.md "Submissions")."""

from __future__ import annotations

import json
from pathlib import Path

import click

from lipmetrics.accounts import require
from lipmetrics.cli.common import (
    acting_user,
    db_option,
    format_option,
    open_database,
    print_frame,
    read_file,
    reader_option,
    user_option,
)
from lipmetrics.i18n import _, format_number, ngettext
from lipmetrics.settings import load_settings
from lipmetrics.submissions import (
    check_store,
    check_submission,
    commit_submission,
    finish_interrupted,
    restore,
    submissions,
    unconfirmed,
    unsent_summary,
    withdraw,
)

MORE_HELP = ". Exit 1 lists every problem with its line; nothing is saved."


def metrics_file_options(command):
    """FILE, --partner and --decimal-comma, shared by validate-metrics and import-metrics."""
    command = click.option(
        "--decimal-comma", is_flag=True, help="numbers are written 1 234,5 (comma as decimal mark)"
    )(command)
    command = click.option(
        "--partner",
        required=True,
        metavar="CODE",
        help="the partner organisation the values are for",
    )(command)
    return click.argument("file", metavar="FILE")(command)


def print_check(check, fmt: str) -> None:
    """Print what :func:`check_submission` found: JSON on stdout, else a sentence on stdout when
    the file has no problem, or on stderr followed by every problem, one per line. The sentences
    are in the command's language; the JSON, for scripts, keeps its English keys and ``read_as``
    (README "Command line")."""
    if fmt == "json":
        problems = [
            {"line": p.line, "column": p.column, "value": p.value, "message": p.message}
            for p in check.problems
        ]
        warnings = [
            {"check": w.check, "line": w.line, "metric": w.metric, "period": w.period,
             "value": w.value, "message": w.message}
            for w in check.warnings
        ]  # fmt: skip
        report = {
            "file": check.file_name, "read_as": check.read_as, "rows": len(check.rows),
            "problems": problems, "warnings": warnings, "left_empty": list(check.left_empty),
        }  # fmt: skip
        click.echo(json.dumps(report, indent=2, ensure_ascii=False))
    elif check.ok:
        count = len(check.rows)
        message = ngettext(
            "{file}: {count} value, no problem (read as {read_as}).",
            "{file}: {count} values, no problem (read as {read_as}).",
            count,
        )
        click.echo(
            message.format(file=check.file_name, count=format_number(count), read_as=check.shown_as)
        )
        if check.left_empty:
            click.echo(unsent_summary(check.left_empty))
        print_warnings(check.warnings)
    else:
        count = len(check.problems)
        message = ngettext(
            "{file} has {count} problem (read as {read_as}):",
            "{file} has {count} problems (read as {read_as}):",
            count,
        )
        click.echo(
            message.format(
                file=check.file_name, count=format_number(count), read_as=check.shown_as
            ),
            err=True,
        )
        for problem in check.problems:
            click.echo(str(problem), err=True)


def print_warnings(warnings) -> None:
    """Print the plausibility warnings of a file without problems, under one sentence."""
    if warnings:
        message = ngettext(
            "{count} value looks unusual; confirm it with a note when you save:",
            "{count} values look unusual; confirm them with a note when you save:",
            len(warnings),
        )
        click.echo(message.format(count=format_number(len(warnings))))
    for warning in warnings:
        click.echo(str(warning))


@click.command(
    "validate-metrics",
    short_help="check a partner's metric file without saving anything",
    help="Check a partner's metric file without saving anything" + MORE_HELP,
)
@db_option
@metrics_file_options
@format_option(("text", "json"))
@click.pass_context
def validate_metrics(ctx, db, file, partner, decimal_comma, fmt) -> None:
    with open_database(db) as database:
        check = check_submission(database, read_file(file), Path(file).name, partner, decimal_comma)
    print_check(check, fmt)
    if not check.ok:
        ctx.exit(1)


@click.command(
    "import-metrics",
    short_help="check and save a partner's metric file as one submission; prints its id",
    help="Check and save a partner's metric file as one submission; prints its id" + MORE_HELP,
)
@db_option
@user_option
@metrics_file_options
@click.option(
    "--confirm-note",
    metavar="TEXT",
    help="why the values the check finds unusual are right; needed when it finds any, kept with the submission",
)
def import_metrics(db, user, file, partner, decimal_comma, confirm_note) -> None:
    with open_database(db) as database:
        actor = acting_user(database, user)
        require(actor, "submit_metrics", partner)
        data = read_file(file)
        check = check_submission(database, data, Path(file).name, partner, decimal_comma)
        if check.ok and check.warnings and not (confirm_note or "").strip():
            raise unconfirmed(check, command_line=True)
        result = commit_submission(
            database, actor, check, data, load_settings().submissions_dir, note=confirm_note
        )
    if result.already_received:
        message = _("This file was already received as submission {id}; nothing was stored again.")
        click.echo(message.format(id=result.submission_id), err=True)
    if result.withdrawn:
        message = ngettext(
            "{count} earlier breakdown value withdrawn: this file's new totals replace it.",
            "{count} earlier breakdown values withdrawn: this file's new totals replace them.",
            result.withdrawn,
        )
        click.echo(message.format(count=format_number(result.withdrawn)), err=True)
    click.echo(result.submission_id)


@click.command("submissions", short_help="list the submissions")
@db_option
@reader_option
@click.option("--partner", metavar="CODE")
@format_option()
def submissions_command(db, user, partner, fmt) -> None:
    """List the submissions, newest first: who sent which file for which partner, when, its
    state and how many of its values are in force."""
    with open_database(db) as database:
        frame = submissions(database, acting_user(database, user), partner)
    print_frame(frame, fmt)


@click.command("withdraw", short_help="withdraw a submission (or --restore it)")
@db_option
@user_option
@click.argument("submission_id", type=int, metavar="SUBMISSION_ID")
@click.option("--reason", required=True, metavar="TEXT")
@click.option("--restore", "put_back", is_flag=True, help="restore a withdrawn submission instead")
def withdraw_command(db, user, submission_id, reason, put_back) -> None:
    """Take a whole submission out of the values in force, with a reason; --restore puts it back."""
    with open_database(db) as database:
        change = restore if put_back else withdraw
        change(database, acting_user(database, user), submission_id, reason)
    done = _("Submission {id} restored.") if put_back else _("Submission {id} withdrawn.")
    click.echo(done.format(id=submission_id))


@click.command("check", short_help="check that the raw-file store and the database agree")
@db_option
@reader_option
@click.pass_context
def check_command(ctx, db, user) -> None:
    """Check that the submissions folder and the database agree: every submission's raw file is
    there with its SHA-256, and no file is there without a submission. Exit 1 lists each difference."""
    store_dir = load_settings().submissions_dir
    with open_database(db) as database:
        actor = acting_user(database, user)
        for sentence in finish_interrupted(database, store_dir):
            click.echo(sentence)
        differences = check_store(database, actor, store_dir)
    if not differences:
        click.echo(
            _("The submissions folder {folder} and the database agree.").format(folder=store_dir)
        )
        return
    message = _("The submissions folder {folder} and the database disagree:")
    click.echo(message.format(folder=store_dir), err=True)
    for difference in differences:
        click.echo(str(difference), err=True)
    ctx.exit(1)
