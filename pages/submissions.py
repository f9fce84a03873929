"""Submissions: who sent which figures, when, and which values are in force?"""

import streamlit as st

import ui
from lipmetrics.errors import LipmetricsError
from lipmetrics.files import to_csv_bytes
from lipmetrics.i18n import _
from lipmetrics.submissions import submission_values, submissions, value_history
from ui import columns as ui_columns

ui.require_navigation()
user = ui.require_permission("submit_metrics")
db = ui.get_db()

st.title(_("Which figures have been sent?"))
# lipmetrics shows each account only the partners it may see (README "Partner submissions").
partner = None
if user.role == "partner":
    st.caption(_("Submissions of {partner}").format(partner=ui.text(user.partner_code)))
    ui.corrections_note()
else:
    choices = sorted(submissions(db, user)["partner_code"].unique())
    partner = st.selectbox(
        _("Partner"), choices, index=None, placeholder=_("Every partner"), width=400
    )

ledger = submissions(db, user, partner)
if ledger.empty and partner is None:
    st.info(_(
        "No figures have been sent yet: a partner sends them on the Send figures page (a "
        "coordinator can send them there on a partner's behalf)."
    ))  # fmt: skip
    st.stop()
st.dataframe(
    ledger.drop(columns=["sha256"]), hide_index=True, placeholder="",  # no note: empty, not "None"
    column_config={
        "id": _("Submission"), "partner_code": _("Partner"), "username": _("Sent by"),
        "submitted_at": st.column_config.DatetimeColumn(_("Sent (UTC)"), format="YYYY-MM-DD HH:mm"),
        "file_name": _("File"), "row_count": _("Lines"), "state": ui_columns.state_column(),
        "values_in_force": _("Values in force"), "note": st.column_config.TextColumn(
            _("Note"), help=_("The note that confirmed unusual values when the file was sent")
        ),
    },
)  # fmt: skip
ui.csv_download(ledger, "submissions.csv", _("Download the submissions (CSV)"))

st.subheader(_("Every value, with its history"))
history = value_history(db, user, partner)
value_columns = {
    "metric": _("Metric"), "partner": _("Partner"), "period": _("Period"),
    "breakdown": _("Breakdown"), "value": _("Value"), "state": ui_columns.state_column(),
    "submission_id": _("Submission"), "superseded_by": _("Superseded by submission"),
    "submitted_at": st.column_config.DatetimeColumn(_("Sent (UTC)"), format="YYYY-MM-DD HH:mm"),
}  # fmt: skip
shown = ui_columns.numbers_shown(history, ["value"])  # fr-CA numbers in French
st.dataframe(shown, hide_index=True, column_config=value_columns, placeholder="")
st.download_button(
    _("Download these values (CSV)"), to_csv_bytes(history), "lipmetrics-values.csv", "text/csv"
)

st.subheader(_("One submission's values"))
if asked := st.text_input(_("Submission number"), placeholder=_("e.g. 12"), width=200):
    try:
        values = submission_values(db, user, asked)
        shown = ui_columns.numbers_shown(values, ["value"])
        st.dataframe(shown, hide_index=True, column_config=value_columns, placeholder="")
    except LipmetricsError as exc:
        ui.show_error(exc)

ui.withdraw_or_restore(db, user, ledger)
