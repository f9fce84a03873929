"""Widgets shared by the measure pages (scorecard, metric detail): a metric's card and the
coordinators' forms for targets, baselines and notes. Streamlit lives here, numbers in lipmetrics."""

from __future__ import annotations

import streamlit as st

from lipmetrics.accounts import User
from lipmetrics.errors import LipmetricsError
from lipmetrics.i18n import N_, _, format_number, format_percent, ngettext, pgettext
from lipmetrics.measures import (
    change_words,
    format_value,
    meaning_words,
    period_label,
    set_baseline,
    set_target,
    status_words,
    write_note,
)
from ui import keys
from ui.columns import TABLE_HEADINGS, headings
from ui.data import clear_caches, get_db, sparkline
from ui.errors import show_error
from ui.markdown import text
from ui.widgets import csv_download

STATUS_ICONS = {
    "on track": ":material/check_circle:",
    "ahead": ":material/arrow_circle_up:",
    "behind": ":material/error:",
    "waiting for partners": ":material/hourglass_top:",
}
TREND_ARROWS = {"up": "↑", "down": "↓", "flat": "→", "": ""}


def metric_card(card: dict) -> None:
    """One metric's card: latest value, change since baseline, target, trend and status, in words."""
    with st.container(border=True, width=400):
        unit = card["unit"]
        # The name above the figure, whole: st.metric's own label cuts a long name with "…".
        st.markdown(
            f"**{text(card['name'])}**",
            help=(_("{metric}: higher is better") if card["direction"] == "higher"
                  else _("{metric}: lower is better")).format(metric=card["metric"]),
        )  # fmt: skip
        st.metric(
            text(card["name"]),
            format_value(card["latest_value"], unit),
            delta=_change(card),
            delta_color=_change_colour(card),
            label_visibility="collapsed",
        )
        if len(card["values"]) > 1:  # a small trend line (Plotly: the words below say it too)
            st.plotly_chart(
                sparkline(card["values"], card["periods"]), theme=None,
                config={"staticPlot": True}, key=f"spark_{card['metric']}",
            )  # fmt: skip
        st.markdown("  \n".join(_card_lines(card)))
        for partner in card["per_partner"] or []:
            st.caption(
                _("{partner}: {value} in {period}").format(
                    partner=text(partner["partner"]), value=format_value(partner["value"], unit),
                    period=period_label(partner["period"]),
                )
            )  # fmt: skip
        icon = STATUS_ICONS.get(card["status"], ":material/help:")
        status = status_words(card["status"])
        status = status[:1].upper() + status[1:]  # capitalize() would lower "Q4"
        st.markdown(f"{icon} **{text(status)}**")
        if st.button(_("Details"), key=f"details_{card['metric']}", icon=":material/query_stats:"):
            st.session_state[keys.METRIC_KEY] = card["metric"]
            st.switch_page(keys.METRIC_PAGE)


def _change(card: dict) -> str | None:
    """The change since the baseline in words (:func:`lipmetrics.measures.change_words`)."""
    if card["change"] is None:
        return None
    return change_words(card["change"], card["unit"], period_label(card["baseline_period"]))


def _partial(card: dict) -> bool:
    """Whether the card's latest total adds up only some of the partners that report it."""
    reported, expected = card.get("partners_reported"), card.get("partners_expected")
    return reported is not None and expected is not None and reported < expected


def _change_colour(card: dict) -> str:
    """The change since baseline in green when it goes the better way, red when the worse; grey
    while the latest total lacks partners (a fall caused by a late report is not a decline, and
    the status gives no verdict either: "waiting for partners' reports")."""
    if _partial(card):
        return "off"
    return "normal" if card["direction"] == "higher" else "inverse"


def _card_lines(card: dict) -> list[str]:
    """The card's lines under its figure: latest period, target and its share, trend, kind."""
    lines = []
    if card["latest_period"]:
        lines.append(_("Latest: **{period}**").format(period=period_label(card["latest_period"])))
    if _partial(card):
        lines.append(
            partly_reported(int(card["partners_reported"]), int(card["partners_expected"]))
        )
    if card["target"] is not None:
        target = format_value(card["target"], card["unit"])
        share = card["percent_of_target"]
        lines.append(
            _("Target {target}").format(target=target)
            if share is None
            else _("Target {target} · {share} of target").format(
                target=target, share=format_percent(share / 100)
            )
        )
    if card["trend"]:
        lines.append(f"{TREND_ARROWS[card['trend']]} {card['trend_text']}")
    if card["kind"] == "population":
        lines.append(_("Community indicator (third-party data)"))
    return lines


def partly_reported(count: int, expected: int) -> str:
    """That a total adds up only some of its partners so far (a fall may only be a late report)."""
    sentence = ngettext(  # the noun goes with how many are expected: "0 of 1 partner"
        "Reported by {count} of {expected} partner so far",
        "Reported by {count} of {expected} partners so far",
        expected,
    ).format(count=format_number(count), expected=format_number(expected))
    return f":material/hourglass_top: {sentence}"


# A metric's unit and reporting frequency as its caption says them (stored English in the catalogue).
UNIT_WORDS = {"count": N_("count"), "percent": N_("percent"), "currency": N_("currency"),
              "rate": N_("rate")}  # fmt: skip


