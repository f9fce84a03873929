"""Partner organisations administered (README "Partner organisations and breakdowns"): the checks
of a partner as written, a partners file with its preview, add, edit, retire, restore, each change
with its own audit entry, and a retired partner no longer offered."""

from __future__ import annotations

import pandas as pd
import pytest

from lipmetrics.accounts import OPERATOR, User
from lipmetrics.errors import (
    DuplicateError,
    InvalidInputError,
    NotFoundError,
    PermissionDeniedError,
    Problem,
)
from lipmetrics.measures import (
    add_partner,
    edit_partner,
    list_partners,
    parse_catalog,
    parse_partners,
    partners_overview,
    preview_partners,
    restore_partner,
    retire_partner,
    save_partners,
)
from lipmetrics.measures.partners import partner_problems
from lipmetrics.store import queries

LONG = "x" * 31
SEMICOLON = "a code cannot hold a semicolon (the catalogue separates codes with it): remove it"


@pytest.mark.parametrize(
    ("code", "name", "kind", "expected"),
    [
        ("NCC", "New Canadians Centre", "", []),
        ("ESL Forum", "ESL Forum of Peterborough", "network", []),
        ("", "A name", "", [("code", "", "write the partner's short code, e.g. NCC")]),
        ("NCC;WDB", "Two", "", [("code", "NCC;WDB", SEMICOLON)]),
        ("NCC", "", "", [("name", "", "write the partner's full name")]),
        (LONG, "A name", "", [("code", LONG, "this is 31 characters long: shorten it to 30 at most")]),
    ],
)  # fmt: skip
def test_partner_problems(code, name, kind, expected) -> None:
    found = partner_problems(code, name, kind, 4)
    assert [(p.column, p.value, p.message) for p in found] == expected
    assert all(p.line == 4 for p in found)


def audit(db) -> list[tuple]:
    """The audit log, oldest first: action, target, detail."""
    with db.cursor() as cur:
        log = queries.audit_log(cur).iloc[::-1]
    return [
        (a, t, None if pd.isna(d) else d) for a, t, d in log[["action", "target", "detail"]].values
    ]


FILE = b"code,name,kind\nNCC,New Canadians Centre,settlement agency\nWDB,Workforce Board,\n"


def test_a_file_is_previewed_then_saved_with_one_audit_entry_per_change(db) -> None:
    save_partners(db, OPERATOR, parse_partners(FILE, "first.csv"), "first.csv")
    second = b"code,name,kind\nNCC,New Canadians Centre,settlement agency\nWDB,Workforce Development Board,employment board\nCFDC,Community Futures,\n"
    frame = parse_partners(second, "second.csv")
    assert preview_partners(db, OPERATOR, frame)[["line", "code", "change"]].values.tolist() == [
        [2, "NCC", "unchanged"],
        [3, "WDB", "name “Workforce Board” becomes “Workforce Development Board”; kind “” becomes “employment board”"],
        [4, "CFDC", "new"],
    ]  # fmt: skip
    assert save_partners(db, OPERATOR, frame, "second.csv") == 3
    assert audit(db) == [
        ("partner added", "NCC", "New Canadians Centre (settlement agency)"),
        ("partner added", "WDB", "Workforce Board (no kind)"),
        ("partner changed", "WDB", "name “Workforce Board” becomes “Workforce Development Board”; kind “” becomes “employment board”"),
        ("partner added", "CFDC", "Community Futures (no kind)"),
    ]  # fmt: skip


def test_a_file_with_problems_names_each_line() -> None:
    data = b"code,name,kind\nNCC,New Canadians Centre,\nNCC;X,Two,\n,No code,\nNCC,Again,\n"
    with pytest.raises(InvalidInputError) as caught:
        parse_partners(data, "bad.csv")
    assert caught.value.problems == [
        Problem(3, "code", "NCC;X", SEMICOLON),
        Problem(4, "code", "", "write the partner's short code, e.g. NCC"),
        Problem(5, "code", "NCC", "this code is already on line 2"),
    ]


