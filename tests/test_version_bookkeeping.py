"""Signing in is bookkeeping no cached read shows: it leaves the data version where it was, so
the caches of every app process stay warm; a write of data still moves it on. A partner's
submission moves on the values versions instead, so the plan's cached pages stay warm, and Save
does not check the file again unless what the check read has changed (docs/architecture.md
"Caching")."""

from __future__ import annotations

import contextlib
from datetime import date

import pytest

from lipmetrics.accounts import OPERATOR, User, authenticate, create_user
from lipmetrics.demo import load_demo_accounts
from lipmetrics.errors import SignInError
from lipmetrics.measures import add_category
from lipmetrics.plan import import_plan_file
from lipmetrics.store import Database, data_version, versions
from lipmetrics.submissions import (
    check_submission,
    commit_submission,
    restore,
    submissions,
    withdraw,
)
from ui import data

from .conftest import DATA, TEST_DATA
from .databases import copy_target, new_target
from .test_app import app, button, fresh_caches, navigation_owns_pages  # noqa: F401

SMALL = TEST_DATA / "small_tidy.csv"


@pytest.mark.parametrize(("moves_version", "moves"), [(True, 1), (False, 0)])
def test_a_transaction_moves_the_version_unless_told_not_to(db, moves_version, moves) -> None:
    before = data_version(db)
    with db.transaction(moves_version=moves_version) as cur:
        cur.execute("UPDATE settings SET value = value WHERE key = ?", ["nothing"])
    assert data_version(db) == before + moves


@pytest.mark.parametrize(
    ("password", "signed_in"), [("a-long-password", True), ("not-the-password", False)]
)
def test_signing_in_leaves_the_data_version(db, password, signed_in) -> None:
    create_user(db, OPERATOR, "someone", "viewer", password="a-long-password")
    before = data_version(db)
    with contextlib.suppress(SignInError):
        user = authenticate(db, "someone", password)
        assert user.username == "someone"
        assert signed_in
    assert data_version(db) == before


def test_adding_an_account_moves_the_data_version(db) -> None:
    before = data_version(db)
    create_user(db, OPERATOR, "someone", "viewer", password="a-long-password")
    assert data_version(db) == before + 1


# --- What each write moves on, and which cached pages it leaves warm ------------------------------

NCC = User("ncc", "NCC", "partner", "NCC")
TOPICS = ("data", "values", "values of NCC", "values of WDB")


@pytest.mark.parametrize(("moves_version", "values_of", "moved"), [
    (True, None, {"data": 1}),
    (False, None, {}),
    (True, "NCC", {"values": 1, "values of NCC": 1}),  # not the data version, nor WDB's
])  # fmt: skip
def test_what_a_transaction_moves_on(db, moves_version, values_of, moved) -> None:
    before = versions(db)
    for _ in range(2):  # the second time a topic's row is there already
        with db.transaction(moves_version=moves_version, values_of=values_of) as cur:
            cur.execute("UPDATE settings SET value = value WHERE key = ?", ["nothing"])
    after = versions(db)
    assert {t: after.get(t, 0) - before.get(t, 0) for t in TOPICS} == {
        t: 2 * moved.get(t, 0) for t in TOPICS
    }


def send(database: Database, text: str, store) -> None:
    """Commit ``text`` as NCC's file (with a note, in case a value looks unusual)."""
    check = check_submission(database, text.encode(), "ncc.csv", "NCC")
    commit_submission(database, NCC, check, text.encode(), store, note="checked")


NCC_VALUES_MOVED = {"data": 0, "values": 1, "values of NCC": 1, "values of WDB": 0}


def moved_since(db, before: dict) -> dict:
    """How far each topic's version moved on since ``before``."""
    after = versions(db)
    return {t: after.get(t, 0) - before.get(t, 0) for t in TOPICS}


def test_a_submission_moves_its_partners_versions_not_the_data_version(db, tmp_path) -> None:
    load_demo_accounts(db, DATA)
    before = versions(db)
    send(db, FILE, tmp_path / "store")
    assert moved_since(db, before) == NCC_VALUES_MOVED


@pytest.mark.parametrize("change", [withdraw, restore])
def test_a_withdrawal_or_restore_moves_its_partners_versions(db, tmp_path, change) -> None:
    """They change the partner's values in force, as its files do, and nothing else."""
    load_demo_accounts(db, DATA)
    send(db, FILE, tmp_path / "store")
    if change is restore:
        withdraw(db, OPERATOR, 1, "sent twice")
    before = versions(db)
    change(db, OPERATOR, 1, "a reason")
    assert moved_since(db, before) == NCC_VALUES_MOVED


FILE = "metric,period,value\nES-JOBSKILLS,2020-Q3,5\n"


