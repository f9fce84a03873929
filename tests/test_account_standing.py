"""Deactivating an account whose person has left, and reactivating it (README "Accounts, roles
and sign-in"): it cannot sign in, its sessions end, its records stay; what is refused, and why."""

from __future__ import annotations

import pytest

from lipmetrics.accounts import (
    OPERATOR,
    User,
    audit_entries,
    authenticate,
    create_user,
    deactivate_account,
    list_users,
    reactivate_account,
    session_user,
    start_session,
)
from lipmetrics.cli import main
from lipmetrics.errors import (
    InvalidInputError,
    NotFoundError,
    PermissionDeniedError,
    SessionEndedError,
    SignInError,
)
from lipmetrics.store import Database

from .databases import new_target

ADA = User("ada", "Ada", "admin")
CORA = User("cora", "Cora", "coordinator")
PASSWORD = "a long passphrase"


@pytest.fixture
def people(db):
    """An administrator and a coordinator, each with the password PASSWORD."""
    for user in (ADA, CORA):
        create_user(db, OPERATOR, user.username, user.role, password=PASSWORD)
    return db


def active(db) -> dict[str, bool]:
    users = list_users(db)
    return dict(zip(users["username"], users["active"].astype(bool), strict=True))


def test_a_deactivated_account_cannot_sign_in_and_its_sessions_end(people) -> None:
    tokens = [start_session(people, CORA), start_session(people, CORA, kind="meeting")]
    assert deactivate_account(people, ADA, "cora") == 2
    assert active(people) == {"ada": True, "cora": False}
    with pytest.raises(SignInError):
        authenticate(people, "cora", PASSWORD)
    for token in tokens:
        with pytest.raises(SessionEndedError) as caught:
            session_user(people, token)
        assert caught.value.reason == "account removed"
        assert "no longer active" in str(caught.value)
    audit = audit_entries(people, ADA)
    done = audit[audit["target"] == "cora"][["username", "action", "detail"]].values.tolist()
    assert ["ada", "account deactivated"] in [row[:2] for row in done]
    assert ["ada", "sessions ended", "2 ended (account deactivated)"] in done


def test_reactivated_it_signs_in_with_the_password_it_had(people) -> None:
    deactivate_account(people, ADA, "cora")
    reactivate_account(people, ADA, "cora")
    assert active(people) == {"ada": True, "cora": True}
    assert authenticate(people, "cora", PASSWORD).username == "cora"
    audit = audit_entries(people, ADA)
    assert "account reactivated" in audit.loc[audit["target"] == "cora", "action"].tolist()


@pytest.mark.parametrize(
    ("actor", "change", "username", "error", "message"),
    [
        (ADA, "deactivate", "ada", InvalidInputError, "you cannot deactivate your own account"),
        (OPERATOR, "deactivate", "ada", InvalidInputError, "this is the last active administrator"),
        (ADA, "reactivate", "cora", InvalidInputError, "the account is already active"),
        (ADA, "deactivate", "nobody", NotFoundError, "There is no account “nobody”."),
        (CORA, "deactivate", "ada", PermissionDeniedError, "administrator"),
    ],
)  # fmt: skip
def test_refusals_change_nothing(people, actor, change, username, error, message) -> None:
    do = deactivate_account if change == "deactivate" else reactivate_account
    with pytest.raises(error) as caught:
        do(people, actor, username)
    shown = str(caught.value) + " ".join(p.message for p in getattr(caught.value, "problems", []))
    assert message in shown
    assert active(people) == {"ada": True, "cora": True}


def test_deactivated_twice_is_refused(people) -> None:
    deactivate_account(people, ADA, "cora")
    with pytest.raises(InvalidInputError) as caught:
        deactivate_account(people, ADA, "cora")
    assert caught.value.problems[0].message == "the account is already inactive"


def test_another_administrator_may_be_deactivated(people) -> None:
    """With two active administrators, one deactivates the other; then the one left is the last."""
    create_user(people, OPERATOR, "bea", "admin", password=PASSWORD)
    deactivate_account(people, ADA, "bea")
    with pytest.raises(InvalidInputError):
        deactivate_account(people, OPERATOR, "ada")
    assert active(people) == {"ada": True, "bea": False, "cora": True}


def test_the_commands(tmp_path, capsys) -> None:
    path = new_target(tmp_path, "cli")
    database = Database(path)
    create_user(database, OPERATOR, "cora", "coordinator", password=PASSWORD)
    database.close()
    assert main(["deactivate-user", "cora", "--db", path]) == 0
    assert capsys.readouterr().out.strip() == "Account “cora” deactivated; 0 sessions ended."
    assert main(["deactivate-user", "cora", "--db", path]) == 1
    assert "the account is already inactive" in capsys.readouterr().err
    assert main(["deactivate-user", "nobody", "--db", path]) == 2
    assert main(["reactivate-user", "cora", "--db", path]) == 0
    assert capsys.readouterr().out.strip() == "Account “cora” reactivated."
