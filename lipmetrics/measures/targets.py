"""Targets, baselines and "story behind the curve" notes, editable by coordinators with history.

Records are only ever added: the one in force for a metric and period is the latest, and every
earlier one stays visible with who set it, when and why. A target applies to one reporting period,
or (period "") to every period without its own; it is stated per reporting period of the metric
(a quarterly metric's target is per quarter), so it compares with the values as reported. A
target may also be stated for a whole year (``2024`` or ``FY2024-25``) of a quarterly or monthly
metric: it then applies to that year's roll-up, not to its quarters or months. A metric's
baseline is one value and the period it was measured in (its own kind of period, or a year).
"""

from __future__ import annotations

import pandas as pd

from lipmetrics.accounts import User, require
from lipmetrics.errors import InvalidInputError, NotFoundError, Problem
from lipmetrics.i18n import N_, _
from lipmetrics.measures.periods import EXAMPLES, STATED, STATED_EXAMPLES, parse_period
from lipmetrics.store import (
    AuditText,
    Database,
    audit_number,
    audit_text,
    audit_word,
    queries,
    utcnow,
)


def _metric(db: Database, code: str) -> dict:
    with db.cursor() as cur:
        found = queries.metrics(cur)
    row = found[found["code"] == code]
    if row.empty:
        raise NotFoundError(_("There is no metric with the code {code}.").format(code=code))
    return row.iloc[0].to_dict()


# Each sentence whole for the catalogs (README "Languages"), by what is being set.
_REASON_WANTED = {
    "target": N_("say why the target is set or changed"),
    "baseline": N_("say why the baseline is set or changed"),
}
_NOT_SAVED = {
    "target": N_("The target of {metric} was not saved."),
    "baseline": N_("The baseline of {metric} was not saved."),
}


def _check(metric: dict, value: float | None, period: str, reason: str, what: str) -> str:
    problems = []
    if not reason.strip():
        problems.append(Problem(None, "reason", "", _(_REASON_WANTED[what])))
    if period:
        parsed = parse_period(period)
        if parsed is None or parsed.kind not in STATED[metric["frequency"]]:
            message = _("write a period such as {examples}").format(
                examples=_(STATED_EXAMPLES[metric.get("frequency")])
            )
            problems.append(Problem(None, "period", period, message))
        else:
            period = parsed.text
    if value is not None and metric["unit"] == "percent" and not 0 <= value <= 100:
        problems.append(Problem(None, "value", str(value), _("a percentage is between 0 and 100")))
    if value is not None and value < 0 and metric["unit"] != "rate":
        problems.append(Problem(None, "value", str(value), _("this value cannot be negative")))
    if problems:
        raise InvalidInputError(_(_NOT_SAVED[what]).format(metric=metric["code"]), problems)
    return period


def set_target(
    db: Database, actor: User, metric: str, value: float | None, reason: str, period: str = ""
) -> None:
    """Set (or with ``value`` None, remove) the target of ``metric`` for ``period`` ("" = every
    period without its own target)."""
    require(actor, "manage_targets")
    period = _check(_metric(db, metric), value, period, reason, "target")
    now = utcnow()
    with db.transaction() as cur:
        before = _in_force(cur, metric, "target", period)
        queries.insert_target(
            cur, metric, "target", period, value, now, actor.username, reason.strip()
        )
        detail = audit_text(
            N_("{period}: {before} → {after}"), period=period or audit_word(N_("every period")),
            before=_shown(before), after=_shown(value),
        )  # fmt: skip
        queries.insert_audit(cur, now, actor.username, "target set", metric, detail, reason.strip())


def set_baseline(
    db: Database, actor: User, metric: str, value: float, period: str, reason: str
) -> None:
    """Set the baseline of ``metric``: its value in ``period``."""
    require(actor, "manage_targets")
    kind = "baseline"
    if not period.strip():
        raise InvalidInputError(
            _(_NOT_SAVED[kind]).format(metric=metric),
            [Problem(None, "period", "", _("say in which period the baseline was measured"))],
        )
    period = _check(_metric(db, metric), value, period, reason, "baseline")
    now = utcnow()
    with db.transaction() as cur:
        before = _baseline_words(cur, metric)
        queries.insert_target(
            cur, metric, "baseline", period, value, now, actor.username, reason.strip()
        )
        detail = _baseline_detail(before, value, period)
        queries.insert_audit(
            cur, now, actor.username, "baseline set", metric, detail, reason.strip()
        )


def remove_baseline(db: Database, actor: User, metric: str, reason: str) -> None:
    """Remove the baseline of ``metric`` (a record with no value: the history keeps the old one)."""
    require(actor, "manage_targets")
    _check(_metric(db, metric), None, "", reason, "baseline")
    now = utcnow()
    with db.transaction() as cur:
        before = _baseline_words(cur, metric)
        queries.insert_target(
            cur, metric, "baseline", "", None, now, actor.username, reason.strip()
        )
        queries.insert_audit(
            cur,
            now,
            actor.username,
            "baseline set",
            metric,
            _baseline_detail(before, None, ""),
            reason.strip(),
        )


