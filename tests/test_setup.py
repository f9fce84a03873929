"""First run: the one-time set-up code and the first administrator it lets a person make."""

from __future__ import annotations

import pytest

from lipmetrics.accounts import (
    OPERATOR,
    SETUP_ACTOR,
    SetupCode,
    audit_entries,
    authenticate,
    create_first_admin,
    create_user,
    has_admin,
)
from lipmetrics.accounts.setup import MAX_WRONG_CODES, normalise_code
from lipmetrics.errors import InvalidInputError, PermissionDeniedError, SignInError

PASSWORD = "a long passphrase"


@pytest.fixture
def printed() -> list[str]:
    return []


@pytest.fixture
def code(printed) -> SetupCode:
    """A set-up code whose announcements are kept in ``printed`` (the app prints them)."""
    return SetupCode(printed.append)


def make(db, code, entered, username="alice", password=PASSWORD, repeated=PASSWORD):
    return create_first_admin(db, code, entered, username, "Alice Martin", password, repeated)


def test_a_code_is_printed_as_two_groups_of_four(code, printed) -> None:
    assert len(printed) == 1
    first, dash, second = printed[0].partition("-")
    assert (len(first), dash, len(second)) == (4, "-", 4)
    assert SetupCode(printed.append) and printed[1] != printed[0]  # each process its own


@pytest.mark.parametrize(
    "typed", ["{c}", "{c_lower}", " {c} ", "{c_nodash}", "{c_spaced}"], ids=str
)
def test_the_code_is_read_the_forgiving_way(code, printed, typed) -> None:
    shown = printed[0]
    entered = typed.format(
        c=shown, c_lower=shown.lower(), c_nodash=shown.replace("-", ""),
        c_spaced=shown.replace("-", " "),
    )  # fmt: skip
    code.check(entered)  # no error
    assert normalise_code(entered) == shown.replace("-", "")


def test_the_code_itself_is_not_kept(code, printed) -> None:
    assert printed[0] not in repr(vars(code))
    assert printed[0].replace("-", "") not in repr(vars(code))


def test_the_right_code_creates_the_administrator_audited(db, code, printed) -> None:
    admin = make(db, code, printed[0])
    assert (admin.username, admin.display_name, admin.role) == ("alice", "Alice Martin", "admin")
    assert has_admin(db)
    assert authenticate(db, "alice", PASSWORD) == admin
    entry = audit_entries(db, admin).iloc[0]
    assert (entry["username"], entry["action"], entry["target"]) == (
        SETUP_ACTOR,
        "account created",
        "alice",
    )
    assert code.spent
    with pytest.raises(SignInError, match="was used already"):
        code.check(printed[0])


def test_a_wrong_code_is_refused_with_a_sentence(db, code, printed) -> None:
    with pytest.raises(SignInError) as caught:
        make(db, code, "WRONG-CODE")
    assert str(caught.value) == (
        "The set-up code “WRONG-CODE” is not right. Copy it from where the server was started "
        "(its terminal or log) and try again."
    )
    assert not has_admin(db)
    make(db, code, printed[0])  # the right one still works after one wrong
    assert has_admin(db)


def test_five_wrong_codes_replace_the_code(db, code, printed) -> None:
    old = printed[0]
    for _ in range(MAX_WRONG_CODES - 1):
        with pytest.raises(SignInError, match="is not right. Copy it"):
            code.check("AAAA-AAAA")
    with pytest.raises(SignInError, match="it was replaced"):
        code.check("AAAA-AAAA")
    assert len(printed) == 2
    with pytest.raises(SignInError):
        make(db, code, old)  # the old code opens nothing any more
    make(db, code, printed[1])
    assert has_admin(db)


@pytest.mark.parametrize(
    ("username", "password", "repeated", "problem"),
    [
        ("alice", "short", "short", "use at least 10 characters"),
        ("alice", PASSWORD, PASSWORD + "!", "type the same password twice"),
        ("A", PASSWORD, PASSWORD, "use 2-40 lower-case letters, digits, dots, dashes or underscores"),
    ],
)  # fmt: skip
def test_account_rules_hold(db, code, printed, username, password, repeated, problem) -> None:
    with pytest.raises(InvalidInputError) as caught:
        make(db, code, printed[0], username, password, repeated)
    assert [p.message for p in caught.value.problems] == [problem]
    assert not has_admin(db) and not code.spent


def test_refused_once_an_administrator_exists(db, code, printed) -> None:
    create_user(db, OPERATOR, "bob", "admin", password=PASSWORD)
    with pytest.raises(PermissionDeniedError, match="An administrator account exists already"):
        make(db, code, printed[0])