class _Today(date):
    @classmethod
    def today(cls) -> date:
        return date(2026, 11, 23)


class Counted:
    """A stand-in that counts the calls of ``function`` and passes them on."""

    def __init__(self, function) -> None:
        self.function, self.calls = function, 0

    def __call__(self, *args, **kwargs):
        self.calls += 1
        return self.function(*args, **kwargs)


def test_a_submission_elsewhere_leaves_the_plan_pages_warm(
    demo_db_file, tmp_path, monkeypatch
) -> None:
    """A partner's file saved by another program: the next run computes Reporting again (it
    shows submitted values) but not the Overview's progress; a write to the plan computes the
    progress again."""
    path = copy_target(demo_db_file, tmp_path)
    progress, reporting = Counted(data.progress_of), Counted(data.completeness)
    monkeypatch.setattr(data, "progress_of", progress)
    monkeypatch.setattr(data, "completeness", reporting)
    at = app(path, monkeypatch).run()
    at.switch_page("pages/overview.py").run()
    at.switch_page("pages/reporting.py").run()
    assert not at.exception
    assert (progress.calls, reporting.calls) == (1, 1)
    other = Database(path)
    send(other, FILE, tmp_path / "store")
    at.switch_page("pages/overview.py").run()
    at.switch_page("pages/reporting.py").run()
    assert (progress.calls, reporting.calls) == (1, 2)
    import_plan_file(other, SMALL.read_bytes(), "small_tidy.csv", "Another", 2022, 3)
    other.close()
    at.switch_page("pages/overview.py").run()
    assert not at.exception
    assert progress.calls == 2


def _send_as(partner: str):
    """Another partner's file (or the same partner's), committed by that partner."""

    def write(database: Database, store) -> None:
        text = "metric,period,value\nES-JOBSKILLS,2020-Q4,7\n"
        writer = User(partner.lower(), partner, "partner", partner)
        check = check_submission(database, text.encode(), "other.csv", partner)
        commit_submission(database, writer, check, text.encode(), store, note="checked")

    return write


def _new_account(database: Database, store) -> None:
    create_user(database, OPERATOR, "someone", "viewer", password="a-long-password")


def _new_plan(database: Database, store) -> None:  # a plan that informs no metric
    import_plan_file(database, SMALL.read_bytes(), "small_tidy.csv", "Another", 2022, 3)


def _new_category(database: Database, store) -> None:
    add_category(database, OPERATOR, "gender", "two-spirit")


def _withdrawal(database: Database, store) -> None:
    withdraw(database, OPERATOR, _EARLIER, "sent twice")


_EARLIER = 1  # the id of NCC's first submission, sent before the upload


@pytest.mark.parametrize(("meanwhile", "checks"), [
    (None, 1),  # Save reruns the page: the upload's check is used again
    (_send_as("WDB"), 1),  # another partner's file changes nothing this check read
    (_new_account, 1),  # the data version moves on, nothing the check read changes
    (_new_plan, 1),
    (_send_as("NCC"), 2),  # the partner's own values changed: checked again
    (_withdrawal, 2),  # so they did
    (_new_category, 2),  # what the file is checked against changed
])  # fmt: skip
def test_save_checks_the_file_again_only_when_it_must(
    tmp_path, monkeypatch, meanwhile, checks
) -> None:
    path = new_target(tmp_path, "page")
    database = Database(path)
    load_demo_accounts(database, DATA)
    store = tmp_path / "store"
    send(database, "metric,period,value\nES-JOBSKILLS,2020-Q2,4\n", store)
    assert _EARLIER in set(submissions(database, OPERATOR)["id"])
    database.close()
    monkeypatch.setenv("LIPMETRICS_SUBMISSIONS_DIR", str(store))
    counted = Counted(data.check_submission)
    monkeypatch.setattr(data, "date", _Today)  # a key of the kept check: no midnight between runs
    monkeypatch.setattr(data, "check_submission", counted)
    partner = {"username": "ncc", "display_name": "NCC", "role": "partner", "partner_code": "NCC"}
    at = app(path, monkeypatch, partner).run()
    at.switch_page("pages/submit.py").run()
    at.file_uploader[0].set_value(("ncc.csv", FILE.encode(), "text/csv")).run()
    assert not at.exception
    if meanwhile:
        other = Database(path)
        before = versions(other)
        meanwhile(other, store)
        assert versions(other) != before  # it wrote something
        other.close()
    if at.text_input:  # a value that looks unusual is confirmed with a note
        at.text_input[0].set_value("checked").run()
    button(at, "Save these figures").click().run()
    assert not at.exception
    assert [s.value for s in at.success][-1].startswith("Saved as submission")
    assert counted.calls == checks
