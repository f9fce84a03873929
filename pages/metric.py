"""Metric detail: how has one shared measure moved, against its target, by partner and breakdown?"""

import streamlit as st

import ui
from lipmetrics.i18n import _, format_number, shown_columns
from lipmetrics.measures import VIEWS, target_history
from lipmetrics.reports import charts
from lipmetrics.settings import load_settings
from ui import measures as ui_measures

ui.require_navigation()
user = ui.current_user()
st.title(_("How has this measure moved?"))
catalogue = ui.metric_catalogue()
if catalogue.empty:
    st.info(
        _(
            "The metric catalogue is empty: a coordinator or an administrator adds the shared "
            "measures on the Metric catalogue page."
        )
    )
    st.stop()
names = dict(zip(catalogue["code"], shown_columns(catalogue, ["name"])["name"], strict=True))
if st.session_state.get(ui.METRIC_KEY) not in names:
    st.session_state[ui.METRIC_KEY] = catalogue["code"].iloc[0]
left, right = st.columns([1, 1.2])  # the three period choices whole at 1024 px
code = left.selectbox(
    _("Metric"), list(names), format_func=lambda c: f"{names[c]} ({c})", key=ui.METRIC_KEY
)
view = (
    right.segmented_control(
        _("Periods"),
        list(VIEWS),
        format_func=ui.said(VIEWS, lambda v: _(VIEWS[v])),
        default="reported",
        key=ui.METRIC_VIEW_KEY,
    )
    or "reported"
)
detail = ui.metric_page_data(code, view, user)  # as this user may see it: small counts or not
metric = detail.metric
st.caption(ui_measures.metric_caption(metric))
if detail.source:
    st.caption(_("Source: {source}").format(source=ui.text(detail.source)))

if detail.combinable and not detail.series.empty:
    st.plotly_chart(
        charts.metric_trend(detail.series, metric["name"], metric["unit"]),
        theme=None,
        width="stretch",
    )
    with st.expander(_("Show the data behind this chart")):
        st.write(charts.metric_text_alternative(metric["name"], detail.series, metric["unit"]))
        st.dataframe(detail.series, hide_index=True, column_config=ui_measures.table_headings())
        ui.csv_download(detail.series, f"{code}-series.csv")
elif not detail.combinable:
    st.info(
        _(
            "These percentages come from several partners and cannot be added up: each partner's "
            "line is shown below."
        )
    )
else:
    st.info(_("No value has been reported for this metric yet."))
ui_measures.withheld_lines(detail.withheld)

if detail.several_partners or not detail.combinable:
    figure = charts.partner_lines(detail.by_partner, metric["unit"])
    ui_measures.chart_with_data(figure, detail.by_partner, f"{code}-by-partner.csv")
if not detail.breakdown.empty:
    figure = charts.breakdown_bars(detail.breakdown, detail.breakdown_period, metric["unit"])
    # The download is the protected table for everyone: an export leaves the app.
    ui_measures.chart_with_data(
        figure, detail.breakdown_table, f"{code}-breakdown.csv", detail.breakdown_export
    )
    threshold = load_settings().small_cell
    st.caption(
        _(
            "Counts under {threshold} show as “<{threshold}” (and one more cell is hidden where a "
            "total would reveal them) to everyone but coordinators, and in every download."
        ).format(threshold=format_number(threshold))
    )

ui_measures.story_behind_the_curve(detail.notes)
if user is not None and user.can("manage_targets"):
    ui_measures.working_group_forms(metric, detail.series["period"].tolist(), user)
    with st.expander(_("History of the target and baseline")):
        st.dataframe(target_history(ui.get_db(), code), hide_index=True)
