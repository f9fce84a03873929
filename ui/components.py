"""Components built of several widgets: a project's details, a coordinator's status and
retraction forms, and the import preview's readings."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lipmetrics.accounts import User
from lipmetrics.categories import CATEGORY_LABELS, PROGRESS_LABELS
from lipmetrics.errors import LipmetricsError
from lipmetrics.i18n import N_, _, ngettext
from lipmetrics.plan import (
    REASONS,
    PlanData,
    StatusChange,
    WorkplanDraft,
    apply_corrections,
    needing_a_person,
    project_history,
    readings,
    record_statuses,
    retract_status,
)
from ui.data import clear_caches, get_db
from ui.errors import show_error
from ui.keys import STATUS_NOTICE_KEY
from ui.markdown import text
from ui.widgets import said, year_label

HISTORY_HEADINGS = {
    "date": N_("Date"),
    "plan_year": N_("Plan year"),
    "status": N_("Status"),
    "original_text": N_("As written"),
    "note": N_("Note"),
    "reason": N_("Reason"),
    "recorded_by": N_("Recorded by"),
    "illustrative": N_("Demo data"),
    "retracted": N_("Retracted"),
}


def project_details(data: PlanData, project: pd.Series, history: pd.DataFrame) -> None:
    """Show one project: where it sits, its schedule and working group, and its status history."""
    with st.container(border=True):
        st.subheader(text(project["project"]))
        place = [v for v in (project["pillar"], project["goal"], project["objective"]) if v]
        st.caption(" → ".join(text(v) for v in place))
        st.markdown("  \n".join(_project_lines(project)))
        if history.empty:
            st.write(_("No status recorded yet."))
        else:
            internal = [
                "recorded_at",
                "status_id",
                "status_date",
                "date_precision",
                "effective_date",
            ]
            shown = history.drop(columns=internal).assign(
                illustrative=history["illustrative"].map({True: _("illustrative"), False: ""}),
                status=history["status"].map(_status_words),
            )
            headings = {column: _(label) for column, label in HISTORY_HEADINGS.items()}
            shown = shown.astype(str).map(text).rename(columns=headings)  # st.table reads markdown
            st.table(shown.set_index(headings["date"]))


def _project_lines(project: pd.Series) -> list[str]:
    """A project's schedule, working group and whether it recurs, one line each."""
    schedule = text(project["schedule"]) if project["schedule"] else _("unscheduled")
    written = str(project["years_text"] or "").strip()
    years = (
        _("**Plan years:** {schedule} (written “{written}”)").format(
            schedule=schedule, written=text(written)
        )
        if written
        else _("**Plan years:** {schedule} (no years written)").format(schedule=schedule)
    )
    return [
        years,
        _("**Working group:** {group}").format(group=text(project["working_group"] or "—")),
        _("**Recurring:** yes, each year counts on its own")
        if project["recurring"]
        else _("**Recurring:** no"),
    ]


def _status_words(status: str) -> str:
    """A history's status word in the current language (the English labels are the msgids)."""
    return _(status) if status in PROGRESS_LABELS.values() else status


def status_form(data: PlanData, project: pd.Series, plan_year: int, user: User) -> None:
    """A coordinator's form to record one project's status for a plan year, with a reason."""
    project_id = int(project["project_id"])
    if notice := st.session_state.pop(STATUS_NOTICE_KEY, None):
        st.success(notice)
    with st.form(f"status_form_{project_id}", border=True):
        st.markdown(_("**Record a status for {year}**").format(year=year_label(data, plan_year)))
        left, right = st.columns(2)
        category = left.selectbox(
            _("New status"), list(CATEGORY_LABELS), format_func=said(CATEGORY_LABELS, lambda c: _(CATEGORY_LABELS[c])),
            index=None, placeholder=_("Choose a status"),
        )  # fmt: skip
        reason = right.selectbox(
            _("Reason"), REASONS, index=None, format_func=said(REASONS, _),
            placeholder=_("Choose a reason"),
        )  # fmt: skip
        other = st.text_input(_("Other reason (when the reason is “other”)"))
        note = st.text_area(
            _("Note"), placeholder=_("What happened, in a sentence or two"), height=80
        )
        submitted = st.form_submit_button(_("Record status"), type="primary")
    if submitted:
        if category is None or reason is None:
            st.error(_("Choose the new status and its reason, then press Record status again."))
            return
        try:
            written = record_statuses(
                get_db(),
                user,
                data.name,
                plan_year,
                [StatusChange(project_id, category, reason, note, other)],
            )
        except LipmetricsError as exc:  # its columns named as the form labels them
            show_error(exc, columns={"other_reason": _("Other reason (when the reason is “other”)"),
                                     "status": _("New status"), "reason": _("Reason")})  # fmt: skip
            return
        clear_caches()
        st.session_state[STATUS_NOTICE_KEY] = (
            _("Status recorded for {year}.").format(year=year_label(data, plan_year))
            if written
            else _(
                "This status was already recorded, with the same reason and note: nothing new "
                "was saved."
            )
        )
        st.rerun()
    retract_form(project_history(data, project_id), user)


