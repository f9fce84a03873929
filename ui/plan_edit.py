"""The "Edit the plan" page's parts: the item picker, one form per edit (each with its reason),
and the item's edit history. The edits themselves are lipmetrics' (``lipmetrics.plan.edits``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from lipmetrics.accounts import User
from lipmetrics.errors import LipmetricsError
from lipmetrics.i18n import N_, _
from lipmetrics.plan import (
    Edited,
    PlanData,
    add_item,
    french_name,
    kind_word,
    kinds_under,
    move_item,
    places_for,
    rename_item,
    retire_item,
    set_french_name,
    set_project_recurring,
    set_project_working_group,
    set_project_years,
)
from lipmetrics.store import Database
from ui.data import clear_caches
from ui.errors import show_error
from ui.keys import PLAN_EDIT_ITEM_KEY, PLAN_EDIT_NOTICE_KEY, PLAN_EDIT_PICK_KEY
from ui.markdown import text


def history_headings() -> dict:
    """The headings of an item's edit history, in the session's language."""
    return {
        "at": st.column_config.DatetimeColumn(_("When (UTC)"), format="YYYY-MM-DD HH:mm"),
        "username": _("Who"),
        "action": _("What"),
        "detail": _("Before → after"),
        "reason": _("Reason"),
    }


def item_key(kind: str, item_id: int) -> str:
    """The key an item is picked by: "project:17" (a name may change, its kind and id do not)."""
    return f"{kind}:{int(item_id)}"


def choose_item(items: pd.DataFrame) -> dict | None:
    """The picker of an item of the plan (every pillar, goal, objective and project, retired ones
    marked), kept across saves; return the item's row, or None before one is picked."""
    keys = [item_key(k, i) for k, i in zip(items["kind"], items["item_id"], strict=True)]
    if (picked := st.session_state.pop(PLAN_EDIT_PICK_KEY, None)) in keys:
        st.session_state[PLAN_EDIT_ITEM_KEY] = picked  # an item just added: show it
    if st.session_state.get(PLAN_EDIT_ITEM_KEY) not in keys:
        st.session_state[PLAN_EDIT_ITEM_KEY] = None  # another plan was chosen above
    labels = dict(zip(keys, items["label"], strict=True))
    chosen = st.selectbox(
        _("Item of the plan"), keys, format_func=labels.get, index=None, key=PLAN_EDIT_ITEM_KEY,
        placeholder=_("Choose a goal, an objective or a project (type to search)"),
    )  # fmt: skip
    return None if chosen is None else items.iloc[keys.index(chosen)].to_dict()


def show_notice() -> None:
    """The sentence that confirms the last edit saved."""
    if notice := st.session_state.pop(PLAN_EDIT_NOTICE_KEY, None):
        st.success(text(notice))


def edit_form(
    key: str,
    button: str,
    fields: Callable[[], dict],
    apply: Callable[..., Edited],
    labels: dict[str, str] | None = None,
):
    """One edit's form: its fields, then the reason every change needs, then the button. On
    saving, the sentence that confirms it shows above the page; a refusal shows here, its
    columns named as the form labels its fields (``labels``: this form's own, over
    :func:`field_labels`)."""
    with st.form(key):
        values = fields()
        reason = st.text_input(
            _("Reason for this change"), key=f"{key}_reason",
            placeholder=_("e.g. decided by the working group on 12 March"),
        )  # fmt: skip
        submitted = st.form_submit_button(button, type="primary")
    if not submitted:
        return
    try:
        edited = apply(reason=reason, **values)
    except LipmetricsError as exc:
        columns = field_labels() | (labels or {})
        show_error(exc, _("Fix this and press the button again:"), columns=columns)
        return
    clear_caches()
    st.session_state[PLAN_EDIT_NOTICE_KEY] = edited.sentence
    st.session_state[PLAN_EDIT_PICK_KEY] = item_key(edited.kind, edited.item_id)
    st.rerun()


def field_labels() -> dict[str, str]:
    """A refusal's columns (the edit's fields) named as the forms label them."""
    return {
        "name": _("Name"), "years": _("Plan years"), "working_group": _("Working group"),
        "under": _("Put it under"), "reason": _("Reason for this change"),
        "name_fr": _("French name"), "goal": _("Goal"), "objective": _("Objective"),
        "project": _("Project"),
    }  # fmt: skip


def edit_history(history: pd.DataFrame) -> None:
    """The item's edits since the import, newest first, from the audit log."""
    st.subheader(_("Changes since the import"))
    if history.empty:
        st.write(_("No change since the import."))
    else:
        st.dataframe(history, hide_index=True, column_config=history_headings())


@dataclass(frozen=True)
class Editing:
    """Who edits which plan, and the item being edited (a row of its hierarchy)."""

    db: Database
    user: User
    data: PlanData
    items: pd.DataFrame
    item: dict

    @property
    def kind(self) -> str:
        return str(self.item["kind"])

    @property
    def item_id(self) -> int:
        return int(self.item["item_id"])

    @property
    def word(self) -> str:
        """The plan's word for the item's kind, in lower case ("goal", "strategic priority")."""
        return kind_word(self.kind, self.data.top_level_name).lower()

    def form(
        self, name: str, button: str, fields: Callable[[], dict], apply: Callable, labels=None
    ) -> None:
        """One edit's form for this item; ``apply`` gets the database, user, plan and fields."""
        edit_form(
            f"plan_edit_{name}_{self.kind}_{self.item_id}", button, fields,
            lambda **values: apply(self.db, self.user, self.data.name, **values), labels,
        )  # fmt: skip


