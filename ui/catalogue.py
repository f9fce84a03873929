"""The metric catalogue page's sections: add a metric, edit or retire one, its targets and
baselines, and a whole catalogue uploaded with a preview. Streamlit lives here; every check and
every change is in ``lipmetrics.measures`` (docs/file-formats.md "Metric catalogue")."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from lipmetrics.accounts import User
from lipmetrics.errors import LipmetricsError
from lipmetrics.i18n import N_, _, ngettext
from lipmetrics.measures import (
    add_metric,
    change_counts,
    check_catalogue_upload,
    edit_metric,
    list_partners,
    metric_cells,
    metric_targets,
    pillar_choices,
    pillar_in_no_plan,
    remove_baseline,
    retire_metric,
    save_catalogue_upload,
    set_baseline,
    set_target,
    split_list,
)
from lipmetrics.measures.catalog_words import DIRECTIONS, KINDS, UNITS
from lipmetrics.measures.periods import FREQUENCIES, STATED_EXAMPLES
from ui import keys
from ui.data import clear_caches, get_db
from ui.errors import show_error
from ui.markdown import text
from ui.uploads import file_field

NO_PARTNERS = N_(
    "No partner organisations are registered yet: add them on the Partner organisations page, "
    "then come back to choose who reports this metric."
)
NO_BREAKDOWNS = N_(
    "No breakdowns are registered yet: add them on the Breakdowns page, then come back to "
    "choose this metric's breakdowns."
)
# What the targets form sets, in words (the values stay the stored English words).
TARGET_KINDS = {"target": N_("target"), "baseline": N_("baseline")}


# The add form's fields (``metric_fields`` with key "add") and what each holds when empty.
ADD_FIELDS = {
    "add_code": "", "add_name": "", "add_def": "", "add_unit": None, "add_freq": None,
    "add_dir": None, "add_kind": None, "add_pillar": None, "add_partners": [], "add_breakdowns": [],
    "add_name_fr": "", "add_def_fr": "",
}  # fmt: skip


def _attempt(
    action: Callable[[], object],
    notice: Callable[[object], str],
    where: str = keys.CATALOGUE_NOTICE_KEY,
) -> None:
    """Run ``action``; show its error (what was typed stays), or keep ``notice(result)`` under
    the session key ``where`` for the next run and rerun."""
    try:
        result = action()
    except LipmetricsError as exc:
        show_error(exc)
        return
    clear_caches()
    st.session_state[where] = notice(result)
    st.rerun()


# A metric's four word choices: its catalogue cell, the label, the words, the widget's key suffix
# and what the box says while nothing is chosen.
CHOICES = (
    ("unit", N_("Unit"), UNITS, "unit", N_("Choose a unit")),
    ("frequency", N_("Reported"), FREQUENCIES, "freq", N_("Choose how often")),
    ("direction", N_("Better when"), DIRECTIONS, "dir", N_("Choose a direction")),
    ("kind", N_("Kind"), KINDS, "kind", N_("Choose a kind")),
)


def _choices(key: str, current: dict) -> dict[str, str]:
    """The four word choices side by side, each filled from ``current`` when it is one of them."""
    cells = {}
    for (cell, label, words, suffix, empty), column in zip(CHOICES, st.columns(4), strict=True):
        index = words.index(current[cell]) if current.get(cell) in words else None
        chosen = column.selectbox(
            _(label), words, index=index, key=f"{key}_{suffix}", placeholder=_(empty)
        )
        cells[cell] = chosen or ""
    return cells


def _same_pillar(one: str, other: str) -> bool:
    """Whether two pillar names are the same pillar: case and spacing aside (docs/definitions.md
    "Metrics")."""
    return " ".join(one.split()).casefold() == " ".join(other.split()).casefold()


def _pillar(key: str, current: str) -> str:
    """The pillar the metric informs, chosen among the plans' (a pillar of a plan not imported yet
    may be typed): the scorecard of a plan shows the metrics of its pillars."""
    choices = pillar_choices(get_db())
    if current:  # the metric's own spelling, once: in place of the plan's, or first when in none
        choices = [current if _same_pillar(c, current) else c for c in choices]
        choices = choices if current in choices else [current, *choices]
    chosen = st.selectbox(
        _("Pillar it informs"), choices, choices.index(current) if current else None,
        key=f"{key}_pillar", placeholder=_("Choose a pillar of a plan"), accept_new_options=True,
        help=_("A plan's scorecard shows the metrics of its pillars."),
    )  # fmt: skip
    return chosen or ""


def metric_fields(key: str, current: dict, breakdowns: list[str]) -> dict[str, str]:
    """The fields of a metric, filled from ``current`` (text cells of its catalogue line), inside
    a form; return the text cells written."""
    name = st.text_input(_("Name"), current.get("name", ""), max_chars=200, key=f"{key}_name")
    definition = st.text_area(
        _("Description: what is counted, in words"), current.get("definition", ""),
        key=f"{key}_def",
    )  # fmt: skip
    # The French versions, shown to French readers; blank: the name above, marked (README "Languages").
    name_fr = st.text_input(
        _("Name in French (optional)"), current.get("name_fr", ""), max_chars=200,
        key=f"{key}_name_fr",
    )  # fmt: skip
    definition_fr = st.text_area(
        _("Description in French (optional)"), current.get("definition_fr", ""),
        key=f"{key}_def_fr",
    )  # fmt: skip
    cells = {
        "name": name,
        "definition": definition,
        "name_fr": name_fr,
        "definition_fr": definition_fr,
        **_choices(key, current),
    }
    cells["pillar"] = _pillar(key, current.get("pillar", ""))
    partners = list_partners(get_db())
    names = dict(zip(partners["code"], partners["name"], strict=True))
    chosen = [c for c in split_list(current.get("partners", "")) if c in names]
    if names:
        cells["partners"] = ";".join(
            st.multiselect(
                _("Who reports it"),
                list(names),
                chosen or None,
                names.get,
                key=f"{key}_partners",
                placeholder=_("Choose the partners"),
            )
        )
    else:
        st.caption(_(NO_PARTNERS))
    allowed = [b for b in split_list(current.get("breakdowns", "")) if b in breakdowns]
    if breakdowns:
        cells["breakdowns"] = ";".join(
            st.multiselect(
                _("Breakdowns"),
                breakdowns,
                allowed or None,
                key=f"{key}_breakdowns",
                placeholder=_("Choose the breakdowns"),
            )
        )
    else:
        st.caption(_(NO_BREAKDOWNS))
    return cells


def add_section(user: User, breakdowns: list[str]) -> None:
    """A form adding a metric, checked as a catalogue file's line. A refused metric keeps what
    was typed, to be corrected; an added one empties the form, and the sentence saying so is
    right above it, where the person is (not only at the top of a long page)."""
    if added := st.session_state.pop(keys.CATALOGUE_ADDED_KEY, None):
        sentence, warning = added
        st.success(text(sentence))
        if warning:
            st.warning(text(warning))
        # Set before the widgets are drawn, so that the browser's fields are emptied too (the
        # widgets' own defaults are None or "", so Streamlit sees no conflict to warn about).
        st.session_state.update(ADD_FIELDS)
    with st.form("add_metric", clear_on_submit=False):
        code = st.text_input(_("Code, e.g. ES-MENTORS"), max_chars=40, key="add_code")
        cells = metric_fields("add", {}, breakdowns)
        if st.form_submit_button(_("Add the metric"), type="primary"):
            _attempt(
                lambda: add_metric(get_db(), user, {"code": code, **cells}),
                lambda added: _added_words(code.strip(), cells["pillar"]),
                keys.CATALOGUE_ADDED_KEY,
            )


def _added_words(code: str, pillar: str) -> tuple[str, str | None]:
    """The sentence of a metric added, and a warning when its pillar is in no plan (typed,
    perhaps by a slip of Enter on "Add: …") saying so and what to do (else None)."""
    added = _("The metric {code} is added.").format(code=code)
    if not pillar_in_no_plan(get_db(), pillar):
        return added, None
    return added, _(
        "No plan has the pillar “{pillar}” yet: the metric is on a plan's scorecard once the plan "
        "has that pillar. If it was a typing slip, change its pillar on the “Edit or retire” tab."
    ).format(pillar=pillar.strip())


def edit_section(user: User, code: str, breakdowns: list[str]) -> None:
    """A form changing metric ``code``, and the button retiring it or bringing it back."""
    current = metric_cells(get_db(), code)
    with st.form(f"edit_{code}"):
        cells = metric_fields(f"edit_{code}", current, breakdowns)
        if st.form_submit_button(_("Save the changes"), type="primary"):
            _attempt(
                lambda: edit_metric(get_db(), user, code, cells),
                lambda what: (
                    _("{code} is saved ({changes}).").format(code=code, changes=what)
                    if what
                    else _("Nothing changed in {code}.").format(code=code)
                ),
            )
    if current["retired"]:
        st.caption(
            _(
                "{code} is retired: it keeps its values, but is in no template, scorecard or "
                "reporting completeness."
            ).format(code=code)
        )
        if st.button(_("Bring this metric back"), key=f"restore_{code}"):
            _attempt(
                lambda: retire_metric(get_db(), user, code, False),
                lambda done: _("{code} is back.").format(code=code),
            )
    else:
        st.caption(
            _(
                "Retiring keeps the metric and its values; it leaves the templates, the scorecard "
                "and reporting completeness."
            )
        )
        if st.button(_("Retire this metric"), key=f"retire_{code}"):
            _attempt(
                lambda: retire_metric(get_db(), user, code),
                lambda done: _("{code} is retired.").format(code=code),
            )


def targets_section(user: User, code: str) -> None:
    """The targets and baselines in force of metric ``code``, a form to set one, one to remove one."""
    frequency = metric_cells(get_db(), code)["frequency"]
    in_force = metric_targets(get_db(), code)
    every = _("every period")
    labels = [
        f"{_(TARGET_KINDS[row.kind])}, {row.period or every}" for row in in_force.itertuples()
    ]
    st.dataframe(
        in_force.assign(period=in_force["period"].replace("", every)), hide_index=True,
        column_config={"kind": _("What"), "period": _("Period"), "value": _("Value"),
                       "set_at": None, "username": _("Set by"), "reason": _("Why")},
    )  # fmt: skip
    with st.form(f"set_target_{code}"):
        kind = st.radio(
            _("Set"), list(TARGET_KINDS), format_func=lambda k: _(TARGET_KINDS[k]),
            horizontal=True, key=f"kind_{code}",
        )  # fmt: skip
        period = st.text_input(
            _("Period, e.g. {example} (a target left blank is for every period)").format(
                example=_(STATED_EXAMPLES[frequency])
            ),
            key=f"period_{code}",
        )
        value = st.number_input(_("Value"), value=None, key=f"value_{code}")
        reason = st.text_input(
            _("Why"), placeholder=_("e.g. new funding agreement"), key=f"why_{code}"
        )
        if st.form_submit_button(_("Save"), type="primary"):
            _set(user, code, kind, period, value, reason)
    if labels:
        with st.form(f"remove_target_{code}"):
            gone = st.selectbox(
                _("Remove"), labels, index=None, key=f"gone_{code}",
                placeholder=_("Choose a target or baseline"),
            )  # fmt: skip
            reason = st.text_input(_("Why"), key=f"gone_why_{code}")
            if st.form_submit_button(_("Remove it")) and gone:
                row = in_force.iloc[labels.index(gone)]
                _remove(user, code, row["kind"], row["period"], reason)


def _set(user: User, code: str, kind: str, period: str, value, reason: str) -> None:
    if value is None and kind == "target":
        st.error(_("Write the target's value, then press Save again."))
    elif value is None:
        st.error(_("Write the baseline's value, then press Save again."))
    elif kind == "target":
        _attempt(
            lambda: set_target(get_db(), user, code, value, reason, period.strip()),
            lambda done: _("The target of {code} is saved.").format(code=code),
        )
    else:
        _attempt(
            lambda: set_baseline(get_db(), user, code, value, period, reason),
            lambda done: _("The baseline of {code} is saved.").format(code=code),
        )


def _remove(user: User, code: str, kind: str, period: str, reason: str) -> None:
    def remove() -> None:
        if kind == "target":
            set_target(get_db(), user, code, None, reason, period)
        else:
            remove_baseline(get_db(), user, code, reason)

    if kind == "target":
        _attempt(remove, lambda done: _("The target of {code} is removed.").format(code=code))
    else:
        _attempt(remove, lambda done: _("The baseline of {code} is removed.").format(code=code))


def upload_section(user: User) -> None:
    """A catalogue file checked against the database, what it would change, and the button that
    saves it: nothing is saved before."""
    file = file_field(_("A catalogue file (CSV or Excel)"), ["csv", "xlsx"], key="catalogue")
    if file is None:
        return
    try:
        upload = check_catalogue_upload(get_db(), file.getvalue(), file.name)
    except LipmetricsError as exc:
        show_error(exc, _("Fix these in your file and upload it again:"))
        return
    counts = change_counts(upload.changes)
    # Four counts: the plural follows the metrics added; the others read well for any number.
    st.write(
        ngettext(
            "This file adds {added} metric, changes {changed}, retires {retired} and leaves "
            "{unchanged} unchanged; nothing is saved yet.",
            "This file adds {added} metrics, changes {changed}, retires {retired} and leaves "
            "{unchanged} unchanged; nothing is saved yet.",
            counts["added"],
        ).format(**counts)
    )
    changed = upload.changes[upload.changes["change"] != "unchanged"]
    if changed.empty:
        st.info(_("Nothing to save: the file matches the catalogue."))
        return
    st.dataframe(
        changed.drop(columns="what"), hide_index=True,  # "shown": in the reader's language
        column_config={"code": _("Code"), "name": _("Name"), "change": _("Change"),
                       "shown": _("Before → after")},
    )  # fmt: skip
    if st.button(_("Save these changes"), type="primary", key="save_catalogue"):
        _attempt(
            lambda: save_catalogue_upload(get_db(), user, upload, file.name),
            lambda n: ngettext(
                "{count} metric saved from {file}.", "{count} metrics saved from {file}.", n
            ).format(count=n, file=file.name),
        )


def catalogue_table(table: pd.DataFrame) -> None:
    """The catalogue, one line per metric: at 1024 pixels the code stays pinned on the left and
    whether the metric is retired, its name, how it is measured and who reports it show first."""
    st.dataframe(
        table, hide_index=True,
        column_order=[
            "code", "retired", "name", "measured", "partners", "targets", "breakdowns", "name_fr",
        ],
        column_config={
            "code": st.column_config.TextColumn(_("Code"), pinned=True),
            "retired": st.column_config.TextColumn(_("Retired"), width="small"),
            "name": st.column_config.TextColumn(_("Name"), width=320),
            "measured": _("Measured as"), "partners": _("Reported by"),
            "targets": _("Targets and baselines"), "breakdowns": _("Breakdowns"),
            "name_fr": _("Name in French"),
        },
    )  # fmt: skip
