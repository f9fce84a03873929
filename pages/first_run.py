"""Set up: make the first administrator (the only page while the database has none)."""

import streamlit as st

import ui
from lipmetrics.accounts import create_first_admin
from lipmetrics.errors import LipmetricsError
from lipmetrics.i18n import _

ui.require_navigation()
code = ui.setup_code()  # made and printed to the server's log on the first visit

ui.language_switch()
st.title(_("Set up lipmetrics"))
refusal = st.empty()  # above the form: on a projector the form fills the screen
area = st.empty()  # what to do, then the form: the sign-in form once the administrator exists
with area.container():
    st.markdown(
        _(
            "This lipmetrics has no administrator yet, so nobody can sign in. Make the first "
            "administrator here: that account then adds the other accounts, the partner "
            "organisations and the plan."
        )
    )
    st.markdown(
        _(
            "To show that you run this server, type its **set-up code**. The server printed it "
            "where it was started (the terminal window of the server, or its log), on a line that "
            "begins with “lipmetrics set-up code:”. If you cannot read that window, ask the person "
            "who installed lipmetrics for the code."
        )
    )
    with st.form("set_up", width=480):
        entered = st.text_input(_("Set-up code"), placeholder="ABCD-EF23", autocomplete="off")
        username = st.text_input(
            _("User name"),
            help=_("2-40 lower-case letters, digits, dots, dashes or underscores"),
            autocomplete="username",
        )
        name = st.text_input(_("Name shown on screen"))
        password = st.text_input(
            _("Password (at least 10 characters)"), type="password", autocomplete="new-password"
        )
        repeated = st.text_input(
            _("The same password again"), type="password", autocomplete="new-password"
        )
        submitted = st.form_submit_button(_("Create the administrator"), type="primary")
if submitted:
    try:
        admin = create_first_admin(ui.get_db(), code, entered, username, name, password, repeated)
    except LipmetricsError as exc:
        with refusal.container():
            ui.show_error(exc)
    else:
        ui.setup_code.clear()  # spent: a database that loses its administrators gets a new code
        if csrf := ui.form_csrf():
            # A browser: the sign-in route starts the session and sets its cookie, as for any
            # sign-in (README "Accounts, roles and sign-in", The first administrator).
            area.empty()
            st.success(
                _(
                    "The administrator “{username}” is made. Sign in with its password to start "
                    "your session in this browser."
                ).format(username=admin.username)
            )
            st.markdown(ui.next_steps())
            ui.sign_in_form(csrf, "/", admin.username)
        else:  # no cookies (AppTest): signed in for this browser session only
            ui.sign_in(admin)
            st.session_state[ui.NEXT_STEPS_KEY] = True
            st.rerun()
