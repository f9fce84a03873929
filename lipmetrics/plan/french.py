"""The French name of a plan's pillar, goal, objective or project, written after import (README
"Languages"): shown to French readers instead of the name, which stays the item's own.

Like every plan edit (:mod:`lipmetrics.plan.edits`) it takes the acting account and a reason and
writes the change and its audit-log line in one transaction.
"""

from __future__ import annotations

from lipmetrics.accounts import User
from lipmetrics.i18n import N_, _
from lipmetrics.plan.edits import Edited, editing, refuse
from lipmetrics.store import Database, audit_text, queries, utcnow


def french_name(db: Database, kind: str, item_id: int) -> str:
    """The French name of a plan, or of its pillar, goal, objective or project ("" when it has none)."""
    with db.cursor() as cur:
        return queries.french_names(cur, kind, item_id).get("name_fr") or ""


def set_french_name(
    db: Database, actor: User, plan_name: str, kind: str, item_id: int, name_fr: str, reason: str
) -> Edited:
    """Give the plan itself (kind "plan", its id), or a pillar, goal, objective or project of the
    plan its French name (blank removes it: French readers then see the name, marked as not
    translated)."""
    with editing(db, actor, plan_name, reason) as plan:
        if kind == "plan" and item_id == int(plan.row["id"]):
            item = {"kind": "plan", "item_id": item_id, "name": plan.name, "path": plan.name}
        else:
            item = plan.item(kind, item_id)
        before = queries.french_names(plan.cur, kind, item_id).get("name_fr") or ""
        after = " ".join(name_fr.split())
        if after == before:
            refuse(
                plan_name,
                "name_fr",
                name_fr,
                _("this is already its French name: write the new one"),
            )
        queries.set_french_names(plan.cur, kind, item_id, {"name_fr": after or None})
        detail = audit_text(N_("French name: “{before}” → “{after}”"), before=before, after=after)
        if kind in ("plan", "pillar"):  # no item history (docs/definitions.md "Editing the plan")
            where = plan.name if kind == "plan" else f"{plan.name}: {item['path']}"
            queries.insert_audit(
                plan.cur, utcnow(), actor.username, "French name set", where, detail,
                reason.strip(),
            )  # fmt: skip
        else:
            plan.audit(actor, "French name set", item, detail, reason)
    if after:
        sentence = _("The French name of “{name}” is now “{name_fr}”.")
    else:
        sentence = _(
            "“{name}” has no French name any more: French readers see it marked as in English."
        )
    return Edited(kind, item_id, sentence.format(name=item["name"], name_fr=after))