def rename_form(e: Editing) -> None:
    def fields() -> dict:
        return {"name": st.text_input(_("New name"), value=e.item["name"])}

    def apply(db, user, plan, **values) -> Edited:
        return rename_item(db, user, plan, e.kind, e.item_id, **values)

    e.form("rename", _("Rename"), fields, apply, {"name": _("New name")})


def move_form(e: Editing) -> None:
    places = places_for(e.items, e.item)
    keys = list(zip(places["kind"], places["item_id"], strict=True))
    labels = dict(zip(keys, places["label"], strict=True))

    def fields() -> dict:
        return {
            "parent": st.selectbox(
                _("Put it under"), keys, format_func=labels.get, index=None,
                placeholder=_("Choose where it goes (type to search)"),
            )
        }  # fmt: skip

    def apply(db, user, plan, **values) -> Edited:
        return move_item(db, user, plan, e.kind, e.item_id, **values)

    e.form("move", _("Move"), fields, apply)


def retire_form(e: Editing) -> None:
    st.write(
        _(
            "A retired {item} keeps its history and status records, and leaves the figures, with "
            "everything under it."
        ).format(item=e.word)
    )

    def apply(db, user, plan, **values) -> Edited:
        return retire_item(db, user, plan, e.kind, e.item_id, **values)

    e.form("retire", _("Retire this {item}").format(item=e.word), dict, apply)


def years_form(e: Editing) -> None:
    def fields() -> dict:
        hint = _(
            'As in the workplan: "1", "2-4", "3 & 4", or calendar years such as "2021-2022"; '
            "blank for unscheduled."
        )
        written = e.item["years_text"] or ""
        return {"years": st.text_input(_("Plan years"), value=written, help=hint)}

    def apply(db, user, plan, **values) -> Edited:
        return set_project_years(db, user, plan, e.item_id, **values)

    e.form("years", _("Change the years"), fields, apply)


def working_group_form(e: Editing) -> None:
    def fields() -> dict:
        written = e.item["working_group"] or ""
        hint = _("The organisations, separated by commas.")
        return {"working_group": st.text_input(_("Working group"), value=written, help=hint)}

    def apply(db, user, plan, **values) -> Edited:
        return set_project_working_group(db, user, plan, e.item_id, **values)

    e.form("group", _("Change the working group"), fields, apply)


def recurring_form(e: Editing) -> None:
    def fields() -> dict:
        label = _("Recurring (an annual event): each plan year counts only that year's statuses")
        return {"recurring": st.checkbox(label, value=bool(e.item["recurring"]))}

    def apply(db, user, plan, **values) -> Edited:
        return set_project_recurring(db, user, plan, e.item_id, **values)

    e.form("recurring", _("Save"), fields, apply)


def add_form(e: Editing) -> None:
    def fields() -> dict:
        kinds = kinds_under(e.kind)
        return {
            "kind": st.selectbox(_("What to add"), kinds, format_func=lambda k: _(KIND_WORDS[k])),
            "name": st.text_input(_("Name of the new item")),
        }

    def apply(db, user, plan, **values) -> Edited:
        return add_item(db, user, plan, parent=(e.kind, e.item_id), **values)

    labels = {"name": _("Name of the new item"), "under": _("Item of the plan")}  # added under it
    e.form("add", _("Add"), fields, apply, labels)


def french_form(e: Editing) -> None:
    """The item's French name, shown to French readers (README "Languages")."""

    def fields() -> dict:
        current = french_name(e.db, e.kind, e.item_id)
        hint = _("Blank: French readers see the name above, marked as not translated.")
        return {"name_fr": st.text_input(_("French name"), value=current, help=hint)}

    def apply(db, user, plan, **values) -> Edited:
        return set_french_name(db, user, plan, e.kind, e.item_id, **values)

    e.form("french", _("Save the French name"), fields, apply)


# The kinds of item the "What to add" choice offers, in words (the values stay the kinds).
KIND_WORDS = {"goal": N_("Goal"), "objective": N_("Objective"), "project": N_("Project")}
# The edits of each kind of item, as tabs: title (marked, translated where shown) → form.
FORMS: dict[str, dict[str, Callable[[Editing], None]]] = {
    "plan": {N_("French name"): french_form},
    "pillar": {N_("Add under it"): add_form, N_("French name"): french_form},
    "goal": {N_("Rename"): rename_form, N_("French name"): french_form, N_("Move"): move_form,
             N_("Add under it"): add_form, N_("Retire"): retire_form},
    "objective": {N_("Rename"): rename_form, N_("French name"): french_form,
                  N_("Move"): move_form, N_("Add under it"): add_form, N_("Retire"): retire_form},
    "project": {N_("Rename"): rename_form, N_("French name"): french_form, N_("Move"): move_form,
                N_("Years"): years_form, N_("Working group"): working_group_form,
                N_("Recurring"): recurring_form, N_("Retire"): retire_form},
}  # fmt: skip


def edit_tabs(e: Editing) -> None:
    """The forms that apply to the item, one tab each."""
    forms = FORMS[e.kind]
    for tab, form in zip(st.tabs([_(title) for title in forms]), forms.values(), strict=True):
        with tab:
            form(e)
