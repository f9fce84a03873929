"""Each named check of a catalogue file alone, on tiny hand-written tables, without a database."""

from __future__ import annotations

import pandas as pd
import pytest

from lipmetrics.errors import InvalidInputError, UnusableInputError
from lipmetrics.measures import catalog_file
from lipmetrics.measures.catalog_file import (
    CATALOG_COLUMNS,
    Known,
    catalog_problems,
    parse_catalog,
    read_catalog,
)

KNOWN = Known(
    {"NCC", "WDB"},
    {"gender", "age_group"},
    {"OLD": "count", "OLDPCT": "percent", "SENT": "count"},
    {"SENT": ("count", "quarterly")},
)
KEPT = "keep {0}, or add a new metric with its own code and retire this one"
DEFAULTS = {"unit": "count", "direction": "higher", "frequency": "annual", "kind": "performance"}


def table(*lines: dict[str, str]) -> pd.DataFrame:
    """A catalogue table with one metric per dict (line 2 onwards); a metric is ``M<line>``, a
    count reported annually, unless the dict says otherwise."""
    records = []
    for number, cells in enumerate(lines, start=2):
        record = {c: "" for c in CATALOG_COLUMNS} | {"code": f"M{number}", "name": "A metric"}
        records.append({"line": number} | record | DEFAULTS | cells)
    return pd.DataFrame(records, columns=["line", *CATALOG_COLUMNS])


