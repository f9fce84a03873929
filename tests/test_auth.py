"""Accounts and permissions: each role/action pair, passwords, sign-in throttling."""

from __future__ import annotations

from datetime import datetime, timedelta

import pandas as pd
import pytest

from lipmetrics.accounts import (
    OPERATOR,
    User,
    audit_entries,
    authenticate,
    create_user,
    hash_password,
    list_users,
    require,
    set_password,
    user_for_email,
    verify_password,
)
from lipmetrics.errors import (
    DuplicateError,
    InvalidInputError,
    NotFoundError,
    PermissionDeniedError,
    SignInError,
    SignInLockedError,
)
from lipmetrics.measures import parse_partners, save_partners
from lipmetrics.plan import StatusChange, parse_workplan, record_statuses, save_plan
from lipmetrics.store import queries

from .conftest import DATA, TEST_DATA
from .databases import new_target

USERS = {
    "admin": User("ada", "Ada", "admin"),
    "coordinator": User("cora", "Cora", "coordinator"),
    "partner": User("pat", "Pat", "partner", "NCC"),
    "viewer": User("vic", "Vic", "viewer"),
}


@pytest.fixture
def world(db):
    """A database with partners, a plan and an account."""
    save_partners(
        db, OPERATOR, parse_partners((DATA / "partners.csv").read_bytes(), "partners.csv")
    )
    draft = parse_workplan((TEST_DATA / "small_tidy.csv").read_bytes(), "small_tidy.csv", 2020, 3)
    save_plan(db, draft, "Small", OPERATOR)
    create_user(db, OPERATOR, "someone", "viewer", password="a-long-password")
    return db


def content(db) -> tuple:
    """Everything a refused action must leave as it was: row counts and a hash of the tables."""
    with db.cursor() as cur:
        counts = queries.table_counts(cur)
        audit = len(queries.audit_log(cur))
        users = pd.util.hash_pandas_object(queries.users(cur)).sum()
        partners = pd.util.hash_pandas_object(queries.partners(cur)).sum()
    return counts, audit, users, partners


def do_import_plan(db, user):
    draft = parse_workplan((TEST_DATA / "small_tidy.csv").read_bytes(), "small_tidy.csv", 2020, 3)
    save_plan(db, draft, "Another", user)


def do_record_status(db, user):
    record_statuses(db, user, "Small", 1, [StatusChange(1, "complete", "completed")])


def do_import_partners(db, user):
    save_partners(
        db, user, pd.DataFrame({"code": ["NEW"], "name": ["New partner"], "kind": [None]})
    )


def do_add_user(db, user):
    create_user(db, user, "newcomer", "viewer")


def do_set_other_password(db, user):
    set_password(db, user, "someone", "another-long-password")


def do_read_audit(db, user):
    audit_entries(db, user)


ACTIONS = {
    "import a plan": (do_import_plan, {"admin", "coordinator"}),
    "record a status": (do_record_status, {"admin", "coordinator"}),
    "import partners": (do_import_partners, {"admin", "coordinator"}),
    "add an account": (do_add_user, {"admin"}),
    "set another's password": (do_set_other_password, {"admin"}),
    "read the audit log": (do_read_audit, {"admin", "coordinator"}),
}
ALLOWED = [(action, role) for action in ACTIONS for role in USERS if role in ACTIONS[action][1]]
REFUSED = [(action, role) for action in ACTIONS for role in USERS if role not in ACTIONS[action][1]]


@pytest.mark.parametrize(("action", "role"), ALLOWED, ids=[f"{r}-{a}" for a, r in ALLOWED])
def test_role_action_table_allowed(world, action, role) -> None:
    """Allowed pairs succeed."""
    function, _ = ACTIONS[action]
    function(world, USERS[role])


@pytest.mark.parametrize(("action", "role"), REFUSED, ids=[f"{r}-{a}" for a, r in REFUSED])
def test_role_action_table_refused(world, action, role) -> None:
    """Refused pairs raise PermissionDeniedError naming the account and change nothing."""
    function, _ = ACTIONS[action]
    user = USERS[role]
    before = content(world)
    with pytest.raises(PermissionDeniedError, match=f"“{user.username}”"):
        function(world, user)
    assert content(world) == before


@pytest.mark.parametrize(
    ("user", "partner"), [(USERS["partner"], "NCC"), (USERS["coordinator"], "WDB")]
)
def test_partner_writes_its_own_organisation(user, partner) -> None:
    """A partner account may submit for its own organisation; coordinators for any."""
    require(user, "submit_metrics", partner)


@pytest.mark.parametrize(("user", "partner"), [(USERS["partner"], "WDB"), (USERS["viewer"], "NCC")])
def test_partner_writes_only_its_own_organisation(user, partner) -> None:
    """A partner account may not submit for another organisation; a viewer for none."""
    with pytest.raises(PermissionDeniedError):
        require(user, "submit_metrics", partner)


def test_refusal_sentence_says_whose_data() -> None:
    """The refusal names the account's organisation and the one it tried to write for."""
    with pytest.raises(PermissionDeniedError) as raised:
        require(USERS["partner"], "submit_metrics", "WDB")
    assert str(raised.value) == (
        "The account “pat” belongs to NCC and may only submit metric values for that "
        "organisation, not for WDB."
    )


def test_password_hashing() -> None:
    """scrypt with a per-user salt: two hashes of one password differ, both verify."""
    first, second = hash_password("correct horse"), hash_password("correct horse")
    assert first != second
    assert first.startswith("scrypt$16384$8$1$")
    assert verify_password("correct horse", first) and verify_password("correct horse", second)
    assert not verify_password("correct hors", first)
    assert not verify_password("anything", None)
    assert not verify_password("anything", "not-a-hash")


