"""Partner submissions: every kind of bad file, the corpora, corrections, withdrawals, encodings."""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

import pytest

from lipmetrics.accounts import User
from lipmetrics.cli import main
from lipmetrics.demo import load_demo_accounts
from lipmetrics.errors import (
    InvalidInputError,
    PermissionDeniedError,
    UnusableInputError,
)
from lipmetrics.files import read_table
from lipmetrics.measures import partners_reporting_first
from lipmetrics.plan import import_plan_file
from lipmetrics.store import queries
from lipmetrics.submissions import (
    check_submission,
    commit_submission,
    current_values,
    preview,
    reporting_years,
    restore,
    submissions,
    unsent_summary,
    value_history,
    withdraw,
)

from .conftest import DATA, SHARED
from .databases import new_target

NCC = User("ncc", "NCC", "partner", "NCC")
TODAY = date(2026, 11, 23)
HEADER = "metric,period,value,gender,age_group,notes\n"


@pytest.fixture
def ref(db):
    """A database with the bundled partners, breakdowns, catalogue and demo accounts."""
    load_demo_accounts(db, DATA)
    return db


def fingerprint(db) -> str:
    """A hash of everything a refused file must leave untouched."""
    with db.cursor() as cur:
        parts = [
            sorted(cur.execute(f"SELECT * FROM {t}").fetchall(), key=repr)  # SQL both backends run
            for t in ("submissions", "submission_events", "metric_values")
        ]
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def submit(
    db,
    text: str | bytes,
    store: Path,
    name: str = "file.csv",
    decimal_comma: bool = False,
    user: User = NCC,
):
    data = text.encode() if isinstance(text, str) else text
    check = check_submission(db, data, name, user.partner_code or "NCC", decimal_comma, today=TODAY)
    return commit_submission(db, user, check, data, store)


BAD = [
    ("unknown metric", HEADER + "NOPE,2024-Q3,5,,,\n", 2, "metric", "unknown metric code"),
    (
        "unknown metric, no breakdown column",
        "metric,period,value\nNOPE,2024-Q3,5\n",
        2,
        "metric",
        "unknown metric code",
    ),
    (
        "not reported by partner",
        HEADER + "ES-EMPLOYERS,2024-Q3,5,,,\n",
        2,
        "metric",
        "NCC does not report this metric",
    ),
    (
        "malformed period",
        HEADER + "ES-JOBSKILLS,Q3 2024,5,,,\n",
        2,
        "period",
        "write this quarter as 2024-Q3",
    ),
    (
        "wrong frequency",
        HEADER + "ES-JOBSKILLS,2024,5,,,\n",
        2,
        "period",
        "this metric is reported quarterly",
    ),
    ("future period", HEADER + "ES-JOBSKILLS,2031-Q1,5,,,\n", 2, "period", "has not started yet"),
    # a note and no value (a line with neither is one not sent: test_a_line_left_empty_is_not_sent)
    (
        "missing value",
        HEADER + "ES-JOBSKILLS,2024-Q3,,,,sent later\n",
        2,
        "value",
        "the value is missing",
    ),
    ("not a number", HEADER + "ES-JOBSKILLS,2024-Q3,lots,,,\n", 2, "value", "not a number"),
    (
        "negative count",
        HEADER + "ES-JOBSKILLS,2024-Q3,-4,,,\n",
        2,
        "value",
        "a count is a whole number of 0 or more",
    ),
    (
        "fractional count",
        HEADER + "ES-JOBSKILLS,2024-Q3,4.5,,,\n",
        2,
        "value",
        "a count is a whole number",
    ),
    (
        "percent over 100",
        HEADER + "ES-PLACED,2024,140%,,,\n",
        2,
        "value",
        "a percentage is between 0 and 100",
    ),
    (
        "breakdown not allowed",
        HEADER + "SI-REPS,2024,3,,25-44,\n",
        2,
        "age_group",
        "is not broken down by age_group",
    ),
    (
        "unknown category",
        HEADER + "ES-JOBSKILLS,2024-Q3,3,female,,\n",
        2,
        "gender",
        "unknown category",
    ),
    (
        "duplicate rows",
        HEADER + "ES-JOBSKILLS,2024-Q3,3,,,\nES-JOBSKILLS,2024-Q3,4,,,\n",
        3,
        None,
        "same metric, period and breakdown as line 2",
    ),
    (
        "ragged row",
        HEADER + "ES-JOBSKILLS,2024-Q3,3\n",
        2,
        None,
        "this line has 3 cells but the first line names 6 columns",
    ),
    (
        "duplicate headers",
        "metric,period,value,value\nES-JOBSKILLS,2024-Q3,3,4\n",
        1,
        "value",
        "used twice",
    ),
    (
        "missing required column",
        "metric,value\nES-JOBSKILLS,3\n",
        1,
        "period",
        "required column missing",
    ),
    (
        "title rows above the header",
        "NCC quarterly report\n\n" + HEADER + "ES-JOBSKILLS,2024-Q3,3,,,\n",
        1,
        None,
        "they are on line 3",
    ),
    ("header only", HEADER, None, None, "no lines of data"),
    (
        "unknown column",
        "metric,period,value,colour\nES-JOBSKILLS,2024-Q3,3,red\n",
        1,
        "colour",
        "unknown column",
    ),
]


