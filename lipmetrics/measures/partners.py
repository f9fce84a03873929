"""Partner organisations: the ``code, name, kind`` list (docs/file-formats.md "Partners"), its
importer, and the edits of the Partner organisations page (README "Partner organisations and
breakdowns"): add, rename, retire, restore, each with its audit entry."""

from __future__ import annotations

import pandas as pd

from lipmetrics.accounts import User, require
from lipmetrics.errors import (
    DuplicateError,
    InvalidInputError,
    NotFoundError,
    Problem,
    UnusableInputError,
)
from lipmetrics.files import normalise_header, read_table
from lipmetrics.i18n import N_, _, ngettext
from lipmetrics.measures.catalog import catalog, split_list
from lipmetrics.store import AuditText, Database, audit_text, queries, utcnow

PARTNER_COLUMNS = ["code", "name", "kind"]
LONGEST = {"code": 30, "name": 200, "kind": 100}
# What saving a line does, in words: English in the audit log, translated in a preview.
CHANGE_WORDS = {
    "new": N_("new"),
    "unchanged": N_("unchanged"),
    "name": N_("name “{before}” becomes “{after}”"),
    "kind": N_("kind “{before}” becomes “{after}”"),
    "both": N_(
        "name “{name_before}” becomes “{name_after}”; kind “{kind_before}” becomes “{kind_after}”"
    ),
}


def partner_problems(code: str, name: str, kind: str, line: int | None = None) -> list[Problem]:
    """What is wrong with a partner as written (each text already stripped): a code is required,
    has no ``;`` (the catalogue separates partner codes with it) and is at most 30 characters; a
    name is required; each text is at most as long as :data:`LONGEST` says."""
    problems = []
    if not code:
        problems.append(Problem(line, "code", "", _("write the partner's short code, e.g. NCC")))
    elif ";" in code:
        message = _(
            "a code cannot hold a semicolon (the catalogue separates codes with it): remove it"
        )
        problems.append(Problem(line, "code", code, message))
    if not name:
        problems.append(Problem(line, "name", "", _("write the partner's full name")))
    for column, text in zip(PARTNER_COLUMNS, (code, name, kind), strict=True):
        if len(text) > LONGEST[column]:
            message = _("this is {length} characters long: shorten it to {longest} at most").format(
                length=len(text), longest=LONGEST[column]
            )
            problems.append(Problem(line, column, text, message))
    return problems


def parse_partners(data: bytes, filename: str) -> pd.DataFrame:
    """Read and check a partners file; return line, code, name, kind; raise listing every problem."""
    rows = read_table(data, filename).rows
    header = [normalise_header(c) for c in rows[0]] if rows else []
    missing = [c for c in ("code", "name") if c not in header]
    if missing:
        raise UnusableInputError(
            _(
                "The partners file {file} needs the columns code, name, kind; missing: {missing}."
            ).format(file=filename, missing=", ".join(missing))
        )
    index = {c: header.index(c) for c in PARTNER_COLUMNS if c in header}
    problems, records, seen = [], [], {}
    for number, row in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in row):
            continue
        cells = {c: (row[i].strip() if i < len(row) else "") for c, i in index.items()}
        code, name, kind = cells["code"], cells["name"], cells.get("kind", "")
        problems += partner_problems(code, name, kind, number)
        if code and code in seen:
            message = _("this code is already on line {line}").format(line=seen[code])
            problems.append(Problem(number, "code", code, message))
        seen.setdefault(code, number)
        records.append((number, code, name, kind or None))
    if problems:
        raise InvalidInputError(
            ngettext(
                "The partners file {file} has {count} problem; nothing was saved.",
                "The partners file {file} has {count} problems; nothing was saved.",
                len(problems),
            ).format(file=filename, count=len(problems)),
            problems,
        )
    return pd.DataFrame(records, columns=["line", *PARTNER_COLUMNS])


def _text(value) -> str:
    """A stored or read text, "" for a missing one (None or NaN)."""
    return "" if value is None or pd.isna(value) else str(value)


