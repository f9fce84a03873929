"""lipmetrics: the Streamlit entry point. It owns page config, navigation and the shared sidebar."""

import streamlit as st

import app_state

st.set_page_config(
    page_title="lipmetrics",
    page_icon=":material/insights:",
    layout="wide",
    initial_sidebar_state="expanded",
)

pages = [
    st.Page("pages/overview.py", title="Overview", icon=":material/dashboard:", default=True),
    st.Page("pages/explorer.py", title="Plan explorer", icon=":material/account_tree:"),
    st.Page(app_state.IMPORT_PAGE, title="Import a workplan", icon=":material/upload_file:"),
]
navigation = st.navigation(pages)
app_state.get_db()
app_state.choose_plan_in_sidebar()
navigation.run()
