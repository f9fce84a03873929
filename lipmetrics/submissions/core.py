"""Partner metric submissions: check a file, preview what it changes, commit it atomically, and
keep every value's history (design §2, §4, §8).

A submission is one uploaded file. Its values are never updated or deleted: a later submission with
the same metric, period and breakdown supersedes them, a withdrawal takes a whole submission out (and
a restore puts it back), and the value in force for a key is the one of the latest submission that
is not withdrawn. So every value's history can always be shown.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from lipmetrics.accounts import User, require
from lipmetrics.errors import InvalidInputError, NotFoundError, Problem, UnusableInputError
from lipmetrics.files import cycle_collector_paused, parse_number, read_table
from lipmetrics.measures import (
    breakdown_categories,
    catalog,
    parse_period,
    period_problem,
    split_list,
)
from lipmetrics.store import Database, queries, utcnow

REQUIRED = ("metric", "period", "value")
OPTIONAL = (
    "notes",
    "metric_name",
)  # metric_name: shown beside the code in the XLSX template, not read


def _column_name(text: str) -> str:
    return "_".join(text.strip().lower().replace("-", " ").split())


@dataclass
class SubmissionCheck:
    """A partner file read and checked: its rows, and every problem found (empty when valid)."""

    file_name: str
    partner_code: str
    sha256: str
    read_as: str
    decimal_comma: bool
    rows: pd.DataFrame  # line, metric, period, breakdown, value, notes
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def breakdown_key(parts: dict[str, str]) -> str:
    """The canonical key of a breakdown: ``age_group=15-24;gender=woman``; "" for the total."""
    return ";".join(f"{name}={value}" for name, value in sorted(parts.items()) if value)


@cycle_collector_paused()
def check_submission(
    db: Database,
    data: bytes,
    file_name: str,
    partner_code: str,
    decimal_comma: bool = False,
    today: date | None = None,
) -> SubmissionCheck:
    """Read a partner's file and check every row; raise :class:`UnusableInputError` only when the
    file cannot be read at all. Every other problem is collected with its line and column."""
    today = today or date.today()
    table = read_table(data, file_name, trim=False)
    rows = [row for row in table.rows]
    while rows and not any(c.strip() for c in rows[-1]):
        rows.pop()
    if not rows:
        raise UnusableInputError(
            f"The file {file_name} is empty. Download the template, fill it in and upload it."
        )
    # Plain dicts, not DataFrame lookups: this loop runs once per line of files of 100,000 lines.
    metrics = {
        m["code"]: {
            **m,
            "partner_set": set(split_list(m["partners"])),
            "allowed": split_list(m["breakdowns"]),
            "plans": [],
        }
        for m in catalog(db).to_dict("records")
    }
    categories = breakdown_categories(db)
    with db.cursor() as cur:
        partner = queries.partner_row(cur, partner_code)
        for plan in queries.metric_plan_years(cur).itertuples():
            metrics[plan.metric]["plans"].append((plan.plan, plan.first_year, plan.last_year))
    if partner is None:
        raise NotFoundError(f"There is no partner with the code {partner_code}.")
    problems: list[Problem] = []
    sha = hashlib.sha256(data).hexdigest()

    def result(records: pd.DataFrame | list) -> SubmissionCheck:
        columns = ["line", "metric", "period", "breakdown", "value", "notes"]
        frame = (
            records if isinstance(records, pd.DataFrame) else pd.DataFrame(records, columns=columns)
        )
        return SubmissionCheck(
            file_name, partner_code, sha, table.describe(), decimal_comma, frame, problems
        )

    header = [_column_name(c) for c in rows[0]]
    if not set(REQUIRED) <= set(header):
        later = next(
            (
                i
                for i, r in enumerate(rows[1:20], start=1)
                if set(REQUIRED) <= {_column_name(c) for c in r}
            ),
            None,
        )
        if later is not None:
            problems.append(
                Problem(
                    1,
                    None,
                    None,
                    f"the column names must be on the first line; they are on line {later + 1}: delete the title lines above them",
                )
            )
            return result([])
        missing = [c for c in REQUIRED if c not in header]
        problems.append(
            Problem(
                1,
                ", ".join(missing),
                None,
                "required column missing: the first line must name the columns metric, period, value (download the template)",
            )
        )
        return result([])
    known_columns = set(REQUIRED) | set(OPTIONAL) | set(categories)
    seen_columns: dict[str, int] = {}
    for index, name in enumerate(header):
        letter = index + 1
        if not name:
            if any(index < len(r) and r[index].strip() for r in rows[1:]):
                problems.append(
                    Problem(
                        1,
                        f"column {letter}",
                        "",
                        "this column has values but no name: name it or delete it",
                    )
                )
            continue
        if name in seen_columns:
            problems.append(
                Problem(
                    1,
                    name,
                    rows[0][index],
                    f"this column name is used twice (columns {seen_columns[name] + 1} and {letter}): keep one",
                )
            )
        elif name not in known_columns:
            problems.append(
                Problem(
                    1,
                    name,
                    rows[0][index],
                    "unknown column: the template has metric, period, value, notes and one column per breakdown",
                )
            )
        seen_columns.setdefault(name, index)
    if any(p.line == 1 for p in problems):
        return result([])
    column = {name: index for name, index in seen_columns.items()}
    records = _check_lines(
        rows,
        header,
        column,
        table.kind,
        metrics,
        categories,
        partner_code,
        decimal_comma,
        today,
        problems,
    )
    if len(records) == 0 and not problems:
        problems.append(
            Problem(None, None, None, "the file has no lines of data under the column names")
        )
    return result(records)


_PLAIN_NUMBER = r"-?\d+(?:\.\d+)?"
CHECK_ORDER = {
    "metric": 0,
    "period": 1,
    "value": 2,
}  # then breakdown columns, then whole-line problems


def _period_check(pair: str, metrics: dict, today: date) -> tuple[str | None, str]:
    """The problem with a period (None if none) and its canonical text, for "period\x1fmetric"."""
    text, code = pair.split("\x1f")
    period = parse_period(text)
    problem = period_problem(text, metrics[code]["frequency"], today, metrics[code]["plans"])
    return problem, period.text if period else text


def _check_lines(
    rows, header, column, kind, metrics, categories, partner_code, decimal_comma, today, problems
) -> list[dict]:
    """Check every data line, column by column over the whole file (a file may have 100,000 lines).

    Appends the problems found to ``problems`` in line order, and returns the lines that can be
    saved: line, metric, period, breakdown, value, notes.
    """
    found: list[tuple[int, int, Problem]] = []
    width = len(header)
    body = rows[1:]
    # Rows of the right width go straight into a DataFrame (the common case, fast); the few others
    # are looked at one by one: blank lines are skipped, ragged CSV lines reported.
    regular = [len(row) == width for row in body]
    if not all(regular):
        for number, (row, fits) in enumerate(zip(body, regular, strict=True), start=2):
            if fits or not any(c.strip() for c in row):
                continue
            if kind == "csv":
                message = f"this line has {len(row)} cells but the first line names {width} columns: check for a missing or extra separator"
                found.append((number, 9, Problem(number, None, None, message)))
            elif any(c.strip() for c in row[width:]):  # never drop what a person typed
                extra = next(i for i, c in enumerate(row) if i >= width and c.strip())
                message = f"column {extra + 1} has a value but no name on the first line: name the column or move the value"
                found.append(
                    (number, 9, Problem(number, f"column {extra + 1}", row[extra], message))
                )
            else:  # a workbook row narrower or wider than the header, with blanks only beyond it
                body[number - 2] = (row + [""] * width)[:width]
                regular[number - 2] = True
    # One Arrow string column per named column, built once from the cells (columns never round-trip
    # through Python objects again). Unnamed columns are empty here: a value in one is reported above.
    fitting = [row for row, fits in zip(body, regular, strict=True) if fits]
    cells = list(zip(*fitting, strict=True)) if fitting else [() for _ in range(width)]
    frame = pd.DataFrame({"line": [n for n, fits in enumerate(regular, start=2) if fits]})
    for name, index in column.items():
        stripped = pc.utf8_trim_whitespace(pa.array(cells[index], type=pa.string()))
        frame[name] = pd.array(stripped, dtype="str")
    blank = (frame[list(column)] == "").all(axis=1)
    frame = frame[~blank].reset_index(drop=True)
    if frame.empty:
        problems.extend(p for _, _, p in sorted(found, key=lambda f: (f[0], f[1])))
        return pd.DataFrame(columns=["line", "metric", "period", "breakdown", "value", "notes"])
    codes = frame["metric"]
    known = codes.isin(list(metrics))
    for row in frame[~known].itertuples():
        message = (
            "unknown metric code: use a code from the template"
            if row.metric
            else "the metric is missing"
        )
        found.append((row.line, 0, Problem(row.line, "metric", row.metric, message)))
    # Maps through dicts, and .tolist() before zipping: iterating pandas' Arrow strings is slow.
    reporters = [c for c, m in metrics.items() if partner_code in m["partner_set"]]
    reports = codes.isin(reporters)
    for row in frame[known & ~reports].itertuples():
        message = f"{partner_code} does not report this metric: remove the line, or ask the working group to add you"
        found.append((row.line, 0, Problem(row.line, "metric", row.metric, message)))
    ok = frame[known & reports].copy()
    info = {code: metrics[code] for code in ok["metric"].unique()}
    ok["frequency"] = ok["metric"].map({c: m["frequency"] for c, m in info.items()})
    ok["unit"] = ok["metric"].map({c: m["unit"] for c, m in info.items()})
    # Periods: a file has few distinct ones, so each (period, metric) is checked once.
    pair_codes, pairs = pd.factorize(ok["period"] + "\x1f" + ok["metric"])
    checked = [_period_check(pair, metrics, today) for pair in pairs]
    ok["period_problem"] = np.array([c[0] for c in checked], dtype=object)[pair_codes]
    ok["period_text"] = pd.array(
        np.array([c[1] for c in checked], dtype=object)[pair_codes], dtype="str"
    )
    for row in ok[ok["period_problem"].notna()].itertuples():
        found.append((row.line, 1, Problem(row.line, "period", row.period, row.period_problem)))
    # Values: plain numbers the fast way; anything else through the full rules.
    plain = (
        ok["value"].str.fullmatch(_PLAIN_NUMBER)
        if not decimal_comma
        else ok["value"].str.fullmatch(r"-?\d+")
    )
    values = pd.to_numeric(ok["value"].where(plain), errors="coerce")
    value_problems = pd.Series(None, index=ok.index, dtype=object)
    for index in ok.index[~plain]:
        number, problem = parse_number(
            ok.at[index, "value"], decimal_comma, percent=ok.at[index, "unit"] == "percent"
        )
        values.at[index] = number if number is not None else float("nan")
        value_problems.at[index] = problem
    good = value_problems.isna()
    count, percent, money = (
        ok["unit"] == "count",
        ok["unit"] == "percent",
        ok["unit"].isin(["currency", "rate"]),
    )
    value_problems[good & count & ((values < 0) | (values % 1 != 0))] = (
        "a count is a whole number of 0 or more"
    )
    value_problems[good & percent & ((values < 0) | (values > 100))] = (
        "a percentage is between 0 and 100"
    )
    value_problems[good & money & (values < 0)] = "this value cannot be negative"
    for index in value_problems.index[value_problems.notna()]:
        line = int(ok.at[index, "line"])
        found.append(
            (line, 2, Problem(line, "value", ok.at[index, "value"], value_problems.at[index]))
        )
    # Breakdowns: a category only where the metric allows that breakdown, from its list.
    unreadable = pd.Series(False, index=ok.index)
    parts = []
    for order, name in enumerate(sorted(n for n in column if n in categories), start=3):
        given = ok[name] != ""
        allowed = ok["metric"].isin([c for c, m in info.items() if name in m["allowed"]])
        for row in ok[given & ~allowed].itertuples():
            message = f"metric {row.metric} is not broken down by {name}: leave this cell blank"
            found.append((row.line, order, Problem(row.line, name, getattr(row, name), message)))
        unknown = given & allowed & ~ok[name].isin(categories[name])
        for row in ok[unknown].itertuples():
            message = "unknown category: use one of " + ", ".join(categories[name])
            found.append((row.line, order, Problem(row.line, name, getattr(row, name), message)))
        unreadable |= (given & ~allowed) | unknown
        # "name=category;" where given, "" where not: joined, they make the canonical key.
        labelled = pc.binary_join_element_wise(
            f"{name}=", pa.array(ok[name]).cast(pa.string()), ";", ""
        )
        parts.append(pc.if_else(given.to_numpy(), labelled, ""))
    blank = pa.array([""] * len(ok), type=pa.string())  # typed: an empty list has no type
    joined = pc.binary_join_element_wise(*parts, "") if parts else blank
    ok["breakdown"] = pd.array(pc.utf8_rtrim(joined, ";"), dtype="str")
    # The same metric, period and breakdown twice: the later lines point at the first.
    comparable = ok[~unreadable]
    keys = ["metric", "period_text", "breakdown"]
    repeated = comparable.duplicated(keys, keep="first")
    if repeated.any():  # rare: find the first line of each repeated key, for the message
        involved = comparable[comparable.duplicated(keys, keep=False)]
        first = involved.groupby(keys, sort=False)["line"].transform("min")
        for line, first_line in zip(
            involved.loc[repeated[involved.index], "line"].tolist(),
            first[repeated[involved.index]].tolist(),
            strict=True,
        ):
            message = (
                f"same metric, period and breakdown as line {first_line}: keep one of the two lines"
            )
            found.append((int(line), 9, Problem(int(line), None, None, message)))
    problems.extend(p for _, _, p in sorted(found, key=lambda f: (f[0], f[1])))
    saved = comparable[~repeated]
    return pd.DataFrame(
        {
            "line": saved["line"].astype(int),
            "metric": saved["metric"],
            "period": saved["period_text"],
            "breakdown": saved["breakdown"],
            "value": values[saved.index].astype(float),
            "notes": (saved["notes"].replace("", None) if "notes" in saved else None),
        }
    ).reset_index(drop=True)


def current_values(db: Database, partner_code: str | None = None) -> pd.DataFrame:
    """The values in force: for each metric, partner, period and breakdown, the value of the latest
    submission that is not withdrawn. Columns: metric, partner, period, breakdown, value, notes,
    submission_id, submitted_at."""
    with db.cursor() as cur:
        return queries.current_values(cur, partner_code)


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


@dataclass(frozen=True)
class CommitResult:
    """What a commit did: the submission id, and whether the same file had already been received."""

    submission_id: int
    already_received: bool
    rows: int


def _store_file(store_dir: Path, data: bytes, sha: str, file_name: str) -> str:
    """Keep the raw bytes (named by their hash) so the database can be rebuilt; write atomically."""
    store_dir.mkdir(parents=True, exist_ok=True)
    suffix = (
        Path(file_name).suffix.lower()
        if Path(file_name).suffix.lower() in (".csv", ".xlsx", ".txt")
        else ".bin"
    )
    target = store_dir / f"{sha}{suffix}"
    if not target.exists():
        with tempfile.NamedTemporaryFile(dir=store_dir, delete=False) as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(handle.name, target)
    return target.name


def commit_submission(
    db: Database,
    actor: User,
    check: SubmissionCheck,
    data: bytes,
    store_dir: Path,
    received_at: datetime | None = None,
) -> CommitResult:
    """Save a checked file as one submission in one transaction; refuse it whole if any problem.

    The same file (same bytes) already received for the partner is recognised and not stored again.
    ``received_at`` (default: now) is for loading files received earlier, such as the demo's.
    """
    require(actor, "submit_metrics", check.partner_code)
    now = received_at or utcnow()
    if not check.ok:
        with db.transaction() as cur:
            queries.insert_audit(
                cur, now, actor.username, "submission refused", f"{check.partner_code}: {check.file_name}",
                f"{len(check.problems)} problem(s); sha256 {check.sha256[:12]}", None,
            )  # fmt: skip
        raise InvalidInputError(
            f"{check.file_name} has {len(check.problems)} problem(s); nothing was saved.",
            check.problems,
        )
    with db.cursor() as cur:
        earlier = queries.submission_by_hash(cur, check.partner_code, check.sha256)
    if earlier is not None:
        if earlier["state"] == "withdrawn":
            raise InvalidInputError(
                f"This file was received before as submission {earlier['id']} and then withdrawn.",
                [
                    Problem(
                        None,
                        None,
                        None,
                        f"restore submission {earlier['id']} instead of uploading it again",
                    )
                ],
            )
        return CommitResult(int(earlier["id"]), True, int(earlier["row_count"]))
    stored = _store_file(store_dir, data, check.sha256, check.file_name)
    with db.transaction() as cur:
        submission_id = queries.next_ids(cur, "submission_ids", 1)[0]
        queries.insert_submission(
            cur, submission_id, check.partner_code, actor.username, now, check.file_name, check.sha256,
            len(check.rows), stored, check.read_as, check.decimal_comma,
        )  # fmt: skip
        values = check.rows.assign(
            submission_id=submission_id, partner_code=check.partner_code
        ).rename(columns={"metric": "metric_code"})
        columns = ["submission_id", "metric_code", "partner_code", "period", "breakdown"]
        columns += ["value", "notes", "line"]
        queries.insert_rows(cur, "metric_values", values[columns], id_sequence="value_ids")
        queries.insert_submission_event(cur, submission_id, now, actor.username, "committed", None)
        queries.insert_audit(
            cur, now, actor.username, "submission committed", f"{check.partner_code}: {check.file_name}",
            f"submission {submission_id}, {len(check.rows)} values", None,
        )  # fmt: skip
    return CommitResult(submission_id, False, len(check.rows))


def _set_state(db: Database, actor: User, submission_id: int, event: str, reason: str) -> None:
    if not reason.strip():
        raise InvalidInputError(
            "A reason is needed.",
            [Problem(None, "reason", "", f"say why the submission is {event}")],
        )
    with db.transaction() as cur:
        submission = queries.submission_row(cur, submission_id)
        if submission is None:
            raise NotFoundError(f"There is no submission {submission_id}.")
        require(actor, "submit_metrics", submission["partner_code"])
        if actor.role == "partner":
            require(actor, "record_status")  # withdrawing and restoring are the working group's
        wanted = "withdrawn" if event == "withdrawn" else "committed"
        if submission["state"] == wanted:
            raise InvalidInputError(
                f"Submission {submission_id} is already {submission['state']}.",
                [Problem(None, None, None, "nothing to do")],
            )
        now = utcnow()
        queries.insert_submission_event(
            cur, submission_id, now, actor.username, event, reason.strip()
        )
        queries.insert_audit(
            cur,
            now,
            actor.username,
            f"submission {event}",
            f"submission {submission_id}",
            submission["file_name"],
            reason.strip(),
        )


def withdraw(db: Database, actor: User, submission_id: int, reason: str) -> None:
    """Take a whole submission out (its values stop counting); reversible with :func:`restore`."""
    _set_state(db, actor, submission_id, "withdrawn", reason)


def restore(db: Database, actor: User, submission_id: int, reason: str) -> None:
    """Put a withdrawn submission back."""
    _set_state(db, actor, submission_id, "restored", reason)


def submissions(db: Database, partner_code: str | None = None) -> pd.DataFrame:
    """The submission ledger, newest first: id, partner_code, username, submitted_at, file_name,
    sha256, row_count, state, values_in_force."""
    with db.cursor() as cur:
        return queries.submissions(cur, partner_code)


def value_history(db: Database, partner_code: str | None = None) -> pd.DataFrame:
    """Every value ever submitted, with whether it is in force and what superseded it.

    Columns: metric, partner, period, breakdown, value, submission_id, submitted_at, state
    ("in force", "superseded", "withdrawn"), superseded_by.
    """
    with db.cursor() as cur:
        return queries.value_history(cur, partner_code)
