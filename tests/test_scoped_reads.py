"""Who sees which partner's submissions is decided in lipmetrics (README "Accounts, roles and
sign-in"): each read returns only what the acting account may see, and another partner's
submission is answered exactly as a missing one, in the library, the command line and the page."""

from __future__ import annotations

import inspect
from datetime import date

import pytest

from lipmetrics import measures
from lipmetrics import submissions as sub
from lipmetrics.accounts import OPERATOR, User
from lipmetrics.cli import main
from lipmetrics.demo import load_demo_accounts
from lipmetrics.errors import LipmetricsError, NotFoundError, PermissionDeniedError
from lipmetrics.store import Database

from .conftest import DATA
from .databases import new_target
from .test_app import app

NCC = User("ncc", "New Canadians Centre", "partner", "NCC")
WDB = User("wdb", "Workforce Development Board", "partner", "WDB")
CORA = User("cora", "Cora", "coordinator")
ADA = User("ada", "Ada", "admin")
VIEWER = User("vic", "Vic", "viewer")
TODAY = date(2026, 11, 23)
MISSING = 999
# Three files, by hand: NCC sends Q3 and Q4 (2 values), then corrects Q4 (1 value: the first
# file's Q4 is superseded); WDB sends its Q3 (1 value). Ids are given in that order: 1, 2, 3.
FILES = [
    (NCC, "metric,period,value\nES-JOBSKILLS,2024-Q3,100\nES-JOBSKILLS,2024-Q4,120\n"),
    (NCC, "metric,period,value\nES-JOBSKILLS,2024-Q4,125\n"),
    (WDB, "metric,period,value\nES-JOBSKILLS,2024-Q3,7\n"),
]
NCC_FIRST, WDB_ONLY = 1, 3


def fill(db: Database, store) -> list[int]:
    """The demo partners and accounts, and the three files of :data:`FILES`; their ids."""
    load_demo_accounts(db, DATA)
    ids = []
    for user, text in FILES:
        check = sub.check_submission(db, text.encode(), "f.csv", user.partner_code, today=TODAY)
        ids.append(sub.commit_submission(db, user, check, text.encode(), store).submission_id)
    return ids


@pytest.fixture(scope="module")
def two_partners_file(tmp_path_factory) -> tuple[str, str]:
    """The database of :func:`fill` as a closed file, and its submissions folder; built once, as
    nothing here may change it (every call that would is refused)."""
    folder = tmp_path_factory.mktemp("two_partners")
    target = new_target(folder, "two")
    database = Database(target)
    try:
        assert fill(database, folder / "store") == [1, 2, 3]
    finally:
        database.close()
    return target, str(folder / "store")


@pytest.fixture
def two_partners(two_partners_file):
    database = Database(two_partners_file[0])
    yield database
    database.close()


@pytest.fixture
def two_partners_path(two_partners_file, monkeypatch) -> str:
    """The file, for the command line and the app, with its submissions folder configured."""
    monkeypatch.setenv("LIPMETRICS_SUBMISSIONS_DIR", two_partners_file[1])
    return two_partners_file[0]


# (user, read, rows, partners): hand-counted from FILES.
SEEN = [
    (NCC, sub.submissions, 2, {"NCC"}),
    (NCC, sub.value_history, 3, {"NCC"}),
    (NCC, sub.current_values, 2, {"NCC"}),
    (WDB, sub.submissions, 1, {"WDB"}),
    (WDB, sub.value_history, 1, {"WDB"}),
    (WDB, sub.current_values, 1, {"WDB"}),
    (CORA, sub.submissions, 3, {"NCC", "WDB"}),
    (CORA, sub.value_history, 4, {"NCC", "WDB"}),
    (CORA, sub.current_values, 3, {"NCC", "WDB"}),
    (ADA, sub.submissions, 3, {"NCC", "WDB"}),
    (ADA, sub.value_history, 4, {"NCC", "WDB"}),
    (ADA, sub.current_values, 3, {"NCC", "WDB"}),
    (OPERATOR, sub.submissions, 3, {"NCC", "WDB"}),
]


