"""Reports: the documents a LIP hands in or circulates, built from the same figures as the screens."""

from datetime import date, timedelta

import streamlit as st

import ui
from lipmetrics.reports import annual_report, meeting_deck, previous_meeting, workplan_workbook

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
    "Plan year", years, index=data.current_plan_year() - 1,
    format_func=lambda k: ui.year_label(data, k), width=320,
)  # fmt: skip
slug = "".join(c if c.isalnum() else "-" for c in data.name).strip("-").lower()

annual, workplan, deck = st.columns(3)
with annual.container(border=True):
    st.subheader("Annual progress report")
    st.write("Word document, by pillar: completion, what was completed, the shared measures with "
             "their stories, and every project's status history.")  # fmt: skip
    if st.button("Prepare the report", key="prepare_report"):
        with st.spinner("Writing the report…"):
            st.session_state["report_docx"] = annual_report(db, data.name, year)
    if st.session_state.get("report_docx"):
        st.download_button("Download (DOCX)", st.session_state["report_docx"],
                           f"{slug}-year-{year}-report.docx")  # fmt: skip
with workplan.container(border=True):
    st.subheader("The workplan in Excel")
    st.write("The raw layout the LIP started from, with the status in words and its legend's "
             "colours (green complete, red working group formed).")  # fmt: skip
    st.download_button("Download (XLSX)", workplan_workbook(data, year),
                       f"{slug}-workplan-year-{year}.xlsx")  # fmt: skip
with deck.container(border=True):
    st.subheader("The meeting deck")
    since = previous_meeting(db, data.name) or date.today() - timedelta(days=60)
    st.write(
        f"PowerPoint with editable charts and speaker notes; changes since {since:%B %-d, %Y}."
    )
    if st.button("Prepare the deck", key="prepare_deck"):
        with st.spinner("Building the slides…"):
            slides = ui.meeting_deck(data.name, date.today(), since)
            st.session_state["meeting_pptx"] = meeting_deck(slides)
    if st.session_state.get("meeting_pptx"):
        st.download_button("Download (PPTX)", st.session_state["meeting_pptx"],
                           f"{slug}-meeting-{date.today():%Y-%m-%d}.pptx")  # fmt: skip
