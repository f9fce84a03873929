"""The navigation by role, as two tables (README "Pages by role"): every page with its section and
the roles that see it, and each role's daily pages, shown in the bar itself (one click away).

At 1024 pixels (a projector) the bar holds about 760 pixels of links before Streamlit folds the last
ones under "N more"; each role's daily pages and sections fit in it (tested in a real browser).
A page whose file is not there yet (another change adds it) is left out until it is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from lipmetrics.i18n import N_

ROOT = Path(__file__).resolve().parent.parent
ALL = ("admin", "coordinator", "partner", "viewer")
STAFF = ("admin", "coordinator")
SIGNED_OUT = "signed out"  # the pseudo-role of a visitor who has not signed in


@dataclass(frozen=True)
class NavPage:
    """One page of the app: its title in the bar, its file, its icon, its section, who sees it.

    The title and the section are in English, and the title is the page's key in these tables and
    in app.py; app.py translates both where it shows them (README "Languages")."""

    title: str
    path: str
    icon: str
    section: str
    roles: tuple[str, ...]


# Every page, grouped by section in the bar's order. "Set up" replaces "Sign in" while the
# database has no administrator; public dashboards add Overview and Plan explorer for visitors.
PAGES = (
    NavPage(N_("Overview"), "pages/overview.py", "dashboard", N_("Progress"), ALL),
    NavPage(N_("Plan explorer"), "pages/explorer.py", "account_tree", N_("Progress"), ALL),
    NavPage(N_("Scorecard"), "pages/scorecard.py", "speed", N_("Progress"), ALL),
    NavPage(N_("Metric detail"), "pages/metric.py", "query_stats", N_("Progress"), ALL),
    NavPage(N_("Reporting"), "pages/reporting.py", "task_alt", N_("Progress"), ALL),
    NavPage(N_("Meeting mode"), "pages/meeting.py", "slideshow", N_("Progress"), ALL),
    NavPage(N_("Reports"), "pages/reports.py", "description", N_("Progress"), ALL),
    NavPage(N_("My reporting"), "pages/partner_home.py", "home", N_("Figures"), ("partner",)),
    NavPage(N_("Send figures"), "pages/submit.py", "upload", N_("Figures"), ("partner", *STAFF)),
    NavPage(
        N_("Submissions"),
        "pages/submissions.py",
        "receipt_long",
        N_("Figures"),
        ("partner", *STAFF),
    ),
    NavPage(N_("Community data"), "pages/indicators.py", "public", N_("Figures"), STAFF),
    NavPage(N_("Metric catalogue"), "pages/catalogue.py", "list_alt", N_("Figures"), STAFF),
    NavPage(N_("Breakdowns"), "pages/breakdowns.py", "splitscreen", N_("Figures"), STAFF),
    NavPage(N_("Partner organisations"), "pages/partners.py", "handshake", N_("Figures"), STAFF),
    NavPage(N_("Status review"), "pages/status_review.py", "fact_check", N_("Plan"), STAFF),
    NavPage(N_("Status words"), "pages/vocabulary.py", "translate", N_("Plan"), STAFF),
    NavPage(N_("Import a workplan"), "pages/import_plan.py", "upload_file", N_("Plan"), STAFF),
    NavPage(N_("Edit the plan"), "pages/plan_edit.py", "edit", N_("Plan"), STAFF),
    NavPage(N_("Audit log"), "pages/audit_log.py", "history", N_("Admin"), STAFF),
    NavPage(N_("Accounts"), "pages/accounts.py", "group", N_("Admin"), ("admin",)),
    NavPage(N_("Sign in"), "pages/sign_in.py", "login", "", (SIGNED_OUT,)),
    NavPage(N_("Set up"), "pages/first_run.py", "rocket_launch", "", (SIGNED_OUT,)),
)

# Each role's daily pages, in the bar itself and in this order; the role's other pages follow in
# their sections' menus (Progress, Figures, Plan, Admin: the short names keep the coordinator's
# bar within 1024 pixels).
DAILY = {
    "viewer": ("Overview", "Plan explorer", "Scorecard", "Meeting mode"),
    "partner": ("My reporting", "Send figures", "Submissions"),
    "coordinator": ("Overview", "Status review", "Meeting mode"),
    "admin": ("Overview", "Status review", "Meeting mode"),
    SIGNED_OUT: ("Sign in",),
}
PUBLIC_PAGES = ("Overview", "Plan explorer")  # what visitors see when dashboards are public
# The page a session opens on: the first of these it has.
LANDING = ("Set up", "My reporting", "Overview", "Sign in")


def _file_exists(path: str) -> bool:
    return (ROOT / path).is_file()


def pages_for(
    role: str | None,
    *,
    public: bool = False,
    needs_setup: bool = False,
    exists: Callable[[str], bool] = _file_exists,
) -> dict[str, list[NavPage]]:
    """The navigation for a role (None: signed out), as ``st.navigation`` takes it: section → pages,
    the daily pages first under the empty section (shown in the bar itself), then each section's
    menu. ``public``: visitors also see the public dashboards; ``needs_setup``: no administrator
    yet, so visitors get "Set up" instead of "Sign in" (app.py passes it once "Set up" exists)."""
    visible = [p for p in PAGES if exists(p.path)]
    if role is None:
        titles = ["Set up" if needs_setup and exists("pages/first_run.py") else "Sign in"]
        if public:
            titles = [*PUBLIC_PAGES, *titles]
        return {"": [p for t in titles for p in visible if p.title == t]}
    mine = [p for p in visible if role in p.roles]
    daily = [p for title in DAILY[role] for p in mine if p.title == title]
    sections: dict[str, list[NavPage]] = {"": daily}
    for page in mine:
        if page not in daily:
            sections.setdefault(page.section, []).append(page)
    return sections


def landing_page(sections: dict[str, list[NavPage]]) -> NavPage:
    """The page a session opens on: the first of :data:`LANDING` it has, else its first page."""
    pages = [p for section in sections.values() for p in section]
    return next((p for title in LANDING for p in pages if p.title == title), pages[0])
