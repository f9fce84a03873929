"""My reporting (partner accounts' home): what has our organisation sent, and what is still due?"""

from datetime import date

import streamlit as st

import ui
from lipmetrics import submissions as sub
from lipmetrics.i18n import _
from lipmetrics.measures import list_partners
from lipmetrics.settings import load_settings

ui.require_navigation()
user = ui.require_permission("submit_metrics")
if user.partner_code is None:
    st.error(_("This page is for partner accounts: coordinators see every partner on Reporting."))
    st.stop()
db = ui.get_db()
partner = user.partner_code
days = load_settings().report_due_days

st.title(_("What has our organisation sent, and what is still due?"))
names = dict(list_partners(db)[["code", "name"]].itertuples(index=False))
st.caption(
    _("For {name} ({code}) · each report is due {days} days after its period ends.").format(
        name=ui.text(names.get(partner, partner)), code=ui.text(partner), days=days
    )
)
reports = ui.reports_of_partner(user, partner, date.today())
if reports.empty:
    st.info(
        _(
            "No report is expected from your organisation yet: the catalogue lists none of its "
            "metrics, or none of their periods has ended. You can still send figures on the Send "
            "figures page; ask the working group if a metric of yours is missing."
        )
    )
    st.stop()

for column, (status, count) in zip(
    st.columns(len(sub.STATUSES)), sub.report_counts(reports).items(), strict=True
):
    column.metric(sub.status_word(status).capitalize(), count, help=_(sub.STATUS_HELP[status]))

st.subheader(_("Send what is due"))
ui.template_downloads(user, partner, choose=False)
st.page_link("pages/submit.py", label=_("Upload it on Send figures"), icon=":material/upload:")

st.subheader(_("Every report, period by period"))
st.dataframe(
    sub.statuses_shown(reports),
    hide_index=True,
    placeholder="",  # not sent or never replaced: an empty cell, not "None"
    column_order=["period", "metric_name", "status", "due", "sent_on", "replaced_sent_on"],
    column_config=ui.report_columns(),
)
st.markdown("\n".join(f"- **{sub.status_word(s)}**: {_(sub.STATUS_HELP[s])}" for s in sub.STATUSES))
ui.csv_download(reports, f"{partner}-reporting.csv")
