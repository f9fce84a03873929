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
</style>
"""


def compact_style() -> None:
    """The compact header and titles of the everyday pages."""
    st.html(COMPACT_CSS)