def _change(record: dict | None, name: str, kind: str | None) -> AuditText:
    """In words, what saving ``name`` and ``kind`` does to the partner ``record`` (None: new), one
    whole sentence: stored in English in the audit log, shown in the reader's language."""
    if record is None:
        return audit_text(CHANGE_WORDS["new"])
    changed = {
        column: (_text(before), _text(after))
        for column, before, after in (
            ("name", record["name"], name),
            ("kind", record["kind"], kind),
        )
        if _text(before) != _text(after)
    }
    if len(changed) == 2:
        (name_before, name_after), (kind_before, kind_after) = changed.values()
        return audit_text(
            CHANGE_WORDS["both"], name_before=name_before, name_after=name_after,
            kind_before=kind_before, kind_after=kind_after,
        )  # fmt: skip
    for column, (before, after) in changed.items():
        return audit_text(CHANGE_WORDS[column], before=before, after=after)
    return audit_text(CHANGE_WORDS["unchanged"])


def _added(name: str, kind: str) -> AuditText:
    """The audit log's detail of a partner added: its name and kind, as written."""
    if kind:
        return audit_text(N_("{name} ({kind})"), name=name, kind=kind)
    return audit_text(N_("{name} (no kind)"), name=name)


def _retired_problems(cur, partners: pd.DataFrame) -> list[Problem]:
    """A problem for each partner of the file that is retired: restore it first."""
    problems = []
    for row in partners.itertuples():
        record = queries.partner_record(cur, row.code)
        if record is not None and not pd.isna(record["retired_at"]):
            message = _(
                "this partner is retired: restore it on the Partner organisations page first"
            )
            problems.append(Problem(getattr(row, "line", None), "code", row.code, message))
    return problems


def _retired_sentence(problems: list[Problem]) -> str:
    """The sentence above the retired partners of a file."""
    return ngettext(
        "The file has {count} retired partner; nothing was saved.",
        "The file has {count} retired partners; nothing was saved.",
        len(problems),
    ).format(count=len(problems))


def preview_partners(db: Database, actor: User, partners: pd.DataFrame) -> pd.DataFrame:
    """What saving ``partners`` (from :func:`parse_partners`) would do: its columns and ``change``
    ("new", "unchanged", or each field that changes in words), for whoever may save it
    (coordinators and admins). Raise listing every retired code."""
    require(actor, "manage_partners")
    with db.cursor() as cur:
        problems = _retired_problems(cur, partners)
        changes = [
            _change(queries.partner_record(cur, row.code), row.name, row.kind).shown()
            for row in partners.itertuples()
        ]
    if problems:
        raise InvalidInputError(_retired_sentence(problems), problems)
    return partners.assign(change=changes)


def save_partners(
    db: Database, actor: User, partners: pd.DataFrame, source: str | None = None
) -> int:
    """Add or update the partners in one transaction (coordinators and admins), one audit entry
    for each partner added or changed; return how many the file holds. A retired partner in the
    file is refused and nothing is saved."""
    require(actor, "manage_partners")
    now = utcnow()
    with db.transaction() as cur:
        problems = _retired_problems(cur, partners)
        if problems:
            raise InvalidInputError(_retired_sentence(problems), problems)
        for row in partners.itertuples():
            record = queries.partner_record(cur, row.code)
            change = _change(record, row.name, row.kind)
            if change.msgid == CHANGE_WORDS["unchanged"]:
                continue
            queries.upsert_partner(cur, row.code, row.name, _text(row.kind) or None, now)
            action = "partner added" if record is None else "partner changed"
            detail = _added(row.name, _text(row.kind)) if record is None else change
            queries.insert_audit(cur, now, actor.username, action, row.code, detail, source)
    return len(partners)


def add_partner(db: Database, actor: User, code: str, name: str, kind: str = "") -> None:
    """Add one partner (coordinators and admins), with its audit entry."""
    require(actor, "manage_partners")
    code, name, kind = code.strip(), name.strip(), kind.strip()
    problems = partner_problems(code, name, kind)
    if problems:
        raise InvalidInputError(
            _("The partner “{code}” cannot be added.").format(code=code), problems
        )
    with db.transaction() as cur:
        record = queries.partner_record(cur, code)
        if record is not None and pd.isna(record["retired_at"]):
            raise DuplicateError(
                _("A partner with the code “{code}” is already in the list.").format(code=code)
            )
        if record is not None:
            raise DuplicateError(
                _(
                    "A partner with the code “{code}” exists but is retired: restore it instead."
                ).format(code=code)
            )
        queries.insert_partner(cur, code, name, kind or None, utcnow())
        detail = _added(name, kind)
        queries.insert_audit(cur, utcnow(), actor.username, "partner added", code, detail, None)