@pytest.mark.parametrize(
    ("case", "text", "line", "column", "message"), BAD, ids=[c[0] for c in BAD]
)
def test_bad_files(ref, tmp_path, case, text, line, column, message) -> None:
    """Each bad file: a specific problem with its line and column; the database is unchanged."""
    before = fingerprint(ref)
    with pytest.raises(InvalidInputError) as raised:
        submit(ref, text, tmp_path)
    matching = [p for p in raised.value.problems if message in p.message]
    assert matching, [str(p) for p in raised.value.problems]
    assert (matching[0].line, matching[0].column) == (line, column)
    assert fingerprint(ref) == before
    with ref.cursor() as cur:  # the refused upload is itself logged
        assert queries.audit_log(cur)["action"].iloc[0] == "submission refused"


UNUSABLE = [
    ("empty", b"", "is empty"),
    ("excel renamed csv but broken", b"PK\x03\x04broken", "cannot be opened"),
    ("old xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64, "old Excel .xls"),
]


@pytest.mark.parametrize(("case", "data", "message"), UNUSABLE, ids=[c[0] for c in UNUSABLE])
def test_unusable_files(ref, tmp_path, case, data, message) -> None:
    """Files that cannot be read at all get a sentence (CLI exit 2) and change nothing."""
    before = fingerprint(ref)
    with pytest.raises(UnusableInputError, match=message):
        submit(ref, data, tmp_path)
    assert fingerprint(ref) == before


def test_all_problems_at_once(ref, tmp_path) -> None:
    """Every problem of a file is reported in one go, in line order."""
    text = HEADER + "NOPE,2024-Q3,5,,,\nES-JOBSKILLS,2024-Q3,-1,,,\nES-JOBSKILLS,2024,x,,,\n"
    check = check_submission(ref, text.encode(), "f.csv", "NCC", today=TODAY)
    assert [(p.line, p.column) for p in check.problems] == [
        (2, "metric"),
        (3, "value"),
        (4, "period"),
        (4, "value"),
    ]


FRICTIONLESS = sorted((SHARED / "corpora" / "frictionless").glob("*.csv"))
# What each frictionless-py file gives. None of them names the columns metric, period and value,
# so each that reads as a table is refused with that problem on its first line (exit 1);
# the empty file cannot be read at all (exit 2). leading-zeros.csv has a column named value.
NO_COLUMNS = (
    "required column missing: the first line must name the columns metric, period, value "
    "(download the template)"
)
FRICTIONLESS_PROBLEMS = {
    name: [(1, "metric, period, value", NO_COLUMNS)]
    for name in (
        "blank-headers.csv", "blank-rows.csv", "bom.csv", "defective-rows.csv",
        "duplicate-column.csv", "escaping.csv", "issue-1009-semicolon.csv", "latin1.csv",
    )
} | {"leading-zeros.csv": [(1, "metric, period", NO_COLUMNS)]}  # fmt: skip
FRICTIONLESS_UNUSABLE = {
    "empty.csv": "The file empty.csv is empty. Choose the file that has your data."
}


def test_frictionless_expectations_cover_the_corpus() -> None:
    """Every file of the corpus has its outcome written above (a new file must be added there)."""
    assert sorted(p.name for p in FRICTIONLESS) == sorted(
        [*FRICTIONLESS_PROBLEMS, *FRICTIONLESS_UNUSABLE]
    )


@pytest.mark.parametrize(
    "path", [p for p in FRICTIONLESS if p.name not in FRICTIONLESS_UNUSABLE], ids=lambda p: p.name
)
def test_frictionless_corpus(ref, path) -> None:
    """Structurally broken files from frictionless-py that read as a table: each problem with its
    line and column in a specific sentence, and no change."""
    before = fingerprint(ref)
    check = check_submission(ref, path.read_bytes(), path.name, "NCC", today=TODAY)
    assert [(p.line, p.column, p.message) for p in check.problems] == FRICTIONLESS_PROBLEMS.get(
        path.name
    )
    assert fingerprint(ref) == before


@pytest.mark.parametrize(
    "path", [p for p in FRICTIONLESS if p.name in FRICTIONLESS_UNUSABLE], ids=lambda p: p.name
)
def test_frictionless_corpus_unusable(ref, path) -> None:
    """A frictionless-py file that cannot be read as a table: a specific sentence, exit 2, no change."""
    before = fingerprint(ref)
    with pytest.raises(UnusableInputError) as raised:
        check_submission(ref, path.read_bytes(), path.name, "NCC", today=TODAY)
    assert raised.value.exit_code == 2
    assert str(raised.value) == FRICTIONLESS_UNUSABLE[path.name]
    assert fingerprint(ref) == before


SPECTRUM = sorted((SHARED / "corpora" / "csv-spectrum" / "csvs").glob("*.csv"))


@pytest.mark.parametrize("path", SPECTRUM, ids=lambda p: p.name)
def test_csv_spectrum(path) -> None:
    """Every csv-spectrum file reads to exactly the records of its JSON twin."""
    expected = json.loads((path.parent.parent / "json" / f"{path.stem}.json").read_text())
    data = path.read_bytes()
    if b"\r" not in data:
        # This copy of the corpus lost its carriage returns (newlines_crlf.csv is stored with LF
        # only), so the CR inside its quoted field cannot be read back: compare without it.
        expected = [{k: v.replace("\r\n", "\n") for k, v in record.items()} for record in expected]
    rows = read_table(data, path.name, trim=False).rows
    header, records = rows[0], rows[1:]
    assert [dict(zip(header, r, strict=True)) for r in records] == expected


def test_commit_preview_correction_and_history(ref, tmp_path) -> None:
    """A correction supersedes the values it covers, and the earlier breakdown of a total it
    changes (the woman's 40 beside a total now 110); the old values stay as history."""
    tmp_path = tmp_path / "store"
    first = submit(
        ref,
        HEADER
        + "ES-JOBSKILLS,2024-Q3,100,,,\nES-JOBSKILLS,2024-Q3,40,woman,,\nES-PLACED,2024,45%,,,\n",
        tmp_path,
        "q3.csv",
    )
    correction = (
        HEADER + "ES-JOBSKILLS,2024-Q3,110,,,fixed a double count\nES-JOBSKILLS,2024-Q4,120,,,\n"
    )
    check = check_submission(ref, correction.encode(), "q3-fixed.csv", "NCC", today=TODAY)
    changes = preview(ref, NCC, check)
    assert changes.fillna({"old_value": -1})[
        ["period", "old_value", "new_value", "change"]
    ].values.tolist() == [
        ["2024-Q3", 100.0, 110.0, "changed"],
        ["2024-Q4", -1, 120.0, "new"],
    ]
    second = commit_submission(ref, NCC, check, correction.encode(), tmp_path)
    values = current_values(ref, NCC).set_index(["metric", "period", "breakdown"])["value"]
    assert values.to_dict() == {
        ("ES-JOBSKILLS", "2024-Q3", ""): 110.0,
        ("ES-JOBSKILLS", "2024-Q4", ""): 120.0,
        ("ES-PLACED", "2024", ""): 45.0,
    }
    history = value_history(ref, NCC)
    old = history[
        (history["period"] == "2024-Q3")
        & (history["breakdown"] == "")
        & (history["value"] == 100.0)
    ].iloc[0]
    assert (old["state"], old["superseded_by"]) == ("superseded", second.submission_id)
    woman = history[history["breakdown"] == "gender=woman"]
    assert woman[["value", "state", "superseded_by"]].values.tolist() == [
        [40.0, "superseded", second.submission_id]
    ]
    assert second.withdrawn == 1
    ledger = submissions(ref, NCC).set_index("id")
    assert ledger.loc[first.submission_id, "values_in_force"] == 1
    assert ledger.loc[second.submission_id, "values_in_force"] == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        f"{hashlib.sha256(t.encode()).hexdigest()}.csv"
        for t in (
            HEADER
            + "ES-JOBSKILLS,2024-Q3,100,,,\nES-JOBSKILLS,2024-Q3,40,woman,,\nES-PLACED,2024,45%,,,\n",
            correction,
        )
    )


