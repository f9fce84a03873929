"""Reporting completeness: which partners have reported, on time or late, and who is overdue?"""

from datetime import date

import streamlit as st

import ui
from lipmetrics.files import to_csv_bytes
from lipmetrics.i18n import _, format_number
from lipmetrics.measures import (
    PERIOD_KINDS,
    completeness_matrix,
    of_kind,
    period_kinds,
)
from lipmetrics.reports import charts
from lipmetrics.settings import load_settings
from ui import columns as ui_columns
from ui import measures as ui_measures

ui.require_navigation()
data = ui.selected_plan()

st.title(_("Who has reported, and who is overdue?"))
due_days = load_settings().report_due_days
as_of = st.date_input(_("As of"), date.today(), format="YYYY-MM-DD", width=220)
grid, rates, overdue = ui.reporting(data.name, as_of)
st.caption(
    _(
        "{plan} · a report is due {days} days after its period ends; on time = its first value "
        "arrived by then."
    ).format(plan=ui.text(data.shown_name), days=format_number(due_days))
)
if grid.empty:
    st.info(
        _(
            "Nothing is expected from partners for this plan yet: no metric of the catalogue "
            "informs it, or none of its periods has ended."
        )
    )
    st.stop()

kinds = period_kinds(grid)
kind = (
    st.segmented_control(
        _("Periods"),
        kinds,
        format_func=ui.said(kinds, lambda k: _(PERIOD_KINDS[k])),
        default=kinds[0],
    )
    or kinds[0]
)
grid, rates = of_kind(grid, kind), of_kind(rates, kind)
latest = rates.iloc[-1] if not rates.empty else None
if latest is not None:
    ui_measures.reporting_figures(latest, len(overdue))
    st.plotly_chart(charts.reporting_rate_bars(rates.tail(12)), theme=None, width="stretch")

st.subheader(_("Overdue reports"))
if overdue.empty:
    st.success(_("No report is overdue."))
else:
    shown = ui_columns.numbers_shown(overdue, ["days_overdue"])  # fr-CA numbers in French
    st.dataframe(shown, hide_index=True, column_config=ui_columns.reporting_headings())
    st.download_button(
        _("Download the overdue list (CSV)"),
        to_csv_bytes(overdue),
        "overdue-reports.csv",
        "text/csv",
        on_click="ignore",
    )

st.subheader(_("Partner × period"))
matrix = completeness_matrix(grid)
st.dataframe(ui_columns.grid_shown(matrix), width="stretch")
st.download_button(
    _("Download the whole grid (CSV)"),
    to_csv_bytes(matrix.reset_index()),
    "reporting-grid.csv",
    "text/csv",
    on_click="ignore",
)
with st.expander(_("Reporting rate per period, as a table")):
    st.dataframe(
        ui_columns.percents_shown(rates, ["rate", "on_time_rate"]), hide_index=True,
        column_config=ui_columns.reporting_headings(("rate", "on_time_rate")),
    )  # fmt: skip
    ui.csv_download(rates, "reporting-rates.csv")
