"""Community data: bring a Statistics Canada table in as a population indicator."""

import streamlit as st

import ui
from lipmetrics.errors import LipmetricsError
from lipmetrics.i18n import _, ngettext
from lipmetrics.measures import (
    import_indicator,
    read_statcan,
    select_series,
    withheld_periods,
)

ui.require_navigation()
user = ui.require_permission("manage_targets")

st.title(_("Bring in community data from Statistics Canada"))
st.caption(
    _(
        "On the table's page choose “Download options” → “CSV: download entire table”, unzip it, "
        "and upload the data file. Pick the series that feeds one of the catalogue's population "
        "indicators."
    )
)
catalogue = ui.metric_catalogue()
indicators = catalogue[catalogue["kind"] == "population"]
if indicators.empty:
    st.info(
        _(
            "The catalogue has no population indicator (kind “population”) to feed yet: add one "
            "on the Metric catalogue page, then come back here."
        )
    )
    st.stop()
names = dict(zip(indicators["code"], indicators["name"], strict=True))
metric = st.selectbox(_("Indicator"), list(names), format_func=lambda c: f"{names[c]} ({c})")
uploaded = ui.file_field(_("Statistics Canada table (CSV)"), ["csv"])
if uploaded is None:
    st.stop()
try:
    table = read_statcan(uploaded.getvalue(), uploaded.name)
except LipmetricsError as exc:
    ui.show_error(exc)
    st.stop()
choices = table.choices()
geo = st.selectbox(_("Geography (GEO)"), choices["GEO"])
columns = st.columns(min(3, max(1, len(table.dimensions))))
members = {
    dimension: columns[i % len(columns)].selectbox(dimension, choices[dimension])
    for i, dimension in enumerate(table.dimensions)
}
try:
    series = select_series(table, geo, members)
except LipmetricsError as exc:
    ui.show_error(exc)
    st.stop()
st.dataframe(
    series, hide_index=True,
    column_config={"period": _("Period"), "value": _("Value"), "flag": _("Flag"),
                   "flag_meaning": _("meaning of the flag")},
)  # fmt: skip
withheld = withheld_periods(series)
if withheld:
    st.caption(
        ngettext(
            "{count} period withheld by the source is kept as missing, with the reason.",
            "{count} periods withheld by the source are kept as missing, with the reason.",
            withheld,
        ).format(count=withheld)
    )
source = st.text_input(_("Source (shown with the indicator)"), value=uploaded.name)
if st.button(_("Import this series"), type="primary"):
    try:
        count = import_indicator(
            ui.get_db(), user, metric, uploaded.getvalue(), uploaded.name, geo, members, source
        )
    except LipmetricsError as exc:
        ui.show_error(exc)
        st.stop()
    ui.clear_caches()
    st.success(
        ngettext(
            "Imported {count} period of {metric}.", "Imported {count} periods of {metric}.", count
        ).format(count=count, metric=metric)
    )
