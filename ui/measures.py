"""Widgets shared by the measure pages (scorecard, metric detail): a metric's card and the
coordinators' forms for targets, baselines and notes. Streamlit lives here, numbers in lipmetrics."""

from __future__ import annotations

import streamlit as st

from lipmetrics.accounts import User
from lipmetrics.errors import LipmetricsError
from lipmetrics.measures import format_value, set_baseline, set_target, write_note
from ui import keys
from ui.data import clear_caches, get_db, sparkline
from ui.errors import show_error
from ui.markdown import text
from ui.widgets import csv_download

STATUS_ICONS = {
    "on track": ":material/check_circle:",
    "ahead": ":material/arrow_circle_up:",
    "behind": ":material/error:",
}
TREND_ARROWS = {"up": "↑", "down": "↓", "flat": "→", "": ""}


def metric_card(card: dict) -> None:
    """One metric's card: latest value, change since baseline, target, trend and status, in words."""
    with st.container(border=True, width=400):
        unit = card["unit"]
        change = None
        if card["change"] is not None:
            change = f"{format_value(card['change'], 'rate' if unit != 'count' else 'count')} since baseline ({card['baseline_period']})"
            change = ("+" if card["change"] > 0 else "") + change
        st.metric(
            text(card["name"]),
            format_value(card["latest_value"], unit),
            delta=change,
            delta_color="normal" if card["direction"] == "higher" else "inverse",
            help=f"{card['metric']}: {'higher' if card['direction'] == 'higher' else 'lower'} is better",
        )
        if len(card["values"]) > 1:  # a small trend line (Plotly: the words below say it too)
            st.plotly_chart(
                sparkline(card["values"], card["periods"]), theme=None,
                config={"staticPlot": True}, key=f"spark_{card['metric']}",
            )  # fmt: skip
        lines = []
        if card["latest_period"]:
            lines.append(f"Latest: **{card['latest_period']}**")
        if card["target"] is not None:
            share = card["percent_of_target"]
            lines.append(
                f"Target {format_value(card['target'], unit)}"
                + (f" · {share:.0f}% of target" if share is not None else "")
            )
        if card["trend"]:
            lines.append(f"{TREND_ARROWS[card['trend']]} {card['trend_text']}")
        if card["kind"] == "population":
            lines.append("Community indicator (third-party data)")
        st.markdown("  \n".join(lines))
        for partner in card["per_partner"] or []:
            st.caption(
                f"{text(partner['partner'])}: {format_value(partner['value'], unit)} in {partner['period']}"
            )
        icon = STATUS_ICONS.get(card["status"], ":material/help:")
        status = card["status"][:1].upper() + card["status"][1:]  # capitalize() would lower "Q4"
        st.markdown(f"{icon} **{text(status)}**")
        if st.button("Details", key=f"details_{card['metric']}", icon=":material/query_stats:"):
            st.session_state[keys.METRIC_KEY] = card["metric"]
            st.switch_page(keys.METRIC_PAGE)


def chart_with_data(figure, table, file_name: str, download=None) -> None:
    """A chart and, under it, the table it draws (its text alternative) with a CSV download of
    ``download`` (default: the table)."""
    st.plotly_chart(figure, theme=None, width="stretch")
    with st.expander("Show the data behind this chart"):
        st.dataframe(table, hide_index=True)
        csv_download(table if download is None else download, file_name)


def story_behind_the_curve(notes) -> None:
    """The coordinators' notes on a metric, one per period, with who wrote them and when."""
    st.subheader("The story behind the curve")
    if notes.empty:
        st.write("No note yet.")
    for row in notes.itertuples():
        st.markdown(f"**{row.period}** — {text(row.note)}")
        st.caption(f"{text(row.username)}, {row.written_at:%Y-%m-%d}")


def working_group_forms(metric: dict, periods: list[str], user: User) -> None:
    """Coordinators' forms: a "story behind the curve" note, the target and the baseline."""
    if notice := st.session_state.pop(keys.MEASURE_NOTICE_KEY, None):
        st.success(notice)
    note_tab, target_tab, baseline_tab = st.tabs(
        ["Write a note", "Set the target", "Set the baseline"]
    )
    with note_tab, st.form(f"note_{metric['code']}"):
        period = st.selectbox("Period", periods[::-1], index=0 if periods else None)
        note = st.text_area(
            "The story behind the curve", placeholder="What explains this period's figure?"
        )
        if st.form_submit_button("Save the note", type="primary"):
            _save(
                lambda: write_note(get_db(), user, metric["code"], period or "", note),
                "Note saved.",
            )
    with target_tab, st.form(f"target_{metric['code']}"):
        value = st.number_input("Target (per reporting period)", min_value=0.0, value=None)
        period = st.text_input(
            "For one period only (leave blank for every period)", placeholder="e.g. 2020-Q2"
        )
        reason = st.text_input("Why", placeholder="e.g. new funding agreement")
        if st.form_submit_button("Save the target", type="primary"):
            if value is None:
                st.error("Write the target value, then press Save the target again.")
            else:
                _save(
                    lambda: set_target(get_db(), user, metric["code"], value, reason, period),
                    "Target saved.",
                )
    with baseline_tab, st.form(f"baseline_{metric['code']}"):
        value = st.number_input("Baseline value", value=None)
        period = st.text_input("Measured in (period)", placeholder="e.g. 2016-Q3")
        reason = st.text_input("Why", key=f"baseline_reason_{metric['code']}")
        if st.form_submit_button("Save the baseline", type="primary"):
            if value is None:
                st.error("Write the baseline value, then press Save the baseline again.")
            else:
                _save(
                    lambda: set_baseline(get_db(), user, metric["code"], value, period, reason),
                    "Baseline saved.",
                )


def _save(action, notice: str) -> None:
    try:
        action()
    except LipmetricsError as exc:
        show_error(exc)
        return
    clear_caches()
    st.session_state[keys.MEASURE_NOTICE_KEY] = notice
    st.rerun()
