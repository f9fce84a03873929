"""Every page through Streamlit's AppTest, with a small plan, the demo plans and an empty database."""

from __future__ import annotations

import time
from datetime import date

import pytest
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from lipmetrics.accounts import OPERATOR, create_user, has_admin
from lipmetrics.plan import import_plan_file
from lipmetrics.store import Database

from .conftest import ROOT, TEST_DATA
from .databases import copy_target, new_target

PAGES = [
    "pages/overview.py",
    "pages/explorer.py",
    "pages/import_plan.py",
    "pages/status_review.py",
    "pages/audit_log.py",
    "pages/submit.py",
    "pages/submissions.py",
    "pages/scorecard.py",
    "pages/metric.py",
    "pages/reporting.py",
    "pages/indicators.py",
    "pages/meeting.py",
    "pages/reports.py",
    "pages/vocabulary.py",
    "pages/plan_edit.py",
    "pages/partners.py",
    "pages/breakdowns.py",
    "pages/catalogue.py",
]
ADMIN = {"username": "ada", "display_name": "Ada", "role": "admin", "partner_code": None}


@pytest.fixture(autouse=True)
def fresh_caches():
    """Streamlit caches are process-wide: clear them so tests do not see each other's data."""
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_resource.clear()


@pytest.fixture(autouse=True)
def navigation_owns_pages(monkeypatch):
    """Run every rerun through app.py's st.navigation, as the real server does.

    Our pages live in ``pages/`` (README "Layout"). On a server, the first st.navigation
    call switches Streamlit's legacy ``pages/`` discovery off for good; AppTest switches it back on
    before each run, so reruns would skip app.py. Keep it off, as on the server.
    """
    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)


COORDINATOR = {
    "username": "coord",
    "display_name": "Coordinator",
    "role": "coordinator",
    "partner_code": None,
}


def with_an_admin(db_path) -> None:
    """Give the database an administrator when it has none (else the app shows only Set up)."""
    database = Database(db_path)
    if not has_admin(database):
        create_user(database, OPERATOR, "first-admin", "admin", password="first-admin-password")
    database.close()


def app(db_path, monkeypatch, user: dict | None = COORDINATOR, admin: bool = True) -> AppTest:
    """The app on ``db_path``, signed in as ``user`` (None: signed out); unless ``admin`` is
    False, the database is given an administrator first (as after `lipmetrics init`)."""
    if admin:
        with_an_admin(db_path)
    monkeypatch.setenv("LIPMETRICS_DB", str(db_path))
    monkeypatch.chdir(ROOT)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    if user is not None:
        at.session_state["signed_in_user"] = dict(user)  # the app may change it (its language)
        at.session_state["last_seen"] = time.time()
    return at


@pytest.fixture
def small_path(tmp_path):
    path = new_target(tmp_path, "small")
    database = Database(path)
    import_plan_file(
        database, (TEST_DATA / "small_tidy.csv").read_bytes(), "small_tidy.csv", "Small", 2020, 3
    )
    database.close()
    return path


def test_overview_headline_figures(small_path, monkeypatch) -> None:
    """The headline figures of the small plan are the hand-computed ones (see test_progress)."""
    at = app(small_path, monkeypatch).run()
    assert not at.exception
    assert at.title[0].value == "How far along is each pillar?"
    metrics = {m.label: m.value for m in at.metric}
    # The latest news is March 2021, plan year 2: 3 projects scheduled, 1 complete.
    assert metrics == {
        "Projects in the plan": "7",
        "Scheduled in year 2": "3",
        "Complete in year 2": "1",
        "Completion rate": "33%",
    }
    at.get("button_group")[0].set_value(1).run()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Scheduled in year 1"] == "3"
    assert metrics["Completion rate"] == "67%"
    at.get("button_group")[0].set_value(3).run()
    assert {m.label: m.value for m in at.metric}["Completion rate"] == "0%"


def test_overview_charts_use_the_template(small_path, monkeypatch) -> None:
    """Both charts are on the page with the lipmetrics template (theme=None keeps it)."""
    at = app(small_path, monkeypatch).run()
    charts = at.get("plotly_chart")
    assert len(charts) == 2
    assert '"size":18' in charts[0].proto.spec.replace(" ", "")


