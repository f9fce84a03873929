"""The sign-in and sign-out forms, as real HTML forms that post to the app's own routes
(web/routes.py) so that the browser receives the session cookie (README "Accounts, roles and
sign-in"). No script: the browser's own form submission, its own password manager. Also the EN/FR
switch: a plain link to this page in the other language (README "Languages").

Fixed markup; the only values put in at run time are the CSRF token, the page to go on to and
the form's words in the language of the run (README "Languages"), all escaped (the architecture test checks that every value here goes through ``escape``).
"""

from __future__ import annotations

from html import escape
from urllib.parse import urlencode

import streamlit as st

from lipmetrics.i18n import _, pgettext
from web.language import LANGUAGE_PARAM

# The form's look, close to Streamlit's own widgets (the theme's colours, README "Accessibility":
# text and button at AA contrast).
FORM_CSS = """
<style>
.lm-form { display: flex; flex-direction: column; gap: 0.35rem; max-width: 480px;
  border: 1px solid rgba(26, 26, 26, 0.2); border-radius: 0.5rem; padding: 1rem 1.25rem; }
.lm-form label { font-size: 0.9rem; color: #1A1A1A; }
.lm-form input[type="text"], .lm-form input[type="password"] { font: inherit; color: #1A1A1A;
  background: #F0F2F6; border: 1px solid #8A8F99; border-radius: 0.5rem; padding: 0.45rem 0.75rem;
  margin-bottom: 0.5rem; }
.lm-form input:focus-visible, .lm-form button:focus-visible { outline: 2px solid #0072B2;
  outline-offset: 2px; }
.lm-form .lm-check { display: flex; gap: 0.5rem; align-items: center; margin-bottom: 0.5rem; }
.lm-form button { align-self: flex-start; font: inherit; color: #FFFFFF; background: #0072B2;
  border: 1px solid #0072B2; border-radius: 0.5rem; padding: 0.35rem 0.9rem; cursor: pointer; }
.lm-sign-out { margin: 0; }
.lm-sign-out button { font: inherit; color: #1A1A1A; background: #FFFFFF; cursor: pointer;
  border: 1px solid rgba(26, 26, 26, 0.3); border-radius: 0.5rem; padding: 0.3rem 0.8rem; }
</style>
"""

SIGN_IN_FORM = """
<form class="lm-form" method="post" action="/auth/sign-in">
  <label for="lm-username">{user_name}</label>
  <input type="text" id="lm-username" name="username" autocomplete="username"
         autocapitalize="none" spellcheck="false" value="{username}" required>
  <label for="lm-password">{password}</label>
  <input type="password" id="lm-password" name="password" autocomplete="current-password" required>
  <label class="lm-check"><input type="checkbox" name="kind" value="meeting">
    {meeting}</label>
  <input type="hidden" name="csrf" value="{csrf}">
  <input type="hidden" name="next" value="{next}">
  <button type="submit">{sign_in}</button>
</form>
"""

SIGN_OUT_FORM = """
<form class="lm-sign-out" method="post" action="/auth/sign-out">
  <input type="hidden" name="csrf" value="{csrf}">
  <button type="submit">{sign_out}</button>
</form>
"""


# The EN/FR switch: the language of the page marked, a link to the same page in the other one.
SWITCH_CSS = """
<style>
.lm-language { display: flex; gap: 0.6rem; align-items: center; white-space: nowrap; }
.lm-language a { color: #0068A8; text-decoration: underline; }
.lm-language a:focus-visible { outline: 2px solid #0072B2; outline-offset: 2px; }
.lm-language strong { color: #1A1A1A; font-weight: 600; }
</style>
"""

LANGUAGE_SWITCH = """
<nav class="lm-language" aria-label="{label}">
  <strong lang="{here}" aria-current="true">{here_name}</strong>
  <a href="?{query}" lang="{there}" hreflang="{there}">{there_name}</a>
</nav>
"""


def sign_in_form(csrf: str, next_path: str, username: str = "") -> None:
    """The sign-in form: user name (``username`` filled in), password, the meeting-display choice,
    the "Sign in" button."""
    form = SIGN_IN_FORM.format(
        user_name=escape(_("User name")),
        password=escape(_("Password")),
        meeting=escape(_("This is a meeting display: keep it signed in for the whole meeting")),
        sign_in=escape(pgettext("button", "Sign in")),
        csrf=escape(csrf),
        next=escape(next_path),
        username=escape(username),
    )
    st.html(FORM_CSS + form)


def sign_out_form(csrf: str) -> None:
    """The "Sign out" button of the account menu, a form of its own."""
    st.html(FORM_CSS + SIGN_OUT_FORM.format(sign_out=escape(_("Sign out")), csrf=escape(csrf)))


def language_links(
    label: str, here: str, here_name: str, there: str, there_name: str, keep: dict[str, str]
) -> None:
    """The EN/FR switch: ``here`` (the page's language) marked, a link to ``there`` (?lang=),
    carrying ``keep`` in its address too (meeting mode's ``slide``)."""
    switch = LANGUAGE_SWITCH.format(
        label=escape(label),
        here=escape(here),
        here_name=escape(here_name),
        query=escape(urlencode({LANGUAGE_PARAM: there, **keep})),
        there=escape(there),
        there_name=escape(there_name),
    )
    st.html(SWITCH_CSS + switch, width="content")
