"""First run: whether the Set up page is the only page, and the next steps shown to the
administrator it made (README "Accounts, roles and sign-in", The first administrator)."""

from __future__ import annotations

import streamlit as st

from lipmetrics.accounts import User, has_admin
from lipmetrics.i18n import N_, _
from ui.data import get_db, plans_frame
from ui.keys import NEXT_STEPS_KEY

# Each step names the page to open, as the navigation shows it; one whole sentence each.
NEXT_STEPS = (
    N_("On the **Partner organisations** page, add the organisations that send you their figures."),
    N_(
        "On the **Metric catalogue** page, list the shared measures and which partners report "
        "each one."
    ),
    N_("On the **Import a workplan** page, bring in your workplan (an Excel or CSV file)."),
    N_(
        "On the **Accounts** page, give each coordinator, partner and viewer an account of their "
        "own."
    ),
)
# The pages the steps name, in their order: linked once the administrator is signed in.
NEXT_PAGES = (
    "pages/partners.py",
    "pages/catalogue.py",
    "pages/import_plan.py",
    "pages/accounts.py",
)


def needs_setup() -> bool:
    """True while the database has no active administrator: the app then shows only Set up."""
    return not has_admin(get_db())


def next_steps() -> str:
    """What the new administrator does next, page by page, as a numbered markdown list."""
    heading = _("Next steps")
    return f"**{heading}**\n\n" + "\n".join(f"1. {_(step)}" for step in NEXT_STEPS)


def show_next_steps(user: User | None) -> None:
    """Above the overview, until hidden: what the new administrator does next, page by page.
    Shown after set-up, and to an administrator while the LIP has no plan yet: in a browser the
    administrator signs in through the sign-in route, which starts a new session (the trial
    saw no steps there). Only on the overview: on the pages it links, it would be in the way."""
    shown = st.session_state.get(NEXT_STEPS_KEY)
    if shown is None:
        shown = user is not None and user.role == "admin" and plans_frame().empty
    if not shown:
        return
    with st.container(border=True):
        st.success(_("You are the administrator of this lipmetrics now, and you are signed in."))
        st.markdown(next_steps())
        for column, page in zip(st.columns(len(NEXT_PAGES)), NEXT_PAGES, strict=True):
            column.page_link(
                page, icon=":material/arrow_forward:"
            )  # named as the navigation names it
        if st.button(_("Hide these steps"), icon=":material/close:"):
            st.session_state[NEXT_STEPS_KEY] = False
            st.rerun()
