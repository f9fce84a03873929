"""Breakdowns (gender, age group…) and their categories, as the Breakdowns page and
``lipmetrics import-breakdowns`` keep them (README "Partner organisations and breakdowns",
docs/file-formats.md "Breakdown categories"): added, renamed, retired, restored, each change with
its audit entry. A category that submitted values name is never deleted or renamed, only retired."""

from __future__ import annotations

import re

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
from lipmetrics.i18n import N_, _, format_number, ngettext
from lipmetrics.measures.catalog_file import split_list
from lipmetrics.store import Database, audit_text, queries, utcnow

NAME = re.compile(r"[a-z][a-z0-9_]*")
# The columns of a partner file that are not breakdowns (docs/file-formats.md).
RESERVED = {"metric", "period", "value", "notes", "metric_name"}
LONGEST = {"breakdown": 40, "category": 100}
# Said by two functions; marked for the catalogs (README "Languages").
# What saving a line does: English where it is compared, in words of the language in a preview.
CHANGE_WORDS = {
    "new breakdown": N_("new breakdown"),
    "new category": N_("new category"),
    "already there": N_("already there"),
    "retired, stays retired": N_("retired, stays retired"),
    "": "",
}
ALREADY_HAS = N_("The breakdown “{breakdown}” already has the category “{category}”.")


def _suggested(name: str) -> str:
    """``Age group`` → ``age_group``: the breakdown name a partner file's column matches."""
    return re.sub(r"[^a-z0-9_]", "", re.sub(r"[\s-]+", "_", name.strip().lower())) or "age_group"


def breakdown_problems(breakdown: str, category: str, line: int | None = None) -> list[Problem]:
    """What is wrong with a breakdown and category as written (each already stripped): the
    breakdown is the column name of partner files (lower-case letters, digits and ``_``, not a
    column the file already has); the category has no ``;`` or ``=`` (a value's breakdown key is
    written ``gender=woman;age_group=15-24``); neither is blank or too long (:data:`LONGEST`)."""
    problems = []
    if not breakdown:
        problems.append(
            Problem(line, "breakdown", "", _("write the breakdown's name, e.g. gender"))
        )
    elif not NAME.fullmatch(breakdown):
        message = _("write it as “{name}”: lower-case letters, digits and _").format(
            name=_suggested(breakdown)
        )
        problems.append(Problem(line, "breakdown", breakdown, message))
    elif breakdown in RESERVED:
        message = _("this is a column of every partner file already: choose another name")
        problems.append(Problem(line, "breakdown", breakdown, message))
    if not category:
        problems.append(Problem(line, "category", "", _("write the category, e.g. woman")))
    elif ";" in category or "=" in category:
        message = _("a category cannot hold ; or = (they separate breakdowns): remove them")
        problems.append(Problem(line, "category", category, message))
    for column, text in (("breakdown", breakdown), ("category", category)):
        if len(text) > LONGEST[column]:
            message = _("this is {length} characters long: shorten it to {most} at most").format(
                length=len(text), most=LONGEST[column]
            )
            problems.append(Problem(line, column, text, message))
    return problems


def parse_breakdowns(data: bytes, filename: str) -> pd.DataFrame:
    """Read and check a ``breakdown, category`` file: line, breakdown, category, one row per line;
    raise listing every problem (a pair written twice, case aside, points at its first line)."""
    rows = read_table(data, filename).rows
    header = [normalise_header(c) for c in rows[0]] if rows else []
    if header[:2] != ["breakdown", "category"]:
        raise UnusableInputError(
            _("The file {file} needs the columns breakdown, category on its first line.").format(
                file=filename
            )
        )
    problems, records, seen = [], [], {}
    for number, row in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in row):
            continue
        breakdown, category = (row[i].strip() if i < len(row) else "" for i in (0, 1))
        problems += breakdown_problems(breakdown, category, number)
        key = (breakdown, category.casefold())
        if key in seen:
            message = _("this category is already on line {line}").format(line=seen[key])
            problems.append(Problem(number, "category", category, message))
        seen.setdefault(key, number)
        records.append((number, breakdown, category))
    if problems:
        sentence = ngettext(
            "The file {file} has {count} problem; nothing was saved.",
            "The file {file} has {count} problems; nothing was saved.",
            len(problems),
        )
        raise InvalidInputError(
            sentence.format(file=filename, count=format_number(len(problems))), problems
        )
    return pd.DataFrame(records, columns=["line", "breakdown", "category"])


