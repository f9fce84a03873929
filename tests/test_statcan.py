"""The Statistics Canada full-table importer, on a small file in that exact format.

``tests/data/statcan_14100083_TEST_DATA.csv`` is TEST DATA written for these tests in the layout
of table 14-10-0083 (BOM, every field quoted); its numbers are made up.
"""

from __future__ import annotations

import math

import pytest

from lipmetrics.accounts import OPERATOR, User
from lipmetrics.cli import main
from lipmetrics.demo import load_demo_accounts
from lipmetrics.errors import InvalidInputError, PermissionDeniedError, UnusableInputError
from lipmetrics.measures import (
    import_indicator,
    indicator_values,
    read_statcan,
    select_series,
    withheld_periods,
)

from .conftest import DATA, TEST_DATA
from .databases import new_target

TEST_FILE = (TEST_DATA / "statcan_14100083_TEST_DATA.csv").read_bytes()
RECENT = "Immigrants, landed 5 or less years earlier"
PETERBOROUGH = "Peterborough, Ontario"


def test_reads_bom_quotes_and_dimensions() -> None:
    table = read_statcan(TEST_FILE, "t.csv")
    assert table.dimensions == ["Labour force characteristics", "Immigrant status"]
    assert table.choices()["GEO"] == [PETERBOROUGH, "Ontario"]
    assert table.rows["REF_DATE"].iloc[0] == "2018"  # the BOM is not part of the first name


def test_withheld_values_are_missing_with_their_reason() -> None:
    series = select_series(
        read_statcan(TEST_FILE, "t.csv"),
        PETERBOROUGH,
        {"Labour force characteristics": "Unemployment rate", "Immigrant status": RECENT},
    )
    assert series["period"].tolist() == ["2018", "2019", "2020", "2021"]
    assert series["value"].tolist()[:2] == [10.4, 9.6]
    assert all(math.isnan(v) for v in series["value"].tolist()[2:])  # never 0
    assert series["flag"].tolist() == ["", "", "x", "F"]
    assert series["flag_meaning"].tolist()[2:] == [
        "suppressed to meet the confidentiality requirements of the Statistics Act",
        "too unreliable to be published",
    ]


def test_scalar_factor_thousands() -> None:
    series = select_series(
        read_statcan(TEST_FILE, "t.csv"),
        PETERBOROUGH,
        {"Labour force characteristics": "Population", "Immigrant status": RECENT},
    )
    assert series["value"].tolist() == [9100.0, 9400.0, 9900.0, 10200.0]  # 9.1 thousand = 9,100
    assert series["unit"].unique().tolist() == ["Persons"]


def test_an_open_dimension_is_named() -> None:
    with pytest.raises(InvalidInputError) as caught:
        select_series(
            read_statcan(TEST_FILE, "t.csv"),
            PETERBOROUGH,
            {"Labour force characteristics": "Unemployment rate"},
        )
    assert caught.value.problems[0].column == "Immigrant status"


@pytest.mark.parametrize(
    "data",
    [
        b"metric,period,value\nES-JOBSKILLS,2019-Q1,5\n",
        b'"REF_DATE","GEO","VALUE"\n"2020","Ontario","5"\n',
    ],
)
def test_another_shape_is_refused_clearly(data) -> None:
    with pytest.raises(UnusableInputError, match="not a Statistics Canada full-table CSV"):
        read_statcan(data, "other.csv")


def test_import_into_a_population_metric(db) -> None:
    load_demo_accounts(db, DATA)
    members = {"Labour force characteristics": "Unemployment rate", "Immigrant status": RECENT}
    assert (
        import_indicator(db, OPERATOR, "MP-UNEMPLOY", TEST_FILE, "t.csv", PETERBOROUGH, members)
        == 4
    )
    values = indicator_values(db)
    assert values[values["value"].notna()]["value"].tolist() == [10.4, 9.6]
    assert values.set_index("period").loc["2020", "flag"] == "x"
    with pytest.raises(InvalidInputError, match="not a population indicator"):
        import_indicator(db, OPERATOR, "ES-JOBSKILLS", TEST_FILE, "t.csv", PETERBOROUGH, members)
    viewer = User("vic", "Vic", "viewer")
    with pytest.raises(PermissionDeniedError):
        import_indicator(db, viewer, "MP-UNEMPLOY", TEST_FILE, "t.csv", PETERBOROUGH, members)


def test_cli_import_indicator(tmp_path, capsys) -> None:
    db_path = new_target(tmp_path, "x")
    assert main(["init", "--db", db_path]) == 0
    from lipmetrics.store import Database

    database = Database(db_path)
    load_demo_accounts(database, DATA)
    database.close()
    capsys.readouterr()
    file = tmp_path / "table.csv"
    file.write_bytes(TEST_FILE)
    base = ["import-indicator", str(file), "--metric", "MP-UNEMPLOY", "--db", db_path]
    assert (
        main(
            [
                *base,
                "--geo",
                PETERBOROUGH,
                "--member",
                "Labour force characteristics=Unemployment rate",
            ]
        )
        == 1
    )
    assert (
        "Immigrant status: this choice matches several series: pick one of "
        in capsys.readouterr().err
    )
    picked = [
        "--member",
        "Labour force characteristics=Unemployment rate",
        "--member",
        f"Immigrant status={RECENT}",
    ]
    assert main([*base, "--geo", PETERBOROUGH, *picked]) == 0
    assert "4 periods" in capsys.readouterr().out


def test_an_unreadable_value_is_a_problem_not_a_withheld_one() -> None:
    """A VALUE that is there but is not a number (a hand-edited file) is reported, never kept
    as "withheld" and never as 0."""
    edited = TEST_FILE.replace(b'"10.4"', b'"ten"')
    with pytest.raises(InvalidInputError) as caught:
        select_series(
            read_statcan(edited, "t.csv"),
            PETERBOROUGH,
            {"Labour force characteristics": "Unemployment rate", "Immigrant status": RECENT},
        )
    problem = caught.value.problems[0]
    assert (problem.column, problem.value) == ("VALUE", "ten")
    assert problem.message.startswith("2018: ")


def test_withheld_periods() -> None:
    series = select_series(
        read_statcan(TEST_FILE, "t.csv"),
        PETERBOROUGH,
        {"Labour force characteristics": "Unemployment rate", "Immigrant status": RECENT},
    )
    assert withheld_periods(series) == 2  # 2020 x, 2021 F
