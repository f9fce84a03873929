"""The bundled demo data: three real LIP plans (README "Bundled data"), plus clearly marked illustrative history.

The PIP 2016-2021 workplan's statuses stop in late 2016. So that the dashboard has later plan years to show,
each demo plan gets a status history from ``data/demo/*_illustrative_history.csv``. Every one of
those records is stored with ``illustrative = TRUE`` and the plan carries a note saying so; the
screens show both.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

from lipmetrics.accounts import OPERATOR, User, create_user, get_user, list_users, set_user_language
from lipmetrics.demo.figures import load_demo_figures
from lipmetrics.demo.french import write_french_names
from lipmetrics.errors import InvalidInputError, Problem
from lipmetrics.files import read_table
from lipmetrics.i18n import N_
from lipmetrics.measures import (
    list_partners,
    parse_breakdown_categories,
    parse_catalog,
    parse_partners,
    save_breakdown_categories,
    save_catalog,
    save_partners,
)
from lipmetrics.plan import (
    NO_WORDS,
    YES_WORDS,
    parse_partial_date,
    parse_status,
    parse_workplan,
    plan_year_of,
    write_plan,
)
from lipmetrics.settings import load_settings
from lipmetrics.store import Database, audit_text, queries, utcnow

HISTORY_COLUMNS = ["line", "project", "status", "status_date", "recurring", "note"]
FRENCH_NAMES = "demo/french_names.csv"  # the French names of every demo plan and its items
FRENCH_DESCRIPTIONS = "demo/french_descriptions.csv"  # and of its goals' and objectives' texts
DEMO_SETTING = "demo_database"


@dataclass(frozen=True)
class DemoAccount:
    """A demo account; its password is public and shown on the sign-in page of the demo only."""

    username: str
    password: str
    role: str
    display_name: str
    partner_code: str | None = None
    language: str | None = None  # the language the account chose (README "Languages")


DEMO_ACCOUNTS = [
    DemoAccount("admin", "demo-admin-pass", "admin", "Demo administrator"),
    DemoAccount(
        "coordinator",
        "demo-coordinator",
        "coordinator",
        "Demo coordinator (outcomes working group)",
    ),
    DemoAccount("viewer", "demo-viewer-pass", "viewer", "Demo viewer (coordinating committee)"),
    DemoAccount("ncc", "demo-ncc-partner", "partner", "Demo partner, New Canadians Centre", "NCC"),
    DemoAccount(
        "wdb", "demo-wdb-partner", "partner", "Demo partner, Workforce Development Board", "WDB"
    ),
    DemoAccount(
        "coordonnatrice",
        "demo-coordonnatrice",
        "coordinator",
        "Coordonnatrice de démonstration (francophone)",
        language="fr",
    ),  # fmt: skip
]


@dataclass(frozen=True)
class DemoPlan:
    """One bundled plan and how to import it."""

    name: str
    workplan: str
    start_year: int
    years: int
    top_level_name: str
    as_of: date | None
    history: str
    note: str


DEMO_PLANS = [
    DemoPlan(
        name="PIP Community Immigrant Integration Plan 2016-2021",
        workplan="pip_2016_2021_workplan.xlsx",
        start_year=2016,
        years=5,
        top_level_name="Pillar",
        as_of=date(2016, 10, 31),
        history="demo/pip_2016_2021_illustrative_history.csv",
        note=N_(
            "Structure and statuses up to October 2016 are transcribed from the PIP workplan. "
            "Status records dated after that are ILLUSTRATIVE demo data, not real progress."
        ),
    ),
    DemoPlan(
        name="PIP Strategic Plan 2022-2025",
        workplan="pip_strategic_plan_2022_2025.csv",
        start_year=2022,
        years=3,
        top_level_name="Strategic priority",
        as_of=None,
        history="demo/pip_strategic_plan_2022_2025_illustrative_history.csv",
        note=N_(
            "Priorities, goals and objectives are from the PIP Strategic Plan 2022-2025. Every "
            "status record is ILLUSTRATIVE demo data, not real progress."
        ),
    ),
    DemoPlan(
        name="Toronto West LIP Strategic Plan 2012-2015",
        workplan="twlip_strategic_plan_2012_2015.csv",
        start_year=2012,
        years=3,
        top_level_name="Topic group",
        as_of=None,
        history="demo/twlip_strategic_plan_2012_2015_illustrative_history.csv",
        note=N_(
            "Topic groups, areas and strategies are from the Toronto West LIP Strategic Plan "
            "2012-2015. Every status record is ILLUSTRATIVE demo data, not real progress."
        ),
    ),
]


def write_history(
    cur: queries.Cursor, plan_name: str, data: bytes, filename: str, user: str | None = None
) -> int:
    """Add the illustrative status records of a history file to a plan, with the cursor of an open
    transaction; return how many were added.

    The file's ``line`` names the project by the line it came from in the imported workplan, and
    its ``project`` must be the start of that project's name (a check that the two files agree).
    """
    rows = read_table(data, filename).rows
    header = [c.strip().lower() for c in rows[0]]
    missing = [c for c in HISTORY_COLUMNS if c not in header]
    if missing:
        raise InvalidInputError(
            f"The history file {filename} lacks columns.",
            [Problem(1, c, None, "add this column") for c in missing],
        )
    col = {name: header.index(name) for name in HISTORY_COLUMNS}
    problems: list[Problem] = []
    added = 0
    plan = queries.plan_by_name(cur, plan_name)
    projects = queries.plan_projects(cur, int(plan["id"]))
    by_line = {int(r.source_line): r for r in projects.itertuples()}
    for number, row in enumerate(rows[1:], start=2):
        cells = {name: (row[i].strip() if i < len(row) else "") for name, i in col.items()}
        project = by_line.get(int(cells["line"])) if cells["line"].isdigit() else None
        if _write_history_row(cur, number, cells, project, plan, user, problems):
            added += 1
    if problems:
        raise InvalidInputError(f"The history file {filename} does not match the plan.", problems)
    return added


def _write_history_row(
    cur: queries.Cursor,
    number: int,
    cells: dict[str, str],
    project,
    plan: dict,
    user: str | None,
    problems: list[Problem],
) -> bool:
    """Apply one line of a history file to its ``project`` (a row of the plan's projects, or
    None); return whether a status record was added. What does not match goes to ``problems``.

    The record is dated as entered on its status date, as it would have been: loaded "now", the
    demo's whole history would be what changed since the last meeting (docs/file-formats.md)."""
    if project is None or not project.project.casefold().startswith(cells["project"].casefold()):
        problems.append(
            Problem(
                number,
                "project",
                cells["project"],
                f"no project of this name on line {cells['line']} of the plan",
            )
        )
        return False
    if cells["recurring"].lower() not in YES_WORDS | NO_WORDS:
        problems.append(
            Problem(number, "recurring", cells["recurring"], "write yes or leave blank")
        )
        return False
    if cells["recurring"].lower() in YES_WORDS:
        queries.set_project_recurring(cur, int(project.project_id), True)
    if not cells["status"]:
        return False
    parsed = parse_status(cells["status"])
    when, precision = parse_partial_date(cells["status_date"])
    if when is None:
        problems.append(
            Problem(number, "status_date", cells["status_date"], "write the date as YYYY-MM")
        )
        return False
    queries.insert_status_record(
        cur,
        project_id=int(project.project_id),
        category=parsed.category,
        original_text=cells["status"],
        status_date=when,
        date_precision=precision,
        effective_date=when,
        plan_year=plan_year_of(when, int(plan["start_year"])),
        recorded_at=datetime.combine(when, time.min),
        recorded_by=user,
        reason="illustrative demo data",
        note=cells["note"] or None,
        source="demo",
        illustrative=True,
    )
    return True