def breakdowns_overview(db: Database) -> pd.DataFrame:
    """Every category of every breakdown, in the order they were added: breakdown, category,
    values (how many submitted values name it), retired (the date, or NaT)."""
    with db.cursor() as cur:
        frame = queries.categories_in_use(cur)
    frame = frame.rename(columns={"retired_at": "retired"}).astype({"values": "int64"})
    return frame[["breakdown", "category", "values", "retired"]]


def _changes(known: pd.DataFrame, frame: pd.DataFrame) -> tuple[list[str], list[Problem]]:
    """For each row of ``frame``, what saving it does given the ``known`` categories (breakdown,
    category, retired_at): "new breakdown", "new category", "already there", "retired, stays
    retired"; a problem for a category known with another case ("Woman" beside "woman")."""
    seen = {
        (b, c.casefold()): (c, not pd.isna(r))
        for b, c, r in zip(known["breakdown"], known["category"], known["retired_at"], strict=True)
    }
    breakdowns = set(known["breakdown"])
    changes, problems = [], []
    for row in frame.itertuples():
        written, retired = seen.get((row.breakdown, row.category.casefold()), (None, False))
        if written is None:
            changes.append("new category" if row.breakdown in breakdowns else "new breakdown")
            seen[(row.breakdown, row.category.casefold())] = (row.category, False)
            breakdowns.add(row.breakdown)
        elif written != row.category:
            message = _(
                "{breakdown} has this category as “{written}”: write it the same way"
            ).format(breakdown=row.breakdown, written=written)
            problems.append(Problem(row.line, "category", row.category, message))
            changes.append("")
        else:
            changes.append("retired, stays retired" if retired else "already there")
    return changes, problems


