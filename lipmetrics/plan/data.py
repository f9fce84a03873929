"""Read a plan from the database and shape it for the screens and the command line.

:func:`load_plan` does the reading (one cursor, a few queries); everything else here is pure: a
:class:`PlanData` in, a DataFrame out, with the columns named in each docstring.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from lipmetrics.categories import APP_REASONS, PROGRESS_LABELS, UNCLASSIFIED
from lipmetrics.errors import NotFoundError
from lipmetrics.i18n import _, shown_columns, shown_text
from lipmetrics.plan.progress import (
    completion_rates,
    plan_year_of,
    rates_of_counts,
    status_by_year,
)
from lipmetrics.plan.schedule import format_years
from lipmetrics.plan.status import format_status_date
from lipmetrics.plan.write import top_level_labels
from lipmetrics.store import Database, queries

# The names and descriptions of a plan's projects frame shown in the session's language.
SHOWN_PROJECT_COLUMNS = [
    "pillar", "goal", "goal_description", "objective", "objective_description", "project",
]  # fmt: skip


# The names of a project's place and of the project, then their French versions.
NAME_COLUMNS = [
    "pillar", "goal", "objective", "project", "pillar_fr", "goal_fr", "objective_fr", "project_fr",
]  # fmt: skip


@dataclass(frozen=True)
class PlanData:
    """Everything about one plan that the progress screens need."""

    plan: dict
    pillars: pd.DataFrame
    projects: pd.DataFrame
    schedule: pd.DataFrame
    statuses: pd.DataFrame  # the status records in force (retracted ones left out)
    members: pd.DataFrame
    retracted: pd.DataFrame = field(default_factory=pd.DataFrame)  # retracted records, kept
    # The names as stored, whatever the language shown: pillar, pillar_fr in plan order, and
    # project_id with the pillar, goal, objective and project names and their French versions
    # (the French workbook writes them for its import, docs/file-formats.md).
    pillar_names: pd.DataFrame = field(default_factory=pd.DataFrame)
    project_names: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def name(self) -> str:
        return str(self.plan["name"])

    @property
    def shown_name(self) -> str:
        """The plan's name as a screen or a document shows it: its French name in French, the
        name marked « (en anglais) » where it has none (README "Languages"); :attr:`name` stays
        the name it is chosen by."""
        return shown_plan_name(self.plan["name"], self.plan.get("name_fr"))

    @property
    def start_year(self) -> int:
        return int(self.plan["start_year"])

    @property
    def years(self) -> int:
        return int(self.plan["years"])

    @property
    def top_level_name(self) -> str:
        return str(self.plan["top_level_name"])

    @property
    def top_level_label(self) -> str:
        """The top level's name as a screen shows it: in the session's language when it is one of
        the names an import offers, else as the plan writes it (README "Languages")."""
        return top_level_labels().get(self.top_level_name, self.top_level_name)

    def current_plan_year(self) -> int:
        """The plan year of the latest news: the later of the as-of date and the newest status
        record, kept within the plan's years."""
        when = pd.Timestamp(self.plan["as_of"]).date()
        if not self.statuses.empty:
            when = max(when, pd.Timestamp(self.statuses["effective_date"].max()).date())
        return min(self.years, plan_year_of(when, self.start_year))

    @property
    def has_illustrative(self) -> bool:
        return bool(self.statuses["illustrative"].any()) if not self.statuses.empty else False


def unresolved_statuses(statuses: pd.DataFrame) -> pd.DataFrame:
    """Status records with no category that no later classified record of the same project answers.

    :param statuses: columns project_id, status_id, category (as :func:`queries.plan_status_records`).
    :returns: the rows of ``statuses`` still waiting for a person.
    """
    classified = statuses[statuses["category"].notna()].groupby("project_id")["status_id"].max()
    unclassified = statuses[statuses["category"].isna()]
    answered = unclassified["status_id"] < unclassified["project_id"].map(classified).fillna(-1)
    return unclassified[~answered]


