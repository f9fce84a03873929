"""The partner's helpers, shared by "My reporting" and "Send figures": the template downloads — by
default the periods still due, pre-filled (README "Partner submissions"), or a year and quarter
chosen — and the headings of the tables these pages show, in the session's language."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial

import streamlit as st

from lipmetrics import submissions as sub
from lipmetrics.accounts import User
from lipmetrics.i18n import N_, _, current_language, format_quarter, language, ngettext
from ui.data import get_db, lines_due

CHOICES = {"due": N_("The periods due"), "chosen": N_("A year and quarter")}


def template_downloads(user: User, partner: str, choose: bool = True) -> None:
    """The template as Excel and CSV: the periods ``partner`` still owes (due or overdue), or,
    when ``choose`` and the person picks it, those of a year and quarter. In the session's
    language: French column names and instructions in French (docs/file-formats.md
    "Submission templates")."""
    db = get_db()
    due = lines_due(user, partner, date.today())
    which = "due"
    if choose:  # labels made here, in this run's language (a format_func may be called outside it)
        labels = {choice: _(words) for choice, words in CHOICES.items()}
        which = st.radio(
            _("Which periods?"), list(CHOICES), format_func=labels.get,
            horizontal=True, index=0 if len(due) else 1, key=f"template_periods_{partner}",
        )  # fmt: skip
    left, right = st.columns(2)
    if which == "due":
        frame, name = due, _("{partner}-due").format(partner=partner)  # the file's name
        if due.empty:
            st.info(
                _(
                    "Nothing is due from this organisation now: every report up to today has arrived."
                )
            )
            return
        st.caption(
            ngettext(
                "{count} line, for the metric and period still due.",
                "{count} lines, one for each metric and period still due.",
                len(due),
            ).format(count=len(due))
        )
    else:
        years = sub.reporting_years(db, partner, date.today())
        year = left.selectbox(_("Year"), years, index=len(years) - 1)
        quarters = {q: format_quarter(int(year), q) for q in (1, 2, 3, 4)}
        quarter = right.selectbox(
            _("Quarter"), list(quarters), index=(date.today().month - 1) // 3,
            format_func=quarters.get,
        )  # fmt: skip
        frame, name = (
            sub.template_frame(db, partner, int(year), int(quarter)),
            _("{partner}-{year}-Q{quarter}").format(partner=partner, year=year, quarter=quarter),
        )
    if frame.empty:
        st.info(
            _("The catalogue lists no metric for this organisation yet. Ask the working group.")
        )
        return
    # Made when clicked, not on every run of the page (docs/benchmarks.md, the load bench), outside
    # this run and its language: the language is given to it.
    xlsx = partial(_made_in, current_language(), lambda: sub.template_xlsx(db, frame))
    csv = partial(_made_in, current_language(), lambda: sub.template_csv(frame))
    # No rerun on a click: the rerun would orphan the file being made, and Streamlit drops it
    # before a busy server has sent it (the download then never starts).
    left.download_button(_("Template (Excel)"), xlsx, f"{name}.xlsx", on_click="ignore")
    right.download_button(_("Template (CSV)"), csv, f"{name}.csv", "text/csv", on_click="ignore")


def _made_in(code: str, make: Callable[[], bytes]) -> bytes:
    """What ``make`` makes, in the language ``code``."""
    with language(code):
        return make()


def preview_columns() -> dict[str, str]:
    """The headings of the preview of a file's values (Send figures)."""
    return {
        "line": _("line"), "metric": _("metric"), "period": _("period"),
        "breakdown": _("breakdown"), "old_value": _("value now"),
        "new_value": _("value in this file"), "change": _("change"),
    }  # fmt: skip


def report_columns() -> dict:
    """The headings of a partner's reports, period by period (My reporting)."""
    return {
        "period": _("Period"), "metric_name": _("Metric"), "status": _("Status"),
        "due": st.column_config.DateColumn(_("Due by")),
        "sent_on": st.column_config.DateColumn(_("Sent on")),
        "replaced_sent_on": st.column_config.DateColumn(_("Replaced figures sent on")),
    }  # fmt: skip
