"""Edit a plan after import: add, rename, move and retire a goal, objective or project
(docs/definitions.md "Editing the plan"); a project's years, working group and recurring flag are
changed in :mod:`lipmetrics.plan.project_edits`, with the same machinery.

Every edit takes the acting account (who may import or change a plan) and a reason, is checked
before anything is written, and writes the change and its audit-log line (who, what, before →
after, why) in one transaction. It returns an :class:`Edited`: the item and the sentence that
confirms it. A refusal is an :class:`InvalidInputError` whose problems show the value as written.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pandas as pd

from lipmetrics.accounts import User, require
from lipmetrics.errors import InvalidInputError, NotFoundError, Problem
from lipmetrics.i18n import N_, _
from lipmetrics.plan.edit_words import (
    ADDED,
    GOES_UNDER,
    MOVED,
    NAME_TAKEN,
    NO_ITEM,
    NO_NAME,
    NO_PLACE,
    RENAMED,
    RETIRED,
    a_level,
    retired_done,
    said,
)
from lipmetrics.plan.hierarchy import KINDS, PARENTS, PATH_SEPARATOR, hierarchy_table
from lipmetrics.plan.write import extract_code, top_level_labels
from lipmetrics.store import AuditText, Database, audit_number, audit_text, queries, utcnow

# The audit log's detail of a text changed (a name, a working group): stored in English, shown in
# the reader's language (README "Languages").
CHANGED = N_("“{before}” → “{after}”")


@dataclass(frozen=True)
class Edited:
    """What an edit did: the item (kind and id) and the sentence that confirms it."""

    kind: str
    item_id: int
    sentence: str


@dataclass(frozen=True)
class PlanEdit:
    """The plan being edited, inside the edit's transaction."""

    cur: queries.Cursor
    row: dict
    items: pd.DataFrame  # hierarchy_table: every item, retired ones included

    @property
    def name(self) -> str:
        return str(self.row["name"])

    def item(self, kind: str, item_id: int) -> dict:
        """The item as a dict of its hierarchy row, or :class:`NotFoundError`."""
        if kind not in (*KINDS, "pillar"):
            raise NotFoundError(
                _(
                    "“{kind}” is not a kind of plan item: choose a goal, an objective or a project."
                ).format(kind=kind)
            )
        found = self.items[(self.items["kind"] == kind) & (self.items["item_id"] == item_id)]
        if found.empty:
            level = top_level_labels().get(str(self.row["top_level_name"]), "").lower()
            raise NotFoundError(said(NO_ITEM, kind, id=item_id, plan=self.name, level=level))
        return found.iloc[0].to_dict()

    def a_word(self, kind: str) -> str:
        """The kind with its article, in the current language: "a goal", « une priorité
        stratégique » (:func:`~lipmetrics.plan.edit_words.a_level`)."""
        return a_level(kind, str(self.row["top_level_name"]))

    def audit(self, actor: User, action: str, item: dict, detail: AuditText, reason: str) -> None:
        """The audit-log line of this edit, tied to the item it is about."""
        queries.insert_plan_edit_audit(
            self.cur,
            utcnow(),
            actor.username,
            action,
            f"{self.name}: {item['path']}",
            detail,
            reason.strip(),
            (int(self.row["id"]), item["kind"], int(item["item_id"])),
        )


def refuse_all(plan_name: str, problems: list[Problem]) -> None:
    """Raise the refusal of an edit when there are problems."""
    if problems:
        raise InvalidInputError(
            _("Nothing was changed in the plan “{plan}”.").format(plan=plan_name), problems
        )


def refuse(plan_name: str, column: str, value: str, message: str) -> None:
    """Refuse an edit for one problem: what was given (``value``, as written) and what to do."""
    refuse_all(plan_name, [Problem(None, column, value, message)])


@contextmanager
def editing(db: Database, actor: User, plan_name: str, reason: str) -> Iterator[PlanEdit]:
    """Check the permission and the reason, then yield the plan inside one write transaction."""
    require(actor, "import_plan")
    if not reason.strip():
        refuse(
            plan_name,
            "reason",
            reason,
            _("write why the plan changes (every change to the plan needs a reason)"),
        )
    with db.transaction() as cur:
        row = queries.plan_by_name(cur, plan_name)
        if row is None:
            raise NotFoundError(
                _("There is no plan named “{plan}”. Choose one of the plans in the list.").format(
                    plan=plan_name
                )
            )
        items = hierarchy_table(queries.plan_hierarchy(cur, int(row["id"])), row["top_level_name"])
        yield PlanEdit(cur, row, items)