@pytest.mark.parametrize("page", PAGES)
def test_pages_with_demo_data(demo_db_file, tmp_path, monkeypatch, page) -> None:
    """Every page loads with the demo plans."""
    at = app(copy_target(demo_db_file, tmp_path, "demo"), monkeypatch).run()
    at.switch_page(page).run()
    assert not at.exception
    assert at.title


NO_PLAN = ("No plan yet", ["The database has no plan yet"])
# What each page shows on an empty database: its title, and how each notice on it starts (none
# where the page itself is the way in: an import form; a list with nothing in it says so).
EMPTY = {
    "pages/overview.py": NO_PLAN,
    "pages/explorer.py": NO_PLAN,
    "pages/import_plan.py": ("Import a workplan", []),
    "pages/status_review.py": NO_PLAN,
    "pages/audit_log.py": ("Who changed what, and when?", []),
    "pages/submit.py": ("Send your organisation's figures", ["No partner organisation is registered yet"]),
    "pages/submissions.py": ("Which figures have been sent?", ["No figures have been sent yet"]),
    "pages/scorecard.py": NO_PLAN,
    "pages/metric.py": ("How has this measure moved?", ["The metric catalogue is empty"]),
    "pages/reporting.py": NO_PLAN,
    "pages/indicators.py": (
        "Bring in community data from Statistics Canada",
        ["The catalogue has no population indicator"],
    ),
    "pages/meeting.py": NO_PLAN,
    "pages/reports.py": NO_PLAN,
    "pages/vocabulary.py": ("Which words mean which status?", []),
    "pages/plan_edit.py": NO_PLAN,
    "pages/partners.py": (
        "Which organisations report to the partnership?",
        ["No partner organisation is registered yet"],
    ),
    "pages/breakdowns.py": ("Which breakdowns can figures be sent by?", ["No breakdown is set up yet"]),
    "pages/catalogue.py": ("Which metrics do we measure?", ["The catalogue has no metric yet"]),
}  # fmt: skip


@pytest.mark.parametrize("page", PAGES)
def test_pages_with_empty_database(tmp_path, monkeypatch, page) -> None:
    """With no plan, every page says what to do instead of failing."""
    at = app(new_target(tmp_path, "empty"), monkeypatch).run()
    at.switch_page(page).run()
    assert not at.exception
    title, notices = EMPTY[page]
    assert at.title[0].value == title
    shown = [i.value for i in at.info]
    assert len(shown) == len(notices), shown
    for text, start in zip(shown, notices, strict=True):
        assert text.startswith(start), text


def test_explorer_filters(small_path, monkeypatch) -> None:
    """Filtering by status and working group narrows the projects, counted in the caption."""
    at = app(small_path, monkeypatch).run()
    at.switch_page("pages/explorer.py").run()
    assert not at.exception
    assert "7 of 7 projects" in [c.value for c in at.caption]
    pillar, members, statuses = at.multiselect[0], at.multiselect[1], at.multiselect[2]
    statuses.set_value(["complete"]).run()
    # Complete in year 2: A1 (done in 2020) and A4 (unscheduled, done in 2020).
    assert "2 of 7 projects" in [c.value for c in at.caption]
    statuses.set_value([]).run()
    members.set_value(["City"]).run()
    assert "3 of 7 projects" in [c.value for c in at.caption]  # A2, B1, B2
    pillar.set_value(["Beta"]).run()
    assert "2 of 7 projects" in [c.value for c in at.caption]


def raw_plan(folder):
    """A database holding the small raw-layout plan (one unreadable year, one unread status)."""
    path = new_target(folder, "raw")
    database = Database(path)
    import_plan_file(
        database, (TEST_DATA / "small_raw.csv").read_bytes(), "small_raw.csv", "Raw", 2020, 3
    )
    database.close()
    return path


def test_explorer_lists_what_needs_a_person(tmp_path, monkeypatch) -> None:
    """Unreadable year and status texts are listed for a person on the explorer."""
    at = app(raw_plan(tmp_path), monkeypatch).run()
    at.switch_page("pages/explorer.py").run()
    assert at.expander[0].label == "2 year or status texts need a person to classify them"
    table = at.expander[0].dataframe[0].value
    assert sorted(table["text"]) == ["See above", "someday"]


