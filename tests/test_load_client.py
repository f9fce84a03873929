"""The load bench's client of Streamlit's websocket protocol (bench/streamlit_client.py) against a
real app server, so the bench cannot rot (docs/benchmarks.md); not a timing test. And the health
check a reverse proxy asks (README "Deploying") answered by two app processes on one database."""

from __future__ import annotations

import urllib.request

from bench.streamlit_client import StreamlitSession
from web.routes import NOTICES

from .databases import copy_target
from .streamlit_server import streamlit_server

VIEWER = ("viewer", "demo-viewer-pass")  # a demo account: the sign-in page lists it


def test_a_viewer_signs_in_through_the_form_and_opens_the_overview(demo_db_file, tmp_path) -> None:
    target = copy_target(demo_db_file, tmp_path, "demo")
    with streamlit_server(target, tmp_path / "app.log") as url:
        with StreamlitSession(url) as session:
            refused = session.sign_in("viewer", "not the password")
            refused_pages = set(session.pages)
            refused_query = session.query_string
            signed_in = session.sign_in(*VIEWER)
            overview = session.rerun("Overview")
    assert refused_pages == {"Sign in"}
    assert (refused_query, refused.alerts("error")) == ("signin=refused", [NOTICES["refused"]])
    assert signed_in.exceptions == [] and signed_in.alerts("error") == []
    assert {"Overview", "Scorecard", "Metric detail"} <= set(session.pages)
    assert "Sign in" not in session.pages
    assert "lipmetrics_session" in session.http.cookies  # set by the route's 303, sent on reload
    assert overview.exceptions == []
    assert "How far along is each pillar?" in overview.texts()
    assert [kind for kind, _ in overview.elements].count("plotly_chart") >= 1


def test_two_app_processes_on_one_database_both_answer_the_health_check(
    demo_db_file, tmp_path
) -> None:
    """Streamlit's ``/_stcore/health`` says the process serves; it does not open the database."""
    target = copy_target(demo_db_file, tmp_path, "demo")
    with (
        streamlit_server(target, tmp_path / "first.log") as first,
        streamlit_server(target, tmp_path / "second.log") as second,
    ):
        for url in (first, second):
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=10) as answer:
                assert (answer.status, answer.read()) == (200, b"ok")
