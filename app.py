"""lipmetrics: the Streamlit entry point. It owns page config, sign-in, navigation by role and the
shared header (plan selector, who is signed in)."""

import streamlit as st

import ui
from lipmetrics.settings import load_settings

st.set_page_config(
    page_title="lipmetrics",
    page_icon=":material/insights:",
    layout="wide",
    initial_sidebar_state="collapsed",
)

PLAN_PAGES = {
    "Overview", "Plan explorer", "Scorecard", "Reporting", "Reports", "Status review",
    "Edit the plan",
}  # fmt: skip

user = ui.current_user()
public = load_settings().public_dashboards
dashboards = [
    st.Page(
        "pages/overview.py",
        title="Overview",
        icon=":material/dashboard:",
        default=user is not None or public,
    ),
    st.Page("pages/explorer.py", title="Plan explorer", icon=":material/account_tree:"),
    st.Page("pages/scorecard.py", title="Scorecard", icon=":material/speed:"),
    st.Page(ui.METRIC_PAGE, title="Metric detail", icon=":material/query_stats:"),
]
meeting = st.Page("pages/meeting.py", title="Meeting mode", icon=":material/slideshow:")
if user is None:
    # Signed out: the sign-in page, and the read-only dashboards only where the LIP made them public.
    sign_in = st.Page(
        "pages/sign_in.py", title="Sign in", icon=":material/login:", default=not public
    )
    pages = [*dashboards, sign_in] if public else [sign_in]
else:
    pages = list(dashboards)
    pages.append(st.Page("pages/reporting.py", title="Reporting", icon=":material/task_alt:"))
    pages.append(meeting)
    pages.append(st.Page("pages/reports.py", title="Reports", icon=":material/description:"))
    if user.can("submit_metrics"):
        pages.append(st.Page("pages/submit.py", title="Send figures", icon=":material/upload:"))
        pages.append(
            st.Page("pages/submissions.py", title="Submissions", icon=":material/receipt_long:")
        )
    if user.can("record_status"):
        pages.append(
            st.Page("pages/status_review.py", title="Status review", icon=":material/fact_check:")
        )
        pages.append(
            st.Page("pages/vocabulary.py", title="Status words", icon=":material/translate:")
        )
    if user.can("manage_targets"):
        pages.append(
            st.Page("pages/indicators.py", title="Community data", icon=":material/public:")
        )
    if user.can("import_plan"):
        pages.append(
            st.Page(ui.IMPORT_PAGE, title="Import a workplan", icon=":material/upload_file:")
        )
        pages.append(st.Page("pages/plan_edit.py", title="Edit the plan", icon=":material/edit:"))
    if user.can("view_audit"):
        pages.append(st.Page("pages/audit_log.py", title="Audit log", icon=":material/history:"))
    if user.can("manage_accounts"):
        pages.append(st.Page("pages/accounts.py", title="Accounts", icon=":material/group:"))

# Navigation along the top leaves the full width to the charts (a 1024-pixel projector too).
navigation = st.navigation(pages, position="top")
ui.get_db()
if navigation.title not in ("Sign in", "Meeting mode"):  # a meeting shows only its slides
    plan_column, user_column = st.columns([4, 1], vertical_alignment="bottom")
    if navigation.title in PLAN_PAGES:  # the other pages do not depend on the plan
        with plan_column:
            ui.choose_plan()
    if user is not None:
        with user_column.popover(user.username, icon=":material/account_circle:", width="stretch"):
            st.caption(f"Signed in as {ui.text(user.display_name)} ({user.role})")
            if st.button("Sign out", icon=":material/logout:"):
                ui.sign_out("You are signed out.")
                st.rerun()
navigation.run()