def test_overview_counts_what_needs_a_person_and_links_to_it(tmp_path, monkeypatch) -> None:
    """The small raw plan has one unreadable year ("someday") and one unread status ("See
    above", the annual festival, scheduled 1-3, undated so as of the latest status read: October
    2021, year 2): the overview says 2, 1 of them in year 2 (0 in year 1); the button opens the
    explorer filtered to those two projects."""
    at = app(raw_plan(tmp_path), monkeypatch).run()
    at.switch_page("pages/overview.py").run()
    at.segmented_control[0].set_value(1).run()
    assert "(0 of the projects scheduled in year 1)" in at.warning[0].value
    at.segmented_control[0].set_value(2).run()
    (warning,) = at.warning
    assert warning.value.startswith(
        "2 year or status texts of this plan need a person: no rule could read them "
        "(1 of the projects scheduled in year 2)."
    )
    button(at, "Show them in the plan explorer").click().run()
    assert not at.exception
    assert at.toggle(key="explorer_needs_a_person").value is True
    assert "2 of 7 projects" in [c.value for c in at.caption]


def test_import_page_shows_problems_then_imports(tmp_path, monkeypatch) -> None:
    """A bad file shows its problems with line numbers and saves nothing; a good one imports."""
    at = app(new_target(tmp_path, "import"), monkeypatch).run()
    at.switch_page("pages/import_plan.py").run()
    bad = b"PILLAR\nGOALS,OBJECTIVES,PROJECTS,WORKING GROUP,YEAR,STATUS\n,,,NCC,1,\n"
    at.file_uploader[0].set_value(("bad.csv", bad, "text/csv")).run()
    assert not at.exception
    shown = at.error[0].value.replace("\\", "")  # as on screen: markdown escapes removed
    assert "has 1 problem; nothing was saved" in shown
    assert at.dataframe[0].value["line"].tolist() == [3]
    good = (TEST_DATA / "small_tidy.csv").read_bytes()
    at.file_uploader[0].set_value(("small_tidy.csv", good, "text/csv")).run()
    # plan year 1 is this year until changed: the statuses, dated 2020-2021, say it is not
    this_year = date.today().year
    assert [w.value for w in at.warning][0] == (
        f"Every dated status of this file is from 2020–2021, outside the plan years "
        f"{this_year}–{this_year + 4}. If the plan started in 2020, set “Calendar year of plan "
        "year 1” above to 2020."
    )
    at.text_input[0].set_value("Imported plan").run()
    at.number_input[0].set_value(2020).run()
    at.number_input[1].set_value(3).run()
    assert not [w for w in at.warning if w.value.startswith("Every dated status")]
    button(at, "Import this plan").click().run()
    assert not at.exception
    assert any("Imported “Imported plan”" in s.value for s in at.success)
    at.switch_page("pages/overview.py").run()
    assert {m.label: m.value for m in at.metric}["Projects in the plan"] == "7"


def test_import_preview_shows_every_reading_and_takes_a_correction(tmp_path, monkeypatch) -> None:
    """The Lakeview plan: 21 rows, two that need a person; the as-of date and where it came from;
    one reading corrected in the preview is what the overview then counts."""
    at = app(new_target(tmp_path, "lake"), monkeypatch).run()
    at.switch_page("pages/import_plan.py").run()
    data = (TEST_DATA / "lakeview_plan_cp1252.csv").read_bytes()
    at.file_uploader[0].set_value(("lakeview.csv", data, "text/csv")).run()
    at.text_input[0].set_value("Lakeview").run()
    at.number_input[0].set_value(2018).run()
    at.number_input[1].set_value(3).run()
    assert not at.exception
    assert (
        "taken as of **2019-11-01** — the latest date of a status read: “Presented to council"
        in (at.info[0].value.replace("\\", ""))
    )
    assert len(at.dataframe[0].value) == 21
    assert at.warning[0].value.startswith("2 rows need a person")
    at.toggle[0].set_value(True).run()
    assert at.dataframe[0].value["project"].tolist() == [
        "Library newcomer hub",
        "Peer support group",
    ]
    hub_line = int(at.dataframe[0].value["line"].iloc[0])
    status, read_as = [s for s in at.selectbox if s.label in ("Status", "Read it as")]
    status.set_value(hub_line)
    read_as.set_value("Not started")
    button(at, "Use this reading").click().run()
    assert at.warning[0].value.startswith("1 row needs a person")
    button(at, "Import this plan").click().run()
    assert not at.exception
    at.switch_page("pages/overview.py").run()
    at.segmented_control[0].set_value(3).run()
    assert at.warning[0].value.startswith(
        "1 year or status texts of this plan need a person: no rule could read them "
        "(1 of the projects scheduled in year 3)."
    )


