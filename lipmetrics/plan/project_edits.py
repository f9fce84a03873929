"""Change a project's planned years, working group and recurring flag after import
(docs/definitions.md "Editing the plan"), each with a reason and an audit entry, as
:mod:`lipmetrics.plan.edits` does for the hierarchy."""

from __future__ import annotations

from lipmetrics.accounts import User
from lipmetrics.i18n import N_, _, pgettext
from lipmetrics.plan.edits import CHANGED, Edited, editing, live_item, refuse
from lipmetrics.plan.schedule import format_years, parse_schedule
from lipmetrics.plan.write import split_working_group
from lipmetrics.store import Database, audit_text, queries


def set_project_years(
    db: Database, actor: User, plan_name: str, project_id: int, years: str, reason: str
) -> Edited:
    """Change the plan years a project is planned for, written as the import reads them ("2-4",
    "2018 & 2019"; blank: unscheduled), within the plan's years."""
    with editing(db, actor, plan_name, reason) as plan:
        item = live_item(plan, "project", project_id)
        start, count = int(plan.row["start_year"]), int(plan.row["years"])
        schedule = parse_schedule(years, count, start)
        if not schedule.parsed:
            refuse(
                plan_name,
                "years",
                years,
                _(
                    "{problem}; write plan years from 1 to {count} or calendar years from {start} "
                    "to {end}"
                ).format(problem=schedule.problem, count=count, start=start, end=start + count - 1),
            )
        old = item["years_text"] or ""
        if years.strip() == old.strip():
            refuse(
                plan_name,
                "years",
                years,
                _("these are already its years: write the new years"),
            )
        queries.set_project_years(plan.cur, project_id, years.strip(), sorted(schedule.years))
        read = format_years(schedule.years)
        before, after = old, years.strip()
        plan.audit(
            actor,
            "project years changed",
            item,
            audit_text(
                N_("years “{before}” → “{after}” (plan years {years})"),
                before=before,
                after=after,
                years=read,
            )
            if read
            else audit_text(
                N_("years “{before}” → “{after}” (plan years none (unscheduled))"),
                before=before,
                after=after,
            ),  # fmt: skip
            reason,
        )
    if schedule.years:
        sentence = _("The project “{name}” is now planned for plan years {years}.")
    else:
        sentence = _("The project “{name}” is now unscheduled: it is planned for no plan year.")
    return Edited("project", project_id, sentence.format(name=item["name"], years=read))


def set_project_working_group(
    db: Database, actor: User, plan_name: str, project_id: int, working_group: str, reason: str
) -> Edited:
    """Change a project's working group, written as in the workplan ("NCC, WDB PED, City")."""
    with editing(db, actor, plan_name, reason) as plan:
        item = live_item(plan, "project", project_id)
        old, new = item["working_group"] or "", working_group.strip()
        if split_working_group(new) == split_working_group(old):
            refuse(
                plan_name,
                "working group",
                working_group,
                _("this is already its working group: write the new one"),
            )
        queries.set_project_working_group(plan.cur, project_id, new, split_working_group(new))
        detail = audit_text(CHANGED, before=old, after=new)
        plan.audit(actor, "project working group changed", item, detail, reason)
    members = ", ".join(split_working_group(new))
    if members:
        sentence = _("The working group of the project “{name}” is now: {members}.")
    else:
        sentence = _("The project “{name}” now has no working group.")
    return Edited("project", project_id, sentence.format(name=item["name"], members=members))


def set_project_recurring(
    db: Database, actor: User, plan_name: str, project_id: int, recurring: bool, reason: str
) -> Edited:
    """Mark a project recurring (an annual event: each year counts only that year's records) or
    not."""
    # the audit log's detail, by the new flag (README "Languages")
    words = {True: N_("not recurring → recurring"), False: N_("recurring → not recurring")}
    shown = {
        True: pgettext("project", "recurring"),
        False: pgettext("project", "not recurring"),
    }
    already = {
        True: _("the project is already recurring"),
        False: _("the project is already not recurring"),
    }
    with editing(db, actor, plan_name, reason) as plan:
        item = live_item(plan, "project", project_id)
        before = bool(item["recurring"])
        if before == recurring:
            refuse(
                plan_name,
                "recurring",
                shown[recurring],
                already[recurring],
            )
        queries.set_project_recurring(plan.cur, project_id, recurring)
        plan.audit(
            actor,
            "project recurring changed",
            item,
            audit_text(words[recurring]),
            reason,
        )
    done = {
        True: _("The project “{name}” is now recurring."),
        False: _("The project “{name}” is now not recurring."),
    }
    return Edited("project", project_id, done[recurring].format(name=item["name"]))
