"""The ``lipmetrics`` command line: a thin layer over the library.

Exit status: 0 on success, 1 when the input is invalid (the problems are printed one per line, with
line numbers, and nothing is written), 2 when the input is unusable (unreadable file, wrong format,
missing plan, database in use). Errors are sentences, never tracebacks.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from datetime import date
from pathlib import Path

import pandas as pd

from lipmetrics import __version__
from lipmetrics.accounts import (
    OPERATOR,
    ROLES,
    User,
    create_user,
    get_user,
    has_admin,
    list_users,
    require,
    set_password,
)
from lipmetrics.demo import load_demo
from lipmetrics.errors import InvalidInputError, LipmetricsError, Problem, UnusableInputError
from lipmetrics.measures import (
    CATALOG_COLUMNS,
    breakdown_categories,
    catalog,
    import_indicator,
    list_partners,
    parse_catalog,
    parse_partners,
    save_catalog,
    save_partners,
)
from lipmetrics.plan import (
    PROGRESS_COLUMNS,
    list_plans,
    load_plan,
    parse_workplan,
    plan_progress,
    save_plan,
)
from lipmetrics.settings import load_settings
from lipmetrics.store import Database
from lipmetrics.submissions import (
    check_submission,
    commit_submission,
    restore,
    submissions,
    withdraw,
)

FORMATS = ("table", "csv", "json")


def _open_db(args: argparse.Namespace) -> Database:
    return Database(args.db or load_settings().db_path)


def _actor(args: argparse.Namespace, db: Database) -> User:
    """The account a writing command acts as: --user, else the server's operator (an admin)."""
    return get_user(db, args.user) if getattr(args, "user", None) else OPERATOR


def _new_password(prompt_for: str) -> str:
    """A password from a terminal prompt (asked twice), else from LIPMETRICS_PASSWORD."""
    if sys.stdin.isatty():
        first = getpass.getpass(f"New password for {prompt_for}: ")
        if first != getpass.getpass("Type it again: "):
            raise InvalidInputError("The two passwords differ; nothing was changed.", [])
        return first
    password = os.environ.get("LIPMETRICS_PASSWORD")
    if not password:
        raise UnusableInputError(
            "There is no terminal to ask for the password: set the environment variable "
            "LIPMETRICS_PASSWORD and run the command again."
        )
    return password


def _read_file(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except FileNotFoundError as exc:
        raise UnusableInputError(f"There is no file {path}. Check the path and try again.") from exc
    except IsADirectoryError as exc:
        raise UnusableInputError(f"{path} is a folder, not a file.") from exc
    except OSError as exc:
        raise UnusableInputError(f"The file {path} cannot be read: {exc.strerror}.") from exc


def _parse_iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"“{text}” is not a date written as YYYY-MM-DD") from exc


def _print_frame(frame: pd.DataFrame, fmt: str, out=None) -> None:
    out = out or sys.stdout
    if fmt == "csv":
        frame.to_csv(out, index=False, lineterminator="\n")
    elif fmt == "json":
        records = json.loads(frame.to_json(orient="records", date_format="iso"))
        json.dump(records, out, indent=2, ensure_ascii=False)
        out.write("\n")
    else:
        out.write((frame.to_string(index=False) if not frame.empty else "(none)") + "\n")


def cmd_init(args: argparse.Namespace) -> int:
    db = _open_db(args)
    try:
        print(f"Database ready: {db.path} (schema version {db.schema_version()}).")
        if args.demo:
            added = load_demo(db, load_settings().data_dir, user=args.user)
            if added:
                for name in added:
                    print(f"Loaded demo plan: {name}")
            else:
                print("The demo plans are already loaded.")
            print(
                "Demo accounts: admin, coordinator, viewer, ncc, wdb (passwords on the sign-in page)."
            )
        elif not has_admin(db):
            _first_admin(db)
    finally:
        db.close()
    return 0


