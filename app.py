"""lipmetrics: the Streamlit entry point. It owns page config, navigation and the shared plan selector."""

import streamlit as st

import app_state

st.set_page_config(
    page_title="lipmetrics",
    page_icon=":material/insights:",
    layout="wide",
    initial_sidebar_state="collapsed",
)

pages = [
    st.Page("pages/overview.py", title="Overview", icon=":material/dashboard:", default=True),
    st.Page("pages/explorer.py", title="Plan explorer", icon=":material/account_tree:"),
    st.Page(app_state.IMPORT_PAGE, title="Import a workplan", icon=":material/upload_file:"),
]
# Navigation along the top leaves the full width to the charts (a 1024-pixel projector too).
navigation = st.navigation(pages, position="top")
app_state.get_db()
app_state.choose_plan()
navigation.run()
