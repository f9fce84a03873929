"""Drive concurrent sessions against app processes on one database; print page times, errors and
lost writes, beside a bare Streamlit page served and driven the same way (docs/benchmarks.md).

Sessions speak Streamlit's websocket protocol (``bench/streamlit_client.py``), not a browser: a
browser per session would measure the browsers, not the server. On a database loaded with the
demo (``lipmetrics init --demo``) plus 20 partner organisations, their accounts, a metric they all
report and two coordinator accounts (added through lipmetrics functions):

- viewers page through the Overview (progress), Reporting, Scorecard and Metric detail;
- partners sign in, open Send figures, then all upload a valid file and save it at once (a deadline);
- coordinators record a status with a reason on Status review (each a different project).

A person looks at each page for a while (``--think``, 2 s on average) and the sessions start
spread over ``--ramp`` seconds (10; people do not sign in at the same instant, but the partners
still all upload at once). ``--think 0 --ramp 0`` makes it a stress test.

Sessions go round-robin to the app processes (as a proxy's sticky sessions spread them). A page
time is from sending the rerun to ``script_finished``. An error is a session that met an exception
element, a run that did not finish, or a missing result (a widget, the success message). Lost
writes are counted in the database once the processes have stopped: every submission sent and
every status record saved must be there.

    nice -n 10 .venv/bin/python bench/bench_load.py [--db PATH_OR_POSTGRESQL_URL] [--processes 2]

Without ``--db`` a new DuckDB file in a temporary folder; a PostgreSQL URL must name an empty
database (the bench loads the demo into it).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from contextlib import ExitStack
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
from websockets.exceptions import WebSocketException

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.load_setup import (  # noqa: E402
    account,
    count_writes,
    partner_code,
    partner_file,
    prepare,
    server,
)
from bench.streamlit_client import SessionError, StreamlitSession  # noqa: E402

VIEWER = ("viewer", "demo-viewer-pass")  # a demo account (lipmetrics/demo/plans.py)
VIEWER_PAGES = ("Overview", "Reporting", "Scorecard", "Metric detail")
UPLOAD_LABEL = "Your file (CSV or Excel)"  # pages/submit.py


# -- the sessions ---------------------------------------------------------------------------------


class Tally:
    """Page times and errors per kind of session, gathered from every session's thread, and how
    long a person looks at a page before the next (``think`` seconds on average)."""

    def __init__(self, think: float = 0.0) -> None:
        self.think = think
        self.lock = threading.Lock()
        self.times: dict[str, list[float]] = {}
        self.steps: dict[tuple[str, str], list[float]] = {}
        self.errors: dict[str, list[str]] = {}
        self.saved = {"submissions": 0, "statuses": 0}

    def page(self, kind: str, step: str, seconds: float) -> None:
        with self.lock:
            self.times.setdefault(kind, []).append(seconds)
            self.steps.setdefault((kind, step), []).append(seconds)

    def error(self, kind: str, message: str) -> None:
        with self.lock:
            self.errors.setdefault(kind, []).append(message)

    def pause(self) -> None:
        """A person reading the page: half to one and a half times ``think``."""
        time.sleep(self.think * random.uniform(0.5, 1.5))


def checked(tally: Tally, kind: str, step: str, run) -> None:
    """Count a run's time; an exception element on the page is an error of the session."""
    tally.page(kind, step, run.seconds)
    if run.exceptions:
        raise SessionError(f"exception on the page: {run.exceptions[0][:200]}")
    tally.pause()


def sign_in(session: StreamlitSession, tally: Tally, kind: str, username: str, password: str):
    """Open the app, then sign in through its form (ui/forms.py): "sign in" is the POST to the
    sign-in route and the first page of the new session that carries its cookie."""
    checked(tally, kind, "open the app", session.rerun())
    run = session.post_sign_in(username, password)
    checked(tally, kind, "sign in", run)
    if "Sign in" in session.pages:
        raise SessionError(f"not signed in: {run.alerts('error') or 'no error shown'}")