def shown_plan_name(name: object, name_fr: object) -> str:
    """A plan's name in the current language (:func:`lipmetrics.i18n.content.shown_text`)."""
    return str(shown_text(name, name_fr)[0] or name)


def shown_plan_names(plans: pd.DataFrame) -> dict[str, str]:
    """Each plan's name (as :func:`list_plans` gives them) and the name shown for it in the
    current language: what the plan selector shows, keyed by what it keeps."""
    french = plans["name_fr"] if "name_fr" in plans else [None] * len(plans)
    return {
        str(name): shown_plan_name(name, name_fr)
        for name, name_fr in zip(plans["name"], french, strict=True)
    }


def plan_names(db: Database) -> list[str]:
    """Return the names of every plan, oldest plan first."""
    with db.cursor() as cur:
        return queries.plans(cur)["name"].astype(str).tolist()


def list_plans(db: Database) -> pd.DataFrame:
    """Return every plan: the columns of :func:`queries.plans`."""
    with db.cursor() as cur:
        return queries.plans(cur)


def load_plan(db: Database, name: str) -> PlanData:
    """Read the plan named ``name``; raise :class:`NotFoundError` when there is none.

    Retired projects and their status records are left out: they leave the figures
    (docs/definitions.md "Editing the plan"). Pillars, goals, objectives and projects are named
    in the current language, the original marked where it has no French version (README
    "Languages"); their ids stay the keys."""
    with db.cursor() as cur:
        plan = queries.plan_by_name(cur, name)
        if plan is None:
            known = queries.plans(cur)["name"].astype(str).tolist()
            if known:
                message = _("There is no plan named “{plan}”. Known plans: {plans}.")
            else:
                message = _(
                    "There is no plan named “{plan}”. The database has no plans yet: import one "
                    "with `lipmetrics import-plan`."
                )
            raise NotFoundError(message.format(plan=name, plans="; ".join(known)))
        plan_id = int(plan["id"])
        projects = queries.plan_projects(cur, plan_id)  # retired projects left out
        records = queries.plan_status_records(cur, plan_id)
        records = records[records["project_id"].isin(projects["project_id"])]
        retracted = records["retracted_at"].notna()
        pillars = queries.plan_pillars(cur, plan_id)
        return PlanData(
            plan=plan,
            pillars=shown_columns(pillars, ["pillar"]),
            projects=shown_columns(projects, SHOWN_PROJECT_COLUMNS),
            schedule=queries.plan_schedule(cur, plan_id),
            statuses=records[~retracted].reset_index(drop=True),
            members=queries.plan_working_group_members(cur, plan_id),
            retracted=records[retracted].reset_index(drop=True),
            pillar_names=pillars[["pillar", "pillar_fr"]],
            project_names=projects[["project_id", *NAME_COLUMNS]],
        )


def plan_progress(data: PlanData) -> pd.DataFrame:
    """Return the completion table of a plan (columns of :data:`progress.PROGRESS_COLUMNS`)."""
    return completion_rates(
        data.projects,
        data.schedule,
        data.statuses,
        data.start_year,
        data.years,
        pillars=data.pillars["pillar"].astype(str).tolist(),
    )