def retract_form(history: pd.DataFrame, user: User) -> None:
    """A coordinator's form to retract a wrong status record (it stays in the history, marked)."""
    live = history[history["retracted"] == ""]
    if live.empty or not user.can("record_status"):
        return
    words = {
        int(r.status_id): f"{r.date} · {_status_words(r.status)}"
        + (f" · “{r.original_text}”" if r.original_text else "")
        for r in live.itertuples()
    }
    with st.expander(_("Retract a wrong status record")):
        with st.form(f"retract_{min(words)}", border=False):
            chosen = st.selectbox(
                _("Record"), list(words), format_func=words.get, index=None,
                placeholder=_("Choose a record"),
            )  # fmt: skip
            why = st.text_input(_("Why is it wrong?"))
            submitted = st.form_submit_button(_("Retract this record"))
        if not submitted:
            return
        if chosen is None:
            st.error(_("Choose the record to retract, say why, then press the button again."))
            return
        try:
            retract_status(get_db(), user, chosen, why)
        except LipmetricsError as exc:
            show_error(exc, columns={"reason": _("Why is it wrong?"), "record": _("Record")})
            return
        clear_caches()
        st.session_state[STATUS_NOTICE_KEY] = _(
            "The record was retracted; it stays in the history."
        )
        st.rerun()


def readings_editor(draft: WorkplanDraft, key: str) -> WorkplanDraft:
    """The import preview: every row with what its years and status were read as (or only what
    needs a person), and a form to correct a status reading. Corrections are kept for this file
    (``key``) until the import; returns the draft with them applied."""
    corrections: dict[int, str] = st.session_state.setdefault(f"corrections_{key}", {})
    table = readings(draft, corrections)
    unread = needing_a_person(table)
    if not unread.empty:
        st.warning(
            ngettext(
                "{count} row needs a person: no rule could read its years or status. Correct "
                "its status below, or import it as it is and classify it later in the plan "
                "explorer. Unread texts are never counted as complete.",
                "{count} rows need a person: no rule could read their years or status. Correct "
                "a status below, or import them as they are and classify them later in the plan "
                "explorer. Unread texts are never counted as complete.",
                len(unread),
            ).format(count=len(unread))
        )
    only = st.toggle(_("Only what needs a person"), key=f"only_unread_{key}")
    st.dataframe(
        shown_readings(unread if only else table), hide_index=True, column_config=reading_headings(),
        column_order=READING_ORDER,
    )  # fmt: skip
    statuses = table[table["status_as_written"].str.strip() != ""]
    with st.form(f"correct_{key}", border=True):
        st.markdown(_("**Correct a reading**"))
        left, right = st.columns([3, 2])
        line = left.selectbox(
            _("Status"), statuses["line"].tolist(), index=None, placeholder=_("Choose a line"),
            format_func=lambda n: _reading_words(statuses, n),
        )  # fmt: skip
        label = right.selectbox(
            _("Read it as"), list(PROGRESS_LABELS.values()), index=None, format_func=_,
            placeholder=_("Choose a status"),
        )  # fmt: skip
        if st.form_submit_button(_("Use this reading")) and line is not None and label:
            corrections[int(line)] = label
            st.rerun()
    try:
        return apply_corrections(draft, table)
    except LipmetricsError as exc:
        show_error(exc)
        st.stop()


# What a person checks first stays in view at 1024 px; the long top-level names come last.
READING_ORDER = [
    "line", "project", "years_as_written", "plan_years", "status_as_written", "read_as",
    "status_date", "planned_date", "pillar",
]  # fmt: skip


def reading_headings() -> dict:
    """The import preview's column headings, in the session's language (README "Languages")."""
    return {
        "line": st.column_config.NumberColumn(_("Line"), width=50),
        "project": st.column_config.TextColumn(_("Project"), width=190),
        "years_as_written": st.column_config.TextColumn(_("Years"), width=95, help=_("as written")),
        "plan_years": st.column_config.TextColumn(_("Plan years"), width=80),
        "status_as_written": st.column_config.TextColumn(_("Status as written"), width=200),
        "read_as": st.column_config.TextColumn(_("Read as"), width=150),
        "status_date": st.column_config.TextColumn(_("Status date"), width=140),
        "planned_date": _("Planned date"),
        "pillar": _("Top level"),
    }


def shown_readings(table: pd.DataFrame) -> pd.DataFrame:
    """The readings with what each status was read as (stored in English) in the session's
    language."""
    return table.assign(read_as=[_(label) if label else label for label in table["read_as"]])


def _reading_words(table: pd.DataFrame, line: int) -> str:
    row = table[table["line"] == line].iloc[0]
    label = str(row["read_as"])
    return _("line {line}: “{status}” ({project}) — now {read_as}").format(
        line=line, status=row["status_as_written"], project=row["project"],
        read_as=_(label) if label else "",
    )  # fmt: skip


def texts_in_full(frame: pd.DataFrame, headings: dict[str, str], key: str) -> None:
    """The details view of a wide table whose cells cut long texts short: pick a row by its first
    column (``headings``' first key) and read each of ``headings``' columns whole."""
    label = next(iter(headings))
    with st.expander(_("Read a {row}'s texts in full").format(row=headings[label].lower())):
        chosen = st.selectbox(
            headings[label], frame[label].tolist(), index=None, key=key,
            placeholder=_("Type to search"),
        )  # fmt: skip
        if chosen is None:
            return
        row = frame[frame[label] == chosen].iloc[0]
        st.markdown(
            "  \n".join(f"**{h}:** {text(str(row[c]) or '—')}" for c, h in headings.items())
        )


def recorded_notice(count: int, repeated: int, plan_year: int) -> str:
    """What the status review says after a save: how many changes were recorded, and how many were
    not because the same status, reason and note were already recorded."""
    recorded = ngettext(
        "Recorded {count} status change for year {year}.",
        "Recorded {count} status changes for year {year}.",
        count,
    ).format(count=count, year=plan_year)
    if not repeated:
        return recorded
    # Two counts, so two whole sentences: each chooses its own plural.
    again = ngettext(
        "{count} change was already recorded with the same reason and note, so not again.",
        "{count} changes were already recorded with the same reason and note, so not again.",
        repeated,
    ).format(count=repeated)
    return f"{recorded} {again}"