def test_status_words_teach_and_read_again(tmp_path, monkeypatch) -> None:
    """The small raw plan's unread "See above": taught as in progress on the Status words page,
    then read again: nothing needs a person any more, and the explorer's list is one shorter."""
    at = app(raw_plan(tmp_path), monkeypatch).run()
    at.switch_page("pages/vocabulary.py").run()
    assert at.subheader[0].value == "Statuses that need a person: 1"
    no_phrase = "No phrase is taught yet: type one below, with the status it means."
    assert no_phrase in [c.value for c in at.caption]
    at.text_input[0].set_value("see above")
    at.selectbox[0].set_value("In progress")
    button(at, "Teach this phrase").click().run()
    assert not at.exception
    assert at.success[0].value == "“see above” now means In progress."
    assert at.dataframe[-1].value["phrase"].tolist() == ["see above"]
    button(at, "Read them again with the phrases below").click().run()
    assert at.success[0].value == "1 status classified."
    assert at.subheader[0].value == "Statuses that need a person: 0"
    at.switch_page("pages/explorer.py").run()
    assert at.expander[0].label == "1 year or status texts need a person to classify them"


@pytest.fixture
def accounts_path(tmp_path):
    """A database with the small plan, the partners and one account of each role."""
    from lipmetrics.accounts import OPERATOR, create_user
    from lipmetrics.measures import parse_partners, save_partners

    from .conftest import DATA

    path = new_target(tmp_path, "accounts")
    database = Database(path)
    import_plan_file(
        database, (TEST_DATA / "small_tidy.csv").read_bytes(), "small_tidy.csv", "Small", 2020, 3
    )
    save_partners(
        database, OPERATOR, parse_partners((DATA / "partners.csv").read_bytes(), "partners.csv")
    )
    for name, role, partner in [
        ("ada", "admin", None),
        ("cora", "coordinator", None),
        ("pat", "partner", "NCC"),
        ("vic", "viewer", None),
    ]:
        create_user(database, OPERATOR, name, role, partner, password=f"{name}-long-password")
    database.close()
    return path


def button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def sign_in(at: AppTest, username: str, password: str) -> AppTest:
    fields = {t.label: t for t in at.text_input}
    fields["User name"].set_value(username)
    fields["Password"].set_value(password)
    return button(at, "Sign in").click().run()


def test_signed_out_sees_only_sign_in(accounts_path, monkeypatch) -> None:
    """Without signing in, the only page is the sign-in page, and demo passwords are not shown."""
    at = app(accounts_path, monkeypatch, user=None).run()
    assert at.title[0].value == "Sign in to lipmetrics"
    assert not any("Demo accounts" in s.value for s in at.subheader)
    with pytest.raises(ValueError, match="Known pages: \\['.*pages/sign_in.py'\\]"):
        at.switch_page("pages/overview.py")


def test_public_dashboards(accounts_path, monkeypatch) -> None:
    """With LIPMETRICS_PUBLIC_DASHBOARDS=1 the overview is visible without signing in."""
    monkeypatch.setenv("LIPMETRICS_PUBLIC_DASHBOARDS", "1")
    at = app(accounts_path, monkeypatch, user=None).run()
    assert at.title[0].value == "How far along is each pillar?"
    # the Overview at / and, hidden, at /overview: a shared link opens it for the public too
    registered = [p.get("page_name") for p in at._registered_pages.values()]  # noqa: SLF001
    assert registered.count("Overview") == 2