def _first_admin(db: Database) -> None:
    """Ask for the first administrator at a terminal; without one, say how to add it later."""
    if not sys.stdin.isatty():
        print(
            "No administrator account yet. Add one with:\n"
            "  lipmetrics add-user USERNAME --role admin --name 'Your Name'\n"
            "  LIPMETRICS_PASSWORD=… lipmetrics set-password USERNAME"
        )
        return
    username = input(
        "No administrator account yet. User name for the first administrator: "
    ).strip()
    name = input("Their full name: ").strip()
    create_user(db, OPERATOR, username, "admin", display_name=name or None)
    set_password(db, OPERATOR, username.lower(), _new_password(username))
    print(f"Administrator “{username.lower()}” created.")


def cmd_add_user(args: argparse.Namespace) -> int:
    db = _open_db(args)
    try:
        user = create_user(
            db, _actor(args, db), args.username, args.role, args.partner, args.name, args.email
        )
    finally:
        db.close()
    print(
        f"Account “{user.username}” created ({user.role}). Set its password with `lipmetrics set-password {user.username}`."
    )
    return 0


def cmd_set_password(args: argparse.Namespace) -> int:
    db = _open_db(args)
    try:
        actor = _actor(args, db)
        get_user(db, args.username)
        set_password(db, actor, args.username, _new_password(args.username))
    finally:
        db.close()
    print(f"Password set for “{args.username}”.")
    return 0


def cmd_users(args: argparse.Namespace) -> int:
    db = _open_db(args)
    try:
        frame = list_users(db)
    finally:
        db.close()
    _print_frame(frame, args.format)
    return 0


def cmd_import_partners(args: argparse.Namespace) -> int:
    data = _read_file(args.file)
    partners = parse_partners(data, Path(args.file).name)
    db = _open_db(args)
    try:
        count = save_partners(db, _actor(args, db), partners, Path(args.file).name)
    finally:
        db.close()
    print(f"Imported {count} partners from {args.file}.")
    return 0


def cmd_import_catalog(args: argparse.Namespace) -> int:
    data = _read_file(args.file)
    db = _open_db(args)
    try:
        partners = set(list_partners(db)["code"])
        known = set(breakdown_categories(db))
        existing = catalog(db)
        units = dict(zip(existing["code"], existing["unit"], strict=True))
        metrics = parse_catalog(data, Path(args.file).name, partners, known, units)
        count = save_catalog(db, _actor(args, db), metrics, Path(args.file).name)
    finally:
        db.close()
    print(f"Imported {count} metrics from {args.file}.")
    return 0


def cmd_import_indicator(args: argparse.Namespace) -> int:
    data = _read_file(args.file)
    members = {}
    for text in args.member:
        name, sep, value = text.partition("=")
        if not sep:
            raise InvalidInputError(
                "A --member is written DIMENSION=VALUE.",
                [Problem(None, "--member", text, "write it as DIMENSION=VALUE, e.g. \"Sex=Both sexes\"")],
            )  # fmt: skip
        members[name.strip()] = value.strip()
    db = _open_db(args)
    try:
        count = import_indicator(
            db, _actor(args, db), args.metric, data, Path(args.file).name, args.geo, members,
            args.source,
        )  # fmt: skip
    finally:
        db.close()
    print(f"Imported {count} periods of {args.metric} from {args.file}.")
    return 0


def _check_metrics_file(args: argparse.Namespace, db: Database):
    data = _read_file(args.file)
    return data, check_submission(db, data, Path(args.file).name, args.partner, args.decimal_comma)


def cmd_validate_metrics(args: argparse.Namespace) -> int:
    db = _open_db(args)
    try:
        _, check = _check_metrics_file(args, db)
    finally:
        db.close()
    if args.format == "json":
        json.dump(
            {
                "file": check.file_name, "read_as": check.read_as, "rows": len(check.rows),
                "problems": [{"line": p.line, "column": p.column, "value": p.value, "message": p.message} for p in check.problems],
            },
            sys.stdout, indent=2, ensure_ascii=False,
        )  # fmt: skip
        sys.stdout.write("\n")
    elif check.ok:
        print(f"{check.file_name}: {len(check.rows)} values, no problem (read as {check.read_as}).")
    else:
        print(
            f"{check.file_name} has {len(check.problems)} problem(s) (read as {check.read_as}):",
            file=sys.stderr,
        )
        for problem in check.problems:
            print(str(problem), file=sys.stderr)
    return 0 if check.ok else 1


