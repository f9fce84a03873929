"""The catalogue as a catalogue file writes it, and what an uploaded catalogue would change
(docs/file-formats.md "Metric catalogue"). Pure functions: DataFrames in, DataFrames or text out.

Both sides are compared as the text cells of a file (:func:`cell_text`), so a catalogue downloaded
and uploaded again changes nothing.
"""

from __future__ import annotations

import math

import pandas as pd

from lipmetrics.i18n import pgettext
from lipmetrics.measures.catalog_words import CATALOG_COLUMNS, FRENCH_CATALOG_COLUMNS, split_list
from lipmetrics.measures.targets import year_stated

# What an uploaded line does to the catalogue, in the order the preview counts them.
CHANGES = ("added", "changed", "retired", "unchanged")


def cell_text(value: object) -> str:
    """A catalogue value as a file writes it: blank for a missing value, ``30`` for 30.0, ``12.5``
    for 12.5 (up to 15 significant digits, never an exponent below 10¹⁵)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float):
        return format(value, ".15g") if abs(value) < 1e15 else format(value, ".0f")
    return str(value)


def file_frame(catalogue: pd.DataFrame, in_force: pd.DataFrame) -> pd.DataFrame:
    """The catalogue as a catalogue file: the columns of ``CATALOG_COLUMNS``, every cell text.

    :param catalogue: the metrics (:func:`lipmetrics.measures.catalog.catalog`).
    :param in_force: the targets and baselines in force (metric, kind, period, value).
    The target written is the one in force for the metric's ``target_period`` when that is a year
    of a quarterly or monthly metric, else its standing target (period ""); the baseline is the
    one in force with its period. None in force: blank.
    """
    targets = in_force[in_force["kind"] == "target"]
    target = dict(
        zip(zip(targets["metric"], targets["period"], strict=True), targets["value"], strict=True)
    )
    baselines = in_force[in_force["kind"] == "baseline"].set_index("metric")
    records = []
    for metric in catalogue.to_dict("records"):
        key = (metric["code"], year_stated(cell_text(metric["target_period"]), metric["frequency"]))
        baseline = baselines.loc[metric["code"]] if metric["code"] in baselines.index else None
        records.append(
            {c: cell_text(metric.get(c)) for c in CATALOG_COLUMNS}
            | {
                "target": cell_text(target.get(key)),
                "baseline": cell_text(None if baseline is None else baseline["value"]),
                "baseline_period": cell_text(
                    metric["baseline_period"] if baseline is None else baseline["period"]
                ),
            }
        )
    return pd.DataFrame(records, columns=CATALOG_COLUMNS)


def as_text(records: pd.DataFrame) -> pd.DataFrame:
    """Checked catalogue records (:func:`catalog_file.catalog_records`) as the text cells of a
    file, comparable with :func:`file_frame`; a French column the file did not have stays None
    (:func:`keeping_figures` keeps the one in force)."""
    texts = [
        {c: cell_text(r[c]) for c in CATALOG_COLUMNS}
        | {"partners": ";".join(sorted(split_list(r["partners"])))}  # stored as a set, by code
        | {c: None for c in FRENCH_CATALOG_COLUMNS if r.get(c) is None}
        for r in records.to_dict("records")
    ]
    return pd.DataFrame(texts, columns=CATALOG_COLUMNS)


def keeping_figures(before: dict | None, after: dict) -> dict:
    """``after`` with the target, and the baseline with its period, of ``before`` where ``after``
    leaves them blank: a file never removes a target or a baseline (the catalogue page does); and
    its French name and definition where the file has no such column (None)."""
    if before is None:
        return after
    kept = {"target": before["target"]} if not after["target"] else {}
    kept |= {c: before.get(c) or "" for c in FRENCH_CATALOG_COLUMNS if after.get(c) is None}
    if not after["baseline"]:
        kept |= {"baseline": before["baseline"], "baseline_period": before["baseline_period"]}
    return after | kept


def describe_changes(before: dict, after: dict, blank: str = "blank") -> str:
    """The cells that differ, as ``column: before → after`` joined by "; ", a blank cell written
    ``blank`` (the audit log stores "blank"; the upload's preview says it in the reader's language).
    The columns are named as the catalogue file names them."""
    return "; ".join(
        f"{c}: {before.get(c) or blank} → {after.get(c) or blank}"
        for c in CATALOG_COLUMNS
        if (before.get(c) or "") != (after.get(c) or "")
    )


def change_of(before: dict | None, after: dict) -> str:
    """What ``after`` does to the metric ``before`` (None: not in the catalogue): added, retired
    (newly marked retired), changed or unchanged."""
    if before is None:
        return "added"
    if not describe_changes(before, after):
        return "unchanged"
    return "retired" if after["retired"] and not before["retired"] else "changed"


def catalogue_changes(current: pd.DataFrame, uploaded: pd.DataFrame) -> pd.DataFrame:
    """For each uploaded metric, in file order: code, name, change (one of :data:`CHANGES`), what
    (``column: before → after; …``, the whole line for an added metric; as the audit log stores
    it, a blank cell "blank") and shown (the same, "blank" in the reader's language).

    :param current: the catalogue as :func:`file_frame` writes it.
    :param uploaded: the uploaded lines as text cells (:func:`as_text`).
    Metrics of the catalogue that the file does not name are left as they are and not listed;
    a blank target or baseline leaves the one in force (:func:`keeping_figures`).
    """
    by_code = {r["code"]: r for r in current.to_dict("records")}
    rows = []
    for after in uploaded.to_dict("records"):
        before = by_code.get(after["code"])
        after = keeping_figures(before, after)
        rows.append(
            {
                "code": after["code"],
                "name": after["name"],
                "change": change_of(before, after),
                "what": describe_changes(before or {}, after),  # stored in the audit log
                "shown": describe_changes(before or {}, after, pgettext("an empty cell", "blank")),
            }
        )
    return pd.DataFrame(rows, columns=["code", "name", "change", "what", "shown"])


def change_counts(changes: pd.DataFrame) -> dict[str, int]:
    """How many uploaded metrics are added, changed, retired and unchanged (each of
    :data:`CHANGES`, 0 included)."""
    return {change: int((changes["change"] == change).sum()) for change in CHANGES}


def target_summary(in_force: pd.DataFrame, units: dict[str, str]) -> dict[str, str]:
    """metric → its targets and baselines in force in a few words, e.g. ``target 100 every
    period; 2024: 400; baseline 30 (2016-Q3)``; a metric with none is left out.

    :param in_force: metric, kind, period, value (:func:`targets.targets_in_force`).
    :param units: metric → unit (a percent is written with %).
    """
    words: dict[str, list[str]] = {}
    for row in in_force.sort_values(
        ["metric", "kind", "period"], ascending=[True, False, True]
    ).itertuples():
        value = cell_text(row.value) + ("%" if units.get(row.metric) == "percent" else "")
        if row.kind == "target":
            text = f"target {value} every period" if not row.period else f"{row.period}: {value}"
        else:
            text = f"baseline {value} ({row.period})"
        words.setdefault(row.metric, []).append(text)
    return {metric: "; ".join(texts) for metric, texts in words.items()}
