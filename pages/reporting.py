"""Reporting completeness: which partners have reported, on time or late, and who is overdue?"""

from datetime import date

import streamlit as st

import ui
from lipmetrics.files import to_csv_bytes
from lipmetrics.measures import (
    PERIOD_KINDS,
    completeness_matrix,
    of_kind,
    period_kinds,
)
from lipmetrics.reports import charts
from lipmetrics.settings import load_settings

ui.require_navigation()
data = ui.selected_plan()

st.title("Who has reported, and who is overdue?")
due_days = load_settings().report_due_days
as_of = st.date_input("As of", date.today(), format="YYYY-MM-DD", width=220)
grid, rates, overdue = ui.reporting(data.name, as_of)
st.caption(
    f"{ui.text(data.name)} · a report is due {due_days} days after its period ends; "
    "on time = its first value arrived by then."
)
if grid.empty:
    st.info(
        "Nothing is expected from partners for this plan yet: no metric of the catalogue informs "
        "it, or none of its periods has ended."
    )
    st.stop()

kinds = period_kinds(grid)
kind = (
    st.segmented_control("Periods", kinds, format_func=PERIOD_KINDS.get, default=kinds[0])
    or kinds[0]
)
grid, rates = of_kind(grid, kind), of_kind(rates, kind)
latest = rates.iloc[-1] if not rates.empty else None
if latest is not None:
    left, middle, right = st.columns(3)
    left.metric(f"Reported for {latest['period']}", f"{latest['reported']} of {latest['expected']}")
    middle.metric("On time", f"{latest['on_time']} of {latest['expected']}")
    right.metric("Overdue reports", len(overdue))
    st.plotly_chart(charts.reporting_rate_bars(rates.tail(12)), theme=None, width="stretch")

st.subheader("Overdue reports")
if overdue.empty:
    st.success("No report is overdue.")
else:
    st.dataframe(overdue, hide_index=True, column_config={"days_overdue": "days overdue"})
    st.download_button(
        "Download the overdue list (CSV)", to_csv_bytes(overdue), "overdue-reports.csv", "text/csv"
    )

st.subheader("Partner × period")
matrix = completeness_matrix(grid)
st.dataframe(matrix, width="stretch")
st.download_button(
    "Download the whole grid (CSV)",
    to_csv_bytes(matrix.reset_index()),
    "reporting-grid.csv",
    "text/csv",
)
with st.expander("Reporting rate per period, as a table"):
    st.dataframe(
        rates, hide_index=True,
        column_config={
            "rate": st.column_config.NumberColumn(format="percent"),
            "on_time_rate": st.column_config.NumberColumn("on-time rate", format="percent"),
        },
    )  # fmt: skip
    ui.csv_download(rates, "reporting-rates.csv")