ONE_OF = "write one of: "
CODE = 'write the code with letters, digits, "-", "_" or "." only, e.g. ES-EMPLOYERS'
ADDED = (
    "percentages and rates are never added up: write ratio (with a numerator and a denominator "
    "metric) or none"
)
PARTS = "a ratio needs the code of a count metric here"
PERIOD = "write a period such as 2024, 2024-Q3, 2024-09 or FY2024-25"
PERIOD_LINES = (
    {"frequency": "quarterly", "baseline_period": "2016", "target_period": "2020-Q4"},
    {"frequency": "Annual", "baseline_period": "FY2016-17", "target_period": "2020-Q4"},
    {"frequency": "weekly", "baseline_period": "2016", "target_period": "bad"},
    {"frequency": "Monthly", "baseline_period": "Q3", "target_period": "2020-09"},
    # a year (calendar or fiscal) may be stated for a quarterly metric; a month may not
    {"frequency": "quarterly", "baseline_period": "2016-03", "target_period": "FY2020-21"},
)
CASES = [
    # check, lines, the problems it finds: (line, column, value found, message)
    (
        "unit_known",
        [{}, {"unit": "Percent"}, {"unit": "kg"}, {"unit": ""}],
        [
            (4, "unit", "kg", ONE_OF + "count, percent, currency, rate"),
            (5, "unit", "", ONE_OF + "count, percent, currency, rate"),
        ],
    ),  # fmt: skip
    (
        "direction_known",
        [
            {"direction": "LOWER"},
            {"direction": "up"},
            {"direction": "Decrease"},
            {"direction": "  Higher   is  BETTER "},
            {"direction": "lower is better"},
            {"direction": "DOWN"},
            {"direction": "increase"},
            {"direction": "better"},
            {"direction": "upward"},
        ],
        [
            (9, "direction", "better", ONE_OF + "higher, lower"),
            (10, "direction", "upward", ONE_OF + "higher, lower"),
        ],
    ),  # fmt: skip
    (
        "frequency_known",
        [{"frequency": "Quarterly"}, {"frequency": "weekly"}],
        [(3, "frequency", "weekly", ONE_OF + "annual, quarterly, monthly")],
    ),
    (
        "kind_known",
        [{"kind": "population"}, {"kind": "X"}],
        [(3, "kind", "X", ONE_OF + "performance, population")],
    ),
    (
        "code_and_name_given",
        [{}, {"code": ""}, {"name": ""}],
        [
            (3, "code", "", "every metric needs a code and a name"),
            (4, "code", "M4", "every metric needs a code and a name"),
        ],
    ),  # fmt: skip
    (
        "code_written",
        [
            {"code": "ES-EMPLOYERS"},
            {"code": "es_2.b"},
            {"code": "ES EMPLOYERS"},
            {"code": "-X"},
            {"code": "Ä1"},
            {"code": ""},
            {"code": "A" * 40},
            {"code": "A" * 41},
        ],
        [
            (4, "code", "ES EMPLOYERS", CODE),
            (5, "code", "-X", CODE),
            (6, "code", "Ä1", CODE),
            (9, "code", "A" * 41, CODE),
        ],
    ),  # fmt: skip
    (
        "retired_known",
        [{"retired": "yes"}, {"retired": "YES"}, {"retired": ""}, {"retired": "no"}],
        [(5, "retired", "no", "write yes for a retired metric, or leave it blank")],
    ),
    (
        "unit_and_frequency_kept",
        [
            {"code": "SENT", "frequency": "Quarterly"},
            {"code": "SENT", "unit": "percent", "frequency": "monthly"},
            {"code": "OTHER", "unit": "percent"},
        ],
        [
            (
                3,
                "unit",
                "percent",
                "this metric already has values with unit count: " + KEPT.format("count"),
            ),
            (
                3,
                "frequency",
                "monthly",
                "this metric already has values with frequency quarterly: "
                + KEPT.format("quarterly"),
            ),
        ],
    ),  # fmt: skip
    (
        "code_once",
        [{"code": "X"}, {"code": "Y"}, {"code": "X"}, {"code": "X"}],
        [
            (4, "code", "X", "this code is already on line 2"),
            (5, "code", "X", "this code is already on line 4"),
        ],
    ),  # fmt: skip
    (
        "partners_known",
        [{"partners": "NCC; WDB"}, {"partners": "NCC, ZZZ;  ;QQ"}],
        [
            (3, "partners", "ZZZ", "no partner has this code: import the partners first"),
            (3, "partners", "QQ", "no partner has this code: import the partners first"),
        ],
    ),  # fmt: skip
    (
        "partners_once",
        [{"partners": "NCC;WDB;NCC"}, {"partners": "NCC; WDB"}, {"partners": "WDB, WDB;WDB"}],
        [
            (2, "partners", "NCC", "this partner is already in the list: list each partner once"),
            (4, "partners", "WDB", "this partner is already in the list: list each partner once"),
            (4, "partners", "WDB", "this partner is already in the list: list each partner once"),
        ],
    ),  # fmt: skip
    (
        "breakdowns_known",
        [{"breakdowns": "gender;age_group"}, {"breakdowns": "colour"}],
        [(3, "breakdowns", "colour", "unknown breakdown: choose from age_group, gender")],
    ),
    (
        "aggregation_known",
        [{"aggregation": "RATIO"}, {"aggregation": "Avg"}, {"aggregation": ""}],
        [(3, "aggregation", "avg", ONE_OF + "sum, ratio, none")],
    ),
    (
        "rollup_known",
        [{"rollup": "Latest"}, {"rollup": "MEAN"}, {"rollup": "", "unit": "percent"}],
        [(3, "rollup", "mean", ONE_OF + "sum, average, latest")],
    ),
    (
        "percentages_not_added",
        [
            {"unit": "percent", "aggregation": "sum"},
            {"unit": "rate"},  # blank: not combined
            {"unit": "Rate", "aggregation": "SUM"},
            {"unit": "count", "aggregation": "sum"},
        ],
        [(2, "aggregation", "sum", ADDED), (4, "aggregation", "sum", ADDED)],
    ),
    (
        "ratio_has_parts",
        [
            {"aggregation": "ratio", "numerator": "A"},
            {"aggregation": "Ratio"},
            {"aggregation": "ratio", "numerator": "A", "denominator": "B"},
            {"aggregation": "none"},
        ],
        [(2, "denominator", "", PARTS), (3, "numerator", "", PARTS), (3, "denominator", "", PARTS)],
    ),
    (
        "baseline_is_number",
        [{"baseline": "1,234"}, {"baseline": "45%"}, {"baseline": "lots"}, {"baseline": ""}],
        [(4, "baseline", "lots", "write a number")],
    ),
    (
        "target_is_number",
        [{"target": "1 234"}, {"target": "1.5.5"}],
        [(3, "target", "1.5.5", "write a number")],
    ),
    (
        "baseline_period_of_frequency",
        PERIOD_LINES,
        [
            (
                6,
                "baseline_period",
                "2016-03",
                "this metric is reported quarterly: write the period as 2024-Q3, or a year: 2024 or FY2024-25",
            )
        ],
    ),  # fmt: skip
    ("baseline_period_written", PERIOD_LINES, [(5, "baseline_period", "Q3", PERIOD)]),
    (
        "target_period_of_frequency",
        PERIOD_LINES,
        [
            (
                3,
                "target_period",
                "2020-Q4",
                "this metric is reported annually: write the period as 2024 or FY2024-25",
            )
        ],
    ),  # fmt: skip
    ("target_period_written", PERIOD_LINES, [(4, "target_period", "bad", PERIOD)]),
    (
        "ratio_parts_are_counts",
        [
            {"code": "C"},
            {
                "code": "P",
                "unit": "percent",
                "aggregation": "ratio",
                "numerator": "C",
                "denominator": "OLD",
            },
            {
                "code": "Q",
                "unit": "percent",
                "aggregation": "ratio",
                "numerator": "P",
                "denominator": "NOPE",
            },
            {
                "code": "R",
                "unit": "rate",
                "aggregation": "ratio",
                "numerator": "OLDPCT",
                "denominator": "C",
            },
            {"code": "S", "unit": "percent", "aggregation": "none", "numerator": "P"},
        ],
        [
            (4, "numerator", "P", "this metric is not a count"),
            (4, "denominator", "NOPE", "no metric has this code"),
            (5, "numerator", "OLDPCT", "this metric is not a count"),
        ],
    ),  # fmt: skip
]


