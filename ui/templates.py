"""A partner's template downloads, shared by "My reporting" and "Send figures": by default the
periods still due, pre-filled (README "Partner submissions"), or a year and quarter chosen."""

from __future__ import annotations

from datetime import date

import streamlit as st

from lipmetrics import submissions as sub
from lipmetrics.accounts import User
from ui.data import get_db, lines_due

CHOICES = {"due": "The periods due", "chosen": "A year and quarter"}


def template_downloads(user: User, partner: str, choose: bool = True) -> None:
    """The template as Excel and CSV: the periods ``partner`` still owes (due or overdue), or,
    when ``choose`` and the person picks it, those of a year and quarter."""
    db = get_db()
    due = lines_due(user, partner, date.today())
    which = "due"
    if choose:
        which = st.radio(
            "Which periods?", list(CHOICES), format_func=CHOICES.get, horizontal=True,
            index=0 if len(due) else 1, key=f"template_periods_{partner}",
        )  # fmt: skip
    left, right = st.columns(2)
    if which == "due":
        frame, name = due, f"{partner}-due"
        if due.empty:
            st.info(
                "Nothing is due from this organisation now: every report up to today has arrived."
            )
            return
        st.caption(f"{len(due)} line(s), one for each metric and period still due.")
    else:
        years = sub.reporting_years(db, partner, date.today())
        year = left.selectbox("Year", years, index=len(years) - 1)
        quarter = right.selectbox(
            "Quarter",
            [1, 2, 3, 4],
            index=(date.today().month - 1) // 3,
            format_func=lambda q: f"Q{q}",
        )
        frame, name = (
            sub.template_frame(db, partner, int(year), int(quarter)),
            f"{partner}-{year}-Q{quarter}",
        )
    if frame.empty:
        st.info("The catalogue lists no metric for this organisation yet. Ask the working group.")
        return
    # Made when clicked, not on every run of the page (README "Benchmarks", the load bench).
    left.download_button("Template (Excel)", lambda: sub.template_xlsx(db, frame), f"{name}.xlsx")
    right.download_button(
        "Template (CSV)", lambda: sub.template_csv(frame), f"{name}.csv", "text/csv"
    )