DASHBOARDS = [
    "Overview",
    "Plan explorer",
    "Scorecard",
    "Metric detail",
    "Reporting",
    "Meeting mode",
    "Reports",
]


@pytest.mark.parametrize(
    ("username", "pages"),
    [
        ("vic", [*DASHBOARDS]),
        ("pat", [*DASHBOARDS, "Send figures", "Submissions", "My reporting"]),
        (
            "cora",
            [*DASHBOARDS, "Send figures", "Submissions", "Status review", "Status words",
             "Community data", "Metric catalogue", "Import a workplan", "Edit the plan", "Audit log",
             "Partner organisations", "Breakdowns"],
        ),
        (
            "ada",
            [*DASHBOARDS, "Send figures", "Submissions", "Status review", "Status words",
             "Community data", "Metric catalogue", "Import a workplan", "Edit the plan", "Audit log",
             "Accounts", "Partner organisations", "Breakdowns"],
        ),
    ],
)  # fmt: skip
def test_navigation_by_role(accounts_path, monkeypatch, username, pages) -> None:
    """Each role signs in and its navigation holds only the pages it may use (their order:
    tests/test_navigation.py)."""
    at = app(accounts_path, monkeypatch, user=None).run()
    at = sign_in(at, username, f"{username}-long-password")
    assert not at.exception
    home = {"pat": "What has our organisation sent, and what is still due?"}  # a partner's home
    assert at.title[0].value == home.get(username, "How far along is each pillar?")
    registered = [p.get("page_name") for p in at._registered_pages.values()]  # noqa: SLF001
    assert sorted(set(registered)) == sorted(pages)
    # the landing page twice: at / and, hidden from the bar, at its own address (/overview)
    landing = "My reporting" if username == "pat" else "Overview"
    assert [name for name in registered if registered.count(name) > 1] == [landing, landing]


def test_wrong_password_says_so_and_hides_it(accounts_path, monkeypatch, caplog) -> None:
    """A wrong password gets a sentence; neither it nor any hash appears anywhere on the page."""
    at = app(accounts_path, monkeypatch, user=None).run()
    at = sign_in(at, "cora", "wrong-password-typed")
    assert at.error[0].value == "The user name or password is not right. Check them and try again."
    assert (
        "Forgotten your password? Your LIP's administrator sets a new one on the Accounts page."
        in [c.value for c in at.caption]
    )
    shown = str(at.main) + str([e.value for e in at.error]) + caplog.text
    assert "wrong-password-typed" not in shown
    assert "cora-long-password" not in shown
    assert "scrypt$" not in shown


def test_session_expires(accounts_path, monkeypatch) -> None:
    """A session idle for longer than the limit is signed out, with a sentence saying why."""
    monkeypatch.setenv("LIPMETRICS_SESSION_MINUTES", "5")
    at = app(accounts_path, monkeypatch, user=COORDINATOR)
    at.session_state["last_seen"] = time.time() - 6 * 60
    at.run()
    assert at.title[0].value == "Sign in to lipmetrics"
    assert "signed out after a period without activity" in at.info[0].value


def test_status_review_page_records(accounts_path, monkeypatch) -> None:
    """The review table records the rows given a new status, and says how many."""
    at = app(accounts_path, monkeypatch).run()
    at.switch_page("pages/status_review.py").run()
    assert at.title[0].value == "How is each project going this year?"
    # AppTest cannot type into a data editor: submitting it unchanged asks for a status.
    button(at, "Record these statuses").click().run()
    assert "Pick a new status in at least one row" in at.warning[0].value


