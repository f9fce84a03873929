"""A plan's hierarchy as the "Edit the plan" page shows it: every pillar, goal, objective and
project in plan order, retired ones included and marked, and each item's edit history.

Reads only; the edits themselves are in :mod:`lipmetrics.plan.edits`.
"""

from __future__ import annotations

import pandas as pd

from lipmetrics.accounts import User, require, shown_details
from lipmetrics.errors import NotFoundError
from lipmetrics.i18n import _
from lipmetrics.plan.write import top_level_labels
from lipmetrics.store import Database, queries

KINDS = ("goal", "objective", "project")  # what can be added, renamed, moved and retired
# Where each kind of item may go: the kinds of parent it may have.
PARENTS = {
    "goal": ("pillar",),
    "objective": ("pillar", "goal"),
    "project": ("pillar", "goal", "objective"),
}
HIERARCHY_COLUMNS = [
    "kind", "item_id", "label", "path", "name", "depth", "retired", "pillar_id", "goal_id",
    "objective_id", "years_text", "working_group", "recurring",
]  # fmt: skip
PATH_SEPARATOR = " › "


def kind_word(kind: str, top_level_name: str = "Pillar") -> str:
    """The word for a kind of item in the current language: the plan's own word for its top level
    ("Strategic priority"), else Goal, Objective, Project."""
    if kind == "pillar":
        return top_level_labels().get(top_level_name, top_level_name)
    words = {"plan": _("Plan"), "goal": _("Goal"), "objective": _("Objective"),
             "project": _("Project")}  # fmt: skip
    return words.get(kind, kind.capitalize())


def _children(items: pd.DataFrame, node: pd.Series) -> pd.DataFrame:
    """The items right under ``node``, in plan order: goals, then objectives, then projects."""
    kind = node["kind"]
    if kind == "pillar":
        under = items["pillar_id"] == node["item_id"]
        mine = under & (
            (items["kind"] == "goal")
            | ((items["kind"] == "objective") & items["goal_id"].isna())
            | (
                (items["kind"] == "project")
                & items["goal_id"].isna()
                & items["objective_id"].isna()
            )
        )
    elif kind == "goal":
        under = (items["goal_id"] == node["item_id"]) & (items["kind"] != "goal")
        mine = under & ((items["kind"] == "objective") | items["objective_id"].isna())
    elif kind == "objective":
        mine = (items["kind"] == "project") & (items["objective_id"] == node["item_id"])
    else:
        mine = pd.Series(False, index=items.index)
    order = items["kind"].map({"goal": 0, "objective": 1, "project": 2})
    return items[mine].assign(order=order[mine]).sort_values(["order", "position"])


def hierarchy_table(items: pd.DataFrame, top_level_name: str = "Pillar") -> pd.DataFrame:
    """The rows of :func:`queries.plan_hierarchy` in plan order, each under its parent.

    Columns :data:`HIERARCHY_COLUMNS`: ``path`` is the names from the pillar down, joined by
    " › "; ``label`` is its kind and name first (what a narrow picker still shows), then where it
    is: "Project: Mentoring — under Economic › Goal 3", "Goal (retired): G2 — under Beta";
    ``depth`` is 0 for a pillar, 1 right under it, and so on.
    """
    rows: list[dict] = []

    def visit(node: pd.Series, path: list[str], depth: int) -> None:
        names = [*path, str(node["name"])]
        joined = PATH_SEPARATOR.join(names)
        label = _label(node["retired"], bool(path)).format(
            kind=kind_word(node["kind"], top_level_name),
            name=node["name"],
            path=PATH_SEPARATOR.join(path),
        )
        rows.append({**node.to_dict(), "path": joined, "depth": depth, "label": label})
        for _row, child in _children(items, node).iterrows():
            visit(child, names, depth + 1)

    for _row, pillar in items[items["kind"] == "pillar"].sort_values("position").iterrows():
        visit(pillar, [], 0)
    return pd.DataFrame(rows, columns=HIERARCHY_COLUMNS).astype({"retired": bool})


def _label(retired: bool, under: bool) -> str:
    """A picker's label of an item, to format with its kind, name and path."""
    if retired:
        return (
            _("{kind} (retired): {name} — under {path}") if under else _("{kind} (retired): {name}")
        )
    return _("{kind}: {name} — under {path}") if under else _("{kind}: {name}")


def kinds_under(kind: str) -> list[str]:
    """The kinds of item that may be added under an item of ``kind`` (none under a project)."""
    return [k for k in KINDS if kind in PARENTS[k]]


def places_for(items: pd.DataFrame, item: dict) -> pd.DataFrame:
    """The rows of a :func:`hierarchy_table` that ``item`` may be moved under: the items not
    retired of the kinds it may go under, except the one it is under now."""
    path = str(item["path"]).split(PATH_SEPARATOR)
    here = PATH_SEPARATOR.join(path[:-1])
    keep = items["kind"].isin(PARENTS[item["kind"]]) & ~items["retired"] & (items["path"] != here)
    return items[keep]


def plan_hierarchy(db: Database, plan_name: str, with_plan: bool = False) -> pd.DataFrame:
    """The hierarchy of the plan named ``plan_name`` (:func:`hierarchy_table`), retired items
    included; raise :class:`NotFoundError` when there is no such plan. ``with_plan``: the plan
    itself first, kind "plan" (what Edit the plan gives a French name too, README "Languages")."""
    with db.cursor() as cur:
        plan = _plan(cur, plan_name)
        items = queries.plan_hierarchy(cur, int(plan["id"]))
    table = hierarchy_table(items, str(plan["top_level_name"]))
    if not with_plan:
        return table
    name = str(plan["name"])
    label = _label(False, False).format(kind=kind_word("plan"), name=name)
    row = {"kind": "plan", "item_id": int(plan["id"]), "label": label, "path": name,
           "name": name, "depth": -1, "retired": False}  # fmt: skip
    return pd.concat([pd.DataFrame([row], columns=HIERARCHY_COLUMNS), table], ignore_index=True)


def item_history(
    db: Database, actor: User, plan_name: str, kind: str, item_id: int
) -> pd.DataFrame:
    """The edits of one goal, objective or project, newest first, from the audit log: at,
    username, action, detail (before → after), reason; the app's details and reasons in the
    current language (README "Languages"). Those who may read the audit log only."""
    require(actor, "view_audit")
    with db.cursor() as cur:
        plan = _plan(cur, plan_name)
        history = queries.plan_item_audit(cur, int(plan["id"]), kind, item_id)
    return shown_details(history)[["at", "username", "action", "detail", "reason"]]


def _plan(cur, plan_name: str) -> dict:
    """The plan's row, or :class:`NotFoundError`."""
    plan = queries.plan_by_name(cur, plan_name)
    if plan is None:
        message = _("There is no plan named “{plan}”. Choose one of the plans in the list.")
        raise NotFoundError(message.format(plan=plan_name))
    return plan
