"""First run and a partner's home through AppTest: the Set up page while there is no
administrator, and "My reporting" for a partner account."""

from __future__ import annotations

import re

import pytest

from lipmetrics.accounts import OPERATOR, SETUP_ACTOR, audit_entries, create_user, has_admin
from lipmetrics.store import Database

from .databases import new_target
from .test_app import app, button, fresh_caches, navigation_owns_pages  # noqa: F401
from .test_due import wdb_database

PASSWORD = "a long passphrase"
CODE_LINE = re.compile(r"lipmetrics set-up code: (\w{4}-\w{4}) \(enter it on the Set up page at ")


def printed_codes(capsys) -> list[str]:
    """The set-up codes the server printed to its log (stderr) so far."""
    return CODE_LINE.findall(capsys.readouterr().err)


def fill(at, code: str, password: str = PASSWORD) -> None:
    fields = {t.label: t for t in at.text_input}
    fields["Set-up code"].set_value(code)
    fields["User name"].set_value("alice")
    fields["Name shown on screen"].set_value("Alice Martin")
    fields["Password (at least 10 characters)"].set_value(password)
    fields["The same password again"].set_value(password)


@pytest.fixture
def empty_path(tmp_path):
    path = new_target(tmp_path, "first")
    Database(path).close()
    return path


@pytest.mark.parametrize("user", [None, {"username": "x", "display_name": "X", "role": "viewer"}])
def test_no_administrator_shows_only_set_up(empty_path, monkeypatch, capsys, user) -> None:
    """Signed out or not, the only page is Set up, and the server printed a code."""
    at = app(empty_path, monkeypatch, user=user, admin=False).run()
    assert not at.exception
    assert at.title[0].value == "Set up lipmetrics"
    registered = [p.get("page_name") for p in at._registered_pages.values()]  # noqa: SLF001
    assert registered == ["Set up"]
    assert len(printed_codes(capsys)) == 1


def in_order(node) -> list[str]:
    """The types of the elements under ``node`` in the order the page shows them."""
    children = getattr(node, "children", None)
    if not children:
        return [node.type]
    return [kind for key in sorted(children) for kind in in_order(children[key])]


def test_wrong_code_is_refused_then_the_right_one_makes_the_admin(
    empty_path, monkeypatch, capsys
) -> None:
    at = app(empty_path, monkeypatch, user=None, admin=False).run()
    [code] = printed_codes(capsys)
    fill(at, "ABCD-EFGH")
    button(at, "Create the administrator").click().run()
    assert (
        at.error[0].value.replace("\\", "").startswith("The set-up code “ABCD-EFGH” is not right.")
    )
    # above the form, which fills a projector's screen: the refusal is where the person looks
    shown = in_order(at.main)
    assert shown.index("error") < shown.index("text_input")
    assert at.title[0].value == "Set up lipmetrics"
    fill(at, code)
    button(at, "Create the administrator").click().run()
    assert not at.exception
    # Signed in as the new administrator, on the overview, with the next steps by page name.
    assert at.title[0].value == "No plan yet"
    assert at.success[0].value.startswith("You are the administrator of this lipmetrics now")
    steps = "\n".join(m.value for m in at.markdown)
    for page in ("Partner organisations", "Metric catalogue", "Import a workplan", "Accounts"):
        assert f"**{page}**" in steps
    # each page linked, named as the navigation names it
    links = [link.proto.label for link in at.get("page_link")]
    assert links[:4] == [
        "Partner organisations",
        "Metric catalogue",
        "Import a workplan",
        "Accounts",
    ]
    assert "lipmetrics " not in steps.replace("this lipmetrics", "")
    registered = [p.get("page_name") for p in at._registered_pages.values()]  # noqa: SLF001
    assert "Set up" not in registered and "Accounts" in registered
    database = Database(empty_path)
    try:
        assert has_admin(database)
        audit = audit_entries(database, OPERATOR)
    finally:
        database.close()
    assert audit[["username", "action", "target"]].values.tolist() == [
        [SETUP_ACTOR, "account created", "alice"]
    ]
    button(at, "Hide these steps").click().run()
    assert not at.success


ADMIN = {"username": "alice", "display_name": "Alice Martin", "role": "admin"}


@pytest.mark.parametrize(
    ("user", "with_a_plan", "shown"),
    [
        (ADMIN, False, True),  # signed in through the sign-in route: a new session, no plan yet
        (ADMIN, True, False),  # the plan is in: set-up is done
        ({"username": "cora", "display_name": "Cora", "role": "coordinator"}, False, False),
    ],
)
def test_an_administrator_with_no_plan_yet_sees_the_next_steps(
    tmp_path, monkeypatch, user, with_a_plan, shown
) -> None:
    """In a browser the first administrator signs in through the sign-in route, which starts a
    new session: the next steps follow the database (no plan yet), not the set-up page's run."""
    from lipmetrics.plan import import_plan_file

    from .test_app import TEST_DATA

    path = new_target(tmp_path, "signed")
    database = Database(path)
    if with_a_plan:
        data = (TEST_DATA / "small_tidy.csv").read_bytes()
        import_plan_file(database, data, "small_tidy.csv", "Small", 2020, 3)
    database.close()
    at = app(path, monkeypatch, user=user).run()
    assert not at.exception
    links = [link.proto.label for link in at.get("page_link")]
    assert ("Partner organisations" in links) is shown
    if shown:
        button(at, "Hide these steps").click().run()
        assert "Partner organisations" not in [link.proto.label for link in at.get("page_link")]


