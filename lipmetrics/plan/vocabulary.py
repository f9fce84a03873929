"""The LIP's own status vocabulary: phrases coordinators teach once, with the category they mean
(docs/definitions.md "Reading a status").

A taught phrase is found in a status as whole words, case and accents aside, and comes before the
built-in rules (:func:`lipmetrics.plan.status.parse_status`). It is applied on every import, and on
request to texts already imported that no rule read: each such text gets a new status record with
the taught category (the original words kept, the unread record kept in the history) and an audit
entry. Coordinators and admins teach and forget phrases; every change is in the audit log.
"""

from __future__ import annotations

import pandas as pd

from lipmetrics.accounts import User, require
from lipmetrics.categories import CATEGORY_LABELS, CLASSIFIED_REASON
from lipmetrics.errors import InvalidInputError, NotFoundError, Problem
from lipmetrics.i18n import N_, _
from lipmetrics.plan.status import fold_phrase, parse_status
from lipmetrics.store import Database, audit_text, audit_word, queries, utcnow

MAX_PHRASE = 200  # characters: a phrase, not a paragraph
# The reason of a status the vocabulary classified: stored in English, shown in the audit log in
# the reader's language (README "Languages").
CLASSIFIED = CLASSIFIED_REASON
VOCABULARY_COLUMNS = ["phrase", "category", "added_by", "added_at"]


def taught_phrases(db: Database) -> dict[str, str]:
    """The taught phrases, folded, with their category: what :func:`parse_status` takes."""
    with db.cursor() as cur:
        frame = queries.vocabulary(cur)
    return dict(zip(frame["phrase"], frame["category"], strict=True))


def vocabulary_table(db: Database) -> pd.DataFrame:
    """The vocabulary as people read it: phrase as written, category in words, who, when."""
    with db.cursor() as cur:
        frame = queries.vocabulary(cur)
    return pd.DataFrame(
        {
            "phrase": frame["written"],
            "category": frame["category"].map(CATEGORY_LABELS),
            "added_by": frame["added_by"],
            "added_at": frame["added_at"],
        },
        columns=VOCABULARY_COLUMNS,
    )


def unread_texts(db: Database) -> pd.DataFrame:
    """The imported statuses that still need a person, every plan: plan, project, text."""
    with db.cursor() as cur:
        frame = queries.unread_status_records(cur, None)
    return pd.DataFrame(
        {"plan": frame["plan_name"], "project": frame["project"], "text": frame["original_text"]}
    )


def category_named(text: str) -> str | None:
    """A category from its code ("in_progress") or its words ("In progress"), else None."""
    wanted = " ".join(text.replace("_", " ").split()).lower()
    for category, label in CATEGORY_LABELS.items():
        if wanted in {category.replace("_", " "), label.lower()}:
            return category
    return None


def teach(db: Database, actor: User, phrase: str, category_text: str) -> str:
    """Teach ``phrase`` as meaning ``category_text``; return the category. Teaching a phrase again
    changes what it means.

    :raises InvalidInputError: the phrase is empty or too long, or the category is not one.
    """
    require(actor, "record_status")
    folded, category = fold_phrase(phrase), category_named(category_text)
    problems = []
    if not folded or len(phrase) > MAX_PHRASE:
        problems.append(
            Problem(
                None,
                "phrase",
                phrase,
                _("write a phrase of 1 to {count} characters").format(count=MAX_PHRASE),
            )  # fmt: skip
        )
    if category is None:
        choices = ", ".join(_(label) for label in CATEGORY_LABELS.values())
        message = _("choose one of: {choices}").format(choices=choices)
        problems.append(Problem(None, "category", category_text, message))
    if problems:
        raise InvalidInputError(_("The phrase was not taught."), problems)
    with db.transaction() as cur:
        queries.upsert_phrase(cur, folded, phrase.strip(), category, utcnow(), actor.username)
        queries.insert_audit(
            cur, utcnow(), actor.username, "status phrase taught", phrase.strip(),
            audit_text(N_("means {status}"), status=audit_word(CATEGORY_LABELS[category])), None,
        )  # fmt: skip
    return category


def forget(db: Database, actor: User, phrase: str) -> None:
    """Forget a taught phrase; texts it already classified keep their records.

    :raises NotFoundError: no such phrase was taught.
    """
    require(actor, "record_status")
    with db.transaction() as cur:
        removed = queries.delete_phrase(cur, fold_phrase(phrase))
        if removed is None:
            raise NotFoundError(
                _(
                    "“{phrase}” is not in the vocabulary. See the list with `lipmetrics vocabulary`."
                ).format(phrase=phrase)
            )
        queries.insert_audit(
            cur, utcnow(), actor.username, "status phrase forgotten", removed["written"],
            audit_text(N_("meant {status}"), status=audit_word(CATEGORY_LABELS[removed["category"]])),
            None,
        )  # fmt: skip


def reclassify_unread(db: Database, actor: User, plan_id: int | None = None) -> pd.DataFrame:
    """Apply the vocabulary to imported statuses no rule read (of one plan, or all); each one a
    taught phrase now reads gets a new status record with that category (same project, plan year
    and date, the original words kept) and an audit entry. Return what was classified: plan,
    project, original_text, category."""
    require(actor, "record_status")
    taught = taught_phrases(db)
    done = []
    with db.transaction() as cur:
        unread = queries.unread_status_records(cur, plan_id)
        # A missing date or precision is written back as NULL: a column holding some has NaN or
        # NaT for the others, which the database would store as text or refuse.
        unread = unread.astype(object).where(unread.notna(), None)
        for row in unread.itertuples():
            category = parse_status(row.original_text, taught).category
            if category is None:
                continue
            queries.insert_status_record(
                cur, project_id=row.project_id, category=category,
                original_text=row.original_text, status_date=row.status_date,
                date_precision=row.date_precision, effective_date=row.effective_date,
                plan_year=row.plan_year, recorded_at=utcnow(), recorded_by=actor.username,
                reason=CLASSIFIED, note=None, source="vocabulary",
                illustrative=False,
            )  # fmt: skip
            queries.insert_audit(
                cur, utcnow(), actor.username, "status classified", row.project,
                audit_text(
                    N_("“{text}” read as {status} ({plan})"), text=row.original_text,
                    status=audit_word(CATEGORY_LABELS[category]), plan=row.plan_name,
                ),
                audit_text(CLASSIFIED),
            )  # fmt: skip
            done.append((row.plan_name, row.project, row.original_text, category))
    return pd.DataFrame(done, columns=["plan", "project", "original_text", "category"])
