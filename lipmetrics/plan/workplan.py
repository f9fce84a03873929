"""Import a workplan: the raw layout LIPs have (a Word/Excel table) or the tidy template
(docs/file-formats.md "Workplan, raw layout" and "Workplan, tidy template").

Reading is split in two so that a screen can show a preview before anything is written:
:func:`parse_workplan` reads and checks a file and returns a :class:`WorkplanDraft` (pure, no
database); :func:`save_plan` writes a draft as a new plan in one transaction. The layouts
themselves are read by :mod:`lipmetrics.plan.raw_layout` and :mod:`lipmetrics.plan.tidy`;
:mod:`lipmetrics.plan.write` writes a draft to the store.
"""

from __future__ import annotations

import re
from datetime import date

from lipmetrics.accounts import OPERATOR, User, require
from lipmetrics.errors import InvalidInputError, Problem, UnusableInputError
from lipmetrics.files import Table, read_as_shown, read_table
from lipmetrics.i18n import N_, _, ngettext
from lipmetrics.plan.draft import DraftProject, WorkplanDraft
from lipmetrics.plan.original_names import original_names, restore_original_names
from lipmetrics.plan.raw_layout import raw_rows
from lipmetrics.plan.schedule import parse_schedule
from lipmetrics.plan.status import parse_status
from lipmetrics.plan.tidy import TIDY_HEADERS, tidy_rows
from lipmetrics.plan.vocabulary import taught_phrases
from lipmetrics.plan.workplan_rows import NO_WORDS, YES_WORDS, WorkplanRow, map_header
from lipmetrics.plan.write import write_plan
from lipmetrics.store import Database, audit_number, audit_text, audit_word, queries, utcnow

# The hierarchy of a plan: its pillars in order, its (pillar, goal, objective) nodes in order, and
# the descriptions of its goals and objectives.
Hierarchy = tuple[
    list[str],
    list[tuple[str, str, str]],
    dict[tuple[str, str], str],
    dict[tuple[str, str, str], str],
]


def parse_partial_date(text: str) -> tuple[date | None, str | None]:
    """Return the date written as YYYY-MM-DD, YYYY-MM or YYYY and its precision, or (None, None)."""
    for pattern, precision in (
        (r"(\d{4})-(\d{1,2})-(\d{1,2})", "day"),
        (r"(\d{4})-(\d{1,2})", "month"),
        (r"(\d{4})", "year"),
    ):
        match = re.fullmatch(pattern, text.strip())
        if match:
            parts = [int(g) for g in match.groups()] + [1] * (3 - len(match.groups()))
            try:
                return date(*parts), precision
            except ValueError:
                return None, None
    return None, None


def _refused(filename: str, problems: list[Problem]) -> InvalidInputError:
    """The refusal of a workplan file with problems: how many, and each on its line."""
    summary = ngettext(
        "The workplan {file} has {count} problem; nothing was saved.",
        "The workplan {file} has {count} problems; nothing was saved.",
        len(problems),
    )
    return InvalidInputError(summary.format(file=filename, count=len(problems)), problems)


