"""The app's fixed stylesheets, written as raw HTML: fixed text, never user text (the architecture
test allows ``st.html`` here and nowhere else)."""

from __future__ import annotations

import streamlit as st

# Our own fixed stylesheet (no user text in it): hide Streamlit's header, toolbar and navigation,
# use the whole screen, and write the slide's words large enough for the back of the room.
PROJECTOR_CSS = """
<style>
header[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"] { display: none !important; }
.block-container, [data-testid="stMainBlockContainer"] { padding: 0.75rem 1.5rem 0.75rem 1.5rem !important; }
/* The slide is one screen high: title row, then the body taking what is left, then the controls. */
[data-testid="stMainBlockContainer"] > [data-testid="stVerticalBlock"] { height: calc(100vh - 1.5rem); gap: 0.75rem; }
[data-testid="stMainBlockContainer"] > [data-testid="stVerticalBlock"] > [data-testid="stElementContainer"]:has(style) { display: none; }
[data-testid="stLayoutWrapper"]:has(> .st-key-meeting-body) { flex: 1 1 0; min-height: 0; }
.st-key-meeting-body { height: 100%; align-items: stretch; }
[data-testid="stLayoutWrapper"]:has(> .st-key-meeting-chart) { flex: 3 1 0; min-width: 0; }
[data-testid="stLayoutWrapper"]:has(> [class*="st-key-meeting-words-"]) { flex: 2 1 0; min-width: 0; }
.st-key-meeting-chart, [class*="st-key-meeting-words-"] { height: 100%; }
.st-key-meeting-chart [data-testid="stElementContainer"]:has([data-testid="stPlotlyChart"]) { flex: 1 1 0; min-height: 0; }
.st-key-meeting-head { flex-wrap: nowrap; }  /* a long title wraps; "Leave meeting" stays on its right */
.st-key-meeting-head > [data-testid="stElementContainer"]:has(h1) { flex: 1 1 0; min-width: 0; }
.st-key-meeting-words-title, .st-key-meeting-words-attention, .st-key-meeting-words-changes { justify-content: center; }
button kbd { color: inherit !important; opacity: 1 !important; }  /* key hints readable (AA) */
.st-key-meeting-arrow-back, .st-key-meeting-arrow-on { display: none; }  /* the arrow keys' buttons */
[data-testid="stMain"] h1 { font-size: 2.4rem; padding: 0; color: #000; }
[data-testid="stMain"] h3 { font-size: 1.6rem; padding: 0 0 0.25rem 0; color: #000; }
[data-testid="stMain"] [data-testid="stMarkdown"] li,
[data-testid="stMain"] [data-testid="stMarkdown"] p { font-size: 1.6rem; line-height: 1.35; color: #000; }
.st-key-meeting-words-title li { font-size: 3rem !important; margin-bottom: 2rem; }
.st-key-meeting-words-attention li { font-size: 2.4rem !important; margin-bottom: 1.6rem; }
.st-key-meeting-words-changes li { font-size: 1.9rem !important; margin-bottom: 0.6rem; }
@media (max-width: 1280px) {
  [data-testid="stMain"] [data-testid="stMarkdown"] li,
  [data-testid="stMain"] [data-testid="stMarkdown"] p { font-size: 1.3rem; line-height: 1.3; }
  [data-testid="stMain"] h1 { font-size: 2rem; }
  [data-testid="stMain"] h3 { font-size: 1.4rem; }
  .st-key-meeting-words-title li { font-size: 2.1rem !important; margin-bottom: 1.4rem; }
  .st-key-meeting-words-attention li { font-size: 1.8rem !important; margin-bottom: 1.2rem; }
  .st-key-meeting-words-changes li { font-size: 1.4rem !important; margin-bottom: 0.3rem; }
}
</style>
"""


def projector_style() -> None:
    """Meeting mode's projector look: Streamlit's chrome hidden, large type."""
    st.html(PROJECTOR_CSS)


# Our own fixed stylesheet for every page but meeting mode: the page starts right under
# the navigation bar with narrow margins, titles and headings are one size smaller (each still
# larger than the one below it) and the gaps a little tighter, so a 1024×768 screen shows the
# first figures in its top half (README "Pages by role").
COMPACT_CSS = """
<style>
.block-container, [data-testid="stMainBlockContainer"] { padding: 4rem 2rem 2rem 2rem !important; }
[data-testid="stMain"] [data-testid="stVerticalBlock"] { gap: 0.75rem; }
[data-testid="stMain"] h1 { font-size: 1.75rem; padding: 0 0 0.2rem 0; }
[data-testid="stMain"] h2 { font-size: 1.4rem; padding: 0.5rem 0 0.2rem 0; }
[data-testid="stMain"] h3 { font-size: 1.2rem; }
/* Streamlit's English "50MB per file • CSV": ui/uploads.py writes it under the box, translated. */
[data-testid="stFileUploaderDropzoneInstructions"] { display: none; }
</style>
"""


def compact_style() -> None:
    """The compact header and titles of the everyday pages."""
    st.html(COMPACT_CSS)
