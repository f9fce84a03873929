"""Send your figures: upload a filled-in template, see every problem, then save it."""

import streamlit as st

import ui
from lipmetrics import submissions as sub
from lipmetrics.errors import LipmetricsError
from lipmetrics.i18n import _, current_language, ngettext
from lipmetrics.settings import load_settings

ui.require_navigation()
user = ui.require_permission("submit_metrics")
db = ui.get_db()

st.title(_("Send your organisation's figures"))
ui.saved_notice()  # what the last Save did, on top, where the partner looks
names = dict(ui.partners_first()[["code", "name"]].itertuples(index=False))
if not names:
    st.info(
        _(
            "No partner organisation is registered yet: a coordinator or an administrator adds "
            "them on the Partner organisations page."
        )
    )
    st.stop()
if user.role == "partner":  # a partner sends for its own organisation only
    partner = user.partner_code
    st.caption(_("For {name} ({code})").format(name=ui.text(names[partner]), code=ui.text(partner)))
else:
    partner = st.selectbox(
        _("On behalf of"), list(names), format_func=lambda c: f"{c} — {names[c]}", width=520
    )

upload_key = f"upload_{partner}_{ui.upload_round()}"
# Closed once a file is in: its problems then show under it without scrolling at 1024×768.
with st.expander(_("1. Download the template"), expanded=not st.session_state.get(upload_key)):
    ui.template_downloads(user, partner)

st.subheader(_("2. Upload the filled-in file"))
uploaded = ui.file_field(_("Your file (CSV or Excel)"), ["csv", "xlsx", "txt"], key=upload_key)
comma = _("My numbers use a comma as the decimal mark (1 234,5)")  # ticked in French:
decimal_comma = st.checkbox(
    comma, value=current_language() == "fr"
)  # file-formats.md, French files
if uploaded is None:
    st.stop()
try:  # checked once: Save's rerun gets the same result (docs/architecture.md "Caching")
    checked = ui.checked_upload(user, uploaded.getvalue(), uploaded.name, partner, decimal_comma)
except LipmetricsError as exc:
    ui.show_error(exc)
    st.stop()
check = checked.check
st.caption(_("Read as {description}.").format(description=check.shown_as or check.read_as))
if not check.ok:
    ui.show_problems(
        ngettext(
            "{count} problem in {name}. Nothing was saved. Fix it in your file and upload it "
            "again.",
            "{count} problems in {name}. Nothing was saved. Fix them in your file and upload it "
            "again.",
            len(check.problems),
        ).format(count=len(check.problems), name=uploaded.name),
        check.problems,
    )
    st.stop()

st.success(sub.preview_summary(checked.changes))
if unsent := sub.unsent_summary(check.left_empty):  # a template's lines left empty
    st.info(unsent)
for sentence in checked.withdrawals:
    st.warning(sentence)
columns = ui.preview_columns()
st.dataframe(sub.preview_shown(checked.changes), hide_index=True, column_config=columns)
note = ui.confirm_warnings(check.warnings)  # docs/file-formats.md "Plausibility warnings"
if st.button(_("Save these figures"), type="primary"):
    try:
        result = sub.commit_submission(
            db, user, check, uploaded.getvalue(), load_settings().submissions_dir, note=note
        )
    except LipmetricsError as exc:
        ui.show_error(exc)
        st.stop()
    ui.clear_caches()
    ui.after_saving(
        result.already_received, result.summary
    )  # the sentence on top, the field emptied
