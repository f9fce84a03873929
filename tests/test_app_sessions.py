"""The Accounts page's "Active sessions" through AppTest: the live sessions listed newest first, one
session ended, then every session of an account, each confirmed in a sentence and audited."""

from __future__ import annotations

from datetime import timedelta

import pytest

from lipmetrics.accounts import User, end_session, session_info, session_user, start_session
from lipmetrics.errors import SessionEndedError
from lipmetrics.store import Database, queries, utcnow

from .test_app import (  # noqa: F401  (fixtures)
    ADMIN,
    accounts_path,
    app,
    button,
    fresh_caches,
    navigation_owns_pages,
)

CORA = User("cora", "cora", "coordinator")
VIC = User("vic", "vic", "viewer")


def sessions_table(at):
    return next(d.value for d in at.dataframe if "user_agent" in d.value.columns)


def reason(path, token: str) -> str | None:
    """Why the session of ``token`` ended (None: it is live)."""
    database = Database(path)
    try:
        session_user(database, token)
    except SessionEndedError as exc:
        return exc.reason
    finally:
        database.close()
    return None


@pytest.fixture
def signed_in(accounts_path):  # noqa: F811  (test_app's database: the small plan, accounts)
    """Three live sessions (cora in Firefox, then vic's meeting display and vic in Chromium) and
    one that cora signed out of; their tokens by name."""
    database = Database(accounts_path)
    now = utcnow()
    try:
        tokens = {
            "cora": start_session(database, CORA, "Firefox", now=now - timedelta(minutes=5)),
            "vic-tv": start_session(
                database, VIC, "TV", kind="meeting", now=now - timedelta(minutes=3)
            ),
            "vic": start_session(database, VIC, "Chromium", now=now - timedelta(minutes=1)),
        }
        ids = {name: session_info(database, token).id for name, token in tokens.items()}
        gone = start_session(database, CORA, "Safari", now=now - timedelta(minutes=2))
        end_session(database, gone)
    finally:
        database.close()
    return accounts_path, tokens, ids


def test_an_administrator_sees_and_ends_sessions(signed_in, monkeypatch) -> None:
    path, tokens, ids = signed_in
    at = app(path, monkeypatch, user=ADMIN).run()
    at.switch_page("pages/accounts.py").run()
    assert not at.exception
    assert at.dataframe[0].value["username"].tolist()[0] == "ada"  # the accounts table stays first
    assert "Active sessions" in [s.value for s in at.subheader]
    listed = sessions_table(at)
    assert listed[["username", "role", "kind", "user_agent"]].values.tolist() == [
        ["vic", "Viewer", "Personal", "Chromium"],
        ["vic", "Viewer", "Meeting display", "TV"],
        ["cora", "Coordinator (working group)", "Personal", "Firefox"],
    ]
    assert "token_hash" not in listed.columns

    at.selectbox(key="end_session_id").set_value(ids["cora"])
    button(at, "End this session").click().run()
    assert not at.exception and not at.error
    assert [s.value.replace("\\", "") for s in at.success] == [
        "The session of “cora” was ended: that browser must sign in again."
    ]
    assert sessions_table(at)["username"].tolist() == ["vic", "vic"]
    assert (reason(path, tokens["cora"]), reason(path, tokens["vic"])) == ("revoked", None)

    at.selectbox(key="end_sessions_user").set_value("vic")
    button(at, "End all their sessions").click().run()
    assert not at.exception and not at.error
    assert [s.value.replace("\\", "") for s in at.success] == [
        "Every session of “vic” was ended: each of its browsers must sign in again."
    ]
    assert "Nobody is signed in at the moment." in [c.value for c in at.caption]
    assert (reason(path, tokens["vic"]), reason(path, tokens["vic-tv"])) == ("revoked", "revoked")

    database = Database(path)
    try:
        with database.cursor() as cur:
            log = queries.audit_log(cur)
    finally:
        database.close()
    ended = log[log["action"].isin(["session ended", "sessions ended"])].iloc[::-1]
    assert ended[["username", "action", "target", "detail"]].values.tolist() == [
        ["cora", "session ended", "cora", "browser session 4: signed out"],  # the fixture's
        ["ada", "session ended", "cora", f"browser session {ids['cora']}: revoked"],
        ["ada", "sessions ended", "vic", "2 ended (revoked)"],
    ]
