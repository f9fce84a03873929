"""Reports: the documents a LIP hands in or circulates, built from the same figures as the screens,
in the session's language (README "Languages")."""

from datetime import date

import streamlit as st

import ui
from lipmetrics.i18n import _, current_language, format_long_date
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
st.title(_("Which report do you need?"))
st.caption(
    _("{plan} · each document is built from the same numbers and charts as the screens; small "
      "counts stay protected and spreadsheet formulas are neutralised.").format(
        plan=ui.text(data.shown_name))
)  # fmt: skip
years = list(range(1, data.years + 1))
year = st.selectbox(
    _("Plan year"), years, index=plan_year_shown(data) - 1,
    format_func=lambda k: ui.year_label(data, k), width=320,
)  # fmt: skip
slug = "".join(c if c.isalnum() else "-" for c in data.name).strip("-").lower()
today = date.today()
since = meeting_since(db, data.name, today)
lang = current_language()  # a document prepared in one language is never offered in the other

annual, workplan, deck = st.columns(3)
with annual.container(border=True):
    st.subheader(_("Annual progress report"))
    st.write(_("By pillar: completion, what was completed, the shared measures with their "
               "stories, and every project's status history; as a Word document or as an "
               "accessible PDF (tagged, each chart with a text description and its table)."))  # fmt: skip
    with st.container(horizontal=True):
        if st.button(_("Prepare the report"), key="prepare_report"):
            with st.spinner(_("Writing the report…")):
                report = annual_report(db, data.name, year)
                ui.keep_document("report", (data.name, year, lang), report)
        if st.button(_("Prepare the PDF"), key="prepare_pdf"):
            with st.spinner(_("Writing the PDF…")):
                pdf = annual_report_pdf(db, data.name, year)
                ui.keep_document("report_pdf", (data.name, year, lang), pdf)
    name = _("{plan}-year-{year}-report").format(plan=slug, year=year)
    with st.container(horizontal=True):
        if report := ui.kept_document("report", (data.name, year, lang)):
            st.download_button(_("Download (DOCX)"), report, f"{name}.docx", on_click="ignore")
        if report_pdf := ui.kept_document("report_pdf", (data.name, year, lang)):
            st.download_button(_("Download (PDF)"), report_pdf, f"{name}.pdf",
                               mime="application/pdf", on_click="ignore")  # fmt: skip
with workplan.container(border=True):
    st.subheader(_("The workplan in Excel"))
    st.write(_("The raw layout the LIP started from, with the status in words and its legend's "
               "colours (green complete, red working group formed)."))  # fmt: skip
    name = _("{plan}-workplan-year-{year}").format(plan=slug, year=year)
    st.download_button(
        _("Download (XLSX)"), workplan_workbook(data, year), f"{name}.xlsx", on_click="ignore"
    )
with deck.container(border=True):
    st.subheader(_("The meeting deck"))
    st.write(_("PowerPoint with editable charts and speaker notes; changes since {date}.").format(
        date=format_long_date(since)))  # fmt: skip
    if st.button(_("Prepare the deck"), key="prepare_deck"):
        with st.spinner(_("Building the slides…")):
            slides = ui.meeting_deck(data.name, today, since)
            ui.keep_document("deck", (data.name, today, since, lang), meeting_deck(slides))
    if slides_file := ui.kept_document("deck", (data.name, today, since, lang)):
        name = _("{plan}-meeting-{date}").format(plan=slug, date=today.isoformat())
        st.download_button(_("Download (PPTX)"), slides_file, f"{name}.pptx", on_click="ignore")
