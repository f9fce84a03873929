"""Sign in: who are you? (Only signed-in people see the plan, unless the LIP made it public.)"""

import streamlit as st

import ui
from lipmetrics.accounts import authenticate, user_for_email
from lipmetrics.demo import DEMO_ACCOUNTS, is_demo_database
from lipmetrics.errors import LipmetricsError
from web.routes import NOTICE_PARAM, NOTICES, REFUSALS

ui.require_navigation()

st.title("Sign in to lipmetrics")
# A refused sign-in comes back with a code (web/routes.py); a session that ended, with its reason.
code = st.query_params.get(NOTICE_PARAM)
if code in REFUSALS:
    st.error(NOTICES[code])
elif notice := NOTICES.get(code) or st.session_state.get(ui.NOTICE_KEY):
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
            st.button("Sign out of single sign-on", on_click=st.logout)
    else:
        st.button("Sign in with your organisation's account", on_click=st.login, type="primary")
        st.caption("Or with a lipmetrics user name and password:")

# A browser given the form nonce by our server posts the form to the sign-in route, which sets the
# session cookie (README "Accounts, roles and sign-in"); without it (AppTest, no cookies) the
# sign-in lives in this browser session only.
if csrf := ui.form_csrf():
    ui.sign_in_form(csrf, ui.page_path())
    submitted = False
else:
    with st.form("sign_in", width=480):
        username = st.text_input("User name", autocomplete="username")
        password = st.text_input("Password", type="password", autocomplete="current-password")
        submitted = st.form_submit_button("Sign in", type="primary")
if submitted:
    try:
        ui.sign_in(authenticate(ui.get_db(), username, password))
    except LipmetricsError as exc:
        ui.show_error(exc)
    else:
        st.rerun()

if is_demo_database(ui.get_db()):
    st.subheader("Demo accounts")
    st.caption(
        "This is the demo database: these accounts and passwords are public. Never use them for real data."
    )
    st.table(
        {
            "User name": [a.username for a in DEMO_ACCOUNTS],
            "Password": [a.password for a in DEMO_ACCOUNTS],
            "Role": [a.role for a in DEMO_ACCOUNTS],
            "Organisation": [a.partner_code or "" for a in DEMO_ACCOUNTS],
        }
    )