def is_demo_database(db: Database) -> bool:
    """True when this database was set up with the demo data (its demo passwords are public)."""
    with db.cursor() as cur:
        return queries.get_setting(cur, DEMO_SETTING) == "true"


def load_catalog_files(db: Database, data_dir: Path, actor: User = OPERATOR) -> int:
    """Load the bundled breakdown categories and metric catalogue; return how many metrics."""
    categories = parse_breakdown_categories(
        (data_dir / "breakdown_categories.csv").read_bytes(), "breakdown_categories.csv"
    )
    save_breakdown_categories(db, actor, categories)
    partners = set(list_partners(db)["code"])
    metrics = parse_catalog(
        (data_dir / "metrics_catalog.csv").read_bytes(),
        "metrics_catalog.csv",
        partners,
        set(categories["breakdown"]),
    )
    return save_catalog(db, actor, metrics, "metrics_catalog.csv")


def load_demo_accounts(db: Database, data_dir: Path, actor: User = OPERATOR) -> list[str]:
    """Add the bundled partners, breakdowns and catalogue, and the demo accounts that are missing;
    return the usernames added."""
    save_partners(
        db,
        actor,
        parse_partners((data_dir / "partners.csv").read_bytes(), "partners.csv"),
        "partners.csv",
    )
    load_catalog_files(db, data_dir, actor)
    existing = set(list_users(db)["username"])
    added = []
    for account in DEMO_ACCOUNTS:
        if account.username in existing:
            continue
        create_user(
            db, actor, account.username, account.role, account.partner_code, account.display_name,
            password=account.password,
        )  # fmt: skip
        if account.language:
            set_user_language(db, get_user(db, account.username), account.language)
        added.append(account.username)
    with db.transaction() as cur:
        queries.set_setting(cur, DEMO_SETTING, "true")
    return added


def load_demo(
    db: Database, data_dir: Path, user: str | None = None, store_dir: Path | None = None
) -> list[str]:
    """Import every demo plan not in the database yet, with its history and the French names of
    the plan and its items (:data:`FRENCH_NAMES`, :data:`FRENCH_DESCRIPTIONS`); return the names
    added.

    Also adds the bundled partners and the demo accounts, marks the database as the demo one, and
    loads the illustrative partner figures (their raw files kept in ``store_dir``, default the
    configured submissions folder).
    """

    load_demo_accounts(db, data_dir)
    added = []
    with db.cursor() as cur:
        existing = set(queries.plans(cur)["name"].astype(str))
    for demo in DEMO_PLANS:
        if demo.name in existing:
            continue
        workplan, history = data_dir / demo.workplan, data_dir / demo.history
        draft = parse_workplan(
            workplan.read_bytes(), workplan.name, demo.start_year, demo.years, as_of=demo.as_of
        )
        with db.transaction() as cur:  # the plan and its history land together or not at all
            write_plan(
                cur, draft, demo.name, source_file=workplan.name,
                top_level_name=demo.top_level_name, user=user, note=demo.note,
            )  # fmt: skip
            write_history(cur, demo.name, history.read_bytes(), history.name, user)
            for french in (data_dir / FRENCH_NAMES, data_dir / FRENCH_DESCRIPTIONS):
                write_french_names(cur, demo.name, french.read_bytes(), french.name)
            queries.insert_audit(
                cur,
                utcnow(),
                user or OPERATOR.username,
                "plan imported",
                demo.name,
                audit_text(N_("demo data")),
                None,
            )
        added.append(demo.name)
    load_demo_figures(db, data_dir, store_dir or load_settings().submissions_dir)
    return added