def cmd_import_metrics(args: argparse.Namespace) -> int:
    db = _open_db(args)
    try:
        actor = _actor(args, db)
        require(actor, "submit_metrics", args.partner)
        data, check = _check_metrics_file(args, db)
        result = commit_submission(db, actor, check, data, load_settings().submissions_dir)
    finally:
        db.close()
    if result.already_received:
        print(
            f"This file was already received as submission {result.submission_id}; nothing was stored again.",
            file=sys.stderr,
        )
    print(result.submission_id)
    return 0


def cmd_submissions(args: argparse.Namespace) -> int:
    db = _open_db(args)
    try:
        frame = submissions(db, args.partner)
    finally:
        db.close()
    _print_frame(frame, args.format)
    return 0


def cmd_withdraw(args: argparse.Namespace) -> int:
    db = _open_db(args)
    try:
        (restore if args.restore else withdraw)(
            db, _actor(args, db), args.submission_id, args.reason
        )
    finally:
        db.close()
    print(f"Submission {args.submission_id} {'restored' if args.restore else 'withdrawn'}.")
    return 0


def cmd_import_plan(args: argparse.Namespace) -> int:
    data = _read_file(args.file)
    draft = parse_workplan(
        data, Path(args.file).name, args.start_year, args.years, args.as_of, args.sheet
    )
    db = _open_db(args)
    try:
        plan_id = save_plan(
            db, draft, args.plan, _actor(args, db), source_file=Path(args.file).name,
            top_level_name=args.top_level,
        )  # fmt: skip
    finally:
        db.close()
    counts = draft.summary()
    print(
        f"Imported plan “{args.plan}” (id {plan_id}) from {args.file}, read as {draft.read_as}, {draft.layout} layout."
    )
    print(f"Undated statuses are taken as of {draft.as_of.isoformat()}.")
    for label, count in counts.items():
        print(f"  {label}: {count}")
    unparsed, unclassified = draft.unparsed_schedules(), draft.unclassified_statuses()
    if not unparsed.empty or not unclassified.empty:
        print("Kept as written, for a person to classify in the plan explorer:")
        for row in unparsed.itertuples():
            print(f"  line {row.line}: year “{row.years}” of “{row.project}”: {row.problem}")
        for row in unclassified.itertuples():
            print(
                f"  line {row.line}: status “{row.status}” of “{row.project}” matches no status category"
            )
    return 0


def cmd_plans(args: argparse.Namespace) -> int:
    db = _open_db(args)
    try:
        frame = list_plans(db)
    finally:
        db.close()
    columns = ["name", "start_year", "end_year", "years", "top_level_name", "pillars", "projects"]
    _print_frame(frame[columns], args.format)
    return 0


def format_progress(rates: pd.DataFrame, fmt: str) -> pd.DataFrame:
    """Return the progress table as the CLI prints it: completion_rate with 4 decimals, blank if none."""
    frame = rates[PROGRESS_COLUMNS].copy()
    if fmt == "json":
        frame["completion_rate"] = frame["completion_rate"].round(4).astype(object)
        frame.loc[rates["completion_rate"].isna(), "completion_rate"] = None
        return frame
    frame["completion_rate"] = [
        "" if pd.isna(rate) else f"{rate:.4f}" for rate in rates["completion_rate"]
    ]
    return frame


