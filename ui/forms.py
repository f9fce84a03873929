"""The sign-in and sign-out forms, as real HTML forms that post to the app's own routes
(web/routes.py) so that the browser receives the session cookie (README "Accounts, roles and
sign-in"). No script: the browser's own form submission, its own password manager.

Fixed markup; the only values put in at run time are the CSRF token and the page to go on to,
both escaped (the architecture test checks that every value here goes through ``escape``).
"""

from __future__ import annotations

from html import escape

import streamlit as st

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
  <label for="lm-username">User name</label>
  <input type="text" id="lm-username" name="username" autocomplete="username"
         autocapitalize="none" spellcheck="false" required>
  <label for="lm-password">Password</label>
  <input type="password" id="lm-password" name="password" autocomplete="current-password" required>
  <label class="lm-check"><input type="checkbox" name="kind" value="meeting">
    This is a meeting display: keep it signed in for the whole meeting</label>
  <input type="hidden" name="csrf" value="{csrf}">
  <input type="hidden" name="next" value="{next}">
  <button type="submit">Sign in</button>
</form>
"""

SIGN_OUT_FORM = """
<form class="lm-sign-out" method="post" action="/auth/sign-out">
  <input type="hidden" name="csrf" value="{csrf}">
  <button type="submit">Sign out</button>
</form>
"""


def sign_in_form(csrf: str, next_path: str) -> None:
    """The sign-in form: user name, password, the meeting-display choice, the "Sign in" button."""
    st.html(FORM_CSS + SIGN_IN_FORM.format(csrf=escape(csrf), next=escape(next_path)))


def sign_out_form(csrf: str) -> None:
    """The "Sign out" button of the account menu, a form of its own."""
    st.html(FORM_CSS + SIGN_OUT_FORM.format(csrf=escape(csrf)))
