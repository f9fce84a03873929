"""Reports: the documents a LIP hands in or circulates, built from the same figures as the screens."""

from datetime import date

import streamlit as st

import ui
from lipmetrics.plan import plan_year_shown
from lipmetrics.reports import (
    annual_report,
    annual_report_pdf,
    meeting_deck,
    meeting_since,
    workplan_workbook,
)

ui.require_navigation()
data = ui.selected_plan()
db = ui.get_db()
st.title("Which report do you need?")
st.caption(
    f"{ui.text(data.name)} · each document is built from the same numbers and charts as the "
    "screens; small counts stay protected and spreadsheet formulas are neutralised."
)
years = list(range(1, data.years + 1))
year = st.selectbox(
    "Plan year", years, index=plan_year_shown(data) - 1,
    format_func=lambda k: ui.year_label(data, k), width=320,
)  # fmt: skip
slug = "".join(c if c.isalnum() else "-" for c in data.name).strip("-").lower()
today = date.today()
since = meeting_since(db, data.name, today)

annual, workplan, deck = st.columns(3)
with annual.container(border=True):
    st.subheader("Annual progress report")
    st.write("By pillar: completion, what was completed, the shared measures with their stories, "
             "and every project's status history; as a Word document or as an accessible PDF "
             "(tagged, each chart with a text description and its table).")  # fmt: skip
    with st.container(horizontal=True):
        if st.button("Prepare the report", key="prepare_report"):
            with st.spinner("Writing the report…"):
                ui.keep_document("report", (data.name, year), annual_report(db, data.name, year))
        if st.button("Prepare the PDF", key="prepare_pdf"):
            with st.spinner("Writing the PDF…"):
                pdf = annual_report_pdf(db, data.name, year)
                ui.keep_document("report_pdf", (data.name, year), pdf)
    with st.container(horizontal=True):
        if report := ui.kept_document("report", (data.name, year)):
            st.download_button("Download (DOCX)", report, f"{slug}-year-{year}-report.docx")
        if report_pdf := ui.kept_document("report_pdf", (data.name, year)):
            st.download_button("Download (PDF)", report_pdf, f"{slug}-year-{year}-report.pdf",
                               mime="application/pdf")  # fmt: skip
with workplan.container(border=True):
    st.subheader("The workplan in Excel")
    st.write("The raw layout the LIP started from, with the status in words and its legend's "
             "colours (green complete, red working group formed).")  # fmt: skip
    st.download_button("Download (XLSX)", workplan_workbook(data, year),
                       f"{slug}-workplan-year-{year}.xlsx")  # fmt: skip
with deck.container(border=True):
    st.subheader("The meeting deck")
    st.write(
        f"PowerPoint with editable charts and speaker notes; changes since {since:%B %-d, %Y}."
    )
    if st.button("Prepare the deck", key="prepare_deck"):
        with st.spinner("Building the slides…"):
            slides = ui.meeting_deck(data.name, today, since)
            ui.keep_document("deck", (data.name, today, since), meeting_deck(slides))
    if slides_file := ui.kept_document("deck", (data.name, today, since)):
        st.download_button("Download (PPTX)", slides_file, f"{slug}-meeting-{today:%Y-%m-%d}.pptx")
