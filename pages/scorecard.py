"""Scorecard: are the plan's shared measures on track?"""

from datetime import date

import streamlit as st

import ui
from lipmetrics.measures import card_records, status_counts
from lipmetrics.settings import load_settings
from ui import measures as ui_measures

ui.require_navigation()
data = ui.selected_plan()
level = data.top_level_name.lower()

st.title("Are our shared measures on track?")
cards = ui.scorecard_cards(data.name, date.today())
margin = round(load_settings().on_track_margin * 100)
st.caption(
    f"{ui.text(data.name)} · each card: the latest value of all partners together, its target, "
    f"the change since the baseline and the trend. On track = within ±{margin}% of the target."
)
if cards.empty:
    st.info(
        f"No metric of the catalogue informs a {level} of this plan yet. In the catalogue, the "
        f"pillar column of a metric names the {level} it informs (written as in the plan: "
        f"{', '.join(ui.text(p) for p in data.pillars['pillar'].head(3))}…); a coordinator or "
        "an administrator sets it on the Metric catalogue page."
    )
    st.stop()

pillars = list(dict.fromkeys(cards["pillar"]))
chosen = st.pills(
    data.top_level_name, ["All", *pillars], default="All", key=ui.SCORECARD_PILLAR_KEY,
)  # fmt: skip
st.markdown(" · ".join(f"**{count}** {ui.text(status)}" for status, count in status_counts(cards)))
for pillar in pillars:
    if chosen not in (None, "All", pillar):
        continue
    st.subheader(ui.text(pillar))
    with st.container(horizontal=True, wrap=True, gap="small"):
        for card in card_records(cards[cards["pillar"] == pillar]):
            ui_measures.metric_card(card)

with st.expander("Show the data behind these cards"):
    st.dataframe(
        cards.drop(columns=["values", "periods", "per_partner"]),
        hide_index=True,
        column_config={"percent_of_target": st.column_config.NumberColumn(format="%.0f%%")},
    )
    ui.csv_download(cards.drop(columns=["values", "periods", "per_partner"]), "scorecard.csv")
