"""Meeting mode's screen furniture: Streamlit's own chrome hidden, large type, and the slide
controls (buttons that a presentation clicker's Page Down / Page Up and the arrow keys press)."""

from __future__ import annotations

import re
import time

import streamlit as st

from lipmetrics.i18n import _, pgettext
from ui import keys
from ui.style import projector_style  # noqa: F401  (meeting mode calls it first)

AUTO_SECONDS = 30
# ?slide=5 in the address: the EN/FR switch keeps the slide (README "Languages").
SLIDE_PARAM = "slide"


def switch_keeps(index: int) -> dict[str, str]:
    """What the EN/FR switch's address carries on the slide at ``index`` (from 0): its number,
    past the first (the first is where a meeting opens anyway)."""
    return {SLIDE_PARAM: str(index + 1)} if index > 0 else {}


def slide_from_address(count: int) -> None:
    """Open the meeting at the slide the address names (``?slide=5``, as the EN/FR switch writes
    it), within the deck; the address then drops it, so that it is read only once."""
    value = st.query_params.get(SLIDE_PARAM)
    if value is None:
        return
    del st.query_params[SLIDE_PARAM]
    if re.fullmatch(r"[0-9]{1,4}", value) and count > 0:
        st.session_state[keys.MEETING_SLIDE_KEY] = max(0, min(count - 1, int(value) - 1))


def turn(step: int, count: int) -> None:
    """Go ``step`` slides on (negative: back), staying within the deck."""
    current = st.session_state.get(keys.MEETING_SLIDE_KEY, 0)
    st.session_state[keys.MEETING_SLIDE_KEY] = max(0, min(count - 1, current + step))
    st.session_state[keys.MEETING_TURNED_KEY] = time.time()


def controls(count: int):
    """Previous / next, by button or by the keys a clicker sends; the slide number between.
    Returns the row, for more controls to join it."""
    index = st.session_state.get(keys.MEETING_SLIDE_KEY, 0)
    row = st.container(horizontal=True, vertical_alignment="center", gap="small")
    with row:
        st.button(
            _("Previous"),
            icon=":material/arrow_back:",
            shortcut="PageUp",
            on_click=turn,
            args=(-1, count),
            disabled=index == 0,
        )
        # A button has one key: the arrow keys have their own, not shown (ui/style.py); no help
        # on Previous and Next, whose tooltip would stay over the slide after a click.
        st.button(
            pgettext("slide", "Back"),
            key="meeting-arrow-back",
            shortcut="Left",
            on_click=turn,
            args=(-1, count),
            disabled=index == 0,
        )
        st.markdown(_("Slide {number} of {count}").format(number=index + 1, count=count))
        st.button(
            pgettext("slide", "On"),
            key="meeting-arrow-on",
            shortcut="Right",
            on_click=turn,
            args=(1, count),
            disabled=index == count - 1,
        )
        st.button(
            _("Next"),
            icon=":material/arrow_forward:",
            shortcut="PageDown",
            type="primary",
            on_click=turn,
            args=(1, count),
            disabled=index == count - 1,
        )
    return row


@st.fragment(run_every=AUTO_SECONDS)
def auto_advance(count: int) -> None:
    """With auto-advance on, turn to the next slide every AUTO_SECONDS seconds."""
    turned = st.session_state.setdefault(keys.MEETING_TURNED_KEY, time.time())
    if time.time() - turned >= AUTO_SECONDS - 0.5:
        turn(1, count)
        st.rerun()
