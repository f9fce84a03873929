"""What committing a checked file would add and change, before it is committed."""

from __future__ import annotations

import pandas as pd

from lipmetrics.accounts import User, require
from lipmetrics.i18n import _, format_number, format_numbers, ngettext, pgettext
from lipmetrics.measures import breakdown_words
from lipmetrics.store import Database
from lipmetrics.submissions.breakdowns import line_list, number_text
from lipmetrics.submissions.ledger import current_values, withdrawn_breakdowns
from lipmetrics.submissions.validate import SubmissionCheck


def _values_now(db: Database, user: User, check: SubmissionCheck) -> pd.DataFrame:
    """The values in force of the partner ``check`` is for, once ``user`` may send for it."""
    require(user, "submit_metrics", check.partner_code)
    return current_values(db, user, check.partner_code)


def preview(db: Database, user: User, check: SubmissionCheck) -> pd.DataFrame:
    """What committing ``check`` as ``user`` would add and change: metric, period, breakdown,
    old_value, new_value, change ("new", "changed" or "same"). Raise
    :class:`~lipmetrics.errors.PermissionDeniedError` when ``user`` may not send for its partner."""
    old = _values_now(db, user, check).rename(columns={"value": "old_value"})
    merged = check.rows.merge(
        old[["metric", "period", "breakdown", "old_value"]],
        on=["metric", "period", "breakdown"],
        how="left",
    )
    merged["change"] = "changed"
    merged.loc[merged["old_value"].isna(), "change"] = "new"
    merged.loc[merged["old_value"] == merged["value"], "change"] = "same"
    return merged.rename(columns={"value": "new_value"})[
        ["line", "metric", "period", "breakdown", "old_value", "new_value", "change"]
    ]


def preview_shown(changes: pd.DataFrame) -> pd.DataFrame:
    """A :func:`preview` as the page shows it, in the session's language: the change in words,
    the values written its way (``1 234,5`` in French; no value now: empty)."""
    words = {
        "new": pgettext("value change", "new"),
        "changed": pgettext("value change", "changed"),
        "same": pgettext("value change", "same"),
    }
    return changes.assign(
        change=changes["change"].map(words),
        old_value=format_numbers(changes["old_value"]),
        new_value=format_numbers(changes["new_value"]),
    )


def preview_summary(changes: pd.DataFrame) -> str:
    """One sentence about a :func:`preview`: how many values are new, changed or the same."""
    counts = changes["change"].value_counts()
    # Each part is a count after its label, so that no word has to agree with a number but the
    # first, which ngettext gives (French: "1 valeur", "2 valeurs").
    sentence = ngettext(
        "No problem found: {count} value — new: {new}; changing a value already sent: {changed}; "
        "unchanged: {same}.",
        "No problem found: {count} values — new: {new}; changing a value already sent: "
        "{changed}; unchanged: {same}.",
        len(changes),
    )
    return sentence.format(
        count=format_number(len(changes)), new=format_number(counts.get("new", 0)),
        changed=format_number(counts.get("changed", 0)), same=format_number(counts.get("same", 0)),
    )  # fmt: skip


def unsent_summary(left_empty: tuple[int, ...]) -> str:
    """That the lines a file left with no value and no note are not sent, naming them ("" when
    there are none): a template lists every period owed, and a partner fills in what it sends."""
    if not left_empty:
        return ""
    sentence = ngettext(
        "{count} line has no value, so it is not sent: {lines}. Fill in its value to send it.",
        "{count} lines have no value, so they are not sent: {lines}. Fill in their values to "
        "send them.",
        len(left_empty),
    )
    return sentence.format(count=format_number(len(left_empty)), lines=line_list(list(left_empty)))


def _withdrawn_words(rows: pd.DataFrame, sent: set[str]) -> tuple[str, bool]:
    """One breakdown's withdrawn values in words, and whether that is the whole breakdown (the
    file sends none of its categories): "the earlier gender breakdown (5 values)", or "the
    earlier gender value for man"."""
    names = breakdown_words(rows["breakdown"].iat[0])[0]
    count = len(rows)
    if names not in sent:
        words = ngettext(
            "the earlier {names} breakdown ({count} value)",
            "the earlier {names} breakdown ({count} values)",
            count,
        )
        return words.format(names=names, count=count), True
    categories = ", ".join(breakdown_words(key)[1] for key in rows["breakdown"])
    words = ngettext(
        "the earlier {names} value for {categories}",
        "the earlier {names} values for {categories}",
        count,
    )
    return words.format(names=names, categories=categories), False


def _withdrawal(new_total: bool, several: bool) -> str:
    """The sentence of what a file's total withdraws: for a total where there was none
    (``new_total``) or a changed one, of one value or breakdown, or ``several``."""
    if new_total and not several:
        return _(
            "This file gives a total of {metric} for {period} ({new}) where there was none; "
            "{withdrawn} will be withdrawn because the file does not send it again."
        )
    if new_total:
        return _(
            "This file gives a total of {metric} for {period} ({new}) where there was none; "
            "{withdrawn} will be withdrawn because the file does not send them again."
        )
    if not several:
        return _(
            "This file changes the total of {metric} for {period} from {old} to {new}; "
            "{withdrawn} will be withdrawn because the file does not send it again."
        )
    return _(
        "This file changes the total of {metric} for {period} from {old} to {new}; "
        "{withdrawn} will be withdrawn because the file does not send them again."
    )


def withdrawals(db: Database, user: User, check: SubmissionCheck) -> list[str]:
    """What committing ``check`` as ``user`` withdraws, one sentence per metric and period whose
    total it sends new or changed while the partner's earlier breakdown of it is not sent again
    (see :func:`~lipmetrics.submissions.ledger.withdrawn_breakdowns`)."""
    withdrawn = withdrawn_breakdowns(_values_now(db, user, check), check.rows)
    if withdrawn.empty:
        return []
    withdrawn = withdrawn.assign(names=withdrawn["breakdown"].map(lambda k: breakdown_words(k)[0]))
    sentences = []
    for (metric, period), rows in withdrawn.groupby(["metric", "period"], sort=True):
        in_file = check.rows[(check.rows["metric"] == metric) & (check.rows["period"] == period)]
        sent = {breakdown_words(key)[0] for key in in_file["breakdown"]}
        parts = [_withdrawn_words(part, sent) for _name, part in rows.groupby("names", sort=True)]
        new, old = number_text(rows["new_total"].iat[0]), rows["old_total"].iat[0]
        several = not (len(parts) == 1 and (parts[0][1] or len(rows) == 1))
        words = [part for part, _whole in parts]
        while len(words) > 1:
            words[-2:] = [_("{earlier} and {later}").format(earlier=words[-2], later=words[-1])]
        sentence = _withdrawal(pd.isna(old), several).format(
            metric=metric, period=period, new=new, withdrawn=words[0],
            old="" if pd.isna(old) else number_text(old),
        )  # fmt: skip
        sentences.append(sentence)
    return sentences
