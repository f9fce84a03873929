"""Send your figures: upload a filled-in template, see every problem, then save it."""

import streamlit as st

import ui
from lipmetrics import submissions as sub
from lipmetrics.errors import LipmetricsError
from lipmetrics.settings import load_settings

ui.require_navigation()
user = ui.require_permission("submit_metrics")
db = ui.get_db()

st.title("Send your organisation's figures")
names = dict(ui.partners_first()[["code", "name"]].itertuples(index=False))
if not names:
    st.info(
        "No partner organisation is registered yet: a coordinator or an administrator adds them on the Partner organisations page."
    )
    st.stop()
if user.role == "partner":  # a partner sends for its own organisation only
    partner = user.partner_code
    st.caption(f"For {ui.text(names[partner])} ({ui.text(partner)})")
else:
    partner = st.selectbox(
        "On behalf of", list(names), format_func=lambda c: f"{c} — {names[c]}", width=520
    )

with st.expander("1. Download the template", expanded=True):
    ui.template_downloads(user, partner)

st.subheader("2. Upload the filled-in file")
uploaded = st.file_uploader(
    "Your file (CSV or Excel)", type=["csv", "xlsx", "txt"], key=f"upload_{partner}"
)
decimal_comma = st.checkbox("My numbers use a comma as the decimal mark (1 234,5)")
if uploaded is None:
    st.stop()
try:  # checked once: Save's rerun gets the same result (docs/architecture.md "Caching")
    checked = ui.checked_upload(user, uploaded.getvalue(), uploaded.name, partner, decimal_comma)
except LipmetricsError as exc:
    ui.show_error(exc)
    st.stop()
check = checked.check
st.caption(f"Read as {check.read_as}.")
if not check.ok:
    ui.show_problems(
        f"{len(check.problems)} problem(s) in {uploaded.name}. Nothing was saved. Fix them in your file and upload it again.",
        check.problems,
    )
    st.stop()

st.success(sub.preview_summary(checked.changes))
for sentence in checked.withdrawals:
    st.warning(sentence)
st.dataframe(
    checked.changes,
    hide_index=True,
    column_config={"old_value": "value now", "new_value": "value in this file"},
)
note = ui.confirm_warnings(check.warnings)  # docs/file-formats.md "Plausibility warnings"
if st.button("Save these figures", type="primary"):
    try:
        result = sub.commit_submission(
            db, user, check, uploaded.getvalue(), load_settings().submissions_dir, note=note
        )
    except LipmetricsError as exc:
        ui.show_error(exc)
        st.stop()
    ui.clear_caches()
    (st.info if result.already_received else st.success)(result.summary)
    st.page_link("pages/submissions.py", label="See your submissions")
