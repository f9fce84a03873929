"""A workplan read and checked but not yet saved: what the import screen previews."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from lipmetrics.i18n import N_, _
from lipmetrics.plan.schedule import Schedule
from lipmetrics.plan.status import ParsedStatus


@dataclass
class DraftProject:
    """A project as it will be saved: its place in the hierarchy, schedule and first status."""

    line: int
    pillar: str
    goal: str
    objective: str
    name: str
    working_group: str
    schedule: Schedule
    status: ParsedStatus
    recurring: bool
    status_date: date | None = None
    date_precision: str | None = None
    corrected: bool = False  # a person corrected the status reading in the preview


@dataclass
class WorkplanDraft:
    """A workplan read and checked, ready to be saved by :func:`~lipmetrics.plan.workplan.save_plan`."""

    read_as: str
    layout: str  # "raw" or "tidy"
    start_year: int
    years: int
    as_of: date
    projects: list[DraftProject]
    pillars: list[str]
    goal_descriptions: dict[tuple[str, str], str] = field(default_factory=dict)
    objective_descriptions: dict[tuple[str, str, str], str] = field(default_factory=dict)
    structure: list[tuple[str, str, str]] = field(default_factory=list)
    # French versions from the tidy template (README "Languages"): ("pillar", pillar), ("goal",
    # pillar, goal), ("goal_description", pillar, goal), ("objective", pillar, goal, objective),
    # ("objective_description", …), ("project", line) → the French text.
    french: dict[tuple, str] = field(default_factory=dict)
    as_of_reason: str = "as given"  # where the as-of date came from, in words

    def read_sentence(self, filename: str) -> str:
        """How ``filename`` was read, one sentence in the session's language (README "Languages")."""
        if self.layout == "raw":
            sentence = _("Read {file} as {read_as} (raw layout).")
        else:
            sentence = _("Read {file} as {read_as} (tidy layout).")
        return sentence.format(file=filename, read_as=self.read_as)

    def years_warning(self) -> str | None:
        """A sentence when every status that names a date is dated outside the plan's calendar
        years: plan year 1 is most likely not the year given (the field defaults to this year);
        None otherwise. It suggests the year of the first date."""
        dated = sorted(p.status_date.year for p in self.projects if p.status_date is not None)
        last_year = self.start_year + self.years - 1
        if not dated or any(self.start_year <= year <= last_year for year in dated):
            return None
        values = {"first": dated[0], "last": dated[-1], "start": self.start_year, "end": last_year}
        if dated[0] == dated[-1]:
            sentence = _(
                "Every dated status of this file is from {first}, outside the plan years "
                "{start}–{end}. If the plan started in {first}, set “Calendar year of plan year 1” "
                "above to {first}."
            )
        else:
            sentence = _(
                "Every dated status of this file is from {first}–{last}, outside the plan years "
                "{start}–{end}. If the plan started in {first}, set “Calendar year of plan year 1” "
                "above to {first}."
            )
        return sentence.format(**values)

    def unparsed_schedules(self) -> pd.DataFrame:
        """Projects whose YEAR text could not be read: line, project, years, problem."""
        rows = [
            (p.line, p.name, p.schedule.text, p.schedule.problem)
            for p in self.projects
            if not p.schedule.parsed
        ]
        return pd.DataFrame(rows, columns=["line", "project", "years", "problem"])

    def unclassified_statuses(self) -> pd.DataFrame:
        """Projects whose STATUS text matched no rule: line, project, status."""
        rows = [
            (p.line, p.name, p.status.text)
            for p in self.projects
            if not p.status.blank and p.status.category is None
        ]
        return pd.DataFrame(rows, columns=["line", "project", "status"])

    def summary(self) -> dict[str, int]:
        """Counts a person checks before saving, by their English names (marked: a page shows
        them translated)."""
        goals = {(pillar, goal) for pillar, goal, _ in self.structure if goal}
        objectives = {s for s in self.structure if s[2]}
        return {
            N_("pillars"): len(self.pillars),
            N_("goals"): len(goals),
            N_("objectives"): len(objectives),
            N_("projects"): len(self.projects),
            N_("unscheduled projects"): sum(
                1 for p in self.projects if p.schedule.parsed and not p.schedule.years
            ),
            N_("status records"): sum(1 for p in self.projects if not p.status.blank),
            N_("years that need a person"): len(self.unparsed_schedules()),
            N_("statuses that need a person"): len(self.unclassified_statuses()),
        }