def partners_in(frame) -> set[str]:
    return set(frame["partner_code" if "partner_code" in frame else "partner"])


@pytest.mark.parametrize(
    ("user", "read", "rows", "partners"),
    SEEN,
    ids=[f"{u.username}-{r.__name__}" for u, r, _, _ in SEEN],
)
def test_each_account_sees_only_its_partners(two_partners, user, read, rows, partners) -> None:
    frame = read(two_partners, user)
    assert (len(frame), partners_in(frame)) == (rows, partners)


@pytest.mark.parametrize("read", [sub.submissions, sub.value_history, sub.current_values])
@pytest.mark.parametrize("user", [NCC, CORA], ids=["partner", "coordinator"])
def test_a_partner_argument_only_narrows(two_partners, read, user) -> None:
    """Asking for another partner never widens what an account sees: a partner asking for WDB
    gets what it gets for a code that does not exist, nothing."""
    wdb = read(two_partners, user, "WDB")
    assert partners_in(wdb) == ({"WDB"} if user is CORA else set())
    assert read(two_partners, user, "NOPE").empty


@pytest.mark.parametrize("read", [sub.submissions, sub.value_history, sub.current_values])
@pytest.mark.parametrize("user", [VIEWER, None], ids=["viewer", "signed-out"])
def test_viewers_see_no_submission(two_partners, read, user) -> None:
    with pytest.raises(PermissionDeniedError, match="submissions"):
        read(two_partners, user)


@pytest.mark.parametrize(
    ("user", "submission", "rows"),
    [(NCC, NCC_FIRST, 2), (CORA, NCC_FIRST, 2), (CORA, WDB_ONLY, 1), (WDB, WDB_ONLY, 1)],
)
def test_one_submission_values(two_partners, user, submission, rows) -> None:
    assert len(sub.submission_values(two_partners, user, submission)) == rows


@pytest.mark.parametrize("read", [sub.preview, sub.withdrawals])
def test_a_preview_is_only_for_whoever_may_send_for_the_partner(two_partners, read) -> None:
    """The preview compares a file with the partner's values now: only for an account that may
    send for that partner (NCC's file: WDB is refused, a coordinator sees NCC's 125 for Q4)."""
    text = b"metric,period,value\nES-JOBSKILLS,2024-Q4,130\n"
    check = sub.check_submission(two_partners, text, "f.csv", "NCC", today=TODAY)
    with pytest.raises(PermissionDeniedError, match="not for NCC"):
        read(two_partners, WDB, check)
    if read is sub.preview:
        changes = read(two_partners, CORA, check)
        assert changes[["old_value", "new_value", "change"]].values.tolist() == [
            [125.0, 130.0, "changed"]
        ]


def answer(call) -> tuple[type, str, int]:
    """What a refused call says: the error's class, its sentence, its exit code."""
    with pytest.raises(LipmetricsError) as caught:
        call()
    return type(caught.value), str(caught.value), caught.value.exit_code


def same_but_id(refused: tuple, missing: tuple, refused_id: int) -> None:
    """The two answers are equal once the id each one names is written N."""

    def written(answer: tuple, number: int) -> tuple:
        return tuple(p.replace(str(number), "N") if isinstance(p, str) else p for p in answer)

    assert written(refused, refused_id) == written(missing, MISSING)


REFUSED = [
    ("withdraw", lambda db, user, i: sub.withdraw(db, user, i, "a reason")),
    ("restore", lambda db, user, i: sub.restore(db, user, i, "a reason")),
    ("show", lambda db, user, i: sub.submission_values(db, user, i)),
]


