"""What committing a checked file would add and change, before it is committed."""

from __future__ import annotations

import pandas as pd

from lipmetrics.store import Database
from lipmetrics.submissions.ledger import current_values
from lipmetrics.submissions.validate import SubmissionCheck


def preview(db: Database, check: SubmissionCheck) -> pd.DataFrame:
    """What committing ``check`` would add and change: metric, period, breakdown, old_value,
    new_value, change ("new", "changed" or "same")."""
    old = current_values(db, check.partner_code).rename(columns={"value": "old_value"})
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


def preview_summary(changes: pd.DataFrame) -> str:
    """One sentence about a :func:`preview`: how many values are new, changed or the same."""
    counts = changes["change"].value_counts()
    return (
        f"No problem found: {len(changes)} values — {counts.get('new', 0)} new, "
        f"{counts.get('changed', 0)} changing a value already sent, {counts.get('same', 0)} unchanged."
    )
