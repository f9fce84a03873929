"""The load bench's database and servers (bench/bench_load.py): the demo loaded plus the bench's
partners, metric and accounts; the writes counted afterwards; app processes started and stopped
as the browser tests start them (tests/streamlit_server.py)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lipmetrics.accounts import OPERATOR, create_user  # noqa: E402
from lipmetrics.measures import add_partner  # noqa: E402
from lipmetrics.measures.catalog_edit import add_metric  # noqa: E402
from lipmetrics.plan import changes_since, list_plans  # noqa: E402
from lipmetrics.store import Database  # noqa: E402
from lipmetrics.submissions import submissions  # noqa: E402

METRIC = "LOAD-VISITS"


def partner_code(index: int) -> str:
    return f"LOAD{index:02d}"


def account(kind: str, index: int) -> tuple[str, str]:
    """User name and password of the bench's partner or coordinator account number ``index``."""
    return f"load-{kind}-{index:02d}", f"load-bench-{kind}-{index:02d}"


def partner_file(index: int) -> bytes:
    """A valid file for partner ``index``: its four quarters of 2020 (values differ by partner)."""
    lines = [f"{METRIC},2020-Q{q},{10 + index + q}" for q in range(1, 5)]
    return ("metric,period,value\n" + "\n".join(lines) + "\n").encode()


# -- the database ---------------------------------------------------------------------------------


def prepare(target: str, store: Path, partners: int, coordinators: int) -> None:
    """Load the demo (the command line, as a person would), then add the bench's partners, the
    metric they report, their accounts and the coordinators' accounts."""
    env = {**os.environ, "LIPMETRICS_SUBMISSIONS_DIR": str(store)}
    subprocess.run(
        [sys.executable, "-m", "lipmetrics.cli", "init", "--demo", "--db", target],
        cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    db = Database(target)
    try:
        codes = [partner_code(i) for i in range(1, partners + 1)]
        for code in codes:
            add_partner(db, OPERATOR, code, f"Load bench partner {code}", "settlement agency")
        add_metric(db, OPERATOR, {
            "code": METRIC, "name": "Visits at the front desk (load bench)",
            "definition": "Newcomers served at the front desk", "unit": "count",
            "direction": "higher", "frequency": "quarterly", "kind": "performance",
            "pillar": "ECONOMIC SUCCESS", "partners": ";".join(codes),
            "aggregation": "sum", "rollup": "sum",
        })  # fmt: skip
        for index, code in enumerate(codes, start=1):
            username, password = account("partner", index)
            create_user(db, OPERATOR, username, "partner", code, username, password=password)
        for index in range(1, coordinators + 1):
            username, password = account("coordinator", index)
            create_user(db, OPERATOR, username, "coordinator", None, username, password=password)
    finally:
        db.close()


def count_writes(target: str, partners: int, since: datetime, stamp: str) -> tuple[int, int]:
    """The bench partners' submissions, and the status records carrying this run's ``stamp`` in
    their note, found in the database."""
    db = Database(target)
    try:
        sent = submissions(db, OPERATOR)
        codes = {partner_code(i) for i in range(1, partners + 1)}
        stored = int(sent["partner_code"].isin(codes).sum())
        records = 0
        for name in list_plans(db)["name"]:
            changes = changes_since(db, name, since)
            records += int(changes["note"].fillna("").str.contains(stamp, regex=False).sum())
        return stored, records
    finally:
        db.close()


# -- the servers ----------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def server(script: list[str], env: dict, log_path: Path):
    """One Streamlit process (``script``: serve.py, or ``-m streamlit run FILE``) on a free
    localhost port, as the browser tests start the app; yield its base URL; stop it at the end."""
    port = free_port()
    options = [
        "--server.headless", "true", "--server.port", str(port), "--server.address", "127.0.0.1",
        "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
    ]  # fmt: skip
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            [sys.executable, *script, *options],
            cwd=ROOT, env={**os.environ, **env}, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            url = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 90
            while not _healthy(url):
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"the server did not start; see {log_path}")
                time.sleep(0.3)
            yield url
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
            return answer.read().decode().strip() == "ok"
    except OSError:
        return False