@pytest.mark.parametrize(("name", "call"), REFUSED, ids=[r[0] for r in REFUSED])
@pytest.mark.parametrize(
    ("user", "other"),
    [(NCC, WDB_ONLY), (WDB, NCC_FIRST), (VIEWER, NCC_FIRST)],
    ids=["ncc", "wdb", "viewer"],
)
def test_another_partners_submission_is_answered_as_a_missing_one(
    two_partners, name, call, user, other
) -> None:
    refused = answer(lambda: call(two_partners, user, other))
    missing = answer(lambda: call(two_partners, user, MISSING))
    same_but_id(refused, missing, other)


def test_a_missing_submission_is_not_found_and_says_what_to_do(two_partners) -> None:
    kind, sentence, code = answer(lambda: sub.submission_values(two_partners, NCC, WDB_ONLY))
    assert (kind, code) == (NotFoundError, 2)
    assert (
        sentence
        == "There is no submission “3”; the list of submissions shows the ones you may see."
    )


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    ("username", "other"), [("ncc", WDB_ONLY), ("wdb", NCC_FIRST), ("viewer", NCC_FIRST)]
)
@pytest.mark.parametrize("restore", [False, True], ids=["withdraw", "restore"])
def test_cli_refuses_another_partners_submission_as_a_missing_one(
    two_partners_path, capsys, username, other, restore
) -> None:
    flags = ["--restore"] if restore else []
    base = ["--reason", "test", "--user", username, "--db", two_partners_path, *flags]
    refused = run(capsys, "withdraw", str(other), *base)
    missing = run(capsys, "withdraw", str(MISSING), *base)
    assert refused[0] != 0
    same_but_id(refused, missing, other)


def test_cli_submissions_as_a_user(two_partners_path, capsys) -> None:
    """`submissions --user` lists what that account sees; another partner's code lists what an
    unknown code does; without --user the operator sees every partner; a viewer is refused."""
    listed = {}
    for args in (["--user", "ncc"], ["--user", "coordinator"], []):
        code, out, _ = run(
            capsys, "submissions", "--format", "csv", "--db", two_partners_path, *args
        )
        listed[tuple(args)] = (code, len(out.splitlines()) - 1)
    assert listed == {("--user", "ncc"): (0, 2), ("--user", "coordinator"): (0, 3), (): (0, 3)}
    other = run(
        capsys, "submissions", "--user", "ncc", "--partner", "WDB", "--db", two_partners_path
    )
    unknown = run(
        capsys, "submissions", "--user", "ncc", "--partner", "NOPE", "--db", two_partners_path
    )
    assert other == unknown == (0, "(none)\n", "")
    code, _, err = run(capsys, "submissions", "--user", "viewer", "--db", two_partners_path)
    assert code == 1 and "may not see partners' submissions" in err


def test_cli_check_as_a_partner_is_refused(two_partners_path, capsys) -> None:
    code, _, err = run(capsys, "check", "--user", "ncc", "--db", two_partners_path)
    assert code == 1 and "may not check the submissions folder" in err
    assert run(capsys, "check", "--user", "coordinator", "--db", two_partners_path)[0] == 0


PARTNER_NCC = {"username": "ncc", "display_name": "NCC", "role": "partner", "partner_code": "NCC"}


def page_answer(path: str, monkeypatch, user: dict, typed: str) -> list[str]:
    """The errors the Submissions page shows ``user`` for a submission number typed in."""
    at = app(path, monkeypatch, user).run()
    at.switch_page("pages/submissions.py").run()
    box = next(t for t in at.text_input if t.label == "Submission number")
    box.input(typed).run()
    assert not at.exception
    return [e.value for e in at.error]


def test_page_answers_another_partners_submission_as_a_missing_one(
    two_partners_path, monkeypatch
) -> None:
    refused = page_answer(two_partners_path, monkeypatch, PARTNER_NCC, str(WDB_ONLY))
    missing = page_answer(two_partners_path, monkeypatch, PARTNER_NCC, str(MISSING))
    assert len(refused) == 1
    assert [e.replace(str(WDB_ONLY), "N") for e in refused] == [
        e.replace(str(MISSING), "N") for e in missing
    ]
    assert page_answer(two_partners_path, monkeypatch, PARTNER_NCC, str(NCC_FIRST)) == []


