"""Each named check of a partner file alone, on tiny hand-written tables, without a database."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

import pandas as pd
import pytest

from lipmetrics.errors import Problem
from lipmetrics.submissions import checks
from lipmetrics.submissions.lines import Facts, Lines, Metric
from lipmetrics.submissions.read import header_problems, line_shapes
from lipmetrics.submissions.validate import saved_rows

NCC = frozenset({"NCC"})
FACTS = Facts(
    metrics={
        "JOBS": Metric("quarterly", "count", NCC, ("gender", "age_group")),
        "SHARE": Metric("annual", "percent", NCC),
        "SPENT": Metric("monthly", "currency", NCC),
        "RATE": Metric("annual", "rate", NCC),
        "THEIRS": Metric("annual", "count", frozenset({"WDB"})),
        "PLANNED": Metric("annual", "count", NCC, plans=(("Tiny plan", 2016, 2020),)),
        "TWICE": Metric("annual", "count", NCC, plans=(("A", 2012, 2015), ("B", 2022, 2025))),
        "RATIO": Metric("quarterly", "count", NCC, ("gender",), aggregation="ratio"),
    },
    categories={"gender": ["woman", "man"], "age_group": ["0-14", "15-24"]},
    partner="NCC",
    today=date(2026, 11, 23),
)
COMMA = replace(FACTS, decimal_comma=True)
IN_FORCE = replace(
    FACTS,
    in_force=pd.DataFrame(
        [("JOBS", "2024-Q3", "", 100.0), ("JOBS", "2024-Q3", "gender=man", 50.0),
         ("JOBS", "2024-Q2", "", 10.0), ("JOBS", "2024-Q4", "", 1.0), ("RATIO", "2024-Q3", "", 1.0)],
        columns=["metric", "period", "breakdown", "value"],
    ),
)  # fmt: skip


def lines(text: str, facts: Facts = FACTS) -> Lines:
    """A table written as ``a | b`` rows under a header row; its lines are numbered from 2."""
    rows = [[cell.strip() for cell in row.split("|")] for row in text.strip().splitlines()]
    header, body = rows[0], rows[1:]
    table = pd.DataFrame({"line": range(2, 2 + len(body))})
    for index, name in enumerate(header):
        table[name] = pd.Series([row[index] for row in body], dtype="str")
    return Lines(table, facts)


def found(problems: list[Problem]) -> list[tuple]:
    return [(p.line, p.column, p.value, p.message) for p in problems]


NOT_OURS = "NCC does not report this metric: remove the line, or ask the working group to add you"
QUARTER_WORDS = "the year, a hyphen, Q and the quarter's number"
DATE = (
    "this period is a date (a spreadsheet may have turned it into one): write it as {}, the year, "
    "a hyphen and the month, in a cell formatted as text"
)
OTHER_DIGITS = "this period has digits other than 0 to 9: type it with the digits 0 to 9"
OUTSIDE = "this period is outside the plan this metric informs, {}: check the year"
CASES = [
    # check, table, facts, the problems it finds: (line, column, value as written, message)
    (
        "known_metric",
        "metric | period | value\nJOBS | 2024-Q3 | 5\nNOPE | 2024-Q3 | 5\n | 2024-Q3 | 5",
        FACTS,
        [
            (3, "metric", "NOPE", "unknown metric code: use a code from the template"),
            (4, "metric", "", "the metric is missing"),
        ],
    ),
    (
        "reported_by_partner",
        "metric | period | value\nTHEIRS | 2024 | 5\nNOPE | 2024 | 5\nSHARE | 2024 | 5",
        FACTS,
        [(2, "metric", "THEIRS", NOT_OURS)],
    ),
    (
        "period_written",
        "metric | period | value\nJOBS | Q3 2024 | 5\nSHARE |  | 5\nSPENT | 2024-13 | 5\n"
        "JOBS | 2024 | 5\nTHEIRS | junk | 5\nJOBS | 2024q3 | 5\nJOBS | T4 2020 | 5\n"
        "JOBS | 4e trimestre 2020 | 5\nJOBS | T5 2020 | 5",
        FACTS,
        [
            # a quarter written another common way: the spelling it wants, its own
            (2, "period", "Q3 2024", f"write this quarter as 2024-Q3: {QUARTER_WORDS}"),
            (3, "period", "", "write the period as 2024 or FY2024-25"),
            (4, "period", "2024-13", "write the period as 2024-09"),
            (8, "period", "T4 2020", f"write this quarter as 2020-Q4: {QUARTER_WORDS}"),
            (9, "period", "4e trimestre 2020", f"write this quarter as 2020-Q4: {QUARTER_WORDS}"),
            (10, "period", "T5 2020", "write the period as 2024-Q3"),  # no fifth quarter
        ],
    ),
    (  # a month a spreadsheet turned into a date: the month it was, for a monthly metric only
        "period_written",
        "metric | period | value\nSPENT | 2016-10-01 | 5\nSPENT | 2016-10-01 00:00:00 | 5\n"
        "SPENT | 2016-13-01 | 5\nJOBS | 2016-10-01 | 5\nSPENT | ２０１６-１０-０１ | 5",
        FACTS,
        [
            (2, "period", "2016-10-01", DATE.format("2016-10")),
            (3, "period", "2016-10-01 00:00:00", DATE.format("2016-10")),
            (4, "period", "2016-13-01", "write the period as 2024-09"),
            (5, "period", "2016-10-01", "write the period as 2024-Q3"),
            # other digits: said as such, not "write it as ２０１６-１０" (refused again)
            (6, "period", "２０１６-１０-０１", f"{OTHER_DIGITS}, as 2024-09"),
        ],
    ),
    (  # digits other than 0 to 9 are refused, the value shown (a regex's \d would read them)
        "period_written",
        "metric | period | value\nJOBS | ２０２４-Q1 | 5\nSHARE | ٢٠٢٤ | 5\nSPENT | 2024-０９ | 5\n"
        "SHARE | FY２０２４-25 | 5",
        FACTS,
        [
            (2, "period", "２０２４-Q1", f"{OTHER_DIGITS}, as 2024-Q3"),
            (3, "period", "٢٠٢٤", f"{OTHER_DIGITS}, as 2024 or FY2024-25"),
            (4, "period", "2024-０９", f"{OTHER_DIGITS}, as 2024-09"),
            (5, "period", "FY２０２４-25", f"{OTHER_DIGITS}, as 2024 or FY2024-25"),
        ],
    ),
    (
        "period_of_frequency",
        "metric | period | value\nJOBS | 2024 | 5\nSHARE | 2024-Q3 | 5\nSPENT | FY2024-25 | 5\n"
        "SHARE | FY2024-25 | 5\nJOBS | Q3 2024 | 5\nTHEIRS | 2024-Q3 | 5",
        FACTS,
        [
            (2, "period", "2024", "this metric is reported quarterly: write the period as 2024-Q3"),
            (
                3,
                "period",
                "2024-Q3",
                "this metric is reported annually: write the period as 2024 or FY2024-25",
            ),
            (
                4,
                "period",
                "FY2024-25",
                "this metric is reported monthly: write the period as 2024-09",
            ),
        ],
    ),
    (
        "period_started",
        "metric | period | value\nJOBS | 2026-Q4 | 5\nJOBS | 2027-Q1 | 5\nSPENT | 2026-11 | 5\n"
        "SPENT | 2026-12 | 5\nSHARE | FY2026-27 | 5\nSHARE | 2027 | 5\nJOBS | 2027 | 5",
        FACTS,
        [
            (3, "period", "2027-Q1", "this period has not started yet: check the year"),
            (5, "period", "2026-12", "this period has not started yet: check the year"),
            (7, "period", "2027", "this period has not started yet: check the year"),
        ],
    ),
    (
        "period_started",
        "metric | period | value\nJOBS | 2026-Q4 | 5\nSPENT | 2026-10 | 5\nSPENT | 2026-11 | 5",
        replace(FACTS, today=date(2026, 10, 1)),  # the day the quarter and the month start
        [(4, "period", "2026-11", "this period has not started yet: check the year")],
    ),
    (
        "period_in_plan",
        "metric | period | value\nPLANNED | 2015 | 5\nPLANNED | 2016 | 5\nPLANNED | FY2015-16 | 5\n"
        "PLANNED | FY2020-21 | 5\nPLANNED | 2021 | 5\nPLANNED | 2030 | 5\nSHARE | 1999 | 5\n"
        "TWICE | 2018 | 5\nTWICE | 2024 | 5",
        FACTS,
        [
            (2, "period", "2015", OUTSIDE.format("Tiny plan (2016–2020)")),
            (6, "period", "2021", OUTSIDE.format("Tiny plan (2016–2020)")),
            (9, "period", "2018", OUTSIDE.format("A (2012–2015) or B (2022–2025)")),
        ],
    ),
    (
        "value_is_number",
        "metric | period | value\nJOBS | 2024-Q3 | lots\nJOBS | 2024-Q3 | \nJOBS | 2024-Q3 | 45%\n"
        "SHARE | 2024 | 45%\nJOBS | 2024-Q3 | 1,234\nJOBS | 2024-Q3 | 12,5\nNOPE | 2024 | lots",
        FACTS,
        [
            (2, "value", "lots", "not a number: write it like 1234.5 or 1,234"),
            (
                3,
                "value",
                "",
                "the value is missing: write a number, or delete the line if you are not sending it now",
            ),
            (4, "value", "45%", "this metric is not a percentage: write the number without %"),
            (
                7,
                "value",
                "12,5",
                "not a number: write it like 1234.5 or 1,234 (if your decimal mark is a comma, "
                "say so: decimal comma)",
            ),
        ],
    ),
    (
        "value_is_number",
        "metric | period | value\nJOBS | 2024-Q3 | 1234,5\nJOBS | 2024-Q3 | 1.234,5\n"
        "JOBS | 2024-Q3 | 12.5",
        COMMA,
        [(4, "value", "12.5", "not a number: write it like 1234,5 or 1 234,5 (decimal comma)")],
    ),
    (
        "count_is_whole",
        "metric | period | value\nJOBS | 2024-Q3 | -4\nJOBS | 2024-Q3 | 4.5\nJOBS | 2024-Q3 | 0\n"
        "JOBS | 2024-Q3 | 1,234\nJOBS | 2024-Q3 | lots\nSHARE | 2024 | 4.5\nJOBS | 2024-Q3 | 1,5",
        FACTS,
        [
            (2, "value", "-4", "a count is a whole number of 0 or more"),
            (3, "value", "4.5", "a count is a whole number of 0 or more"),
        ],
    ),
    (
        "count_is_whole",
        "metric | period | value\nJOBS | 2024-Q3 | 1,5\nJOBS | 2024-Q3 | 1.500",
        COMMA,
        [(2, "value", "1,5", "a count is a whole number of 0 or more")],
    ),
    (
        "value_is_number",
        "metric | period | value\nJOBS | 2024-Q3 | ٤٥\nJOBS | 2024-Q3 | ４５\n"
        "JOBS | 2024-Q3 | 1234567890123456\nJOBS | 2024-Q3 | 123456789012345\n"
        "SPENT | 2024-09 | 0.1234567890123456789",
        FACTS,
        [
            (
                2,
                "value",
                "٤٥",
                "this number has digits other than 0 to 9: type it with the digits 0 to 9",
            ),
            (
                3,
                "value",
                "４５",
                "this number has digits other than 0 to 9: type it with the digits 0 to 9",
            ),
            (
                4,
                "value",
                "1234567890123456",
                "this number has more than 15 significant digits: shorten it",
            ),
            (
                6,
                "value",
                "0.1234567890123456789",
                "this number has more than 15 significant digits: shorten it",
            ),
        ],
    ),
    (
        "value_not_too_large",
        "metric | period | value\nJOBS | 2024-Q3 | 1000000000\nJOBS | 2024-Q3 | 1000000001\n"
        "JOBS | 2024-Q3 | 1000000000.5\nSPENT | 2024-09 | 1e13\nSPENT | 2024-09 | 1,000,000,000,001\n"
        "SPENT | 2024-09 | 1000000000000\nRATE | 2024 | 1000000000.5\nSHARE | 2024 | 1000000001",
        FACTS,
        [
            (
                3,
                "value",
                "1000000001",
                "a count value is at most 1,000,000,000: check for a typing mistake",
            ),
            (
                4,
                "value",
                "1000000000.5",
                "a count value is at most 1,000,000,000: check for a typing mistake",
            ),
            (
                6,
                "value",
                "1,000,000,000,001",
                "a currency value is at most 1,000,000,000,000: check for a typing mistake",
            ),
            (
                8,
                "value",
                "1000000000.5",
                "a rate value is at most 1,000,000,000: check for a typing mistake",
            ),
        ],
    ),
    (
        "percentage_in_range",
        "metric | period | value\nSHARE | 2024 | 140%\nSHARE | 2024 | 100\nSHARE | 2024 | -1\n"
        "SHARE | 2024 | 45 %\nJOBS | 2024-Q3 | 140",
        FACTS,
        [
            (2, "value", "140%", "a percentage is between 0 and 100"),
            (4, "value", "-1", "a percentage is between 0 and 100"),
        ],
    ),
    (
        "amount_not_negative",
        "metric | period | value\nSPENT | 2024-09 | -1\nSPENT | 2024-09 | 0\nRATE | 2024 | -0.5\n"
        "RATE | 2024 | 0.5\nJOBS | 2024-Q3 | -4",
        FACTS,
        [
            (2, "value", "-1", "this value cannot be negative"),
            (4, "value", "-0.5", "this value cannot be negative"),
        ],
    ),
    (
        "breakdown_allowed",
        "metric | period | value | gender | age_group\nSHARE | 2024 | 5 | woman | 0-14\n"
        "JOBS | 2024-Q3 | 5 | woman | 0-14\nSHARE | 2024 | 5 | | \nNOPE | 2024 | 5 | woman |",
        FACTS,
        [
            (
                2,
                "age_group",
                "0-14",
                "metric SHARE is not broken down by age_group: leave this cell blank",
            ),
            (
                2,
                "gender",
                "woman",
                "metric SHARE is not broken down by gender: leave this cell blank",
            ),
        ],
    ),  # fmt: skip
    (
        "category_known",
        "metric | period | value | gender\nJOBS | 2024-Q3 | 5 | female\nSHARE | 2024 | 5 | female\n"
        "JOBS | 2024-Q3 | 5 | \nJOBS | 2024-Q3 | 5 | man\nTHEIRS | 2024 | 5 | female",
        FACTS,
        [(2, "gender", "female", "unknown category: use one of woman, man")],
    ),
    (
        "key_once",
        "metric | period | value | gender\nJOBS | 2024-Q3 | 3 | \nJOBS | 2024q3 | 4 | \n"
        "JOBS | 2024-Q3 | 4 | woman\nJOBS | 2024-Q3 | 5 | \nJOBS | 2024-Q3 | 5 | female\n"
        "JOBS | 2024-Q3 | 5 | female\nNOPE | 2024 | 1 | \nNOPE | 2024 | 1 | \nJOBS | 2024-Q4 | 3 | ",
        FACTS,
        [
            (
                3,
                None,
                None,
                "same metric, period and breakdown as line 2: keep one of the two lines",
            ),
            (
                5,
                None,
                None,
                "same metric, period and breakdown as line 2: keep one of the two lines",
            ),
        ],
    ),  # fmt: skip
    (
        # 2024-Q3: 6 + 5 = 11 > 10; 2024-Q2: every gender, 6 + 5 = 11 ≠ 12; 2024-Q1: one gender of
        # two, 6 ≤ 12; 2023-Q4: age group × gender, 600 + 500 = 1,100 > 1,000 (two of four cells);
        # RATIO does not add up; 2023-Q3 has no total; 2023-Q2 adds up (gender and age group 4 + 6 = 10); a
        # value that is not a number (line 22) and a repeated line (line 23) are left out.
        "breakdown_adds_up",
        "metric | period | value | gender | age_group\n"
        "JOBS | 2024-Q3 | 10 | | \nJOBS | 2024-Q3 | 6 | woman | \nJOBS | 2024-Q3 | 5 | man | \n"
        "JOBS | 2024-Q2 | 12 | | \nJOBS | 2024-Q2 | 6 | woman | \nJOBS | 2024-Q2 | 5 | man | \n"
        "JOBS | 2024-Q1 | 12 | | \nJOBS | 2024-Q1 | 6 | woman | \n"
        "JOBS | 2023-Q4 | 1,000 | | \nJOBS | 2023-Q4 | 600 | woman | 0-14\n"
        "JOBS | 2023-Q4 | 500 | man | 15-24\n"
        "RATIO | 2024-Q3 | 1 | | \nRATIO | 2024-Q3 | 5 | woman | \n"
        "JOBS | 2023-Q3 | 5 | woman | \nJOBS | 2023-Q3 | 5 | man | \n"
        "JOBS | 2023-Q2 | 10 | | \nJOBS | 2023-Q2 | 4 | woman | \nJOBS | 2023-Q2 | 6 | man | \n"
        "JOBS | 2023-Q2 | 4 | | 0-14\nJOBS | 2023-Q2 | 6 | | 15-24\nJOBS | 2023-Q2 | x | woman | 0-14\n"
        "JOBS | 2023-Q2 | 9 | man | ",
        FACTS,
        [
            (
                2,
                "value",
                "10",
                "the gender breakdown on lines 3–4 adds up to 11, more than this total: correct the total or the breakdown",
            ),
            (
                5,
                "value",
                "12",
                "the gender breakdown on lines 6–7 gives every category and adds up to 11, not this total: make them equal",
            ),
            (
                10,
                "value",
                "1,000",
                "the age group × gender breakdown on lines 11–12 adds up to 1,100, more than this total: correct the total or the breakdown",
            ),
        ],
    ),  # fmt: skip
]


ALONE = "metric | period | value | gender | age_group\n"
CASES.append(
    (  # the partner's values in force: 2024-Q3 total 100 and man 50; 2024-Q2 total 10
        "breakdown_within_total_in_force",
        ALONE
        + "JOBS | 2024-Q3 | 60 | woman | \n"  # 60 + the earlier 50 = 110 > 100
        "JOBS | 2024-Q2 | 4 | woman | \nJOBS | 2024-Q2 | 5 | man | \n"  # every category: 9, not 10
        "JOBS | 2024-Q3 | 30 | | 0-14\n"  # 30 of 100, one category of two: fine
        "JOBS | 2024-Q1 | 999 | woman | \n"  # no total in force: nothing to compare with
        "JOBS | 2024-Q4 | 5 | | \nJOBS | 2024-Q4 | 4 | woman | \n"  # the file's total counts
        "RATIO | 2024-Q3 | 500 | woman | ",  # a ratio does not add up
        IN_FORCE,
        [
            (2, "value", "60",
             "the gender breakdown on line 2 adds up to 110 with your earlier value for man (50), "
             "more than your total in force for 2024-Q3 (100): correct the breakdown, or send the total with it"),
            (3, "value", "4; 5",
             "the gender breakdown on lines 3–4 gives every category and adds up to 9, not your "
             "total in force for 2024-Q2 (10): make them equal, or send the total with it"),
        ],
    )
)  # fmt: skip


@pytest.mark.parametrize(
    ("name", "text", "facts", "expected"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)]
)
def test_check(name, text, facts, expected) -> None:
    """Each check finds exactly its problems, with the line, the column and the cell as written."""
    check = getattr(checks, name)
    assert check in checks.CHECKS
    assert found(check(lines(text, facts))) == expected


def test_no_value_said_twice() -> None:
    """A problem's line shows its value (``Problem.__str__``): no message repeats it."""
    said = [
        (p.value, p.message)
        for name, text, facts, _ in CASES
        for p in getattr(checks, name)(lines(text, facts))
        if p.value and len(p.value) > 1
    ]
    alone = r"(?<![\w-]){}(?![\w-])"  # the value as a word of its own ("2024" is not in "2024-Q3")
    repeated = [(v, m) for v, m in said if re.search(alone.format(re.escape(v)), m)]
    assert said and repeated == []


