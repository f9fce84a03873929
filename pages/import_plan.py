"""Import a workplan: bring the plan in as the LIP has it, check it, then save it."""

from datetime import date

import streamlit as st

import ui
from lipmetrics.errors import LipmetricsError
from lipmetrics.i18n import _
from lipmetrics.plan import (
    TOP_LEVEL_NAMES,
    parse_workplan,
    save_plan,
    taught_phrases,
    tidy_template_csv,
    top_level_labels,
)

ui.require_navigation()
user = ui.require_permission("import_plan")

st.title(_("Import a workplan"))  # as named in the menu
ui.saved_notice()  # what the last import did, on top
st.write(_(
    "Upload the workplan as you have it — the Word/Excel table with a title row per pillar and "
    "a header row (GOALS, OBJECTIVES, PROJECTS, WORKING GROUP, YEAR, STATUS), saved as .xlsx "
    "or .csv — or the tidy template. Nothing is saved until you press **Import this plan**."
))  # fmt: skip
st.download_button(_("Download the tidy template (CSV)"), tidy_template_csv(),
                   "lipmetrics-workplan-template.csv", "text/csv", on_click="ignore")  # fmt: skip

uploaded = ui.file_field(_("Workplan file"), ["xlsx", "csv"], f"workplan_{ui.upload_round()}")
left, middle, right = st.columns(3)
example = _("Community Immigrant Integration Plan 2016-2021")
name = left.text_input(_("Plan name"), placeholder=example)
start_year = middle.number_input(
    _("Calendar year of plan year 1"), 1990, 2100, date.today().year, step=1
)
years = right.number_input(_("Number of plan years"), 1, 50, 5, step=1)
left, middle, right = st.columns(3)
words = top_level_labels()  # the word is stored in English as chosen
top_level = left.selectbox(
    _("The plan calls its top level"), TOP_LEVEL_NAMES, format_func=words.get
)
as_of = middle.date_input(  # year-month-day: read the same way in English and in French
    _("Statuses with no date are as of"), value=None, format="YYYY-MM-DD", help=_(
        "Write it as year-month-day (2026-03-31) or pick it in the calendar. Default: the latest "
        "date named by a status that was read (never a planned date).")
)  # fmt: skip
sheet = right.text_input(_("Sheet (Excel only)"), placeholder=_("the first sheet"))
hint = _("Blank: French readers see the plan name, marked as not translated.")
name_fr = st.text_input(_("Plan name in French (optional)"), help=hint)

if uploaded is None:
    st.stop()
try:
    draft = parse_workplan(
        uploaded.getvalue(), uploaded.name, int(start_year), int(years), as_of, sheet or None,
        taught_phrases(ui.get_db()),
    )  # fmt: skip
except LipmetricsError as exc:
    ui.show_error(exc, _("Fix these in your file and upload it again:"))
    st.stop()

st.success(draft.read_sentence(ui.text(uploaded.name)))
if warning := draft.years_warning():
    st.warning(warning, icon=":material/event:")
st.info(
    _(
        "Statuses that name no date are taken as of **{day}** — {reason}. Change it above if that "
        "is not when they were written."
    ).format(day=draft.as_of.isoformat(), reason=ui.text(draft.as_of_reason))
)
draft = ui.readings_editor(draft, f"{uploaded.name}_{uploaded.size}")
counted = _("{label}: {count}")  # a count and what it counts (French: a space before the colon)
st.caption(" · ".join(counted.format(label=_(k), count=n) for k, n in draft.summary().items()))

if st.button(_("Import this plan"), type="primary", disabled=not name.strip()):
    try:
        save_plan(ui.get_db(), draft, name, user, source_file=uploaded.name,
                  top_level_name=top_level, name_fr=name_fr)  # fmt: skip
    except LipmetricsError as exc:
        ui.show_error(exc)
        st.stop()
    ui.clear_caches()
    st.session_state[ui.PLAN_KEY] = name.strip()
    imported = _("Imported “{plan}”.").format(plan=ui.text(name.strip()))
    ui.after_saving(False, imported, ("pages/overview.py", _("See its progress")))
elif not name.strip():
    st.caption(_("Write a plan name to import."))
