"""Meeting mode: the plan on a projector, one slide at a time, for the coordinating committee."""

from datetime import date

import streamlit as st

import ui
from lipmetrics.reports import meeting_since, remember_meeting
from ui import meeting as ui_meeting

ui.require_navigation()
data = ui.selected_plan()
ui_meeting.projector_style()
db = ui.get_db()
today = date.today()
if ui.MEETING_SINCE_KEY not in st.session_state:
    st.session_state[ui.MEETING_SINCE_KEY] = meeting_since(db, data.name, today)
slides = ui.meeting_deck(data.name, today, st.session_state[ui.MEETING_SINCE_KEY])
index = min(st.session_state.get(ui.MEETING_SLIDE_KEY, 0), len(slides) - 1)
slide = slides[index]

st.title(slide.title)
if slide.figure is not None:
    chart, words = st.columns([3, 2], gap="large")
    chart.plotly_chart(slide.figure, theme=None, width="stretch", config={"displayModeBar": False})
else:
    words = st.container()
with words:
    st.markdown("\n".join(f"- {ui.text(line)}" for line in slide.lines))
# The slide's words are the chart's text alternative: every number drawn is also written.
with ui_meeting.controls(len(slides)), st.popover("Settings", icon=":material/settings:"):
    st.date_input("Changes since", key=ui.MEETING_SINCE_KEY, format="YYYY-MM-DD")
    st.toggle(f"Turn the slide every {ui_meeting.AUTO_SECONDS} seconds", key=ui.MEETING_AUTO_KEY)
    user = ui.current_user()
    if (
        user is not None
        and user.can("record_status")
        and st.button("Remember today as this meeting")
    ):
        remember_meeting(db, data.name, today)
        st.success("Saved: the next meeting will show what changed since today.")
    if st.button("Leave meeting mode", icon=":material/logout:"):
        st.switch_page("pages/overview.py")
if st.session_state.get(ui.MEETING_AUTO_KEY):
    ui_meeting.auto_advance(len(slides))
