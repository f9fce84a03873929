"""Meeting mode's screen furniture: Streamlit's own chrome hidden, large type, and the slide
controls (buttons that a presentation clicker's Page Down / Page Up and the arrow keys press)."""

from __future__ import annotations

import time

import streamlit as st

import app_state as ui

# Our own fixed stylesheet (no user text in it): hide Streamlit's header, toolbar and navigation,
# use the whole screen, and write the slide's words large enough for the back of the room.
PROJECTOR_CSS = """
<style>
header[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"] { display: none !important; }
.block-container, [data-testid="stMainBlockContainer"] { padding: 1rem 2rem 0 2rem !important; }
button kbd { color: inherit !important; opacity: 1 !important; }  /* key hints readable (AA) */
[data-testid="stMain"] h1 { font-size: 2.4rem; padding: 0.2rem 0 0.6rem 0; color: #000; }
[data-testid="stMain"] [data-testid="stMarkdownContainer"] li,
[data-testid="stMain"] [data-testid="stMarkdownContainer"] p { font-size: 1.5rem; line-height: 1.35; color: #000; }
@media (max-width: 1280px) {
  [data-testid="stMain"] [data-testid="stMarkdownContainer"] li,
  [data-testid="stMain"] [data-testid="stMarkdownContainer"] p { font-size: 1.3rem; line-height: 1.3; }
  [data-testid="stMain"] h1 { font-size: 2rem; }
}
</style>
"""
AUTO_SECONDS = 30


def projector_style() -> None:
    st.html(PROJECTOR_CSS)


def turn(step: int, count: int) -> None:
    """Go ``step`` slides on (negative: back), staying within the deck."""
    current = st.session_state.get(ui.MEETING_SLIDE_KEY, 0)
    st.session_state[ui.MEETING_SLIDE_KEY] = max(0, min(count - 1, current + step))
    st.session_state[ui.MEETING_TURNED_KEY] = time.time()


def controls(count: int):
    """Previous / next, by button or by the keys a clicker sends; the slide number between.
    Returns the row, for more controls to join it."""
    index = st.session_state.get(ui.MEETING_SLIDE_KEY, 0)
    row = st.container(horizontal=True, vertical_alignment="center", gap="small")
    with row:
        st.button(
            "Previous",
            icon=":material/arrow_back:",
            shortcut="PageUp",
            on_click=turn,
            args=(-1, count),
            disabled=index == 0,
        )
        st.button(
            "Back",
            shortcut="Left",
            type="tertiary",
            on_click=turn,
            args=(-1, count),
            disabled=index == 0,
            help="The left arrow key",
        )
        st.markdown(f"Slide {index + 1} of {count}")
        st.button(
            "On",
            shortcut="Right",
            type="tertiary",
            on_click=turn,
            args=(1, count),
            disabled=index == count - 1,
            help="The right arrow key",
        )
        st.button(
            "Next",
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
    turned = st.session_state.setdefault(ui.MEETING_TURNED_KEY, time.time())
    if time.time() - turned >= AUTO_SECONDS - 0.5:
        turn(1, count)
        st.rerun()
