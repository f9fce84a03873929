"""The words the reports, the deck, the workbook and meeting mode share, in the current language
(README "Languages"): status counts, a metric card's value, status and trend, a period, a status
record's date. English keeps what lipmetrics has always written; French writes numbers, periods
and dates the fr-CA way (``1 234``, ``4e trimestre 2020``, ``juill. 2020``).
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from lipmetrics.categories import PROGRESS_CATEGORIES
from lipmetrics.i18n import N_, _, format_number, ngettext
from lipmetrics.measures import format_value, period_label, status_words, trend_words
from lipmetrics.plan import plan_year_of


def status_counts(row: pd.Series) -> str:
    """A progress row's status counts in words: "2 complete · 1 in progress · 1 not started"."""
    counts = {
        "not_started": lambda n: ngettext("{count} not started", "{count} not started", n),
        "working_group_formed": lambda n: ngettext(
            "{count} working group formed", "{count} working group formed", n
        ),
        "in_progress": lambda n: ngettext("{count} in progress", "{count} in progress", n),
        "complete": lambda n: ngettext("{count} complete", "{count} complete", n),
        "deferred": lambda n: ngettext("{count} deferred", "{count} deferred", n),
        "unclassified": lambda n: ngettext("{count} needs a person", "{count} need a person", n),
    }
    parts = [
        counts[c](int(row[c])).format(count=format_number(int(row[c])))
        for c in PROGRESS_CATEGORIES
        if row[c]
    ]
    return " · ".join(parts) if parts else _("no project scheduled")


def trend_sentence(card: dict) -> str:
    """A scorecard card's trend in words (``measures.trend_words``), in the current language."""
    return trend_words(card["trend"], int(card["trend_run"] or 0), card["direction"])


# What plans call their top level (README "Command line", import-plan --top-level), marked for
# the catalogs; a name of a plan's own is written as it is.
LEVEL_WORDS = {"pillar": N_("pillar"), "strategic priority": N_("strategic priority"),
               "topic group": N_("topic group")}  # fmt: skip


def level_word(name: str) -> str:
    """A plan's name for its top level, lower case, in the current language when it is known."""
    word = str(name).lower()
    return _(LEVEL_WORDS[word]) if word in LEVEL_WORDS else word


def slide_metric_line(card: dict) -> str:
    """A metric card on a slide: "Name: 1,234 in 2020-Q4 (target 1,500) — on track"."""
    words = {"name": card["name"], "status": status_words(card["status"])}
    if not card["latest_period"]:
        words["value"] = "—"
        if card["target"] is None:
            return _("{name}: {value} — {status}").format(**words)
        target = format_value(card["target"], card["unit"])
        return _("{name}: {value} (target {target}) — {status}").format(target=target, **words)
    words |= {"value": format_value(card["latest_value"], card["unit"]),
              "period": period_label(card["latest_period"])}  # fmt: skip
    if card["target"] is None:
        return _("{name}: {value} in {period} — {status}").format(**words)
    target = format_value(card["target"], card["unit"])
    return _("{name}: {value} in {period} (target {target}) — {status}").format(
        target=target, **words
    )


def plan_years_words(start_year: int, years: int, meeting: date, year: int) -> str:
    """A meeting's plan years, to format with first, last, year and calendar: "now in" only when
    the meeting falls in plan year ``year``, the one shown; a plan whose last year is over says
    it ended (a meeting in 2026 on a 2016–2020 plan), and one not started yet that it starts (a
    meeting in 2025 on a 2026–2030 plan)."""
    if meeting.year < start_year:
        return _(
            "Plan years {first}–{last}, starting in {first}; shown: plan year {year} ({calendar})"
        )
    if plan_year_of(meeting, start_year) > years:
        return _("Plan years {first}–{last}, ended in {last}; shown: plan year {year} ({calendar})")
    if plan_year_of(meeting, start_year) == year:
        return _("Plan years {first}–{last}; now in plan year {year} ({calendar})")
    return _("Plan years {first}–{last}; shown: plan year {year} ({calendar})")


# Which metrics a pillar slide names first when not all fit: those a committee acts on.
ATTENTION_ORDER = ("behind", "waiting for partners")


def attention_first(cards: list[dict]) -> list[dict]:
    """``cards`` (scorecard cards) with the metrics behind target first, then those waiting for
    partners' reports, then the others, each group in the scorecard's order."""
    rank = {status: i for i, status in enumerate(ATTENTION_ORDER)}
    return sorted(cards, key=lambda card: rank.get(card["status"], len(rank)))


def shared_note(count: int, level: str) -> str:
    """The speaker's note of a pillar slide: how many shared metrics inform it."""
    return ngettext("{count} shared metric informs this {level}.",
                    "{count} shared metrics inform this {level}.",
                    count).format(count=format_number(count), level=level_word(level))  # fmt: skip


def received_line(count: int, corrected: int, partners: str) -> str:
    """How many submissions were received, how many of them corrected earlier figures, and from
    which partners (``partners``: their codes, "" for none)."""
    # Two counts: the plural follows the submissions; "{corrected} correcting earlier figures"
    # reads well for any number.
    if not count:
        return _("No submission received")
    sentence = ngettext(
        "{count} submission received ({corrected} correcting earlier figures) from {partners}",
        "{count} submissions received ({corrected} correcting earlier figures) from {partners}",
        count,
    )
    return sentence.format(count=format_number(count), corrected=format_number(corrected),
                           partners=partners)  # fmt: skip


def changes_line(count: int) -> str:
    """How many status changes were recorded since the last meeting ("No status change recorded"
    for none, beside "No submission received")."""
    if not count:
        return _("No status change recorded")
    return ngettext(
        "{count} status change recorded", "{count} status changes recorded", count
    ).format(count=format_number(count))