def live_item(plan: PlanEdit, kind: str, item_id: int) -> dict:
    """The item, refused when it is retired."""
    item = plan.item(kind, item_id)
    if item["retired"]:
        refuse(plan.name, kind, item["name"], said(RETIRED, kind))
    return item


def _fold(name: str) -> str:
    return " ".join(name.split()).casefold()


def _place(row: dict, kind: str) -> tuple:
    """The place an item of ``kind`` has under ``row`` (its parent, or itself): the ids of its
    pillar (a goal), pillar and goal (an objective), or pillar, goal and objective (a project)."""
    ids = [row["pillar_id"], row["goal_id"], row["objective_id"]]
    levels = {"goal": 1, "objective": 2, "project": 3}[kind]
    return tuple(None if pd.isna(i) else int(i) for i in ids[:levels])


def _place_of(item: dict) -> tuple:
    """The place of an item, as compared for siblings."""
    return _place(item, item["kind"])


def _name_problems(
    plan: PlanEdit, kind: str, name: str, place: tuple, item_id=None
) -> list[Problem]:
    """A name that is empty or already taken by another live item of its kind under ``place``."""
    if not name.strip():
        return [Problem(None, "name", name, said(NO_NAME, kind))]
    siblings = plan.items[(plan.items["kind"] == kind) & ~plan.items["retired"]]
    for sibling in siblings.to_dict("records"):
        same = _place_of(sibling) == place and _fold(sibling["name"]) == _fold(name)
        if same and sibling["item_id"] != item_id:
            where = PATH_SEPARATOR.join(sibling["path"].split(PATH_SEPARATOR)[:-1])
            message = said(NAME_TAKEN, kind, where=where)
            return [Problem(None, "name", name, message)]
    return []


def _new_place(plan: PlanEdit, kind: str, parent: tuple[str, int] | None) -> tuple[tuple, dict]:
    """The (pillar, goal, objective) ids an item of ``kind`` gets under ``parent`` (kind, id), and
    the parent's row; refused when the parent is retired or of the wrong level."""
    if parent is None:
        refuse(plan.name, "under", "", said(NO_PLACE, kind))
    parent_kind, parent_id = parent
    found = plan.item(parent_kind, parent_id)
    if parent_kind not in PARENTS[kind]:
        level, parent_word = plan.a_word("pillar"), plan.a_word(parent_kind)
        message = said(GOES_UNDER, kind, level=level, parent=parent_word)
        refuse(plan.name, "under", found["name"], message)
    if found["retired"]:
        refuse(
            plan.name,
            "under",
            found["name"],
            _("this place is retired: choose one that is not"),
        )
    return _place(found, kind), found


def rename_item(
    db: Database, actor: User, plan_name: str, kind: str, item_id: int, name: str, reason: str
) -> Edited:
    """Give a goal, objective or project a new name; its status records stay with it."""
    with editing(db, actor, plan_name, reason) as plan:
        item = live_item(plan, kind, item_id)
        if _fold(name) == _fold(item["name"]):
            refuse(plan_name, "name", name, _("this is already its name: write the new name"))
        refuse_all(plan_name, _name_problems(plan, kind, name, _place_of(item), item_id))
        queries.rename_item(plan.cur, kind, item_id, name.strip(), extract_code(name.strip()))
        detail = audit_text(CHANGED, before=item["name"], after=name.strip())
        plan.audit(actor, f"{kind} renamed", item, detail, reason)
        french = queries.french_names(plan.cur, kind, item_id).get("name_fr")
    sentence = said(RENAMED, kind, old=item["name"], new=name.strip())
    if french:  # French readers still see it: say so, so that it can follow
        sentence += " " + _(
            "Its French name is still “{french}”: change it too if it should follow."
        ).format(french=french)
    return Edited(kind, item_id, sentence)