def test_same_file_twice_is_stored_once(ref, tmp_path) -> None:
    """Uploading the same bytes again returns the first submission and writes nothing new."""
    text = HEADER + "ES-JOBSKILLS,2024-Q3,100,,,\n"
    first = submit(ref, text, tmp_path)
    before = fingerprint(ref)
    again = submit(ref, text, tmp_path)
    assert (again.submission_id, again.already_received) == (first.submission_id, True)
    assert fingerprint(ref) == before


def test_withdraw_and_restore(ref, tmp_path) -> None:
    """A withdrawn submission's values stop counting, the earlier ones come back; restore undoes it."""
    submit(ref, HEADER + "ES-JOBSKILLS,2024-Q3,100,,,\n", tmp_path, "a.csv")
    second = submit(ref, HEADER + "ES-JOBSKILLS,2024-Q3,999,,,\n", tmp_path, "b.csv")
    coordinator = User("cora", "Cora", "coordinator")
    withdraw(ref, coordinator, second.submission_id, "typo: 999 should be 100")
    assert current_values(ref, NCC)["value"].tolist() == [100.0]
    with pytest.raises(InvalidInputError, match="already withdrawn"):
        withdraw(ref, coordinator, second.submission_id, "again")
    with pytest.raises(InvalidInputError, match="withdrawn"):
        submit(ref, HEADER + "ES-JOBSKILLS,2024-Q3,999,,,\n", tmp_path, "b.csv")
    restore(ref, coordinator, second.submission_id, "it was right after all")
    assert current_values(ref, NCC)["value"].tolist() == [999.0]
    with pytest.raises(PermissionDeniedError):
        withdraw(ref, NCC, second.submission_id, "partners ask the working group")