@pytest.mark.parametrize(("name", "lines", "expected"), CASES, ids=[c[0] for c in CASES])
def test_check(name, lines, expected) -> None:
    """Each check finds exactly its problems, with the line, the column and the value found."""
    check = getattr(catalog_file, name)
    assert check in catalog_file.LINE_CHECKS + catalog_file.ACROSS_CHECKS
    problems = check(table(*lines), KNOWN)
    assert [(p.line, p.column, p.value, p.message) for p in problems] == expected


def test_every_check_has_a_case() -> None:
    checks = catalog_file.LINE_CHECKS + catalog_file.ACROSS_CHECKS
    assert sorted(check.__name__ for check in checks) == sorted(case[0] for case in CASES)


def test_problems_line_by_line_then_across() -> None:
    """A line's problems in the order of the checks; problems across lines come last."""
    lines = table(
        {
            "code": "C",
            "unit": "percent",
            "aggregation": "ratio",
            "numerator": "NOPE",
            "target": "x",
        },
        {"code": "", "unit": "kg", "partners": "ZZZ", "baseline_period": "Q3"},
    )
    assert [(p.line, p.column) for p in catalog_problems(lines, KNOWN)] == [
        (2, "denominator"),
        (2, "target"),
        (3, "unit"),
        (3, "code"),
        (3, "partners"),
        (3, "baseline_period"),
        (2, "numerator"),
    ]