def _planned(cur, frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with ``change``; raise listing every category known with another case."""
    changes, problems = _changes(queries.categories_in_use(cur), frame)
    if problems:
        sentence = ngettext(
            "The file has {count} problem; nothing was saved.",
            "The file has {count} problems; nothing was saved.",
            len(problems),
        )
        raise InvalidInputError(sentence.format(count=format_number(len(problems))), problems)
    return frame.assign(change=pd.Series(changes, index=frame.index, dtype=object))


def preview_breakdowns(db: Database, actor: User, frame: pd.DataFrame) -> pd.DataFrame:
    """What saving ``frame`` (from :func:`parse_breakdowns`) would do: its columns and
    ``change`` in words of the current language (« nouvelle catégorie »), for whoever may save it (coordinators, admins). Raise listing every category
    already known with another case."""
    require(actor, "manage_partners")
    with db.cursor() as cur:
        planned = _planned(cur, frame)
    words = planned["change"].map(lambda change: _(CHANGE_WORDS[change]) if change else "")
    return planned.assign(change=words)


def save_breakdowns(
    db: Database, actor: User, frame: pd.DataFrame, source: str | None = None
) -> int:
    """Add the new categories of ``frame`` in one transaction (coordinators, admins), one audit
    entry each; return how many were added. Nothing is removed or restored."""
    require(actor, "manage_partners")
    now, added = utcnow(), 0
    with db.transaction() as cur:
        planned = _planned(cur, frame)
        for row in planned.itertuples():
            if not row.change.startswith("new"):
                continue
            queries.insert_category(cur, row.breakdown, row.category)
            target = f"{row.breakdown}={row.category}"
            action = "breakdown category added"
            queries.insert_audit(cur, now, actor.username, action, target, None, source)
            added += 1
    return added


def _categories(cur, breakdown: str) -> pd.DataFrame:
    """The categories of one breakdown (category, retired_at); NotFoundError when it has none."""
    frame = queries.categories_in_use(cur)
    frame = frame[frame["breakdown"] == breakdown]
    if frame.empty:
        raise NotFoundError(
            _("There is no breakdown “{breakdown}”: add it first.").format(breakdown=breakdown)
        )
    return frame


def _category(cur, breakdown: str, category: str) -> pd.Series:
    """One category's row; NotFoundError when the breakdown does not have it."""
    frame = _categories(cur, breakdown)
    found = frame[frame["category"] == category]
    if found.empty:
        raise NotFoundError(
            _("The breakdown “{breakdown}” has no category “{category}”.").format(
                breakdown=breakdown, category=category
            )
        )
    return found.iloc[0]


def _check(breakdown: str, category: str, summary: str) -> None:
    """Raise :class:`InvalidInputError` with ``summary`` when the pair breaks a rule."""
    problems = breakdown_problems(breakdown, category)
    if problems:
        raise InvalidInputError(summary, problems)


def add_breakdown(db: Database, actor: User, breakdown: str, categories: list[str]) -> None:
    """Add a new breakdown with its categories (at least one), one audit entry."""
    require(actor, "manage_partners")
    breakdown = breakdown.strip()
    texts = [c.strip() for c in categories if c.strip()] or [""]
    summary = _("The breakdown “{breakdown}” cannot be added.").format(breakdown=breakdown)
    for category in texts:
        _check(breakdown, category, summary)
    repeated = sorted({c for c in texts if [t.casefold() for t in texts].count(c.casefold()) > 1})
    if repeated:
        raise InvalidInputError(
            summary,
            [Problem(None, "category", c, _("this category is listed twice")) for c in repeated],
        )
    with db.transaction() as cur:
        if (queries.categories_in_use(cur)["breakdown"] == breakdown).any():
            raise DuplicateError(
                _("The breakdown “{breakdown}” already exists: add categories to it.").format(
                    breakdown=breakdown
                )
            )
        for category in texts:
            queries.insert_category(cur, breakdown, category)
        detail = ", ".join(texts)
        queries.insert_audit(
            cur, utcnow(), actor.username, "breakdown added", breakdown, detail, None
        )


def add_category(db: Database, actor: User, breakdown: str, category: str) -> None:
    """Add a category to an existing breakdown, with its audit entry."""
    require(actor, "manage_partners")
    category = category.strip()
    summary = _("The category “{category}” cannot be added to {breakdown}.")
    _check(breakdown, category, summary.format(category=category, breakdown=breakdown))
    with db.transaction() as cur:
        taken = _categories(cur, breakdown)["category"]
        if (taken.str.casefold() == category.casefold()).any():
            raise DuplicateError(_(ALREADY_HAS).format(breakdown=breakdown, category=category))
        queries.insert_category(cur, breakdown, category)
        target = f"{breakdown}={category}"
        queries.insert_audit(
            cur, utcnow(), actor.username, "breakdown category added", target, None, None
        )


def rename_category(db: Database, actor: User, breakdown: str, old: str, new: str) -> None:
    """Rename a category no submitted value names yet (a typing mistake), with its audit entry;
    one that values name is retired instead, and the new name added."""
    require(actor, "manage_partners")
    new = new.strip()
    summary = _("The category “{category}” of {breakdown} cannot be renamed.")
    _check(breakdown, new, summary.format(category=old, breakdown=breakdown))
    with db.transaction() as cur:
        _category(cur, breakdown, old)
        others = _categories(cur, breakdown)["category"]
        if (others[others != old].str.casefold() == new.casefold()).any():
            raise DuplicateError(_(ALREADY_HAS).format(breakdown=breakdown, category=new))
        used = queries.category_values(cur, breakdown, old)
        if used:
            sentence = ngettext(
                "The category “{old}” of {breakdown} cannot be renamed: {used} submitted value "
                "names it. Retire it and add “{new}” instead.",
                "The category “{old}” of {breakdown} cannot be renamed: {used} submitted values "
                "name it. Retire it and add “{new}” instead.",
                used,
            )
            raise InvalidInputError(
                sentence.format(old=old, breakdown=breakdown, used=used, new=new), []
            )
        queries.rename_category(cur, breakdown, old, new)
        detail = audit_text(N_("“{old}” becomes “{new}”"), old=old, new=new)
        queries.insert_audit(
            cur, utcnow(), actor.username, "breakdown category renamed", breakdown, detail, None
        )


def _last_in_use(cur, breakdown: str, category: str) -> None:
    """Refuse taking away the last category still offered of a breakdown that catalogue metrics
    name: partners could not send those metrics' breakdown any more."""
    offered = _categories(cur, breakdown)
    offered = offered[offered["retired_at"].isna() & (offered["category"] != category)]
    if not offered.empty:
        return
    metrics = queries.metrics(cur)
    naming = [
        m
        for m, b in zip(metrics["code"], metrics["breakdowns"], strict=True)
        if breakdown in split_list(b)
    ]
    if naming:
        sentence = ngettext(
            "“{category}” is the last category of {breakdown} still offered, and {count} "
            "metric of the catalogue is broken down by {breakdown}: add another category "
            "first, or take the breakdown off that metric.",
            "“{category}” is the last category of {breakdown} still offered, and {count} "
            "metrics of the catalogue are broken down by {breakdown}: add another category "
            "first, or take the breakdown off those metrics.",
            len(naming),
        ).format(category=category, breakdown=breakdown, count=len(naming))
        message = _("take {breakdown} off this metric's breakdowns").format(breakdown=breakdown)
        raise InvalidInputError(sentence, [Problem(None, "metric", m, message) for m in naming])


def retire_category(db: Database, actor: User, breakdown: str, category: str) -> None:
    """Retire a category (coordinators, admins): the values that name it keep it, and it is no
    longer offered in templates or accepted in new files."""
    require(actor, "manage_partners")
    with db.transaction() as cur:
        if not pd.isna(_category(cur, breakdown, category)["retired_at"]):
            return
        _last_in_use(cur, breakdown, category)
        queries.set_category_retired(cur, breakdown, category, utcnow())
        target = f"{breakdown}={category}"
        queries.insert_audit(
            cur, utcnow(), actor.username, "breakdown category retired", target, None, None
        )


def restore_category(db: Database, actor: User, breakdown: str, category: str) -> None:
    """Offer a retired category again (coordinators, admins)."""
    require(actor, "manage_partners")
    with db.transaction() as cur:
        if pd.isna(_category(cur, breakdown, category)["retired_at"]):
            return
        queries.set_category_retired(cur, breakdown, category, None)
        target = f"{breakdown}={category}"
        queries.insert_audit(
            cur, utcnow(), actor.username, "breakdown category restored", target, None, None
        )


def delete_category(db: Database, actor: User, breakdown: str, category: str) -> None:
    """Delete a category no submitted value names (added by mistake); one that values name can
    only be retired."""
    require(actor, "manage_partners")
    with db.transaction() as cur:
        _category(cur, breakdown, category)
        used = queries.category_values(cur, breakdown, category)
        if used:
            sentence = ngettext(
                "The category “{category}” of {breakdown} cannot be deleted: {used} submitted "
                "value names it. Retire it instead.",
                "The category “{category}” of {breakdown} cannot be deleted: {used} submitted "
                "values name it. Retire it instead.",
                used,
            )
            raise InvalidInputError(
                sentence.format(category=category, breakdown=breakdown, used=used), []
            )
        _last_in_use(cur, breakdown, category)
        queries.delete_category(cur, breakdown, category)
        target = f"{breakdown}={category}"
        queries.insert_audit(
            cur, utcnow(), actor.username, "breakdown category deleted", target, None, None
        )