def progress_of(db: Database, name: str) -> pd.DataFrame:
    """The completion table of the plan named ``name``, as :func:`plan_progress` computes it from
    :func:`load_plan`, with the latest status of each project and year found and counted in the
    database (:func:`queries.progress_counts`); raise :class:`NotFoundError` when there is none."""
    with db.cursor() as cur:
        rows = queries.progress_count_rows(cur, name)
    if not rows:  # no such plan (said as load_plan says it), or a plan without pillars
        return plan_progress(load_plan(db, name))
    counts = dict(
        zip(queries.PROGRESS_COUNT_COLUMNS, map(list, zip(*rows, strict=True)), strict=True)
    )
    # A name that says nothing (only spaces) is shown as written, never as "None".
    counts["pillar"] = [
        shown_text(o, f)[0] or o or ""
        for o, f in zip(counts["pillar"], counts["pillar_fr"], strict=True)
    ]
    # Each pillar once, in order (a pillar with nothing scheduled has one row, its year missing).
    by_position = dict(zip(counts["pillar_position"], counts["pillar"], strict=True))
    pillars = [str(name) for name in by_position.values()]
    start_year, years = rows[0][0], rows[0][1]
    return rates_of_counts(counts, int(start_year), int(years), pillars)


def project_table(data: PlanData, plan_year: int) -> pd.DataFrame:
    """Return one row per project with its status in ``plan_year``, for the explorer.

    Columns: project_id, pillar, goal, objective, project, working_group, years_text, schedule,
    scheduled_this_year (bool), status (category in that year), status_label, latest_text (the
    original words of the project's latest status record), recurring, needs_a_person (bool).
    """
    status = status_by_year(data.projects, data.statuses, data.years)
    status = status[status["plan_year"] == plan_year][["project_id", "category"]]
    schedule = data.schedule.groupby("project_id")["plan_year"].agg(
        lambda years: format_years(list(years))
    )
    in_year = set(data.schedule.loc[data.schedule["plan_year"] == plan_year, "project_id"])
    latest = (
        data.statuses.sort_values(["effective_date", "status_id"]).groupby("project_id").tail(1)
    )
    latest_text = latest.set_index("project_id")["original_text"]
    unclassified = set(
        latest.loc[latest["category"].isna() & latest["original_text"].notna(), "project_id"]
    )
    table = data.projects.merge(status, on="project_id", how="left")
    table = table.assign(
        schedule=table["project_id"].map(schedule).astype(object).fillna(""),
        scheduled_this_year=table["project_id"].isin(in_year),
        status=table["category"].fillna("not_started"),
        latest_text=table["project_id"].map(latest_text).astype(object).fillna(""),
        needs_a_person=~table["schedule_parsed"].astype(bool)
        | table["project_id"].isin(unclassified),
    )
    table["status_label"] = table["status"].map(PROGRESS_LABELS)
    return table[
        [
            "project_id", "pillar", "goal", "objective", "project", "working_group", "years_text",
            "schedule", "scheduled_this_year", "status", "status_label", "latest_text",
            "recurring", "needs_a_person",
        ]
    ].fillna({"goal": "", "objective": "", "working_group": "", "years_text": ""})  # fmt: skip


def working_groups(data: PlanData) -> list[str]:
    """Return every working-group member named in the plan, sorted without regard to case."""
    return sorted(set(data.members["member"].astype(str)), key=str.casefold)


def filter_projects(
    table: pd.DataFrame,
    data: PlanData,
    pillars: list[str] | None = None,
    scheduled_only: bool = False,
    members: list[str] | None = None,
    statuses: list[str] | None = None,
    needs_a_person: bool = False,
) -> pd.DataFrame:
    """Return the rows of a :func:`project_table` that pass every filter given (empty = no filter)."""
    keep = pd.Series(True, index=table.index)
    if pillars:
        keep &= table["pillar"].isin(pillars)
    if scheduled_only:
        keep &= table["scheduled_this_year"]
    if members:
        with_member = set(data.members.loc[data.members["member"].isin(members), "project_id"])
        keep &= table["project_id"].isin(with_member)
    if statuses:
        keep &= table["status"].isin(statuses)
    if needs_a_person:
        keep &= table["needs_a_person"]
    return table[keep]