def viewer(url: str, tally: Tally, index: int, rounds: int, deadline: Callable) -> None:
    with StreamlitSession(url) as session:
        sign_in(session, tally, "viewer", *VIEWER)
        deadline()
        for _ in range(rounds):
            for page in VIEWER_PAGES:
                checked(tally, "viewer", page, session.rerun(page))


def partner(url: str, tally: Tally, index: int, rounds: int, deadline: Callable) -> None:
    with StreamlitSession(url) as session:
        sign_in(session, tally, "partner", *account("partner", index))
        checked(tally, "partner", "Send figures", session.rerun("Send figures"))
        deadline()  # every partner uploads at once
        name = f"{partner_code(index).lower()}-2020.csv"
        run = session.upload(UPLOAD_LABEL, name, partner_file(index))
        checked(tally, "partner", "upload and check", run)
        run = session.click("Save these figures")
        checked(tally, "partner", "save", run)
        if not any(text.startswith("Saved as submission") for text in run.alerts("success")):
            raise SessionError(f"not saved: {run.alerts('error') or run.alerts('success')}")
        with tally.lock:
            tally.saved["submissions"] += 1


def coordinator(url: str, tally: Tally, index: int, stamp: str, deadline: Callable) -> None:
    with StreamlitSession(url) as session:
        sign_in(session, tally, "coordinator", *account("coordinator", index))
        checked(tally, "coordinator", "Status review", session.rerun("Status review"))
        deadline()
        editors = session.data_editors()
        if not editors:
            raise SessionError("no status table on the Status review page")
        editor = editors[0].id  # each coordinator a different project (row)
        change = {"new_status": "In progress", "reason": "progress reported", "note": stamp}
        session.edit_table(editor, {index - 1: change})
        run = session.click("Record these statuses")
        checked(tally, "coordinator", "record", run)
        if not any(text.startswith("Recorded 1 status") for text in run.alerts("success")):
            raise SessionError(f"not recorded: {run.alerts('error') or run.alerts('warning')}")
        with tally.lock:
            tally.saved["statuses"] += 1