def test_every_check_has_a_case() -> None:
    assert {check.__name__ for check in checks.CHECKS} == {case[0] for case in CASES}


def test_problems_in_order() -> None:
    """All the checks at once: by line, then metric, period, value, breakdowns by name, whole line."""
    text = (
        "metric | period | value | gender | age_group\n"
        "JOBS | 2024 | -1 | female | 99\n"
        "NOPE | x | x | x | x\n"
        "JOBS | 2024-Q3 | 1 | | \n"
        "JOBS | 2024-Q3 | 2 | | "
    )
    assert [(p.line, p.column) for p in checks.run_checks(lines(text))] == [
        (2, "period"),
        (2, "value"),
        (2, "age_group"),
        (2, "gender"),
        (3, "metric"),
        (5, None),
    ]


def test_saved_rows() -> None:
    """The lines that would be saved: readable breakdowns, canonical periods, each key once."""
    text = (
        "metric | period | value | gender | age_group | notes\n"
        "JOBS | 2024q3 | 1,234 | woman | 15-24 | a note\n"
        "JOBS | 2024-Q3 | 7 | woman | 15-24 | \n"
        "JOBS | 2024-Q3 | 2 | female | | \n"
        "SHARE | 2024 | 45% | | | \n"
        "NOPE | 2024 | 1 | | | "
    )
    rows = saved_rows(lines(text))
    assert rows["notes"].tolist()[0] == "a note" and rows["notes"].isna().tolist() == [False, True]
    assert rows.drop(columns="notes").to_dict("list") == {
        "line": [2, 5],
        "metric": ["JOBS", "SHARE"],
        "period": ["2024-Q3", "2024"],
        "breakdown": ["age_group=15-24;gender=woman", ""],
        "value": [1234.0, 45.0],
        "written": ["1,234", "45%"],  # as written, for the plausibility warnings
    }