def test_authenticate_and_throttle(world) -> None:
    """Wrong passwords are counted per user name; after 3, each failure locks for longer."""
    start = datetime(2026, 1, 1, 9, 0, 0)
    assert authenticate(world, "Someone", "a-long-password", now=start).username == "someone"
    for attempt in range(3):
        with pytest.raises(SignInError, match="not right"):
            authenticate(world, "someone", "wrong", now=start + timedelta(seconds=attempt))
    with pytest.raises(SignInError, match="not right"):
        authenticate(world, "someone", "wrong", now=start + timedelta(seconds=3))  # 4th: locks 30 s
    with pytest.raises(SignInLockedError, match="Too many failed attempts"):
        authenticate(world, "someone", "a-long-password", now=start + timedelta(seconds=20))
    assert authenticate(world, "someone", "a-long-password", now=start + timedelta(seconds=34))
    # A success clears the count: the next failure does not lock.
    with pytest.raises(SignInError, match="not right"):
        authenticate(world, "someone", "wrong", now=start + timedelta(seconds=40))
    assert authenticate(world, "someone", "a-long-password", now=start + timedelta(seconds=41))


def test_unknown_user_names_are_throttled_too(world) -> None:
    """Guessing user names is slowed down the same way."""
    start = datetime(2026, 1, 1, 9, 0, 0)
    for attempt in range(4):
        with pytest.raises(SignInError, match="not right"):
            authenticate(world, "nobody", "x", now=start + timedelta(seconds=attempt))
    with pytest.raises(SignInLockedError, match="Too many failed attempts"):
        authenticate(world, "nobody", "x", now=start + timedelta(seconds=5))


def test_failed_sign_ins_are_audited_without_the_password(world) -> None:
    """Each failed sign-in is in the audit log; the password typed is not."""
    with pytest.raises(SignInError):
        authenticate(world, "someone", "my-secret-guess")
    log = audit_entries(world, USERS["admin"], actions=["sign-in failed"])
    assert log["target"].tolist() == ["someone"]
    assert "my-secret-guess" not in log.to_csv()


@pytest.mark.parametrize(
    ("args", "error", "message"),
    [
        (("bad name!", "viewer"), InvalidInputError, "cannot be created"),
        (("p1", "partner"), InvalidInputError, "cannot be created"),
        (("p1", "partner", "NOPE"), InvalidInputError, "cannot be created"),
        (("v1", "viewer", "NCC"), InvalidInputError, "cannot be created"),
        (("someone", "viewer"), DuplicateError, "already exists"),
        (("r1", "superuser"), InvalidInputError, "cannot be created"),
    ],
)
def test_create_user_checks(world, args, error, message) -> None:
    """Bad accounts are refused with a reason, and nothing is written."""
    before = content(world)
    with pytest.raises(error, match=message):
        create_user(world, OPERATOR, *args)
    assert content(world) == before


def test_short_password_refused(world) -> None:
    """A password under 10 characters is refused."""
    with pytest.raises(InvalidInputError, match="too short"):
        set_password(world, OPERATOR, "someone", "short")


def test_anyone_sets_their_own_password(world) -> None:
    """A viewer may change its own password, and signs in with the new one."""
    me = User("someone", "Someone", "viewer")
    set_password(world, me, "someone", "my-new-long-password")
    assert authenticate(world, "someone", "my-new-long-password")


def test_users_never_include_hashes(world) -> None:
    """The account list has no password hash column, only whether a password is set."""
    frame = list_users(world)
    assert "password_hash" not in frame.columns
    assert not frame.astype(str).apply(lambda c: c.str.contains("scrypt")).any().any()


def test_user_for_email(world) -> None:
    """Single sign-on maps a verified e-mail (any case) to its account."""
    create_user(world, OPERATOR, "sso-user", "coordinator", email="Coord@Example.org")
    assert user_for_email(world, "coord@example.ORG").username == "sso-user"
    with pytest.raises(NotFoundError, match="No lipmetrics account has the e-mail"):
        user_for_email(world, "stranger@example.org")


def test_no_password_or_hash_in_outputs(tmp_path, capsys, caplog, monkeypatch) -> None:
    """Set a password, sign in right and wrong, list users, export the audit log: the password and
    its hash appear in none of the command output, logs, tables or exports."""
    from lipmetrics.cli import main
    from lipmetrics.files import to_csv_bytes
    from lipmetrics.store import Database

    path = new_target(tmp_path, "secrets")
    password = "very-secret-passphrase-42"
    assert main(["init", "--db", path]) == 0
    assert main(["add-user", "rita", "--role", "coordinator", "--name", "Rita", "--db", path]) == 0
    monkeypatch.setenv("LIPMETRICS_PASSWORD", password)
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    assert main(["set-password", "rita", "--db", path]) == 0
    assert main(["users", "--format", "json", "--db", path]) == 0
    db = Database(path)
    try:
        authenticate(db, "rita", password)
        with pytest.raises(SignInError) as refused:
            authenticate(db, "rita", password + "-typo")
        with db.cursor() as cur:
            stored_hash = queries.user_row(cur, "rita")["password_hash"]
        exported = to_csv_bytes(audit_entries(db, OPERATOR)).decode("utf-8-sig")
        listed = list_users(db).to_csv()
    finally:
        db.close()
    out = capsys.readouterr()
    everything = "\n".join([out.out, out.err, caplog.text, exported, listed, str(refused.value)])
    assert stored_hash.startswith("scrypt$")
    for secret in (password, stored_hash, stored_hash.split("$")[-1], stored_hash.split("$")[-2]):
        assert secret not in everything
    assert "password set" in exported  # the change itself is audited
