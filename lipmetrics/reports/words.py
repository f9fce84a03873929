"""The words the reports, the deck, the workbook and meeting mode share, in the current language
(README "Languages"): status counts, a metric card's value, status and trend, a period, a status
record's date. English keeps what lipmetrics has always written; French writes numbers, periods
and dates the fr-CA way (``1 234``, ``4e trimestre 2020``, ``juill. 2020``).
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from lipmetrics.categories import PROGRESS_CATEGORIES
from lipmetrics.i18n import (
    N_,
    _,
    current_language,
    format_fiscal_year,
    format_month,
    format_number,
    format_percent,
    format_quarter,
    ngettext,
)
from lipmetrics.measures.periods import parse_period


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


# The scorecard's fixed status words, marked for the catalogs (lipmetrics.measures stays English);
# a status it composes ("no data for 2024-Q3: …") is shown as it comes.
CARD_STATUS = {
    "on track": N_("on track"),
    "ahead": N_("ahead"),
    "behind": N_("behind"),
    "no target set": N_("no target set"),
    "no data yet": N_("no data yet"),
    "shown per partner: these values cannot be added up": N_(
        "shown per partner: these values cannot be added up"
    ),
}


def card_status(status: str) -> str:
    """A metric card's status in the current language (a composed one as it comes)."""
    return _(CARD_STATUS[status]) if status in CARD_STATUS else status


def card_value(value: float, unit: str) -> str:
    """A metric's value in the current language, as ``measures.format_value`` writes it in
    English: ``1,234`` / ``1 234``, ``45.2%`` / ``45,2 %``, ``$1,200`` / ``1 200 $``, ``8.1``."""
    if unit == "percent":
        return format_percent(value / 100, 1)
    if unit == "currency":
        return _("${amount}").format(amount=format_number(value, 0))
    whole = unit != "rate" and float(value).is_integer()
    return format_number(value, 0 if whole else 1)


def trend_sentence(card: dict) -> str:
    """The trend in words as ``measures.trend_words`` writes it, in the current language."""
    moved, run = card["trend"], int(card["trend_run"] or 0)
    if not moved:
        return _("not enough periods for a trend")
    if moved == "flat":
        words = ngettext("unchanged for {count} period", "unchanged for {count} periods", run)
    elif (moved == "up") == (card["direction"] == "higher"):
        words = ngettext("improving for {count} period", "improving for {count} periods", run)
    else:
        words = ngettext("worsening for {count} period", "worsening for {count} periods", run)
    return words.format(count=format_number(run))


def period_words(code: str) -> str:
    """A period code in the current language: English keeps the code (``2020-Q4``); French
    writes ``4e trimestre 2020``, ``septembre 2024``, ``exercice 2024-25`` (a year stays ``2024``;
    text that is no period comes back as it is)."""
    period = parse_period(str(code)) if current_language() != "en" else None
    if period is None or period.kind == "year":
        return str(code)
    if period.kind == "quarter":
        return format_quarter(period.start.year, (period.start.month + 2) // 3)
    if period.kind == "month":
        return format_month(period.start.year, period.start.month)
    return format_fiscal_year(period.start.year)


def status_date_words(when: date | None, precision: str | None, effective: date) -> str:
    """A status record's date at the precision it was given: ``2020``, ``Jul 2020`` /
    ``juill. 2020``, ``2021-03-20``; a record that named no date: ``as of 2021-01-01``."""
    if when is None or pd.isna(when):
        return _("as of {date}").format(date=pd.Timestamp(effective).date().isoformat())
    when = pd.Timestamp(when).date()
    if precision == "year":
        return str(when.year)
    if precision == "month":
        return format_month(when.year, when.month, abbreviated=True)
    return when.isoformat()


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
    words = {"name": card["name"], "status": card_status(card["status"])}
    if not card["latest_period"]:
        words["value"] = "—"
        if card["target"] is None:
            return _("{name}: {value} — {status}").format(**words)
        target = card_value(card["target"], card["unit"])
        return _("{name}: {value} (target {target}) — {status}").format(target=target, **words)
    words |= {"value": card_value(card["latest_value"], card["unit"]),
              "period": period_words(card["latest_period"])}  # fmt: skip
    if card["target"] is None:
        return _("{name}: {value} in {period} — {status}").format(**words)
    target = card_value(card["target"], card["unit"])
    return _("{name}: {value} in {period} (target {target}) — {status}").format(
        target=target, **words
    )
