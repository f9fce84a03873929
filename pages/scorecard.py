"""Scorecard: are the plan's shared measures on track?"""

from datetime import date

import streamlit as st

import ui
from lipmetrics.i18n import _, format_number, format_percent
from lipmetrics.measures import card_records, status_counts, status_words
from lipmetrics.settings import load_settings
from ui import columns as ui_columns
from ui import measures as ui_measures

ui.require_navigation()
data = ui.selected_plan()
level = data.top_level_label.lower()

st.title(_("Are our shared measures on track?"))
cards = ui.scorecard_cards(data.name, date.today())
margin = round(load_settings().on_track_margin * 100)
st.caption(
    _(
        "{plan} · each card: the latest value of all partners together, its target, the change "
        "since the baseline and the trend. On track = within ±{margin} of the target."
    ).format(plan=ui.text(data.shown_name), margin=ui.text(format_percent(margin / 100)))
)
if cards.empty:
    st.info(
        _(
            "No metric of the catalogue informs a {level} of this plan yet. In the catalogue, the "
            "pillar column of a metric names the {level} it informs (written as in the plan: "
            "{examples}…); a coordinator or an administrator sets it on the Metric catalogue page."
        ).format(
            level=level, examples=", ".join(ui.text(p) for p in data.pillars["pillar"].head(3))
        )
    )
    st.stop()

pillars = list(dict.fromkeys(cards["pillar"]))
chosen = st.pills(
    data.top_level_label, ["All", *pillars], default="All", key=ui.SCORECARD_PILLAR_KEY,
    format_func=ui.said(["All"], lambda p: _("All")),
)  # fmt: skip
counts = status_counts(cards)
st.markdown(" · ".join(f"**{format_number(n)}** {ui.text(status_words(s))}" for s, n in counts))
for pillar in pillars:
    if chosen not in (None, "All", pillar):
        continue
    st.subheader(ui.text(pillar))
    with st.container(horizontal=True, wrap=True, gap="small"):
        for card in card_records(cards[cards["pillar"] == pillar]):
            ui_measures.metric_card(card)

with st.expander(_("Show the data behind these cards")):
    shown = cards.drop(columns=["values", "periods", "per_partner"])
    st.dataframe(
        ui_columns.percents_shown(
            shown.assign(status=shown["status"].map(status_words)), ["percent_of_target"], 100
        ),
        hide_index=True,
        column_config=ui_columns.scorecard_columns(),
    )
    ui.csv_download(shown, "scorecard.csv")