def project_history(data: PlanData, project_id: int) -> pd.DataFrame:
    """Return the status history of one project, oldest first, retracted records included.

    Columns: status_id, date (as precise as it was given, or "as of …" when the text named none),
    status_date, date_precision and effective_date (what ``date`` is written from), plan_year,
    status (label, or "Needs a person" when unclassified), original_text, note, reason,
    recorded_by, recorded_at, illustrative, retracted ("" or who retracted it, when and why).
    """
    records = pd.concat([data.statuses, data.retracted], ignore_index=True)
    rows = records[records["project_id"] == project_id].sort_values(["effective_date", "status_id"])
    dates = [
        format_status_date(d, p, e)
        for d, p, e in zip(
            rows["status_date"], rows["date_precision"], rows["effective_date"], strict=True
        )
    ]
    return pd.DataFrame(
        {
            "status_id": rows["status_id"].astype(int).to_numpy(),
            "date": dates,
            "status_date": rows["status_date"].to_numpy(),  # what ``date`` writes, for
            "date_precision": rows["date_precision"].to_numpy(),  # reports in other languages
            "effective_date": rows["effective_date"].to_numpy(),
            "plan_year": rows["plan_year"].to_numpy(),
            "status": rows["category"]
            .map(PROGRESS_LABELS)
            .fillna(PROGRESS_LABELS[UNCLASSIFIED])
            .to_numpy(),
            "original_text": rows["original_text"].fillna("").to_numpy(),
            "note": rows["note"].fillna("").to_numpy(),
            "reason": [_(r) if r in APP_REASONS else r for r in rows["reason"].fillna("")],
            "recorded_by": rows["recorded_by"].fillna("").to_numpy(),
            "recorded_at": rows["recorded_at"].to_numpy(),
            "illustrative": rows["illustrative"].astype(bool).to_numpy(),
            "retracted": [_retraction_words(r) for r in rows.itertuples()],
        }
    )


def _retraction_words(row) -> str:
    """ "retracted by cora on 2026-11-25: entered twice" for a retracted record, else ""."""
    if pd.isna(getattr(row, "retracted_at", None)):
        return ""
    when = pd.Timestamp(row.retracted_at).date().isoformat()
    message = _("retracted by {user} on {day}: {reason}")
    return message.format(user=row.retracted_by, day=when, reason=row.retraction_reason)


def needs_a_person(data: PlanData) -> pd.DataFrame:
    """Return what the import could not read, for a person to classify.

    Columns: pillar, project, line (in the imported file), what ("Year" or "Status"), text.
    """
    bad_years = data.projects[~data.projects["schedule_parsed"].astype(bool)]
    rows = [
        (r.pillar, r.project, r.source_line, "Year", r.years_text) for r in bad_years.itertuples()
    ]
    unclassified = unresolved_statuses(data.statuses).merge(
        data.projects[["project_id", "pillar", "project", "source_line"]], on="project_id"
    )
    rows += [
        (r.pillar, r.project, r.source_line, "Status", r.original_text)
        for r in unclassified.itertuples()
    ]
    frame = pd.DataFrame(rows, columns=["pillar", "project", "line", "what", "text"])
    return frame.sort_values(["line", "what"], ignore_index=True)


def default_plan_name(plans: pd.DataFrame) -> str | None:
    """Return the plan to show first: the one with the most projects (the newest on a tie)."""
    if plans.empty:
        return None
    ordered = plans.sort_values(["projects", "start_year"], ascending=[False, False])
    return str(ordered.iloc[0]["name"])


def plan_year_shown(data: PlanData, chosen: object = None) -> int:
    """The plan year a screen shows: ``chosen`` (the year the person last picked there) when it is
    one of this plan's years, else the plan year of the latest news (:meth:`PlanData.current_plan_year`).

    A year picked for one plan may not exist in the next plan chosen (a 3-year plan after a 5-year
    one), and nothing picked yet is ``None``: both fall back to the current plan year.
    """
    if isinstance(chosen, int) and not isinstance(chosen, bool) and 1 <= chosen <= data.years:
        return chosen
    return data.current_plan_year()
