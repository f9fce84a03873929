"""The catalogue changed from the app (docs/file-formats.md "Metric catalogue", README "Metric
catalogue"): a metric added, edited or retired with the same checks as a catalogue file, and a
whole catalogue uploaded with a preview of what it changes before anything is saved.

Every change is one audit entry: who, which metric, and ``column: before → after``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from lipmetrics.accounts import User, require
from lipmetrics.errors import InvalidInputError, NotFoundError, Problem
from lipmetrics.files import to_csv_bytes
from lipmetrics.i18n import _, format_number, ngettext, pgettext
from lipmetrics.measures.catalog import breakdown_categories, catalog
from lipmetrics.measures.catalog_diff import (
    as_text,
    catalogue_changes,
    describe_changes,
    file_frame,
    target_summary,
)
from lipmetrics.measures.catalog_file import catalog_problems, catalog_records, read_catalog
from lipmetrics.measures.catalog_words import CATALOG_COLUMNS, Known, split_list
from lipmetrics.measures.targets import record_catalog_targets
from lipmetrics.store import Database, queries, utcnow

# The columns the edit form changes; unit and frequency are refused once the metric has values.
EDITABLE = (
    "name", "definition", "unit", "direction", "frequency", "kind", "pillar", "partners",
    "breakdowns", "name_fr", "definition_fr",
)  # fmt: skip
AUDIT_ACTIONS = {"added": "metric added", "changed": "metric changed", "retired": "metric retired"}


def catalogue_known(db: Database) -> Known:
    """What a catalogue is checked against: the partners, the breakdowns with categories, the
    metrics' units, and the unit and frequency of each metric that has values."""
    with db.cursor() as cur:
        partners = set(queries.partners(cur)["code"])
        valued = queries.metrics_with_values(cur)
    existing = catalog(db)
    return Known(
        partners,
        set(breakdown_categories(db)),
        dict(zip(existing["code"], existing["unit"], strict=True)),
        {r.code: (r.unit, r.frequency) for r in valued.itertuples()},
    )


def catalogue_file(db: Database) -> pd.DataFrame:
    """The catalogue as a catalogue file writes it (text cells, the targets in force)."""
    with db.cursor() as cur:
        in_force = queries.targets_in_force(cur)
    return file_frame(catalog(db), in_force)


def catalogue_download(db: Database) -> bytes:
    """The catalogue file (CSV, UTF-8 with a BOM, formula cells neutralised): uploaded again as it
    is, it changes nothing."""
    return to_csv_bytes(catalogue_file(db))


def catalogue_table(db: Database) -> pd.DataFrame:
    """The catalogue as the page lists it: code, name, measured ("count, quarterly, higher is
    better"), partners, breakdowns, targets (those in force in a few words), retired ("yes" or
    ""), name_fr (its French name, "" when it has none: README "Languages")."""
    frame = catalogue_file(db)
    with db.cursor() as cur:
        summary = target_summary(
            queries.targets_in_force(cur), dict(zip(frame["code"], frame["unit"], strict=True))
        )
    measured = [
        measured_words(*row)
        for row in zip(frame["unit"], frame["frequency"], frame["direction"], strict=True)
    ]
    return pd.DataFrame(
        {
            "code": frame["code"], "name": frame["name"], "measured": measured,
            "partners": frame["partners"].str.replace(";", ", "),
            "breakdowns": frame["breakdowns"].str.replace(";", ", "),
            "targets": frame["code"].map(summary).fillna(""), "retired": frame["retired"],
            "name_fr": frame["name_fr"],
        }
    )  # fmt: skip


def unit_word(unit: str) -> str:
    """A metric's unit (stored as an English code) in the session's language; a code it does not
    know is shown as stored."""
    words = {
        "count": pgettext("metric unit", "count"), "percent": pgettext("metric unit", "percent"),
        "currency": pgettext("metric unit", "currency"), "rate": pgettext("metric unit", "rate"),
    }  # fmt: skip
    return words.get(unit, unit)


def frequency_word(frequency: str) -> str:
    """A metric's frequency (stored as an English code) in the session's language."""
    words = {
        "annual": pgettext("metric frequency", "annual"),
        "quarterly": pgettext("metric frequency", "quarterly"),
        "monthly": pgettext("metric frequency", "monthly"),
    }
    return words.get(frequency, frequency)


def measured_words(unit: str, frequency: str, direction: str) -> str:
    """What the catalogue list says of how a metric is measured, "count, quarterly, higher is
    better", in the session's language (README "Languages": the catalogue stores English codes)."""
    words = {"unit": unit_word(unit), "frequency": frequency_word(frequency)}
    if direction == "lower":
        return _("{unit}, {frequency}, lower is better").format(**words)
    return _("{unit}, {frequency}, higher is better").format(**words)


def pillar_choices(db: Database) -> list[str]:
    """The pillars a metric may inform, as the plans write them: every plan's, the newest plan's
    first, each once (a name written with another case or spacing is the same pillar:
    docs/definitions.md "Metrics")."""
    with db.cursor() as cur:
        names = queries.pillar_names(cur)
    seen: dict[str, str] = {}
    for name in names:
        seen.setdefault(" ".join(name.split()).casefold(), name)
    return list(seen.values())


def pillar_in_no_plan(db: Database, pillar: str) -> bool:
    """Whether ``pillar`` (as written for a metric) is a pillar of no plan yet, compared as
    :func:`pillar_choices` compares names; a blank pillar is not."""
    folded = " ".join(pillar.split()).casefold()
    return bool(folded) and folded not in {
        " ".join(p.split()).casefold() for p in pillar_choices(db)
    }


