"""lipmetrics: the Streamlit entry point. It owns page config, sign-in, navigation by role (the
tables in ui/navigation.py) and the shared header (plan selector, who is signed in)."""

from pathlib import Path

import streamlit as st

import ui
from lipmetrics.i18n import _
from lipmetrics.settings import load_settings
from ui.navigation import landing_page, pages_for
from ui.style import compact_style

st.set_page_config(
    page_title="lipmetrics",
    page_icon=":material/insights:",
    layout="wide",
    initial_sidebar_state="collapsed",
)

PLAN_PAGES = {
    "Overview", "Plan explorer", "Scorecard", "Reporting", "Reports", "Status review",
    "Edit the plan",
}  # fmt: skip

# Each run holds the database once (opened, or waited for while another program finishes with it)
# and reads the data version its cached reads are keyed by (docs/architecture.md "Caching").
with ui.database_for_run():
    # The language of this run, before anything is shown (README "Languages").
    ui.choose_language()
    user = ui.current_user()
    # No administrator yet: Set up is the only page (README "Accounts, roles and sign-in").
    setup = ui.needs_setup()
    role = None if user is None or setup else user.role
    public = load_settings().public_dashboards and not setup
    sections = pages_for(role, public=public, needs_setup=setup)
    first = landing_page(sections)
    shown = [Path(p.path).stem for ps in sections.values() for p in ps]
    # Signed out at a page's own address: the sign-in page answers there (ui/session.py).
    address = ui.sign_in_address(shown) if role is None else None
    # The bar shows titles and sections translated; each page keeps its English title as its key
    # (PLAN_PAGES and the checks below).
    keys: dict[int, str] = {}
    pages: dict[str, list] = {}
    for section, section_pages in sections.items():
        for p in section_pages:
            page = st.Page(  # the landing page is at / (its own address: below)
                p.path, title=_(p.title), icon=f":material/{p.icon}:", default=p is first,
                url_path="home" if p is first else None,
            )  # fmt: skip
            keys[id(page)] = p.title
            pages.setdefault(_(section) if section else "", []).append(page)
    if first.title not in ("Sign in", "Set up"):  # the landing page answers at its own address
        # too (a link to /overview shared by a partner, whose landing page is another, opens it
        # for staff and for the public dashboards' readers)
        page = st.Page(first.path, title=_(first.title), url_path=Path(first.path).stem,
                       visibility="hidden")  # fmt: skip
        keys[id(page)] = first.title
        pages.setdefault("", []).append(page)
    if address:  # the sign-in page answers there too, hidden from the bar
        page = st.Page(
            "pages/sign_in.py", title=_("Sign in"), url_path=address, visibility="hidden"
        )
        keys[id(page)] = "Sign in"
        pages.setdefault("", []).append(page)
    # Navigation along the top leaves the full width to the charts (a 1024-pixel projector too).
    navigation = st.navigation(pages, position="top")
    title = keys.get(id(navigation), navigation.title)
    if title != "Meeting mode":  # a meeting shows only its slides, in its own style
        compact_style()  # the first figures in the top half of a 1024×768 screen
    if title not in ("Sign in", "Meeting mode", "Set up"):
        ui.page_header(title in PLAN_PAGES, user)
        if title == "Overview":  # where an administrator lands after set-up and sign-in
            ui.show_next_steps(user)
    if user is not None and ui.session_token() is not None:
        ui.watch_session()  # a session ended elsewhere shows the sign-in page within a minute
    navigation.run()
