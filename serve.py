"""Start the lipmetrics app: ``python serve.py [streamlit options]`` (what ``make run`` does).

The app is served through Streamlit's ``st.App`` (below, ``app``), which adds our own routes
beside Streamlit's: sign-in and sign-out, which set and clear the session cookie, and the
middleware that gives each browser its forms' nonce (web/routes.py; README "Accounts, roles and
sign-in"), and the middleware that writes the page's ``<html lang>`` in the language of the page
load (web/language.py; README "Languages"). ``streamlit run serve.py`` finds ``app`` and serves it with the options given.

Streamlit treats a folder named ``pages/`` beside the entry point as its legacy multipage app until
the first ``st.navigation`` call switches that off. Until then the very first request of a fresh
server is served without app.py (and shows a "page not found" notice). Switching it off before the
server starts sends every request, the first one too, through app.py's navigation and sign-in.
"""

import sys
from pathlib import Path

import streamlit as st
from starlette.middleware import Middleware

from web.language import PageLanguage
from web.routes import ROUTES, FormNonce

app = st.App(
    Path(__file__).with_name("app.py"),
    routes=ROUTES,
    middleware=[Middleware(FormNonce), Middleware(PageLanguage)],
)


def main() -> None:
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.web import cli

    PagesManager.uses_pages_directory = False
    sys.argv = ["streamlit", "run", str(Path(__file__).resolve()), *sys.argv[1:]]
    sys.exit(cli.main())


if __name__ == "__main__":
    main()