def drive(urls: list[str], plan: list[tuple[str, Callable, int, object]], args) -> Tally:
    """Run every session of ``plan`` (kind, function, index, argument) in its own thread, session
    ``i`` on ``urls[i % len(urls)]``, the sessions starting spread over ``args.ramp`` seconds; all
    meet at one barrier (the deadline) once signed in, and a session that failed before it still
    counts as there, so the others go on."""
    tally = Tally(args.think)
    barrier = threading.Barrier(len(plan))

    def one(number: int, kind: str, function: Callable, index: int, argument) -> None:
        met = threading.Event()

        def deadline() -> None:
            met.set()
            barrier.wait(timeout=600)

        time.sleep(args.ramp * number / len(plan))
        try:
            function(urls[number % len(urls)], tally, index, argument, deadline)
        except (SessionError, OSError, WebSocketException, threading.BrokenBarrierError) as exc:
            tally.error(kind, f"{kind} {index}: {exc}")
        finally:
            if not met.is_set():
                deadline()

    threads = [
        threading.Thread(target=one, args=(number, *session)) for number, session in enumerate(plan)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return tally


def bare(url: str, tally: Tally, index: int, runs: int, deadline: Callable) -> None:
    """A session of the baseline: open the bare page, then run it ``runs`` times more."""
    with StreamlitSession(url) as session:
        checked(tally, "bare page", "open", session.rerun())
        deadline()
        for _ in range(runs):
            checked(tally, "bare page", "again", session.rerun())


# -- the run --------------------------------------------------------------------------------------


def percentiles(times: list[float]) -> str:
    if not times:
        return "no page"
    p50, p95 = np.percentile(times, [50, 95])
    return f"{len(times):4d} pages  p50 {p50:5.2f} s  p95 {p95:5.2f} s"


def report(tally: Tally, bare_tally: Tally, sent: dict, stored: tuple[int, int]) -> None:
    every = []
    for kind in ("viewer", "partner", "coordinator"):
        times = tally.times.get(kind, [])
        every += times
        errors = tally.errors.get(kind, [])
        print(f"{kind:12s} {percentiles(times)}  errors {len(errors)}")
        for (of, step), step_times in tally.steps.items():
            if of == kind:
                print(f"  {step:18s} {percentiles(step_times)}")
    print(f"{'all':12s} {percentiles(every)}  errors {sum(map(len, tally.errors.values()))}")
    bare_times, bare_errors = bare_tally.times.get("bare page", []), bare_tally.errors
    print(
        f"{'bare page':12s} {percentiles(bare_times)}  errors {sum(map(len, bare_errors.values()))}"
    )
    for message in [
        m for errors in (tally.errors, bare_errors) for ms in errors.values() for m in ms
    ]:
        print(f"  error: {message}")
    submissions_sent, statuses_saved = sent["submissions"], sent["statuses"]
    print(
        f"lost writes: submissions saved {submissions_sent}, in the database {stored[0]}; "
        f"status records saved {statuses_saved}, in the database {stored[1]}"
    )


def sessions(args, stamp: str) -> list[tuple[str, Callable, int, object]]:
    """The plan of the run: (kind, function, index, argument) for every session."""
    return (
        [("viewer", viewer, i, args.rounds) for i in range(1, args.viewers + 1)]
        + [("partner", partner, i, None) for i in range(1, args.partners + 1)]
        + [("coordinator", coordinator, i, stamp) for i in range(1, args.coordinators + 1)]
    )


def run_servers(command: list[str], env: dict, args, folder: Path, name: str, plan) -> Tally:
    """Start ``args.processes`` processes of ``command``, drive ``plan`` against them (a person
    looks at each page ``args.think`` seconds on average), stop them."""
    with ExitStack() as stack:
        urls = [
            stack.enter_context(server(command, env, folder / f"{name}-{i}.log"))
            for i in range(args.processes)
        ]
        return drive(urls, plan, args)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", help="a DuckDB file (new) or a postgresql:// URL (empty)")
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--viewers", type=int, default=10)
    parser.add_argument("--partners", type=int, default=20)
    parser.add_argument("--coordinators", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=3, help="times each viewer pages through")
    parser.add_argument(
        "--ramp", type=float, default=10.0, help="seconds over which the sessions start"
    )
    parser.add_argument(
        "--think", type=float, default=2.0, help="seconds a person looks at a page (0: no pause)"
    )
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="lipmetrics-load-"))
    target, store = args.db or str(folder / "load.duckdb"), folder / "submissions"
    backend = "PostgreSQL" if target.startswith(("postgresql://", "postgres://")) else "DuckDB"
    print(
        f"load bench: {backend}, {args.processes} app process(es), {len(sessions(args, ''))} "
        f"sessions starting over {args.ramp:g} s, {args.think:g} s a page to read; logs in {folder}"
    )
    print(f"load average at start: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    prepare(target, store, args.partners, args.coordinators)
    since = datetime.now(UTC).replace(tzinfo=None)
    stamp = f"load bench {since:%Y-%m-%dT%H:%M:%S.%f}"
    env = {"LIPMETRICS_DB": target, "LIPMETRICS_SUBMISSIONS_DIR": str(store)}
    plan = sessions(args, stamp)
    start = time.perf_counter()
    tally = run_servers([str(ROOT / "serve.py")], env, args, folder, "app", plan)
    print(f"{len(plan)} sessions in {time.perf_counter() - start:.1f} s")
    stored = count_writes(target, args.partners, since, stamp)
    runs = round(sum(map(len, tally.times.values())) / len(plan))  # as many pages per session
    bare_plan = [("bare page", bare, i, runs - 1) for i in range(len(plan))]
    bare_command = ["-m", "streamlit", "run", str(ROOT / "bench" / "bare_page.py")]
    bare_tally = run_servers(bare_command, {}, args, folder, "bare", bare_plan)
    report(tally, bare_tally, tally.saved, stored)
    print(f"load average at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
