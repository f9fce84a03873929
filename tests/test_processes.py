"""Several processes on one database (docs/architecture.md "The database, transactions and SQL"):
the command line while the app shows the same database, two imports at once, two coordinators
saving a status review at once. Each database comes from tests/databases.py, so the tests run on
either backend."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

from lipmetrics.accounts import OPERATOR
from lipmetrics.demo import load_demo_accounts
from lipmetrics.plan import import_plan_file
from lipmetrics.store import Database
from lipmetrics.submissions import submissions

from .conftest import DATA, ROOT, TEST_DATA
from .databases import new_target
from .test_app import app, fresh_caches, navigation_owns_pages  # noqa: F401  (autouse fixtures)

# Two partners' figures for the same quarter (both send ES-JOBSKILLS: data/metrics_catalog.csv).
FILES = {
    "NCC": "metric,period,value,gender,age_group,notes\nES-JOBSKILLS,2020-Q3,5,,,\n",
    "WDB": "metric,period,value,gender,age_group,notes\nES-JOBSKILLS,2020-Q3,7,,,\n",
}
SMALL = TEST_DATA / "small_tidy.csv"


def cli(*args: str, env: dict | None = None) -> subprocess.Popen:
    """Start ``lipmetrics ARGS`` as a program of its own."""
    return subprocess.Popen(
        [sys.executable, "-m", "lipmetrics.cli", *args],
        cwd=ROOT, env={**os.environ, **(env or {})}, text=True,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip


def finished(process: subprocess.Popen) -> tuple[int, str, str]:
    out, err = process.communicate(timeout=180)
    return process.returncode, out, err


@pytest.fixture
def accounts_db(tmp_path):
    """A database with the bundled accounts, partners and catalogue, and the small plan."""
    target = new_target(tmp_path)
    database = Database(target)
    load_demo_accounts(database, DATA)
    import_plan_file(database, SMALL.read_bytes(), "small_tidy.csv", "Small", 2020, 3)
    database.close()
    return target


def plan_choices(at) -> list[str]:
    return sorted(at.selectbox(key="plan_selector").options)


def test_the_command_line_works_while_the_app_shows_the_database(
    accounts_db, monkeypatch, tmp_path
) -> None:
    """With the app's database open in this process (AppTest), a `lipmetrics` program reads and
    imports on the same database, and the app's next run shows the new plan (its cached plan
    list is keyed by the data version the import moved on)."""
    at = app(accounts_db, monkeypatch).run()
    assert not at.exception
    assert plan_choices(at) == ["Small"]
    users = finished(cli("users", "--db", accounts_db, "--format", "csv"))
    assert users[0] == 0, users[2]
    assert "coord" in users[1]
    imported = cli(
        "import-plan", str(SMALL), "--plan", "Second", "--start-year", "2021", "--db", accounts_db
    )
    assert finished(imported)[0] == 0
    (tmp_path / "ncc.csv").write_text(FILES["NCC"])
    store = {"LIPMETRICS_SUBMISSIONS_DIR": str(tmp_path / "store")}
    sent = finished(cli("import-metrics", str(tmp_path / "ncc.csv"), "--partner", "NCC",
                        "--db", accounts_db, env=store))  # fmt: skip
    assert sent[0] == 0, sent[2]
    at.run()
    assert not at.exception
    assert plan_choices(at) == ["Second", "Small"]


def test_a_write_through_another_database_object_shows_on_the_next_run(
    accounts_db, monkeypatch
) -> None:
    """A plan imported through a second Database on the same database (as another process
    would) is in the app's plan list on its next run, although that list is cached."""
    at = app(accounts_db, monkeypatch).run()
    assert plan_choices(at) == ["Small"]
    other = Database(accounts_db)
    import_plan_file(other, SMALL.read_bytes(), "small_tidy.csv", "Third", 2022, 3)
    other.close()
    at.run()
    assert plan_choices(at) == ["Small", "Third"]


def test_two_imports_at_once_both_land(accounts_db, tmp_path) -> None:
    """Two partners' files imported by two programs started together are both saved."""
    store = {"LIPMETRICS_SUBMISSIONS_DIR": str(tmp_path / "store")}
    running = []
    for partner, text in FILES.items():
        (tmp_path / f"{partner}.csv").write_text(text)
        running.append(cli("import-metrics", str(tmp_path / f"{partner}.csv"), "--partner",
                           partner, "--db", accounts_db, env=store))  # fmt: skip
    results = [finished(process) for process in running]
    assert [code for code, _, _ in results] == [0, 0], [err for _, _, err in results]
    database = Database(accounts_db)
    ledger = submissions(database, OPERATOR)
    database.close()
    assert sorted(ledger["partner_code"]) == ["NCC", "WDB"]


# A coordinator's program: open the database, wait for "go", record one project's status for
# plan year 1, say "saved", wait for "look", then print every project a coordinator recorded.
COORDINATOR = textwrap.dedent("""
    import sys
    from datetime import date
    from lipmetrics.accounts import User
    from lipmetrics.plan import StatusChange, load_plan, record_statuses
    from lipmetrics.store import Database

    target, name, project = sys.argv[1], sys.argv[2], sys.argv[3]
    db = Database(target)
    data = load_plan(db, "Small")
    project_id = int(data.projects.loc[data.projects["project"] == project, "project_id"].iloc[0])
    me = User(name, name, "coordinator")
    sys.stdin.readline()
    record_statuses(db, me, "Small", 1, [StatusChange(project_id, "complete", "completed")],
                    today=date(2021, 3, 1))
    print("saved", flush=True)
    sys.stdin.readline()
    names = dict(zip(data.projects["project_id"], data.projects["project"]))
    statuses = load_plan(db, "Small").statuses
    mine = statuses[statuses["recorded_by"].isin(["cora", "cole"])]
    print(",".join(sorted(f"{who}:{names[p]}" for who, p in zip(mine["recorded_by"],
                                                               mine["project_id"]))), flush=True)
    db.close()
""")


def test_two_coordinators_saving_at_once_keep_both_records(accounts_db) -> None:
    """Two coordinators' programs save a status review at the same moment: both records are kept
    and each sees the other's after saving."""
    coordinators = [
        subprocess.Popen(
            [sys.executable, "-c", COORDINATOR, accounts_db, name, project],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )  # fmt: skip
        for name, project in (("cora", "A3 Project"), ("cole", "B1 Annual event"))
    ]
    try:
        for process in coordinators:
            process.stdin.write("go\n")
            process.stdin.flush()
        for process in coordinators:
            assert process.stdout.readline().strip() == "saved", process.stderr.read()
        seen = [process.communicate("look\n", timeout=120)[0].strip() for process in coordinators]
    finally:
        for process in coordinators:
            if process.poll() is None:
                process.kill()
                process.wait()
    both = "cole:B1 Annual event,cora:A3 Project"
    assert seen == [both, both]