def _shown(value: float | None) -> dict:
    """A target or baseline as the audit log writes it: a number, or the word "none"."""
    if value is None:
        return audit_word(N_("none"))
    return audit_number(value)


def _baseline_detail(before: tuple | None, value: float | None, period: str) -> AuditText:
    """The audit log's detail of a baseline set (``value`` in ``period``) or removed (``value``
    None), from the baseline in force ``before`` (value, period), or None: one whole sentence."""
    was = {} if before is None else {"before": _shown(before[0]), "before_period": before[1]}
    now = {} if value is None else {"after": _shown(value), "period": period}
    sentences = {
        (False, False): N_("none → {after} in {period}"),
        (True, False): N_("{before} in {before_period} → {after} in {period}"),
        (False, True): N_("none → none"),
        (True, True): N_("{before} in {before_period} → none"),
    }
    return audit_text(sentences[bool(was), value is None], **was, **now)


def _in_force(cur, metric: str, kind: str, period: str) -> float | None:
    """The value in force of ``metric``'s target for ``period`` (or its baseline), or None."""
    found = queries.targets_in_force(cur)
    found = found[(found["metric"] == metric) & (found["kind"] == kind)]
    if kind == "target":
        found = found[found["period"] == period]
    return None if found.empty else float(found["value"].iloc[0])


def _baseline_words(cur, metric: str) -> tuple | None:
    """The baseline in force as (value, period), or None."""
    found = queries.targets_in_force(cur)
    found = found[(found["metric"] == metric) & (found["kind"] == "baseline")]
    if found.empty or pd.isna(found["value"].iloc[0]):
        return None
    return float(found["value"].iloc[0]), str(found["period"].iloc[0])


def targets_in_force(db: Database) -> pd.DataFrame:
    """The targets and baselines in force: metric, kind, period, value, set_at, username, reason."""
    with db.cursor() as cur:
        return queries.targets_in_force(cur)


def target_history(db: Database, metric: str) -> pd.DataFrame:
    """Every target and baseline ever set for ``metric``, newest first (kind, period, value,
    set_at, username, reason)."""
    with db.cursor() as cur:
        return queries.target_history(cur, metric)


def write_note(db: Database, actor: User, metric: str, period: str, note: str) -> None:
    """Write the "story behind the curve" of ``metric`` in ``period`` (an empty note clears it)."""
    require(actor, "manage_targets")
    found = _metric(db, metric)
    parsed = parse_period(period)
    if parsed is None:
        message = _("write a period such as {examples}").format(
            examples=_(EXAMPLES[found.get("frequency")])
        )
        raise InvalidInputError(
            _("The note was not saved."), [Problem(None, "period", period, message)]
        )
    now = utcnow()
    with db.transaction() as cur:
        queries.insert_note(cur, metric, parsed.text, note.strip(), now, actor.username)
        queries.insert_audit(cur, now, actor.username, "note written", metric, parsed.text, None)


def notes(db: Database) -> pd.DataFrame:
    """The notes in force: metric, period, note, written_at, username."""
    with db.cursor() as cur:
        return queries.notes_in_force(cur)


def year_stated(period: str | None, frequency: str) -> str:
    """The period a catalogue's target is recorded for: a year (``2024``, ``FY2024-25``) stated
    for a quarterly or monthly metric is that year's target; otherwise the target is the
    standing one (period "")."""
    parsed = parse_period(period) if period else None
    if parsed and frequency != "annual" and parsed.kind in ("year", "fiscal"):
        return parsed.text
    return ""


def record_catalog_targets(cur, catalog: pd.DataFrame, actor: User, source: str | None) -> None:
    """Inside a catalogue import: record each metric's target and baseline where they differ
    from the ones in force, so the catalogue's figures have the same history as edits."""
    current = queries.targets_in_force(cur)
    targets = current[current["kind"] == "target"]
    keys = zip(targets["metric"], targets["period"], strict=True)
    in_force = dict(zip(keys, targets["value"], strict=True))
    baselines = current[current["kind"] == "baseline"].set_index("metric")
    now, reason = utcnow(), f"catalogue {source or 'import'}"
    for metric in catalog.itertuples():
        period = year_stated(metric.target_period, metric.frequency)
        if pd.notna(metric.target) and in_force.get((metric.code, period)) != metric.target:
            queries.insert_target(
                cur, metric.code, "target", period, metric.target, now, actor.username, reason
            )
        if pd.notna(metric.baseline) and metric.baseline_period:
            period = parse_period(metric.baseline_period).text
            old = baselines.loc[metric.code] if metric.code in baselines.index else None
            if old is None or (old["value"], old["period"]) != (metric.baseline, period):
                queries.insert_target(
                    cur,
                    metric.code,
                    "baseline",
                    period,
                    metric.baseline,
                    now,
                    actor.username,
                    reason,
                )