def parse_workplan(
    data: bytes,
    filename: str,
    start_year: int,
    years: int = 5,
    as_of: date | None = None,
    sheet: str | None = None,
    vocabulary: dict[str, str] | None = None,
) -> WorkplanDraft:
    """Read and check a workplan file; raise :class:`InvalidInputError` listing every problem.

    :param data: the bytes of a .csv or .xlsx file, raw layout or tidy template.
    :param start_year: the calendar year of plan year 1.
    :param years: how many plan years the plan has.
    :param as_of: the date of status records whose text names none; default:
        :func:`default_as_of_date`.
    :param vocabulary: the LIP's taught phrases (:func:`lipmetrics.plan.vocabulary.taught_phrases`).
    """
    if not 1900 <= start_year <= 2200:
        raise UnusableInputError(
            _("The start year {year} is not a calendar year such as 2016.").format(year=start_year)
        )
    if not 1 <= years <= 50:
        raise UnusableInputError(
            _("A plan has between 1 and 50 years, not {years}.").format(years=years)
        )
    table = read_table(data, filename, sheet)
    layout, items, problems = _read_rows(table, filename)
    if (
        layout == "raw"
    ):  # a workplan exported in French: its original names back (README "Languages")
        restore_original_names(items, original_names(data, filename))
    pillars, structure, goal_descriptions, objective_descriptions = _hierarchy(items)
    projects = _draft_projects(items, years, start_year, problems, vocabulary)
    if not problems and not projects:
        problems.append(
            Problem(None, None, None, _("the file has no projects: each project needs a row"))
        )
    if problems:
        raise _refused(filename, problems)
    default_as_of, as_of_reason = default_as_of_date(projects, start_year)
    return WorkplanDraft(
        read_as=read_as_shown(table),  # shown, never stored (README "Languages")
        layout=layout,
        start_year=start_year,
        years=years,
        as_of=as_of or default_as_of,
        as_of_reason=_("as given") if as_of else as_of_reason,
        projects=projects,
        pillars=pillars,
        goal_descriptions=goal_descriptions,
        objective_descriptions=objective_descriptions,
        structure=structure,
        french=french_versions(items),
    )


def default_as_of_date(projects: list[DraftProject], start_year: int) -> tuple[date, str]:
    """The date undated statuses carry unless a person gives one, and where it came from: the
    latest date of a status that was read (never a planned date, never an unread status's), else
    1 January of the plan's first year."""
    dated = [p for p in projects if p.status_date and p.status.category is not None]
    if not dated:
        return date(start_year, 1, 1), _(
            "1 January of the first plan year: no status read names a date"
        )
    latest = max(dated, key=lambda p: p.status_date)
    return (
        latest.status_date,
        _("the latest date of a status read: “{status}” (line {line})").format(
            status=latest.status.text, line=latest.line
        ),
    )


def _read_rows(table: Table, filename: str) -> tuple[str, list[WorkplanRow], list[Problem]]:
    """The layout of the file ("tidy" when its first row names a pillar and a project column, else
    "raw"), its rows and the problems of the rows that cannot be read."""
    first = next((i for i, row in enumerate(table.rows) if any(c.strip() for c in row)), None)
    if first is None:
        raise UnusableInputError(
            _("The file {file} has no rows with text in them.").format(file=filename)
        )
    tidy_mapping = map_header(table.rows[first], TIDY_HEADERS)
    if "pillar" in tidy_mapping and "project" in tidy_mapping:
        return "tidy", *tidy_rows(table, first, tidy_mapping)
    return "raw", *raw_rows(table)


def _hierarchy(items: list[WorkplanRow]) -> Hierarchy:
    """The pillars, the (pillar, goal, objective) nodes and the descriptions the rows name."""
    pillars: list[str] = []
    structure: list[tuple[str, str, str]] = []
    goal_descriptions: dict[tuple[str, str], str] = {}
    objective_descriptions: dict[tuple[str, str, str], str] = {}
    for item in items:
        if item.pillar not in pillars:
            pillars.append(item.pillar)
        node = (item.pillar, item.goal, item.objective)
        if node not in structure:
            structure.append(node)
        if item.goal and item.goal_description:
            goal_descriptions[(item.pillar, item.goal)] = item.goal_description
        if item.objective and item.objective_description:
            objective_descriptions[node] = item.objective_description
    return pillars, structure, goal_descriptions, objective_descriptions


def french_versions(items: list[WorkplanRow]) -> dict[tuple, str]:
    """The French names and descriptions the rows give (:attr:`WorkplanDraft.french`); the first
    row that gives one for a pillar, goal or objective wins."""
    french: dict[tuple, str] = {}
    for item in items:
        goal, objective = (item.pillar, item.goal), (item.pillar, item.goal, item.objective)
        given = [
            (("pillar", item.pillar), item.pillar_fr),
            (("goal", *goal), item.goal_fr if item.goal else ""),
            (("goal_description", *goal), item.goal_description_fr if item.goal else ""),
            (("objective", *objective), item.objective_fr if item.objective else ""),
            (("objective_description", *objective), item.objective_description_fr),
            (("project", item.line), item.project_fr if item.project else ""),
        ]
        for key, text in given:
            if text and key not in french:
                french[key] = text
    return french