def metric_targets(db: Database, code: str) -> pd.DataFrame:
    """The targets and baselines in force of metric ``code``: kind, period ("" = every period for
    a target), value, set_at, username, reason."""
    with db.cursor() as cur:
        found = queries.targets_in_force(cur)
    return found[found["metric"] == code].drop(columns="metric").reset_index(drop=True)


def _checked(known: Known, cells: dict[str, str]) -> dict:
    """The metric of ``cells`` (text cells of a catalogue line) checked as a file line; raise
    listing every problem (with no line: a form has none)."""
    table = pd.DataFrame(
        [{"line": 0, **{c: (cells.get(c) or "").strip() for c in CATALOG_COLUMNS}}],
        columns=["line", *CATALOG_COLUMNS],
    )
    problems = catalog_problems(table, known)
    if problems:
        code = cells.get("code") or "new"
        message = _("The metric {code} was not saved: fix what is listed below and save it again.")
        raise InvalidInputError(
            message.format(code=code), [replace(problem, line=None) for problem in problems]
        )
    return catalog_records(table).iloc[0].to_dict()


def _write(cur, actor: User, record: dict, change: str, detail: str, now) -> None:
    queries.upsert_metric(cur, record, split_list(record["partners"]), now)
    queries.insert_audit(
        cur, now, actor.username, AUDIT_ACTIONS[change], record["code"], detail, None
    )


def add_metric(db: Database, actor: User, cells: dict[str, str]) -> None:
    """Add the metric of ``cells`` (a catalogue line's text cells) after the file's checks; its
    target and baseline are set afterwards (``set_target``, ``set_baseline``)."""
    require(actor, "manage_partners")
    code = (cells.get("code") or "").strip()
    if code in set(catalog(db)["code"]):
        message = _("a metric has this code already: choose another code, or edit that metric")
        raise InvalidInputError(
            _("The metric {code} was not added.").format(code=code),
            [Problem(None, "code", code, message)],
        )
    record = _checked(catalogue_known(db), cells | {"retired": ""})
    detail = describe_changes({}, as_text(pd.DataFrame([record])).iloc[0].to_dict())
    with db.transaction() as cur:
        _write(cur, actor, record, "added", detail, utcnow())


def metric_cells(db: Database, code: str) -> dict[str, str]:
    """The metric ``code`` as the text cells of its catalogue line."""
    found = catalogue_file(db)
    found = found[found["code"] == code]
    if found.empty:
        raise NotFoundError(_("There is no metric with the code {code}.").format(code=code))
    return found.iloc[0].to_dict()


def edit_metric(db: Database, actor: User, code: str, changes: dict[str, str]) -> str:
    """Change the cells of :data:`EDITABLE` (and ``retired``) of metric ``code`` after the file's
    checks: a unit or frequency change of a metric with values is refused. Return what changed
    (``column: before → after; …``; "" when nothing did, and nothing is written)."""
    require(actor, "manage_partners")
    before = metric_cells(db, code)
    after = before | {
        c: (v or "").strip() for c, v in changes.items() if c in (*EDITABLE, "retired")
    }
    record = _checked(catalogue_known(db), after)
    detail = describe_changes(before, as_text(pd.DataFrame([record])).iloc[0].to_dict())
    if detail:
        change = "retired" if record["retired"] and not before["retired"] else "changed"
        with db.transaction() as cur:
            _write(cur, actor, record, change, detail, utcnow())
    return detail


def retire_metric(db: Database, actor: User, code: str, retired: bool = True) -> str:
    """Retire metric ``code`` (kept with its values and history; no longer in the templates or on
    the scorecard), or with ``retired`` False bring it back. Return what changed."""
    return edit_metric(db, actor, code, {"retired": "yes" if retired else ""})


@dataclass(frozen=True)
class CatalogueUpload:
    """An uploaded catalogue, checked: its metrics (checked records) and what each would change."""

    records: pd.DataFrame
    changes: pd.DataFrame  # code, name, change, what (catalog_diff.catalogue_changes)


def check_catalogue_upload(db: Database, data: bytes, filename: str) -> CatalogueUpload:
    """Read and check an uploaded catalogue against this database; raise listing every problem
    (line, column, value as written); nothing is saved."""
    table = read_catalog(data, filename)
    problems = catalog_problems(table, catalogue_known(db))
    if problems:
        message = ngettext(
            "The catalogue {file} has {count} problem; nothing was saved.",
            "The catalogue {file} has {count} problems; nothing was saved.",
            len(problems),
        )
        raise InvalidInputError(
            message.format(file=filename, count=format_number(len(problems))), problems
        )
    records = catalog_records(table)
    return CatalogueUpload(records, catalogue_changes(catalogue_file(db), as_text(records)))


def save_catalogue_upload(
    db: Database, actor: User, upload: CatalogueUpload, source: str | None = None
) -> int:
    """Save the metrics of a checked upload that change something, in one transaction, one audit
    entry each; their targets and baselines get a history record when they differ. Return how
    many metrics changed."""
    require(actor, "manage_partners")
    changed = upload.changes[upload.changes["change"] != "unchanged"]
    records = upload.records[upload.records["code"].isin(changed["code"])]
    now = utcnow()
    with db.transaction() as cur:
        for record, row in zip(records.to_dict("records"), changed.itertuples(), strict=True):
            _write(cur, actor, record, row.change, row.what, now)
        record_catalog_targets(cur, records, actor, source)
    return len(changed)
