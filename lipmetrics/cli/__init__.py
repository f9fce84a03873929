"""The ``lipmetrics`` command line (docs/cli.md): a thin layer over the library.

The commands live in small modules by topic; this module gathers them into the click group
:data:`cli` and turns errors into messages and exit codes in one place, :func:`main`.
"""

from __future__ import annotations

import os

import click

from lipmetrics import __version__
from lipmetrics.cli import (
    accounts,
    breakdowns,
    copy,
    database,
    measures,
    plan_edits,
    plans,
    reports,
    submissions,
    vocabulary,
)
from lipmetrics.errors import LipmetricsError
from lipmetrics.i18n import _, environment_language, language


class CommandGroup(click.Group):
    """A group that lists its commands in the order of README "Command line", not alphabetically."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.commands)


@click.group(cls=CommandGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="lipmetrics", message="%(prog)s %(version)s")
def cli() -> None:
    """Shared-measurement dashboard for Local Immigration Partnerships: imports and exports."""


# In the order of README "Command line".
for command in (
    database.init,
    plans.import_plan, plans.plans, plans.progress, reports.report, vocabulary.vocabulary, plan_edits.edit_plan,
    measures.import_partners, breakdowns.import_breakdowns, breakdowns.breakdowns,
    accounts.add_user, accounts.set_password_command, accounts.users,
    accounts.deactivate_user, accounts.reactivate_user,
    measures.import_catalog, measures.import_indicator_command,
    submissions.validate_metrics, submissions.import_metrics, submissions.submissions_command,
    submissions.withdraw_command, submissions.check_command, copy.copy_db,
):  # fmt: skip
    cli.add_command(command)


def main(argv: list[str] | None = None) -> int:
    """Run the command line on ``argv`` (default: the process's arguments); return the exit status.

    The one place where errors become messages and exit codes (docs/cli.md "Global behaviour"): a
    lipmetrics error prints its sentence on stderr (an invalid input's text is its summary, then
    one problem per line) and returns its ``exit_code``, 1 or 2; a command line click cannot parse
    prints the usage and returns 2; a prompt left with Ctrl-C or Ctrl-D prints "Aborted!" and
    returns 1. No traceback reaches the user for any of these. The command speaks the language
    of its environment (:func:`~lipmetrics.i18n.environment_language`: ``LIPMETRICS_LANG``, else
    ``LC_ALL``, ``LC_MESSAGES``, ``LANG``, else English), for this call only.
    """
    with language(environment_language(os.environ)):  # README "Command line": the language
        try:
            result = cli.main(args=argv, prog_name="lipmetrics", standalone_mode=False)
        except LipmetricsError as exc:
            click.echo(str(exc), err=True)
            return exc.exit_code
        except click.ClickException as exc:
            exc.show()
            return exc.exit_code
        except click.Abort:
            click.echo(_("Aborted!"), err=True)
            return 1
    return result if isinstance(result, int) else 0