def _draft_projects(
    items: list[WorkplanRow],
    years: int,
    start_year: int,
    problems: list[Problem],
    vocabulary: dict[str, str] | None = None,
) -> list[DraftProject]:
    """The projects of the rows with their schedule and status read; the problems of a RECURRING
    or a status date cell that cannot be read are added to ``problems``."""
    projects: list[DraftProject] = []
    for item in items:
        recurring = item.recurring.strip().lower()
        if recurring not in YES_WORDS | NO_WORDS:
            problems.append(
                Problem(
                    item.line,
                    "recurring",
                    item.recurring,
                    _("write yes for a recurring project, or leave it blank"),
                )
            )
        status_date, precision = _status_date(item, problems)
        if not item.project:
            continue  # a structure row: it names a goal or objective, nothing to track
        status = parse_status(item.status, vocabulary)
        if status_date is None and status.date is not None:
            status_date, precision = status.date, status.precision
        projects.append(
            DraftProject(
                line=item.line,
                pillar=item.pillar,
                goal=item.goal,
                objective=item.objective,
                name=item.project,
                working_group=item.working_group,
                schedule=parse_schedule(item.years, years, start_year),
                status=status,
                recurring=recurring in YES_WORDS,
                status_date=status_date,
                date_precision=precision,
            )
        )
    return projects


def _status_date(item: WorkplanRow, problems: list[Problem]) -> tuple[date | None, str | None]:
    """The date of the row's status_date cell and its precision; (None, None) when blank, and a
    problem too when it cannot be read."""
    if not item.status_date:
        return None, None
    status_date, precision = parse_partial_date(item.status_date)
    if status_date is None:
        problems.append(
            Problem(
                item.line,
                "status_date",
                item.status_date,
                _("write the date as YYYY-MM-DD, YYYY-MM or YYYY"),
            )
        )
    return status_date, precision


def save_plan(
    db: Database,
    draft: WorkplanDraft,
    plan_name: str,
    actor: User,
    *,
    source_file: str | None = None,
    top_level_name: str = "Pillar",
    note: str | None = None,
    name_fr: str | None = None,
) -> int:
    """Write ``draft`` as a new plan named ``plan_name`` (``name_fr`` in French, optional) in one
    transaction; return its id.

    Coordinators and admins only; the import is written to the audit log in the same transaction.
    """
    require(actor, "import_plan")
    with db.transaction() as cur:
        plan_id = write_plan(
            cur, draft, plan_name, source_file=source_file, top_level_name=top_level_name,
            user=actor.username, note=note, name_fr=name_fr,
        )  # fmt: skip
        counts = draft.summary()
        queries.insert_audit(
            cur, utcnow(), actor.username, "plan imported", plan_name.strip(),
            audit_text(
                N_("{file}: {projects} projects, {records} status records"),
                file=source_file or audit_word(N_("file")),
                projects=audit_number(counts["projects"]),
                records=audit_number(counts["status records"]),
            ),
            None,
        )  # fmt: skip
        return plan_id


def import_plan_file(
    db: Database,
    data: bytes,
    filename: str,
    plan_name: str,
    start_year: int,
    years: int = 5,
    as_of: date | None = None,
    sheet: str | None = None,
    top_level_name: str = "Pillar",
    actor: User = OPERATOR,
    name_fr: str | None = None,
) -> tuple[int, WorkplanDraft]:
    """Parse, check and save a workplan file as a new plan; return the plan id and the draft."""
    draft = parse_workplan(data, filename, start_year, years, as_of, sheet, taught_phrases(db))
    plan_id = save_plan(
        db, draft, plan_name, actor, source_file=filename, top_level_name=top_level_name,
        name_fr=name_fr,
    )  # fmt: skip
    return plan_id, draft