def move_item(
    db: Database,
    actor: User,
    plan_name: str,
    kind: str,
    item_id: int,
    parent: tuple[str, int],
    reason: str,
) -> Edited:
    """Put a goal (under another pillar), an objective (under another pillar or goal) or a project
    (under another pillar, goal or objective) elsewhere; what is under it moves with it."""
    with editing(db, actor, plan_name, reason) as plan:
        item = live_item(plan, kind, item_id)
        place, found = _new_place(plan, kind, parent)
        if place == _place_of(item):
            refuse(
                plan_name,
                "under",
                found["name"],
                _("“{name}” is already there: choose another place").format(name=item["name"]),
            )
        refuse_all(plan_name, _name_problems(plan, kind, item["name"], place, item_id))
        queries.set_place(plan.cur, kind, item_id, *place)
        before = PATH_SEPARATOR.join(item["path"].split(PATH_SEPARATOR)[:-1])
        plan.audit(
            actor, f"{kind} moved", item,
            audit_text(N_("under “{before}” → under “{after}”"), before=before, after=found["path"]),
            reason,
        )  # fmt: skip
    return Edited(kind, item_id, said(MOVED, kind, name=item["name"], path=found["path"]))


def retire_item(
    db: Database, actor: User, plan_name: str, kind: str, item_id: int, reason: str
) -> Edited:
    """Retire a goal, objective or project, and everything under it: it stays in the plan's
    history with its status records, and leaves the figures."""
    with editing(db, actor, plan_name, reason) as plan:
        item = live_item(plan, kind, item_id)
        items = plan.items
        under = items["kind"].isin(KINDS) & ~items["retired"]
        if kind == "goal":
            under &= (items["goal_id"] == item_id) & (items["kind"] != "goal")
        elif kind == "objective":
            under &= (items["objective_id"] == item_id) & (items["kind"] == "project")
        else:
            under &= False
        retired = [(kind, item_id)] + list(
            zip(items.loc[under, "kind"], items.loc[under, "item_id"].astype(int), strict=True)
        )
        queries.insert_retirements(plan.cur, retired, utcnow(), actor.username, reason.strip())
        projects = sum(1 for k, _ in retired[1:] if k == "project")
        # The audit detail is stored with its msgid as the key of its translation (older lines
        # too), so its "(s)" stays as written: a new msgid would leave those lines untranslated.
        detail = (
            audit_text(N_("in the plan → retired"))
            if kind == "project"
            else audit_text(
                N_("in the plan → retired, with the {objectives} objective(s) and {projects} "
                   "project(s) under it"),
                objectives=audit_number(len(retired) - 1 - projects),
                projects=audit_number(projects),
            )
        )  # fmt: skip
        plan.audit(actor, f"{kind} retired", item, detail, reason)
    objectives = len(retired) - 1 - projects
    sentence = retired_done(kind, item["name"], objectives, projects)
    return Edited(kind, item_id, sentence)


def add_item(
    db: Database,
    actor: User,
    plan_name: str,
    kind: str,
    name: str,
    parent: tuple[str, int],
    reason: str,
) -> Edited:
    """Add a goal, objective or project under ``parent`` (kind, id). A new project has no years,
    no working group and is not recurring until they are set."""
    with editing(db, actor, plan_name, reason) as plan:
        if kind not in KINDS:
            raise NotFoundError(
                _(
                    "“{kind}” is not a kind of plan item: add a goal, an objective or a project."
                ).format(kind=kind)
            )
        place, found = _new_place(plan, kind, parent)
        refuse_all(plan_name, _name_problems(plan, kind, name, place))
        if kind == "project":
            item_id = queries.insert_project(
                plan.cur, int(plan.row["id"]), place, name.strip(), extract_code(name.strip())
            )
        else:
            item_id = queries.insert_node(
                plan.cur,
                kind,
                place[0],
                place[1] if kind == "objective" else None,
                name.strip(),
                extract_code(name.strip()),
            )
        item = {
            "kind": kind,
            "item_id": item_id,
            "path": f"{found['path']}{PATH_SEPARATOR}{name.strip()}",
        }
        plan.audit(
            actor,
            f"{kind} added",
            item,
            audit_text(
                N_("not in the plan → “{name}” under “{path}”"),
                name=name.strip(),
                path=found["path"],
            ),  # fmt: skip
            reason,
        )
    sentence = said(ADDED, kind, name=name.strip(), path=found["path"])
    if kind == "project":  # it counts in no year until it has its years
        sentence += " " + _("It is planned for no year yet: give it its years.")
    return Edited(kind, item_id, sentence)