def metric_caption(metric: dict) -> str:
    """The metric page's caption: its definition, unit, which way is better, who reports it."""
    words = {
        "definition": text(metric["definition"] or ""),
        "unit": _(UNIT_WORDS[metric["unit"]]) if metric["unit"] in UNIT_WORDS else metric["unit"],
        "frequency": _frequency_words(metric["frequency"]),
        "partners": text(metric["partners"].replace(";", ", ")),
    }
    higher = metric["direction"] == "higher"
    if not metric["partners"]:
        return (_("{definition} · {unit}, higher is better, reported {frequency} by a third party")
                if higher else
                _("{definition} · {unit}, lower is better, reported {frequency} by a third party")
                ).format(**words)  # fmt: skip
    return (_("{definition} · {unit}, higher is better, reported {frequency} by {partners}")
            if higher else
            _("{definition} · {unit}, lower is better, reported {frequency} by {partners}")
            ).format(**words)  # fmt: skip


def _frequency_words(frequency: str) -> str:
    """How often a metric is reported, as the caption's "reported … by" says it."""
    words = {"annual": pgettext("reported", "annually"),
             "quarterly": pgettext("reported", "quarterly"),
             "monthly": pgettext("reported", "monthly")}  # fmt: skip
    return words.get(frequency, frequency)


def withheld_lines(withheld) -> None:
    """The periods a third party did not publish, each with the source's reason (Statistics
    Canada's legend in the reader's language)."""
    for row in withheld.itertuples():
        st.write(
            _("{period}: no value — {meaning} ({flag}).").format(
                period=period_label(row.period),
                meaning=text(meaning_words(row.flag_meaning)),
                flag=text(row.flag),
            )
        )


def table_headings() -> dict:
    """The headings of the metric page's tables, in the current language."""
    return headings(TABLE_HEADINGS)


def reporting_figures(latest, overdue: int) -> None:
    """The reporting page's figures for the latest period: reported, on time, overdue reports."""
    left, middle, right = st.columns(3)
    expected = format_number(latest["expected"])
    left.metric(
        _("Reported for {period}").format(period=period_label(latest["period"])),
        _("{count} of {expected}").format(
            count=format_number(latest["reported"]), expected=expected
        ),
    )
    middle.metric(
        _("On time"),
        _("{count} of {expected}").format(
            count=format_number(latest["on_time"]), expected=expected
        ),
    )
    right.metric(_("Overdue reports"), format_number(overdue))


def chart_with_data(figure, table, file_name: str, download=None) -> None:
    """A chart and, under it, the table it draws (its text alternative) with a CSV download of
    ``download`` (default: the table)."""
    st.plotly_chart(figure, theme=None, width="stretch")
    with st.expander(_("Show the data behind this chart")):
        st.dataframe(table, hide_index=True, column_config=headings(TABLE_HEADINGS))
        csv_download(table if download is None else download, file_name)


def story_behind_the_curve(notes) -> None:
    """The coordinators' notes on a metric, one per period, with who wrote them and when."""
    st.subheader(_("The story behind the curve"))
    if notes.empty:
        st.write(_("No note yet."))
    for row in notes.itertuples():
        st.markdown(f"**{period_label(row.period)}** — {text(row.note)}")
        st.caption(f"{text(row.username)}, {row.written_at:%Y-%m-%d}")


def working_group_forms(metric: dict, periods: list[str], user: User) -> None:
    """Coordinators' forms: a "story behind the curve" note, the target and the baseline."""
    if notice := st.session_state.pop(keys.MEASURE_NOTICE_KEY, None):
        st.success(notice)
    note_tab, target_tab, baseline_tab = st.tabs(
        [_("Write a note"), _("Set the target"), _("Set the baseline")]
    )
    with note_tab, st.form(f"note_{metric['code']}"):
        period = st.selectbox(
            _("Period"), periods[::-1], index=0 if periods else None,
            placeholder=_("No period has figures yet"),
        )  # fmt: skip
        note = st.text_area(
            _("The story behind the curve"), placeholder=_("What explains this period's figure?")
        )
        if st.form_submit_button(_("Save the note"), type="primary"):
            _save(
                lambda: write_note(get_db(), user, metric["code"], period or "", note),
                _("Note saved."),
            )
    with target_tab, st.form(f"target_{metric['code']}"):
        value = st.number_input(_("Target (per reporting period)"), min_value=0.0, value=None)
        period = st.text_input(
            _("For one period only (leave blank for every period)"),
            placeholder=_("e.g. {period}").format(period="2020-Q2"),
        )
        reason = st.text_input(_("Why"), placeholder=_("e.g. new funding agreement"))
        if st.form_submit_button(_("Save the target"), type="primary"):
            if value is None:
                st.error(_("Write the target value, then press Save the target again."))
            else:
                _save(
                    lambda: set_target(get_db(), user, metric["code"], value, reason, period),
                    _("Target saved."),
                )
    with baseline_tab, st.form(f"baseline_{metric['code']}"):
        value = st.number_input(_("Baseline value"), value=None)
        period = st.text_input(
            _("Measured in (period)"), placeholder=_("e.g. {period}").format(period="2016-Q3")
        )
        reason = st.text_input(_("Why"), key=f"baseline_reason_{metric['code']}")
        if st.form_submit_button(_("Save the baseline"), type="primary"):
            if value is None:
                st.error(_("Write the baseline value, then press Save the baseline again."))
            else:
                _save(
                    lambda: set_baseline(get_db(), user, metric["code"], value, period, reason),
                    _("Baseline saved."),
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