def test_read_and_parse() -> None:
    """Headers in any case and spacing; blank lines skipped; words in lower case with the unit's
    defaults ("Lower is better" is lower); lists as a;b; baseline and target as numbers."""
    text = (
        "Code,Name,Unit,Direction,Frequency,Kind,Partners,Breakdowns,Baseline,Target Period\n"
        'JOBS,Jobs,Count,HIGHER,Quarterly,performance,"NCC, WDB",gender ; age_group,"1,234",\n'
        ",,,,,,,,,\n"
        "SHARE,Share,percent,lower,annual,population,NCC,,45%,2025\n"
        "SPENT,Spent,currency, Lower is better ,monthly,performance,,,,\n"
    )
    assert read_catalog(text.encode(), "c.csv")["line"].tolist() == [2, 4, 5]
    metrics = parse_catalog(text.encode(), "c.csv", {"NCC", "WDB"}, {"gender", "age_group"})
    assert list(metrics.columns) == CATALOG_COLUMNS
    assert metrics[["code", "unit", "direction", "frequency", "aggregation", "rollup"]].to_dict(
        "records"
    ) == [
        {"code": "JOBS", "unit": "count", "direction": "higher", "frequency": "quarterly",
         "aggregation": "sum", "rollup": "sum"},
        {"code": "SHARE", "unit": "percent", "direction": "lower", "frequency": "annual",
         "aggregation": "none", "rollup": "average"},
        {"code": "SPENT", "unit": "currency", "direction": "lower", "frequency": "monthly",
         "aggregation": "sum", "rollup": "sum"},
    ]  # fmt: skip
    assert metrics["partners"].tolist() == ["NCC;WDB", "NCC", ""]
    assert metrics["breakdowns"].tolist() == ["gender;age_group", "", ""]
    assert metrics["baseline"].tolist()[:2] == [1234.0, 45.0] and pd.isna(metrics["baseline"][2])
    assert metrics["target_period"].tolist() == ["", "2025", ""]


def test_refused_whole() -> None:
    text = "code,name,unit,direction,frequency,kind\nA,A,kg,higher,annual,performance\n"
    with pytest.raises(InvalidInputError) as raised:
        parse_catalog(text.encode(), "c.csv", set(), set())
    assert str(raised.value) == (
        "The catalogue c.csv has 1 problem; nothing was saved.\n"
        'line 2, column unit: "kg" — write one of: count, percent, currency, rate'
    )
    with pytest.raises(UnusableInputError, match="missing: direction, kind"):
        read_catalog(b"code,name,unit,frequency\n", "c.csv")


def test_repeated_partner_refused_before_saving() -> None:
    """A partner listed twice is a problem with its line and value, not a failed save."""
    text = "code,name,unit,direction,frequency,kind,partners\nA,A,count,up,annual,performance,NCC;WDB;NCC\n"
    with pytest.raises(InvalidInputError) as raised:
        parse_catalog(text.encode(), "c.csv", {"NCC", "WDB"}, set())
    assert [(p.line, p.column, p.value) for p in raised.value.problems] == [(2, "partners", "NCC")]


FRENCH_PERIODS = [
    (
        "baseline_period_of_frequency",
        (6, "baseline_period", "2016-03",
         "cet indicateur est déclaré chaque trimestre : écrivez la période comme 2024-Q3, ou une "
         "année : 2024 ou FY2024-25"),
    ),
    (
        "target_period_of_frequency",
        (3, "target_period", "2020-Q4",
         "cet indicateur est déclaré chaque année : écrivez la période comme 2024 ou FY2024-25"),
    ),
]  # fmt: skip


@pytest.mark.parametrize(("name", "expected"), FRENCH_PERIODS, ids=[c[0] for c in FRENCH_PERIODS])
def test_period_of_frequency_in_french(name, expected) -> None:
    """The frequency and its examples are one whole French sentence, no English word left in it
    (README "Languages")."""
    from lipmetrics.i18n import language

    with language("fr"):
        problems = getattr(catalog_file, name)(table(*PERIOD_LINES), KNOWN)
    assert [(p.line, p.column, p.value, p.message) for p in problems] == [expected]
