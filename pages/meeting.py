"""Meeting mode: the plan on a projector, one slide at a time, for the coordinating committee."""

from datetime import date

import streamlit as st

import ui
from lipmetrics.i18n import _
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
ui_meeting.slide_from_address(len(slides))  # after the EN/FR switch: the same slide
index = min(st.session_state.get(ui.MEETING_SLIDE_KEY, 0), len(slides) - 1)
slide = slides[index]

# A slide fills the screen: its title, the EN/FR switch and "Leave meeting" on top, the chart and its words in
# the middle (as tall as the screen allows), the slide controls at the bottom (README "What is on screen").
with st.container(horizontal=True, vertical_alignment="center", key="meeting-head"):
    st.title(slide.title)
    # In sight, not under a menu: meeting mode has no header; it keeps the slide (README "Languages").
    ui.language_switch(ui_meeting.switch_keeps(index))
    if st.button(_("Leave meeting"), icon=":material/logout:", shortcut="Esc"):
        st.switch_page("pages/overview.py")
with st.container(horizontal=True, gap="large", key="meeting-body"):
    if slide.figure is not None:
        with st.container(key="meeting-chart"):
            st.subheader(slide.caption)
            st.plotly_chart(
                slide.figure, theme=None, height="stretch", config={"displayModeBar": False}
            )
    # The slide's words are the chart's text alternative: every number drawn is also written.
    with st.container(border=True, key=f"meeting-words-{slide.kind}"):
        st.markdown("\n".join(f"- {ui.text(line)}" for line in slide.lines))
with ui_meeting.controls(len(slides)), st.popover(_("Settings"), icon=":material/settings:"):
    st.date_input(_("Changes since"), key=ui.MEETING_SINCE_KEY, format="YYYY-MM-DD")
    every = _("Turn the slide every {seconds} seconds").format(seconds=ui_meeting.AUTO_SECONDS)
    st.toggle(every, key=ui.MEETING_AUTO_KEY)
    user = ui.current_user()
    if (
        user is not None
        and user.can("record_status")
        and st.button(_("Remember today as this meeting"))
    ):
        remember_meeting(db, data.name, today)
        st.success(_("Saved: the next meeting will show what changed since today."))
if st.session_state.get(ui.MEETING_AUTO_KEY):
    ui_meeting.auto_advance(len(slides))
