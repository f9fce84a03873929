"""Small-cell protection: counts below a threshold in a breakdown are not shown (docs/definitions.md).

Newcomer data in a small city can identify a family. A count from 1 to threshold − 1 in a
breakdown is shown as "<5" (primary suppression). Where a breakdown's total is shown and only one
of its categories is hidden, the total minus the others would give it away, so the smallest other
category is hidden too (complementary suppression); if there is no other category, the total is
hidden instead. Coordinators and admins see every number (:func:`sees_small_counts`); everyone
else, every export and meeting mode see the protected table.
"""

from __future__ import annotations

import pandas as pd

from lipmetrics.accounts import User
from lipmetrics.measures.rules import format_value
from lipmetrics.settings import DEFAULTS

HIDDEN = "hidden"  # a complementary cell: not small itself, hidden so a small one stays hidden


def sees_small_counts(user: User | None) -> bool:
    """True when ``user`` may see a breakdown's small counts: their role allows
    ``see_small_counts`` (coordinators and admins). Nobody signed in never does."""
    return user is not None and user.can("see_small_counts")


def _dimensions(breakdown: str) -> str:
    """The breakdown names of a key, e.g. "age_group;gender" for "age_group=15-24;gender=woman"."""
    return ";".join(part.split("=", 1)[0] for part in breakdown.split(";") if part)


def suppress_small_cells(frame: pd.DataFrame, threshold: int = DEFAULTS.small_cell) -> pd.DataFrame:
    """Return ``frame`` with ``suppressed`` (bool) and ``shown`` (text) columns added.

    In: breakdown ("" for the total), value, and the columns that identify one table (metric,
    partner, period…: every other column). ``shown`` is the value as text, ``<5`` for a small
    count, or ``hidden`` for a complementary cell.
    """
    groups = [c for c in frame.columns if c not in ("breakdown", "value")]
    out = frame.reset_index(drop=True)  # a fresh index: cells are marked by position
    out["suppressed"] = (out["value"] > 0) & (out["value"] < threshold)
    small = out["suppressed"].copy()
    out["_dims"] = out["breakdown"].map(_dimensions)
    keyed = out.groupby(groups, sort=False, dropna=False) if groups else [((), out)]
    for _, table in keyed:
        totals = table[table["breakdown"] == ""]
        for _, cells in table[table["breakdown"] != ""].groupby("_dims"):
            total_shown = not totals.empty and not out.loc[totals.index, "suppressed"].all()
            hidden = out.loc[cells.index, "suppressed"]
            if not (total_shown and hidden.sum() == 1):
                continue  # nothing hidden, or two or more: none can be worked out from the total
            others = cells.loc[~hidden, "value"].sort_values(kind="stable")
            if others.empty:
                out.loc[totals.index, "suppressed"] = True
            else:
                out.loc[others.index[0], "suppressed"] = True
    out["shown"] = [
        f"<{threshold}" if is_small else HIDDEN if hide else format_value(value)
        for value, hide, is_small in zip(out["value"], out["suppressed"], small, strict=True)
    ]
    return out.drop(columns="_dims")