TITLE = "the column names must be on the first line; they are on line 3: delete the title lines above them"
MISSING = "required column missing: the first line must name the columns metric, period, value (download the template)"
UNKNOWN = (
    "unknown column: the template has metric, period, value, notes and one column per breakdown"
)
HEADERS = [
    ([["Report"], [""], ["metric", "period", "value"]], [(1, None, None, TITLE)]),
    ([["metric", "value"], ["JOBS", "1"]], [(1, "period", None, MISSING)]),
    ([["Metric", "Period", "Value", "Age-Group"]], []),
    (
        [["metric", "period", "value", "", "Value", "colour"], ["JOBS", "2024", "1", "x", "2", ""]],
        [
            (1, "column 4", "", "this column has values but no name: name it or delete it"),
            (1, "value", "Value", "this column name is used twice (columns 3 and 5): keep one"),
            (1, "colour", "colour", UNKNOWN),
        ],
    ),
]


@pytest.mark.parametrize(("rows", "expected"), HEADERS)
def test_header_problems(rows, expected) -> None:
    known = {"metric", "period", "value", "notes", "age_group"}
    assert found(header_problems(rows, known)) == expected


RAGGED = "this line has 2 cells but the first line names 3 columns: check for a missing or extra separator"
EXTRA = "column 5 has a value but no name on the first line: name the column or move the value"
SHAPES = [
    ("csv", [["a", "b", "c"], ["a", "b"], ["", ""]], [True, False, False], [(3, None, None, RAGGED)]),
    ("xlsx", [["a", "b"], ["a", "b", "c", "", "typed"]], [True, False], [(3, "column 5", "typed", EXTRA)]),
    ("xlsx", [["a", "b"], ["a", "b", "c", ""]], [True, True], []),
]  # fmt: skip


@pytest.mark.parametrize(("kind", "body", "regular", "expected"), SHAPES)
def test_line_shapes(kind, body, regular, expected) -> None:
    """Ragged CSV lines are reported; a workbook row is padded or cut unless a value would be lost."""
    fits, problems = line_shapes(body, 3, kind)
    assert (fits, found(problems)) == (regular, expected)
    if kind == "xlsx" and all(regular):
        assert body[0] == ["a", "b", ""] and body[1] == ["a", "b", "c"]