def cmd_progress(args: argparse.Namespace) -> int:
    db = _open_db(args)
    try:
        data = load_plan(db, args.plan)
    finally:
        db.close()
    _print_frame(format_progress(plan_progress(data), args.format), args.format)
    return 0


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of every command (also used by the docs test)."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db", metavar="PATH",
        help="database file (default: $LIPMETRICS_DB, else data/lipmetrics.duckdb)",
    )  # fmt: skip
    writer = argparse.ArgumentParser(add_help=False)
    writer.add_argument("--user", metavar="USERNAME", help="account the change is recorded under")

    parser = argparse.ArgumentParser(
        prog="lipmetrics",
        description="Shared-measurement dashboard for Local Immigration Partnerships: imports and exports.",
    )
    parser.add_argument("--version", action="version", version=f"lipmetrics {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    init = commands.add_parser(
        "init", parents=[common, writer], help="create or migrate the database",
        description="Create the database file if needed and bring its tables up to date.",
    )  # fmt: skip
    init.add_argument("--demo", action="store_true", help="also load the bundled demo plans")
    init.set_defaults(handler=cmd_init)

    imp = commands.add_parser(
        "import-plan", parents=[common, writer], help="import a workplan (.xlsx or .csv) as a new plan",
        description="Import a workplan in the raw layout (section title rows, a header row, merged "
        "cells) or the tidy template. Nothing is written if any problem is found.",
    )  # fmt: skip
    imp.add_argument("file", metavar="FILE", help="the workplan, .xlsx or .csv")
    imp.add_argument("--plan", required=True, metavar="NAME", help="name of the new plan")
    imp.add_argument(
        "--start-year", required=True, type=int, metavar="YYYY", help="calendar year of plan year 1"
    )
    imp.add_argument(
        "--years", type=int, default=5, metavar="N", help="number of plan years (default 5)"
    )
    imp.add_argument(
        "--as-of", type=_parse_iso_date, metavar="YYYY-MM-DD",
        help="date of statuses that name none (default: the latest date among the statuses)",
    )  # fmt: skip
    imp.add_argument("--sheet", metavar="NAME", help="sheet of an .xlsx file (default: the first)")
    imp.add_argument(
        "--top-level", default="Pillar", metavar="NAME",
        help="what the plan calls its top level: Pillar, Strategic priority, Topic group (default Pillar)",
    )  # fmt: skip
    imp.set_defaults(handler=cmd_import_plan)

    plans = commands.add_parser("plans", parents=[common], help="list the plans in the database")
    plans.add_argument("--format", choices=FORMATS, default="table")
    plans.set_defaults(handler=cmd_plans)

    progress = commands.add_parser(
        "progress", parents=[common], help="completion rates per pillar and plan year",
        description="Print one row per pillar and plan year, then the rows of pillar All: "
        + ", ".join(PROGRESS_COLUMNS) + ". completion_rate is a fraction with 4 decimals, blank "
        "when nothing is scheduled.",
    )  # fmt: skip
    progress.add_argument("--plan", required=True, metavar="NAME", help="name of the plan")
    progress.add_argument("--format", choices=FORMATS, default="table")
    progress.set_defaults(handler=cmd_progress)

    partners = commands.add_parser(
        "import-partners", parents=[common, writer], help="add or update partner organisations",
        description="Read a CSV or XLSX with the columns code, name, kind and add or update those partners.",
    )  # fmt: skip
    partners.add_argument("file", metavar="FILE")
    partners.set_defaults(handler=cmd_import_partners)

    add_user = commands.add_parser(
        "add-user", parents=[common, writer], help="create an account (admins only)",
        description="Create an account. Partner accounts belong to one organisation (--partner CODE) "
        "and may only write that organisation's data. Set the password with set-password.",
    )  # fmt: skip
    add_user.add_argument("username", metavar="USERNAME")
    add_user.add_argument("--role", required=True, choices=ROLES)
    add_user.add_argument(
        "--partner", metavar="CODE", help="the partner organisation of a partner account"
    )
    add_user.add_argument("--name", metavar="TEXT", help="display name")
    add_user.add_argument("--email", metavar="ADDRESS", help="e-mail, for single sign-on")
    add_user.set_defaults(handler=cmd_add_user)

    set_pw = commands.add_parser(
        "set-password", parents=[common, writer], help="set an account's password",
        description="Set a password: asked at the terminal (twice), or read from the environment "
        "variable LIPMETRICS_PASSWORD when there is no terminal. It is stored only as a scrypt hash.",
    )  # fmt: skip
    set_pw.add_argument("username", metavar="USERNAME")
    set_pw.set_defaults(handler=cmd_set_password)

    cat = commands.add_parser(
        "import-catalog", parents=[common, writer], help="add or replace metrics of the catalogue",
        description="Read a catalogue file (" + ", ".join(CATALOG_COLUMNS) + ") and add or replace those metrics.",
    )  # fmt: skip
    cat.add_argument("file", metavar="FILE")
    cat.set_defaults(handler=cmd_import_catalog)

    indicator = commands.add_parser(
        "import-indicator", parents=[common, writer],
        help="import a population indicator from a Statistics Canada table",
        description="Read a Statistics Canada full-table CSV and import one series (its GEO and "
        "one member of each dimension) as the values of a population-indicator metric. Values "
        "the agency withheld (x, F, ..) are kept as missing with their reason.",
    )  # fmt: skip
    indicator.add_argument("file", metavar="FILE")
    indicator.add_argument("--metric", metavar="CODE", required=True)
    indicator.add_argument("--geo", metavar="TEXT", required=True, help="the GEO of the series")
    indicator.add_argument(
        "--member", metavar="DIMENSION=VALUE", action="append", default=[],
        help="one member of a dimension; repeat for each dimension",
    )  # fmt: skip
    indicator.add_argument("--source", metavar="TEXT", help="where the table came from")
    indicator.set_defaults(handler=cmd_import_indicator)

    for name, handler, text in (
        (
            "validate-metrics",
            cmd_validate_metrics,
            "check a partner's metric file without saving anything",
        ),
        (
            "import-metrics",
            cmd_import_metrics,
            "check and save a partner's metric file as one submission; prints its id",
        ),
    ):
        sub = commands.add_parser(
            name,
            parents=[common, writer] if name == "import-metrics" else [common],
            help=text,
            description=text + ". Exit 1 lists every problem with its line; nothing is saved.",
        )
        sub.add_argument("file", metavar="FILE")
        sub.add_argument(
            "--partner",
            required=True,
            metavar="CODE",
            help="the partner organisation the values are for",
        )
        sub.add_argument(
            "--decimal-comma",
            action="store_true",
            help="numbers are written 1 234,5 (comma as decimal mark)",
        )
        if name == "validate-metrics":
            sub.add_argument("--format", choices=("text", "json"), default="text")
        sub.set_defaults(handler=handler)

    subs = commands.add_parser("submissions", parents=[common], help="list the submissions")
    subs.add_argument("--partner", metavar="CODE")
    subs.add_argument("--format", choices=FORMATS, default="table")
    subs.set_defaults(handler=cmd_submissions)

    wd = commands.add_parser(
        "withdraw", parents=[common, writer], help="withdraw a submission (or --restore it)",
        description="Take a whole submission out of the values in force, with a reason; --restore puts it back.",
    )  # fmt: skip
    wd.add_argument("submission_id", type=int, metavar="SUBMISSION_ID")
    wd.add_argument("--reason", required=True, metavar="TEXT")
    wd.add_argument("--restore", action="store_true", help="restore a withdrawn submission instead")
    wd.set_defaults(handler=cmd_withdraw)

    users = commands.add_parser("users", parents=[common], help="list the accounts")
    users.add_argument("--format", choices=FORMATS, default="table")
    users.set_defaults(handler=cmd_users)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except InvalidInputError as exc:
        print(exc.summary, file=sys.stderr)
        for problem in exc.problems:
            print(str(problem), file=sys.stderr)
        return exc.exit_code
    except LipmetricsError as exc:
        print(str(exc), file=sys.stderr)
        return exc.exit_code


if __name__ == "__main__":
    sys.exit(main())