def _record(cur, code: str) -> dict:
    """The partner with this code; :class:`NotFoundError` when there is none."""
    record = queries.partner_record(cur, code)
    if record is None:
        raise NotFoundError(
            _("There is no partner with the code “{code}”: check the code.").format(code=code)
        )
    return record


def edit_partner(db: Database, actor: User, code: str, name: str, kind: str = "") -> bool:
    """Change a partner's name and kind (coordinators and admins); its code never changes, since
    submissions and accounts name it. Return False when nothing changed (no audit entry then)."""
    require(actor, "manage_partners")
    name, kind = name.strip(), kind.strip()
    problems = partner_problems(code, name, kind)
    if problems:
        raise InvalidInputError(
            _("The partner “{code}” cannot be changed.").format(code=code), problems
        )
    with db.transaction() as cur:
        change = _change(_record(cur, code), name, kind or None)
        if change.msgid == CHANGE_WORDS["unchanged"]:
            return False
        queries.update_partner(cur, code, name, kind or None)
        queries.insert_audit(cur, utcnow(), actor.username, "partner changed", code, change, None)
    return True


def retire_partner(db: Database, actor: User, code: str) -> None:
    """Retire a partner (coordinators and admins): it stays in the history, its submissions and
    accounts stay, and it is no longer offered for new submissions or catalogue lists. Refused
    while the catalogue still lists it as reporting a metric, whose figures would otherwise be
    overdue for ever: take it off those metrics first."""
    require(actor, "manage_partners")
    with db.transaction() as cur:
        if not pd.isna(_record(cur, code)["retired_at"]):
            return
        metrics = queries.metrics_reported_by(cur, code)
        if metrics:
            raise InvalidInputError(
                ngettext(
                    "The partner “{code}” still reports {count} metric of the catalogue: take "
                    "it off that metric's partners on the Metric catalogue page, then retire it.",
                    "The partner “{code}” still reports {count} metrics of the catalogue: take "
                    "it off their partners on the Metric catalogue page, then retire it.",
                    len(metrics),
                ).format(code=code, count=len(metrics)),
                [
                    Problem(
                        None,
                        "metric",
                        m,
                        _("take {code} off this metric's partners").format(code=code),
                    )
                    for m in metrics
                ],  # fmt: skip
            )
        queries.set_partner_retired(cur, code, utcnow())
        queries.insert_audit(cur, utcnow(), actor.username, "partner retired", code, None, None)


def restore_partner(db: Database, actor: User, code: str) -> None:
    """Offer a retired partner again (coordinators and admins)."""
    require(actor, "manage_partners")
    with db.transaction() as cur:
        if pd.isna(_record(cur, code)["retired_at"]):
            return
        queries.set_partner_retired(cur, code, None)
        queries.insert_audit(cur, utcnow(), actor.username, "partner restored", code, None, None)


def partners_overview(db: Database, user: User) -> pd.DataFrame:
    """Every partner, retired ones last: code, name, kind ("" when none), accounts, submissions,
    metrics (how many of each name it), retired (the date, or NaT); for whoever manages them
    (coordinators and admins), since it counts every partner's submissions."""
    require(user, "manage_partners")
    with db.cursor() as cur:
        frame = queries.partners_in_use(cur)
    return frame.rename(columns={"retired_at": "retired"}).fillna({"kind": ""})


def list_partners(db: Database) -> pd.DataFrame:
    """Every partner not retired: code, name, kind."""
    with db.cursor() as cur:
        return queries.partners(cur)


def partners_reporting_first(db: Database) -> pd.DataFrame:
    """Every partner (code, name, metrics: how many catalogue metrics it reports), the partners
    that report something first, then by code: the order a coordinator picks from."""
    reported = catalog(db)["partners"].map(split_list).explode().value_counts()
    partners = list_partners(db)[["code", "name"]].copy()
    partners["metrics"] = partners["code"].map(reported).fillna(0).astype(int)
    partners["reports"] = partners["metrics"] > 0
    ordered = partners.sort_values(["reports", "code"], ascending=[False, True])
    return ordered.drop(columns="reports").reset_index(drop=True)
