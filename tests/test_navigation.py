"""The navigation by role (ui/navigation.py, README "Pages by role"): each role's bar, checked
against the table written out by hand here, and the pages other changes add shown once they exist."""

from __future__ import annotations

import pytest

from lipmetrics.accounts.auth import PERMISSIONS
from ui.navigation import PAGES, ROOT, SIGNED_OUT, landing_page, pages_for

# What each role sees today (the pages whose files exist on this branch): the daily pages in the
# bar itself, then each section's menu.
EXPECTED = {
    "viewer": {
        "": ["Overview", "Plan explorer", "Scorecard", "Meeting mode"],
        "Progress": ["Metric detail", "Reporting", "Reports"],
    },
    "partner": {
        "": ["Send figures", "Submissions"],
        "Progress": [
            "Overview", "Plan explorer", "Scorecard", "Metric detail", "Reporting", "Meeting mode",
            "Reports",
        ],
    },
    "coordinator": {
        "": ["Overview", "Status review", "Meeting mode"],
        "Progress": ["Plan explorer", "Scorecard", "Metric detail", "Reporting", "Reports"],
        "Figures": ["Send figures", "Submissions", "Community data", "Metric catalogue"],
        "Plan": ["Status words", "Import a workplan", "Edit the plan"],
        "Admin": ["Audit log"],
    },
    "admin": {
        "": ["Overview", "Status review", "Meeting mode"],
        "Progress": ["Plan explorer", "Scorecard", "Metric detail", "Reporting", "Reports"],
        "Figures": ["Send figures", "Submissions", "Community data", "Metric catalogue"],
        "Plan": ["Status words", "Import a workplan", "Edit the plan"],
        "Admin": ["Audit log", "Accounts"],
    },
}  # fmt: skip
TODAY = {
    "pages/partner_home.py",
    "pages/first_run.py",
    "pages/partners.py",
    "pages/breakdowns.py",
}  # fmt: skip  (the pages other changes are adding)


def titles(sections) -> dict[str, list[str]]:
    return {name: [p.title for p in pages] for name, pages in sections.items()}


def today(path: str) -> bool:
    return path not in TODAY


@pytest.mark.parametrize("role", list(EXPECTED))
def test_each_role_sees_its_daily_pages_in_the_bar(role) -> None:
    assert titles(pages_for(role, exists=today)) == EXPECTED[role]


@pytest.mark.parametrize(
    ("public", "needs_setup", "expected"),
    [
        (False, False, ["Sign in"]),
        (True, False, ["Overview", "Plan explorer", "Sign in"]),
        (False, True, ["Set up"]),
    ],
)
def test_visitors(public, needs_setup, expected) -> None:
    sections = pages_for(None, public=public, needs_setup=needs_setup, exists=lambda _: True)
    assert titles(sections) == {"": expected}
    assert landing_page(sections).title == expected[0]


def test_set_up_waits_for_its_page() -> None:
    """No "Set up" page yet: a database without an administrator still shows the sign-in page."""
    assert titles(pages_for(None, needs_setup=True, exists=today)) == {"": ["Sign in"]}


@pytest.mark.parametrize(
    ("role", "section", "expected"),
    [
        ("partner", "", ["My reporting", "Send figures", "Submissions"]),
        ("coordinator", "Figures", [
            "Send figures", "Submissions", "Community data", "Metric catalogue", "Breakdowns",
            "Partner organisations",
        ]),
        ("admin", "Plan", ["Status words", "Import a workplan", "Edit the plan"]),
        ("viewer", "Progress", ["Metric detail", "Reporting", "Reports"]),
    ],
)  # fmt: skip
def test_pages_being_added_join_once_their_file_exists(role, section, expected) -> None:
    assert titles(pages_for(role, exists=lambda _: True))[section] == expected


def test_partner_lands_on_my_reporting_once_it_exists() -> None:
    assert landing_page(pages_for("partner", exists=lambda _: True)).title == "My reporting"
    assert landing_page(pages_for("partner", exists=today)).title == "Overview"


# The pages that check a permission: the roles that see them are exactly the roles allowed.
GUARDED = {
    "Status review": "record_status",
    "Status words": "record_status",
    "Import a workplan": "import_plan",
    "Edit the plan": "import_plan",
    "Send figures": "submit_metrics",
    "Submissions": "submit_metrics",
    "Community data": "manage_targets",
    "Metric catalogue": "manage_partners",
    "Audit log": "view_audit",
    "Accounts": "manage_accounts",
}


@pytest.mark.parametrize(("title", "permission"), GUARDED.items())
def test_a_guarded_page_is_shown_to_the_roles_allowed(title, permission) -> None:
    page = next(p for p in PAGES if p.title == title)
    assert set(page.roles) == PERMISSIONS[permission]
    assert f'require_permission("{permission}")' in (ROOT / page.path).read_text(encoding="utf-8")


def test_every_page_once_and_in_a_known_section() -> None:
    assert len({p.path for p in PAGES}) == len({p.title for p in PAGES}) == len(PAGES)
    assert {p.section for p in PAGES} == {"", "Progress", "Figures", "Plan", "Admin"}
    assert {p.section for p in PAGES if SIGNED_OUT in p.roles} == {""}
