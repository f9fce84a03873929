"""Sign in: who are you? (Only signed-in people see the plan, unless the LIP made it public.)"""

import streamlit as st

import ui
from lipmetrics.accounts import ROLE_LABELS, authenticate, user_for_email
from lipmetrics.demo import DEMO_ACCOUNTS, is_demo_database
from lipmetrics.errors import LipmetricsError
from lipmetrics.i18n import _, pgettext
from web.routes import NOTICE_PARAM, NOTICES, REFUSALS

ui.require_navigation()

ui.language_switch()
st.title(_("Sign in to lipmetrics"))
# A refused sign-in comes back with a code (web/routes.py); a session that ended, with its reason.
code = st.query_params.get(NOTICE_PARAM)
if code in REFUSALS:
    st.error(_(NOTICES[code]))
elif code in NOTICES:
    st.info(_(NOTICES[code]))
elif notice := st.session_state.get(ui.NOTICE_KEY):
    st.info(notice)

# Optional single sign-on: with an [auth] section in .streamlit/secrets.toml, Streamlit's OIDC
# sign-in is offered and the verified e-mail is matched to an account.
if ui.sso_configured():
    if st.user.is_logged_in:
        try:
            ui.sign_in(user_for_email(ui.get_db(), st.user.email))
            st.rerun()
        except LipmetricsError as exc:
            ui.show_error(exc)
            st.button(_("Sign out of single sign-on"), on_click=st.logout)
    else:
        st.button(_("Sign in with your organisation's account"), on_click=st.login, type="primary")
        st.caption(_("Or with a lipmetrics user name and password:"))

# A browser given the form nonce by our server posts the form to the sign-in route, which sets the
# session cookie (README "Accounts, roles and sign-in"); without it (AppTest, no cookies) the
# sign-in lives in this browser session only.
if csrf := ui.form_csrf():
    ui.sign_in_form(csrf, ui.page_path())
    submitted = False
else:
    with st.form("sign_in", width=480):
        username = st.text_input(_("User name"), autocomplete="username")
        password = st.text_input(_("Password"), type="password", autocomplete="current-password")
        submitted = st.form_submit_button(pgettext("button", "Sign in"), type="primary")
st.caption(
    _("Forgotten your password? Your LIP's administrator sets a new one on the Accounts page.")
)
if submitted:
    try:
        ui.sign_in(authenticate(ui.get_db(), username, password))
    except LipmetricsError as exc:
        ui.show_error(exc)
    else:
        st.rerun()

if is_demo_database(ui.get_db()):
    st.subheader(_("Demo accounts"))
    st.caption(
        _(
            "This is the demo database: these accounts and passwords are public. "
            "Never use them for real data."
        )
    )
    st.table(
        {
            _("User name"): [a.username for a in DEMO_ACCOUNTS],
            _("Password"): [a.password for a in DEMO_ACCOUNTS],
            _("Role"): [_(ROLE_LABELS[a.role]) for a in DEMO_ACCOUNTS],
            _("Organisation"): [a.partner_code or "" for a in DEMO_ACCOUNTS],
        }
    )