def test_set_up_is_gone_once_an_administrator_exists(empty_path, monkeypatch, capsys) -> None:
    database = Database(empty_path)
    create_user(database, OPERATOR, "bob", "admin", password=PASSWORD)
    database.close()
    at = app(empty_path, monkeypatch, user=None, admin=False).run()
    assert at.title[0].value == "Sign in to lipmetrics"
    with pytest.raises(ValueError, match="Known pages: \\['.*pages/sign_in.py'\\]"):
        at.switch_page("pages/first_run.py")
    assert printed_codes(capsys) == []  # no code while an administrator exists


def test_in_a_browser_the_new_administrator_signs_in_through_the_sign_in_route(
    empty_path, monkeypatch, capsys
) -> None:
    """In a browser given a form nonce, the administrator just made is not signed in for this tab
    only: the Set up form gives way to the sign-in form (posted to the sign-in route, which starts
    the session and sets its cookie, so Accounts lists it among the active sessions), the user
    name filled in, with the next steps above it."""
    import ui

    monkeypatch.setattr(ui, "form_csrf", lambda: "csrf-of-this-browser")
    at = app(empty_path, monkeypatch, user=None, admin=False).run()
    [code] = printed_codes(capsys)
    fill(at, code)
    button(at, "Create the administrator").click().run()
    assert not at.exception
    assert "signed_in_user" not in at.session_state
    assert at.success[0].value.replace("\\", "") == (
        "The administrator “alice” is made. Sign in with its password to start your session in "
        "this browser."
    )
    assert "**Partner organisations**" in "\n".join(m.value for m in at.markdown)
    assert not at.text_input  # the Set up form is gone
    [form] = [h.proto.body for h in at.get("html") if "lm-form" in h.proto.body]
    for part in (
        'action="/auth/sign-in"',
        'name="username"',
        'value="alice"',
        'name="csrf" value="csrf-of-this-browser"',
        'name="next" value="/"',
    ):
        assert part in form  # fmt: skip
    database = Database(empty_path)
    try:
        assert has_admin(database)
    finally:
        database.close()


WDB_ACCOUNT = {"username": "wdb", "display_name": "WDB", "role": "partner", "partner_code": "WDB"}


def test_my_reporting_shows_a_partners_statuses(tmp_path, monkeypatch) -> None:
    """WDB's home: every 2020 report has ended long ago, so what was not sent is overdue; one
    quarter was sent, one sent twice (superseded); the template holds the 9 periods owed."""
    target = new_target(tmp_path, "wdb")
    wdb_database(target, tmp_path / "store").close()
    at = app(target, monkeypatch, user=WDB_ACCOUNT).run()
    assert not at.exception
    assert at.title[0].value == "What has our organisation sent, and what is still due?"
    assert {m.label: m.value for m in at.metric} == {
        "Due": "0",
        "Overdue": "9",
        "Sent": "1",
        "Superseded": "1",
    }
    table = at.dataframe[0].value.set_index(["metric", "period"])
    assert table.loc[("ES-JOBSKILLS", "2020-Q2"), "status"] == "superseded"
    assert table.loc[("ES-JOBSKILLS", "2020-Q1"), "status"] == "sent"
    assert table.loc[("ES-EMPLOYERS", "2020-Q1"), "status"] == "overdue"  # withdrawn
    assert "9 lines, one for each metric and period still due." in [c.value for c in at.caption]


def test_send_figures_offers_the_periods_due_first(tmp_path, monkeypatch) -> None:
    target = new_target(tmp_path, "wdb")
    wdb_database(target, tmp_path / "store").close()
    at = app(target, monkeypatch, user=WDB_ACCOUNT).run()
    at.switch_page("pages/submit.py").run()
    assert not at.exception
    assert at.radio[0].value == "due"
    assert "9 lines, one for each metric and period still due." in [c.value for c in at.caption]
    at.radio[0].set_value("chosen").run()
    assert [s.label for s in at.selectbox] == ["Year", "Quarter"]


@pytest.mark.parametrize(
    ("user", "told", "form"),
    [
        (WDB_ACCOUNT, True, False),  # a partner cannot withdraw: told whom to ask, near the top
        ({"username": "cora", "display_name": "Cora", "role": "coordinator"}, False, True),
    ],
)
def test_a_partner_is_told_how_to_correct_or_withdraw(tmp_path, monkeypatch, user, told, form):
    target = new_target(tmp_path, "wdb")
    wdb_database(target, tmp_path / "store").close()
    at = app(target, monkeypatch, user=user)
    at.switch_page("pages/submissions.py").run()
    assert not at.exception
    captions = [c.value for c in at.caption]
    note = [c for c in captions if c.startswith("To correct a value, send a file")]
    assert bool(note) is told
    if told:
        assert "Ask your LIP coordinator to withdraw it" in note[0]
        assert captions.index(note[0]) < 3  # under the title, above the tables
    assert any(b.label == "Withdraw" for b in at.button) is form


def test_the_template_box_closes_once_a_file_is_in(tmp_path, monkeypatch) -> None:
    """Open to start with; closed once a file is uploaded, so that the file's refusal is in
    view under the upload field at 1024×768 (the trial saw it below the fold)."""
    target = new_target(tmp_path, "wdb")
    wdb_database(target, tmp_path / "store").close()
    at = app(target, monkeypatch, user=WDB_ACCOUNT).run()
    at.switch_page("pages/submit.py").run()
    assert at.expander[0].proto.expanded
    bad = b'metric,period,value\nES-JOBSKILLS,"2020-Q3,5\n'
    at.file_uploader[0].set_value(("bad.csv", bad, "text/csv")).run()
    assert not at.exception
    assert not at.expander[0].proto.expanded
    assert at.error[0].value.startswith("Line 2 opens a quote")