@pytest.mark.parametrize(
    ("user", "ledger", "history"),
    [
        (PARTNER_NCC, 2, 3),
        (
            {
                "username": "cora",
                "display_name": "Cora",
                "role": "coordinator",
                "partner_code": None,
            },
            3,
            4,
        ),
    ],
    ids=["partner", "coordinator"],
)
def test_page_shows_what_the_account_may_see(
    two_partners_path, monkeypatch, user, ledger, history
) -> None:
    at = app(two_partners_path, monkeypatch, user).run()
    at.switch_page("pages/submissions.py").run()
    assert not at.exception
    assert [len(d.value) for d in at.dataframe[:2]] == [ledger, history]


# Public functions that read the database but return nothing of a partner's submissions, each with
# why: every other one must take the acting user (`user` or `actor`).
UNSCOPED = {
    "check_submission": "checks a file against the catalogue; returns only the file's own lines",
    "finish_interrupted": "finishes the raw-file store's partial files; names only hashes",
    "reporting_years": "the catalogue and the plans' years",
    "template_frame": "the catalogue",
    "template_for_periods": "the catalogue (the metrics and periods are given)",
    "template_xlsx": "the catalogue",
    "breakdown_categories": "the catalogue",
    "shared_facts": "the catalogue, the plans each metric informs, the breakdown categories",
    "catalog": "the catalogue",
    "list_partners": "the partner organisations, not their figures",
    "partners_reporting_first": "the partner organisations, not their figures",
    "breakdowns_overview": "the breakdowns, and how many values name each category (not whose)",
    "notes": "the working group's notes on a metric",
    "target_history": "the working group's targets",
    "targets_in_force": "the working group's targets",
    "indicator_values": "third-party population indicators",
    "catalogue_download": "the catalogue",
    "catalogue_known": "the catalogue, and which metrics have values (not whose, nor what)",
    "catalogue_table": "the catalogue",
    "check_catalogue_upload": "checks a catalogue file against the catalogue",
    "metric_cells": "the catalogue",
    "pillar_choices": "the plans' pillars",
    "pillar_in_no_plan": "the plans' pillars",
    "metric_targets": "the working group's targets",
    # The dashboards show everyone who may see them the shared measures (README "Accounts, roles
    # and sign-in"): combined values, each partner's totals where they cannot be combined, and
    # who has reported.
    "scorecard": "a dashboard: the shared measures",
    "completeness": "a dashboard: who has reported, not what",
}


def database_functions(*modules) -> list[tuple[str, list[str]]]:
    """Each public function of ``modules`` that takes the database first, with its parameters."""
    found = []
    for module in modules:
        for name in module.__all__:
            function = getattr(module, name)
            if inspect.isfunction(function):
                parameters = list(inspect.signature(function).parameters)
                if parameters[:1] == ["db"]:
                    found.append((name, parameters))
    return found


def unscoped_reads(*modules) -> list[str]:
    """The functions of :func:`database_functions` that take no acting user and are not known
    to return nothing of a partner's submissions."""
    return [
        name
        for name, parameters in database_functions(*modules)
        if not {"user", "actor"} & set(parameters) and name not in UNSCOPED
    ]


def test_every_read_of_submissions_takes_the_acting_user() -> None:
    assert unscoped_reads(sub, measures) == []
    assert {"submissions", "value_history", "current_values", "submission_values"} <= {
        name for name, _ in database_functions(sub)
    }


def test_an_unscoped_read_is_caught(monkeypatch) -> None:
    """A new read that takes a partner code instead of the acting user fails the check."""

    def raw_values(db, partner_code=None):
        return sub.current_values(db, OPERATOR, partner_code)

    monkeypatch.setattr(sub, "raw_values", raw_values, raising=False)
    monkeypatch.setattr(sub, "__all__", [*sub.__all__, "raw_values"])
    assert unscoped_reads(sub, measures) == ["raw_values"]