def test_partner_cannot_submit_for_another(ref, tmp_path) -> None:
    """A partner account submitting for another organisation is refused; nothing is written."""
    before = fingerprint(ref)
    data = (HEADER + "ES-JOBSKILLS,2024-Q3,100,,,\n").encode()
    check = check_submission(ref, data, "f.csv", "WDB", today=TODAY)
    with pytest.raises(PermissionDeniedError, match="not for WDB"):
        commit_submission(ref, NCC, check, data, tmp_path)
    assert fingerprint(ref) == before


@pytest.mark.parametrize(
    ("encoding", "delimiter", "value", "decimal_comma", "expected"),
    [
        ("cp1252", ",", '"1,234"', False, 1234.0),
        ("utf-16", ";", "1 234", False, 1234.0),
        ("utf-8-sig", ";", "45,5%", True, 45.5),
        ("utf-8", "\t", "1.234.567", True, 1234567.0),
    ],
)
def test_encodings_and_decimal_comma(
    ref, tmp_path, encoding, delimiter, value, decimal_comma, expected
) -> None:
    """Excel's encodings and delimiters, thousands separators and the decimal comma all read."""
    metric = "ES-PLACED,2024" if value.endswith("%") else "ES-JOBSKILLS,2024-Q3"
    lines = ["metric,period,value,notes", f"{metric},{value},Café déjà vu"]
    text = (
        "\n".join(line.replace(",", delimiter) if delimiter != "," else line for line in lines)
        + "\n"
    )
    if delimiter != ",":
        text = text.replace(f"{delimiter}{value.replace(',', delimiter)}", f"{delimiter}{value}")
    submit(ref, text.encode(encoding), tmp_path, decimal_comma=decimal_comma)
    values = current_values(ref, NCC)
    assert values["value"].tolist() == [expected]
    assert values["notes"].tolist() == ["Café déjà vu"]