def test_add_edit_retire_restore(db) -> None:
    add_partner(db, OPERATOR, " NCC ", " New Canadians Centre ", "")
    assert not edit_partner(db, OPERATOR, "NCC", "New Canadians Centre", "")  # nothing changes
    assert edit_partner(db, OPERATOR, "NCC", "New Canadians Centre (Peterborough)", "agency")
    retire_partner(db, OPERATOR, "NCC")
    assert list_partners(db).empty
    assert partners_overview(db, OPERATOR)["retired"].notna().tolist() == [True]
    restore_partner(db, OPERATOR, "NCC")
    assert list_partners(db)[["code", "name", "kind"]].values.tolist() == [
        ["NCC", "New Canadians Centre (Peterborough)", "agency"]
    ]
    assert audit(db) == [
        ("partner added", "NCC", "New Canadians Centre (no kind)"),
        ("partner changed", "NCC", "name “New Canadians Centre” becomes “New Canadians Centre (Peterborough)”; kind “” becomes “agency”"),
        ("partner retired", "NCC", None),
        ("partner restored", "NCC", None),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("retire_first", "error", "sentence"),
    [
        (False, DuplicateError, "A partner with the code “NCC” is already in the list."),
        (True, DuplicateError, "A partner with the code “NCC” exists but is retired: restore it instead."),
    ],
)  # fmt: skip
def test_a_code_is_added_once(db, retire_first, error, sentence) -> None:
    add_partner(db, OPERATOR, "NCC", "New Canadians Centre")
    if retire_first:
        retire_partner(db, OPERATOR, "NCC")
    with pytest.raises(error) as caught:
        add_partner(db, OPERATOR, "NCC", "Another")
    assert str(caught.value) == sentence


def test_a_retired_partner_in_a_file_is_refused_with_its_line(db) -> None:
    save_partners(db, OPERATOR, parse_partners(FILE, "first.csv"))
    retire_partner(db, OPERATOR, "WDB")
    frame = parse_partners(FILE, "again.csv")
    message = "this partner is retired: restore it on the Partner organisations page first"
    for attempt in (
        lambda: preview_partners(db, OPERATOR, frame),
        lambda: save_partners(db, OPERATOR, frame),
    ):
        with pytest.raises(InvalidInputError) as caught:
            attempt()
        assert caught.value.problems == [Problem(3, "code", "WDB", message)]


def test_a_partner_that_reports_metrics_is_not_retired(demo_db) -> None:
    """NCC reports metrics of the demo catalogue; CFDC reports none."""
    with pytest.raises(InvalidInputError) as caught:
        retire_partner(demo_db, OPERATOR, "NCC")
    assert caught.value.summary.startswith("The partner “NCC” still reports ")
    assert caught.value.summary.endswith(
        "take it off their partners on the Metric catalogue page, then retire it."
    )
    assert {p.value for p in caught.value.problems} >= {"ES-JOBSKILLS"}
    assert "NCC" in list_partners(demo_db)["code"].tolist()
    retire_partner(demo_db, OPERATOR, "CFDC")
    overview = partners_overview(demo_db, OPERATOR).set_index("code")
    assert overview.loc["NCC", ["accounts", "metrics"]].gt(0).all()
    assert overview.loc["CFDC", "metrics"] == 0
    assert overview.index[-1] == "CFDC"  # retired partners come last


def test_a_retired_partner_is_not_offered_to_the_catalogue(demo_db) -> None:
    retire_partner(demo_db, OPERATOR, "CFDC")
    catalogue = b"code,name,unit,direction,frequency,kind,partners\nX,A metric,count,higher,annual,performance,CFDC\n"
    with pytest.raises(InvalidInputError) as caught:
        parse_catalog(catalogue, "c.csv", set(list_partners(demo_db)["code"]), set())
    assert [(p.column, p.value) for p in caught.value.problems] == [("partners", "CFDC")]


def test_unknown_partner(db) -> None:
    with pytest.raises(NotFoundError, match="There is no partner with the code “ZZ”"):
        retire_partner(db, OPERATOR, "ZZ")


VIEWER = User("vic", "Vic", "viewer")


@pytest.mark.parametrize(
    "change",
    [
        lambda db: add_partner(db, VIEWER, "X", "X"),
        lambda db: edit_partner(db, VIEWER, "NCC", "X"),
        lambda db: retire_partner(db, VIEWER, "NCC"),
        lambda db: restore_partner(db, VIEWER, "NCC"),
        lambda db: save_partners(db, VIEWER, parse_partners(FILE, "f.csv")),
        lambda db: preview_partners(db, VIEWER, parse_partners(FILE, "f.csv")),
        lambda db: partners_overview(db, VIEWER),
    ],
)
def test_only_coordinators_and_admins_manage_partners(db, change) -> None:
    add_partner(db, OPERATOR, "NCC", "New Canadians Centre")
    with pytest.raises(PermissionDeniedError):
        change(db)
    assert len(audit(db)) == 1
