"""Small widgets every page shares: the header (plan selector, account), plan years, CSV downloads."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from lipmetrics.accounts import User
from lipmetrics.errors import LipmetricsError
from lipmetrics.files import to_csv_bytes
from lipmetrics.i18n import N_, _, pgettext
from lipmetrics.plan import PlanData, default_plan_name, plan_year_shown, shown_plan_names
from lipmetrics.submissions import restore, state_word, withdraw
from ui.data import clear_caches, plan_data, plans_frame
from ui.errors import show_error
from ui.forms import sign_out_form
from ui.keys import IMPORT_PAGE, PLAN_KEY, PLAN_WIDGET_KEY
from ui.language import language_switch
from ui.markdown import text
from ui.session import current_user, form_csrf, session_token, sign_out

# Each role as the account menu names it (translated where shown).
ROLE_WORDS = {
    "admin": N_("admin"),
    "coordinator": N_("coordinator"),
    "partner": N_("partner"),
    "viewer": N_("viewer"),
}


def year_label(data: PlanData, plan_year: int) -> str:
    """ "Year 2 (2017)": a plan year with its calendar year."""
    return _("Year {number} ({year})").format(
        number=plan_year, year=data.start_year + plan_year - 1
    )


def said(options, say: Callable[[Any], str]) -> Callable[[Any], str]:
    """A ``format_func`` whose words are made now, in this run's language: Streamlit (and AppTest)
    may format an option again after the run, where the language is no longer set."""
    words = {option: say(option) for option in options}
    return lambda option: words.get(option, str(option))


def plan_year_choices(data: PlanData, key: str) -> list[int]:
    """The plan's years, for a plan-year widget kept under ``key``; call it before the widget.

    Puts under ``key`` the year to show (:func:`lipmetrics.plan.plan_year_shown`: the one picked
    before when this plan has it, else the current plan year).
    """
    shown = plan_year_shown(data, st.session_state.get(key))
    if st.session_state.get(key) != shown:
        st.session_state[key] = shown
    return list(range(1, data.years + 1))


def choose_plan() -> None:
    """Show the plan selector shared by every page, above the page (nothing when there is no plan).

    The choice is kept under its own key, not the widget's: Streamlit forgets a widget's state on
    pages that do not show it, and the plan must survive a visit to, say, the submissions page.
    """
    plans = plans_frame()
    if plans.empty:
        return
    names = plans["name"].astype(str).tolist()
    if st.session_state.get(PLAN_KEY) not in names:
        st.session_state[PLAN_KEY] = default_plan_name(plans)

    def remember() -> None:
        st.session_state[PLAN_KEY] = st.session_state[PLAN_WIDGET_KEY]

    shown = shown_plan_names(plans)  # the name kept, the name shown (README "Languages")
    st.selectbox(
        _("Plan"), names, index=names.index(st.session_state[PLAN_KEY]), key=PLAN_WIDGET_KEY,
        on_change=remember, width=520, label_visibility="collapsed", format_func=shown.get,
    )  # fmt: skip


def page_header(with_plan: bool, user: User | None) -> None:
    """The header above every page but sign-in and meeting mode, on one short row: the plan
    selector (on the pages that depend on the plan) on the left, the EN/FR switch and the account
    menu on the right."""
    with st.container(horizontal=True, vertical_alignment="center"):
        if with_plan:
            choose_plan()
        st.space("stretch")  # the account menu at the right end, with or without a plan selector
        language_switch()
        if user is not None:
            with st.popover(user.username, icon=":material/account_circle:", type="tertiary"):
                role = _(ROLE_WORDS.get(user.role, user.role))
                st.caption(
                    _("Signed in as {name} ({role})").format(
                        name=text(user.display_name), role=role
                    )
                )
                if session_token() is not None:  # signed in by the cookie: the route ends it
                    sign_out_form(form_csrf())
                elif st.button(_("Sign out"), icon=":material/logout:"):
                    sign_out(_("You are signed out."))
                    st.rerun()


def selected_plan() -> PlanData:
    """Return the plan chosen above the page, or stop the page with what to do when there is none."""
    if st.session_state.get(PLAN_KEY) is None and not plans_frame().empty:
        st.session_state[PLAN_KEY] = default_plan_name(plans_frame())
    name = st.session_state.get(PLAN_KEY)
    if not name:
        st.title(_("No plan yet"))
        st.info(
            _(
                "The database has no plan yet. A coordinator or an administrator brings the "
                "workplan in (an Excel or CSV file) on the Import a workplan page, and its "
                "progress shows here."
            )
        )
        user = current_user()
        if user is not None and user.can("import_plan"):
            st.page_link(IMPORT_PAGE, label=_("Import a workplan"), icon=":material/upload_file:")
        st.stop()
    try:
        return plan_data(name)
    except LipmetricsError as exc:
        show_error(exc)
        st.stop()


def csv_download(frame: pd.DataFrame, file_name: str, label: str | None = None) -> None:
    """The table as CSV, formula cells neutralised (Streamlit's own table export is switched off in
    .streamlit/config.toml because it does not neutralise them)."""
    st.download_button(  # made when clicked, not on every run (docs/benchmarks.md)
        label or _("Download this table (CSV)"),
        lambda: to_csv_bytes(frame),
        file_name,
        "text/csv",
        key=f"csv_{file_name}",
    )


def submission_names(ledger: pd.DataFrame) -> dict[int, str]:
    """Each submission of ``ledger`` (:func:`~lipmetrics.submissions.submissions`) as a list shows
    it: "12 — file.csv (withdrawn)", its state in the session's language."""
    states = ledger["state"].map(state_word)
    names = ledger["id"].astype(str) + " — " + ledger["file_name"] + " (" + states + ")"
    return dict(zip(ledger["id"], names, strict=True))


def corrections_note() -> None:
    """Above a partner's submissions: how to correct a value, and whom to ask to withdraw a file
    sent by mistake (a partner cannot withdraw one)."""
    st.caption(_(
        "To correct a value, send a file with the right value: it replaces the one sent "
        "before. A file sent by mistake? Ask your LIP coordinator to withdraw it: its values "
        "then no longer count, and it stays in this list, marked withdrawn."
    ))  # fmt: skip


def withdraw_or_restore(db, user: User, ledger: pd.DataFrame) -> None:
    """Under the submissions: a coordinator's form to withdraw or restore one of ``ledger``'s
    submissions with a reason (nothing for a partner: :func:`corrections_note`)."""
    if ledger.empty or not user.can("record_status"):
        return
    with st.form("withdraw_or_restore"):
        st.subheader(_("Withdraw or restore a submission"))
        names = submission_names(ledger)
        chosen = st.selectbox(_("Submission"), ledger["id"].tolist(), format_func=names.get)
        reason = st.text_input(_("Reason"))
        left, right = st.columns(2)
        take_out = left.form_submit_button(pgettext("button", "Withdraw"))
        put_back = right.form_submit_button(pgettext("button", "Restore"))
    if take_out or put_back:
        try:
            (withdraw if take_out else restore)(db, user, chosen, reason)
        except LipmetricsError as exc:
            show_error(exc)
        else:
            clear_caches()
            done = _("Submission {id} withdrawn.") if take_out else _("Submission {id} restored.")
            st.success(done.format(id=chosen))
            st.rerun()