def test_fifty_thousand_rows(ref, tmp_path) -> None:
    """A file of over 50,000 lines (every breakdown of two metrics over 67 years) commits whole.
    A job-skills value is the product of its cells' weights (a category's 1, 2, …, the total's
    their sum), so every breakdown adds up to its total."""

    def weighted(names: list[str]) -> list[tuple[str, int]]:
        return [("", len(names) * (len(names) + 1) // 2)] + [
            (n, i + 1) for i, n in enumerate(names)
        ]

    genders = weighted(["woman", "man", "gender diverse", "not stated"])
    ages = weighted(["0-14", "15-24", "25-44", "45-64", "65+"])
    categories = weighted(["economic", "family", "refugee", "other", "temporary resident"])
    lines = ["metric,period,value,gender,age_group,immigration_category"]
    for year in range(1960, 2027):
        lines += [f"ES-PLACED,{year},50,{g},,{c}" for g, _ in genders for c, _ in categories]
        for quarter in range(1, 5):
            lines += [
                f"ES-JOBSKILLS,{year}-Q{quarter},{x * y * z},{g},{a},{c}"
                for g, x in genders
                for a, y in ages
                for c, z in categories
            ]
    assert len(lines) - 1 > 50_000
    result = submit(ref, "\n".join(lines) + "\n", tmp_path, "big.csv")
    assert result.rows == len(lines) - 1
    assert len(current_values(ref, NCC)) == len(lines) - 1


@pytest.fixture
def ref_path(tmp_path):
    """A database with the reference data, closed (for the command line)."""
    from lipmetrics.store import Database

    path = new_target(tmp_path, "ref")
    database = Database(path)
    load_demo_accounts(database, DATA)
    database.close()
    return path


def test_cli_validate_and_import(ref_path, tmp_path, capsys, monkeypatch) -> None:
    """validate-metrics exits 1 with one problem per line; import-metrics prints the id; the same
    file again prints the same id; withdraw and restore by id."""
    monkeypatch.setenv("LIPMETRICS_SUBMISSIONS_DIR", str(tmp_path / "store"))
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "NOPE,2024-Q3,5,,,\nES-JOBSKILLS,2024-Q3,-1,,,\n")
    assert main(["validate-metrics", str(bad), "--partner", "NCC", "--db", ref_path]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[1:] == [
        'line 2, column metric: "NOPE" — unknown metric code: use a code from the template',
        'line 3, column value: "-1" — a count is a whole number of 0 or more',
    ]
    assert main(["import-metrics", str(bad), "--partner", "NCC", "--db", ref_path]) == 1
    good = tmp_path / "good.csv"
    good.write_text(HEADER + "ES-JOBSKILLS,2024-Q3,5,,,\n")
    assert (
        main(
            [
                "validate-metrics",
                str(good),
                "--partner",
                "NCC",
                "--format",
                "json",
                "--db",
                ref_path,
            ]
        )
        == 0
    )
    assert json.loads(capsys.readouterr().out)["problems"] == []
    assert (
        main(["import-metrics", str(good), "--partner", "NCC", "--user", "ncc", "--db", ref_path])
        == 0
    )
    first = capsys.readouterr().out.strip()
    assert main(["import-metrics", str(good), "--partner", "NCC", "--db", ref_path]) == 0
    assert capsys.readouterr().out.strip() == first
    assert (
        main(["import-metrics", str(good), "--partner", "WDB", "--user", "ncc", "--db", ref_path])
        == 1
    )
    assert "not for WDB" in capsys.readouterr().err
    assert main(["withdraw", first, "--reason", "test", "--db", ref_path]) == 0
    assert main(["submissions", "--partner", "NCC", "--format", "json", "--db", ref_path]) == 0
    assert json.loads(capsys.readouterr().out.split("\n", 1)[1])[0]["state"] == "withdrawn"
    assert main(["withdraw", first, "--restore", "--reason", "test", "--db", ref_path]) == 0
    assert (
        main(
            ["import-metrics", str(tmp_path / "missing.csv"), "--partner", "NCC", "--db", ref_path]
        )
        == 2
    )


def test_template_round_trip(ref, tmp_path) -> None:
    """The XLSX template, filled in, is read back: names beside codes are ignored, dropdowns exist."""
    import io

    import openpyxl

    from lipmetrics.submissions import template_frame, template_xlsx

    frame = template_frame(ref, "NCC", 2024, 3)
    assert set(frame["metric"]) == {
        "EC-ATTEND",
        "EC-EVENTS",
        "EC-MEMBERS",
        "ES-JOBSKILLS",
        "ES-PLACED",
        "ES-COMPLETED",
        "ES-EMPLOYED3M",
        "SI-REPS",
        "SI-TRAINING",
    }
    assert frame.loc[frame["metric"] == "EC-MEMBERS", "period"].tolist() == [
        "2024-07",
        "2024-08",
        "2024-09",
    ]
    workbook = openpyxl.load_workbook(io.BytesIO(template_xlsx(ref, frame)))
    sheet = workbook["Values"]
    assert sheet.data_validations.dataValidation  # dropdowns for the codes and categories
    assert workbook.sheetnames == ["Values", "How to fill it in", "Lists", "Metrics"]
    assert workbook["How to fill it in"]["A1"].value.startswith(
        "Fill in the value column; a line you leave without a value is not sent."
    )
    for row in range(2, sheet.max_row + 1):
        sheet.cell(row, 4, 12)
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = submit(ref, buffer.getvalue(), tmp_path / "store", "filled.xlsx")
    assert result.rows == len(frame)


CLI_CASES = (
    [(case, text.encode(), 1) for case, text, *_ in BAD]
    + [(case, data, 2) for case, data, _ in UNUSABLE]
    + [
        (f"frictionless {p.name}", p.read_bytes(), 2 if p.name in FRICTIONLESS_UNUSABLE else 1)
        for p in FRICTIONLESS
    ]
)


@pytest.mark.parametrize(("case", "data", "code"), CLI_CASES, ids=[c[0] for c in CLI_CASES])
def test_cli_exit_codes_and_nothing_written(
    ref_path, tmp_path, capsys, monkeypatch, case, data, code
) -> None:
    """From the command line every bad file exits 1 (invalid) or 2 (unusable) with sentences on
    stderr, no traceback, and leaves the database's content exactly as it was."""
    from lipmetrics.store import Database

    monkeypatch.setenv("LIPMETRICS_SUBMISSIONS_DIR", str(tmp_path / "store"))
    path = tmp_path / "upload.csv"
    path.write_bytes(data)

    def content() -> str:
        database = Database(ref_path)
        try:
            return fingerprint(database)
        finally:
            database.close()

    before = content()
    result = main(["import-metrics", str(path), "--partner", "NCC", "--db", ref_path])
    err = capsys.readouterr().err
    assert result == code
    assert err.strip() and "Traceback" not in err
    assert content() == before
    assert not (tmp_path / "store").exists()  # made only when a file is saved


def test_excel_saved_as_csv_name(ref, tmp_path) -> None:
    """A workbook uploaded with a .csv name is read as the workbook it is."""
    import io

    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.active.append(["metric", "period", "value"])
    workbook.active.append(["ES-JOBSKILLS", "2024-Q3", 5])
    buffer = io.BytesIO()
    workbook.save(buffer)
    check = check_submission(ref, buffer.getvalue(), "figures.csv", "NCC", today=TODAY)
    assert check.ok and check.read_as.startswith("Excel workbook")
    assert check.rows["value"].tolist() == [5.0]


def test_corpora_are_there() -> None:
    """The shared test corpora sit beside the project (as in CI); without them the corpus tests
    above would silently have no cases."""
    assert len(FRICTIONLESS) >= 10, f"no frictionless corpus under {SHARED}"
    assert len(SPECTRUM) >= 10, f"no csv-spectrum corpus under {SHARED}"


def test_workbook_value_in_an_unnamed_column_is_not_dropped(ref) -> None:
    """A workbook with a value to the right of the named columns gets a problem, not silence."""
    import io

    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.active.append(["metric", "period", "value"])
    workbook.active.append(["ES-JOBSKILLS", "2024-Q3", 5, None, "typed here by mistake"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    check = check_submission(ref, buffer.getvalue(), "figures.xlsx", "NCC", today=TODAY)
    assert [(p.line, p.column, p.value) for p in check.problems] == [
        (2, "column 5", "typed here by mistake")
    ]


@pytest.mark.parametrize(
    ("text", "value"), [("1,234", 1234.0), ("45%", 45.0), ("", None), ("lots", None)]
)
def test_catalog_numbers(text, value) -> None:
    """Baselines and targets are read by the same number rules as partner values."""
    from lipmetrics.measures.catalog_file import _number

    assert _number(text) == value


def problems_in_tiny_plan(ref, period: str) -> list:
    """The problems of one ES-JOBSKILLS value for ``period`` once a 2016–2020 plan has its pillar."""
    tidy = "pillar,goal,objective,project,working_group,years,status\n"
    tidy += "Economic Success,Jobs,Skills,Job skills inventory,NCC,1-5,\n"
    import_plan_file(ref, tidy.encode(), "tiny.csv", "Tiny plan", 2016, 5)
    data = (HEADER + f"ES-JOBSKILLS,{period},5,,,\n").encode()
    check = check_submission(ref, data, "file.csv", "NCC", today=TODAY)
    return [(p.line, p.column, p.message) for p in check.problems]


@pytest.mark.parametrize(
    "period",
    [
        "2016-Q1",  # first quarter of the plan's first year
        "2020-Q4",  # last quarter of its last year
    ],
)
def test_period_inside_the_plan(ref, period) -> None:
    """ES-JOBSKILLS informs the pillar ECONOMIC SUCCESS; a period in that plan's years is taken."""
    assert problems_in_tiny_plan(ref, period) == []


@pytest.mark.parametrize("period", ["2015-Q4", "2021-Q1"])
def test_period_outside_the_plan(ref, period) -> None:
    """ES-JOBSKILLS informs the pillar ECONOMIC SUCCESS; once a plan has that pillar, a period
    must fall in that plan's years."""
    problem = "outside the plan this metric informs, Tiny plan (2016–2020)"
    assert problems_in_tiny_plan(ref, period) == [
        (2, "period", f"this period is {problem}: check the year")
    ]


def test_period_unchecked_when_no_plan_has_the_pillar(ref) -> None:
    """Before any plan is imported a metric's pillar names no plan, so any past period is taken."""
    data = (HEADER + "ES-JOBSKILLS,1999-Q2,5,,,\n").encode()
    assert check_submission(ref, data, "file.csv", "NCC", today=TODAY).problems == []


def test_template_years_follow_the_plan(ref) -> None:
    """The template offers the years of the plans the partner's metrics inform, up to today."""
    assert reporting_years(ref, "NCC", date(2018, 6, 1)) == list(range(2000, 2019))
    tidy = "pillar,goal,objective,project,working_group,years,status\n"
    tidy += "Economic Success,Jobs,Skills,Job skills inventory,NCC,1-5,\n"
    import_plan_file(ref, tidy.encode(), "tiny.csv", "Tiny plan", 2016, 5)
    assert reporting_years(ref, "NCC", date(2018, 6, 1)) == [2016, 2017, 2018]
    assert reporting_years(ref, "NCC", TODAY) == [2016, 2017, 2018, 2019, 2020]


def test_partners_that_report_come_first(ref) -> None:
    """A coordinator's "on behalf of" list: partners with metrics first, each group by code."""
    import csv

    with (DATA / "metrics_catalog.csv").open(encoding="utf-8") as handle:
        listed = [p.strip() for row in csv.DictReader(handle) for p in row["partners"].split(";")]
    choices = partners_reporting_first(ref)
    assert choices.set_index("code")["metrics"].to_dict()["NCC"] == listed.count("NCC")
    reporting = choices[choices["metrics"] > 0]["code"].tolist()
    silent = choices[choices["metrics"] == 0]["code"].tolist()
    assert choices["code"].tolist() == sorted(reporting) + sorted(silent)
    assert reporting and silent and "CFDC" in silent


@pytest.mark.parametrize(
    ("lang", "old", "new"),
    [
        ("en", ["", "1,234", "52.5"], ["12", "1,234", "48.125"]),
        ("fr", ["", "1\u00a0234", "52,5"], ["12", "1\u00a0234", "48,125"]),
    ],
)
def test_the_preview_writes_values_the_languages_way(lang, old, new) -> None:
    """The preview a partner checks before saving writes its numbers as the rest of the page does
    (``1 234``, ``52,5`` in French), a value not yet sent as nothing."""
    import pandas as pd

    from lipmetrics.i18n import language
    from lipmetrics.submissions import preview_shown

    changes = pd.DataFrame(
        {
            "line": [2, 3, 4], "metric": ["M"] * 3, "period": ["2024-Q1"] * 3,
            "breakdown": [""] * 3, "old_value": [float("nan"), 1234.0, 52.5],
            "new_value": [12.0, 1234.0, 48.125], "change": ["new", "same", "changed"],
        }
    )  # fmt: skip
    with language(lang):
        shown = preview_shown(changes)
    assert shown["old_value"].tolist() == old
    assert shown["new_value"].tolist() == new
    assert shown["change"].tolist() == (
        ["new", "same", "changed"] if lang == "en" else ["nouvelle", "inchangée", "modifiée"]
    )


def test_a_line_left_empty_is_not_sent(ref, tmp_path) -> None:
    """A template lists every period the partner owes; the lines left with no value and no note
    are not sent, and the check names them (the trial's 32 "value is missing" problems)."""
    text = HEADER + (
        "ES-JOBSKILLS,2024-Q1,,,,\n"  # line 2: left empty
        "ES-JOBSKILLS,2024-Q2,12,,,\n"
        "ES-JOBSKILLS,2024-Q3,,,,\n"  # 4 and 5: left empty
        "ES-JOBSKILLS,2024-Q4, ,,, \n"
        "ES-JOBSKILLS,2025-Q1,7,,,\n"
    )
    check = check_submission(ref, text.encode(), "ncc.csv", "NCC")
    assert check.ok, check.problems
    assert check.left_empty == (2, 4, 5)
    assert check.rows[["line", "period", "value"]].values.tolist() == [
        [3, "2024-Q2", 12.0],
        [6, "2025-Q1", 7.0],
    ]
    assert unsent_summary(check.left_empty) == (
        "3 lines have no value, so they are not sent: lines 2, 4–5. Fill in their values to send "
        "them."
    )
    submit(ref, text.encode(), tmp_path)
    values = current_values(ref, NCC)
    assert sorted(zip(values["period"], values["value"], strict=True)) == [
        ("2024-Q2", 12.0),
        ("2025-Q1", 7.0),
    ]
    nothing = HEADER + "ES-JOBSKILLS,2024-Q1,,,,\n"
    [problem] = check_submission(ref, nothing.encode(), "ncc.csv", "NCC").problems
    assert "the file has no lines of data" in problem.message
    # a line with anything else written (a breakdown cell, a note) was not left empty
    partly = HEADER + "ES-JOBSKILLS,2024-Q1,,woman,,\nES-JOBSKILLS,2024-Q2,,,,later\n"
    found = check_submission(ref, partly.encode(), "ncc.csv", "NCC")
    assert [(p.line, p.column) for p in found.problems] == [(2, "value"), (3, "value")]
    assert found.left_empty == ()