@pytest.mark.parametrize(
    ("lang", "count", "repeated", "expected"),
    [
        ("en", 1, 0, "Recorded 1 status change for year 2."),
        ("en", 3, 0, "Recorded 3 status changes for year 2."),
        ("en", 2, 1, "Recorded 2 status changes for year 2. 1 change was already recorded with "
                     "the same reason and note, so not again."),
        ("en", 1, 2, "Recorded 1 status change for year 2. 2 changes were already recorded with "
                     "the same reason and note, so not again."),
        ("fr", 1, 2, "1 changement de statut consigné pour l’année 2. 2 changements étaient déjà "
                     "consignés avec la même raison et la même note, et ne l’ont pas été de "
                     "nouveau."),
    ],
)  # fmt: skip
def test_status_review_notice_says_one_or_many(lang, count, repeated, expected) -> None:
    """What the review says after a save: each count chooses its own plural."""
    from lipmetrics.i18n import language
    from ui.components import recorded_notice

    with language(lang):
        assert recorded_notice(count, repeated, 2) == expected


def test_status_review_shows_a_projects_texts_in_full(accounts_path, monkeypatch) -> None:
    """The table cuts long texts short at 1024 px: the details view under it shows them whole."""
    at = app(accounts_path, monkeypatch).run()
    at.switch_page("pages/status_review.py").run()
    picker = next(s for s in at.selectbox if s.label == "Project")
    assert picker.value is None and not [m for m in at.markdown if "**As written:**" in m.value]
    project = picker.options[0]
    picker.select(project).run()
    shown = next(m.value for m in at.markdown if "**As written:**" in m.value)
    assert shown.startswith(f"**Project:** {project}  \n**As written:** ")


def test_accounts_page_adds_an_account(accounts_path, monkeypatch) -> None:
    """An administrator adds a partner account on the Accounts page; bad input gets a sentence."""
    at = app(accounts_path, monkeypatch, user=ADMIN).run()
    at.switch_page("pages/accounts.py").run()
    assert at.title[0].value == "Who may sign in, and as what?"
    fields = {t.label: t for t in at.text_input}
    fields["User name"].set_value("wdb-reporting")
    fields["Name shown on screen"].set_value("WDB reporting")
    fields["Password (at least 10 characters)"].set_value("a-long-password")
    boxes = {s.label: s for s in at.selectbox}
    boxes["Role"].set_value("partner")
    boxes["Organisation (partner accounts only)"].set_value("WDB")
    button(at, "Add account").click().run()
    assert not at.exception
    assert at.success[0].value.endswith("added.")  # the name is escaped markdown here
    assert "wdb-reporting" in at.dataframe[0].value["username"].tolist()
    fields = {t.label: t for t in at.text_input}
    fields["User name"].set_value("x")
    button(at, "Add account").click().run()
    assert at.error[0].value == "The account “x” cannot be created."


def test_coordinator_cannot_open_accounts(accounts_path, monkeypatch) -> None:
    """The Accounts page is not registered for a coordinator."""
    at = app(accounts_path, monkeypatch).run()
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("pages/accounts.py")


def test_plan_choice_survives_other_pages(demo_db_file, tmp_path, monkeypatch) -> None:
    """The plan chosen on the overview is still chosen after a visit to a page without the selector."""
    at = app(copy_target(demo_db_file, tmp_path, "demo"), monkeypatch).run()
    at.selectbox(key="plan_selector").set_value("Toronto West LIP Strategic Plan 2012-2015").run()
    assert any("Toronto West" in c.value for c in at.caption)
    at.switch_page("pages/submissions.py").run()
    at.switch_page("pages/overview.py").run()
    assert at.selectbox(key="plan_selector").value == "Toronto West LIP Strategic Plan 2012-2015"
    assert any("Toronto West" in c.value for c in at.caption)


def test_meeting_mode_turns_slides_and_leaves(small_path, monkeypatch) -> None:
    """Meeting mode on the small plan: every slide has "Leave meeting", Next turns the slide,
    and "Leave meeting" goes back to the overview."""
    at = app(small_path, monkeypatch).run()
    at.switch_page("pages/meeting.py").run()
    assert not at.exception
    assert at.title[0].value == "Small"
    leave = [b for b in at.button if b.label == "Leave meeting"]
    assert len(leave) == 1
    next(b for b in at.button if b.label == "Next").click().run()
    assert at.title[0].value == "Overall progress"
    assert [h.value for h in at.subheader] == ["All projects: completion per plan year"]
    next(b for b in at.button if b.label == "Leave meeting").click().run()
    assert at.title[0].value == "How far along is each pillar?"
