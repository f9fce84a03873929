"""The language of this run of the app, and the EN/FR switch (README "Languages").

app.py calls :func:`choose_language` first, before anything is shown. The language is, in this
order: ``?lang=`` in the address; else the signed-in account's remembered language; else the
``lipmetrics_lang`` cookie (set by web/language.py when an address had ``?lang=``, and by the
sign-in route from the account); else the browser's language. A signed-in person's ``?lang=``
choice is remembered on the account. The switch is a plain link to the same page with ``?lang=``:
a whole page load, so the page's ``<html lang>`` follows too (web/language.py).
"""

from __future__ import annotations

import streamlit as st

from lipmetrics.i18n import LANGUAGES, _, current_language, language_code, preferred_language
from lipmetrics.i18n import set_language as speak
from ui.forms import language_links
from ui.session import current_user, remember_language, request_cookie, request_header
from web.language import LANGUAGE_COOKIE, LANGUAGE_PARAM


def _browser_language() -> str:
    """The browser's language: its Accept-Language header, else the locale Streamlit was told."""
    accept = request_header("accept-language")
    if accept:
        return preferred_language(accept)
    locale = st.context.locale
    return language_code(locale if isinstance(locale, str) else None) or preferred_language(None)


def choose_language() -> str:
    """Set the language of this run (:func:`lipmetrics.i18n.set_language`) and return it."""
    value = st.query_params.get(LANGUAGE_PARAM)
    asked = language_code(value if isinstance(value, str) else None)
    cookie = language_code(request_cookie(LANGUAGE_COOKIE))
    speak(asked or cookie or _browser_language())  # before the account is read: its sentences too
    user = current_user()
    if user is not None and asked and asked != user.language:
        remember_language(user, asked)
    elif user is not None and not asked and user.language:
        speak(user.language)
    return current_language()


def language_switch(keep: dict[str, str] | None = None) -> None:
    """The EN/FR switch: the current language marked, a link to this page in the other one, its
    address carrying ``keep`` as well (meeting mode keeps its slide: README "Languages")."""
    here = current_language()
    there = next(code for code in LANGUAGES if code != here)
    language_links(
        _("Language of the pages"), here, LANGUAGES[here], there, LANGUAGES[there], keep or {}
    )
