"""Choosing the language in the app through AppTest (README "Languages"): ``?lang=`` in the
address, the account's remembered language, English by default; the sign-in page, the header and
the navigation in French."""

from __future__ import annotations

import pytest

from lipmetrics.accounts import get_user, set_user_language
from lipmetrics.store import Database

from .test_app import (  # noqa: F401  (fixtures)
    accounts_path,
    app,
    button,
    fresh_caches,
    navigation_owns_pages,
)

NBSP = "\u00a0"


def page_names(at) -> list[str]:
    return sorted(p.get("page_name") for p in at._registered_pages.values())  # noqa: SLF001


def sign_in(at, username: str, button_label: str):
    fields = list(at.text_input)  # the user name, then the password
    fields[0].set_value(username)
    fields[1].set_value(f"{username}-long-password")
    return button(at, button_label).click().run()


def account_language(path, username: str) -> str | None:
    database = Database(path)
    try:
        return get_user(database, username).language
    finally:
        database.close()


@pytest.mark.parametrize(
    ("lang", "title", "labels", "button_label", "switch"),
    [
        (None, "Sign in to lipmetrics", ["User name", "Password"], "Sign in", 'href="?lang=fr"'),
        ("en", "Sign in to lipmetrics", ["User name", "Password"], "Sign in", 'href="?lang=fr"'),
        ("fr", "Connexion à lipmetrics", ["Nom d’utilisateur", "Mot de passe"], "Se connecter",
         'href="?lang=en"'),
        ("de", "Sign in to lipmetrics", ["User name", "Password"], "Sign in", 'href="?lang=fr"'),
    ],
)  # fmt: skip
def test_the_sign_in_page_speaks_the_language_asked(
    accounts_path,  # noqa: F811
    monkeypatch,
    lang,
    title,
    labels,
    button_label,
    switch,
) -> None:
    """``?lang=fr`` gives the sign-in page in French, with the switch back to English; without it
    (or with a language lipmetrics does not speak) the page is in English."""
    at = app(accounts_path, monkeypatch, user=None)
    if lang:
        at.query_params["lang"] = lang
    at.run()
    assert not at.exception
    assert at.title[0].value == title
    assert [t.label for t in at.text_input] == labels
    assert [b.label for b in at.button] == [button_label]
    switches = [h.proto.body for h in at.get("html") if "lm-language" in h.proto.body]
    assert len(switches) == 1 and switch in switches[0]
    assert page_names(at) == [{"fr": "Connexion"}.get(lang, "Sign in")]


def test_a_refusal_is_said_in_french(accounts_path, monkeypatch) -> None:  # noqa: F811
    """A code the sign-in route sends back (web/routes.py NOTICES) is shown in the page's language."""
    at = app(accounts_path, monkeypatch, user=None)
    at.query_params["lang"] = "fr"
    at.query_params["signin"] = "refused"
    at.run()
    assert at.error[0].value == (
        "Le nom d’utilisateur ou le mot de passe n’est pas le bon. Vérifiez-les et réessayez."
    )


def test_the_account_remembers_the_language_chosen(accounts_path, monkeypatch) -> None:  # noqa: F811
    """Signed in with ``?lang=fr``: the account keeps French, and the next runs without ``?lang=``
    are in French too, in this session and in a new one; ``?lang=en`` takes English back."""
    assert account_language(accounts_path, "cora") is None
    at = app(accounts_path, monkeypatch, user=None)
    at.query_params["lang"] = "fr"
    at.run()
    at = sign_in(at, "cora", "Se connecter")
    assert not at.exception
    assert account_language(accounts_path, "cora") == "fr"
    assert "Aperçu" in page_names(at) and "Overview" not in page_names(at)
    assert [c.value for c in at.caption if c.value.startswith("Session")] == [
        f"Session ouverte{NBSP}: cora ({'coordonnateur'})"
    ]
    del at.query_params["lang"]
    at.run()
    assert "Aperçu" in page_names(at)
    # A new session without ?lang=: signed in on the English page, then the account's French.
    again = app(accounts_path, monkeypatch, user=None).run()
    assert again.title[0].value == "Sign in to lipmetrics"
    again = sign_in(again, "cora", "Sign in")
    assert "Revue des statuts" in page_names(again)
    again.query_params["lang"] = "en"
    again.run()
    assert "Status review" in page_names(again)
    assert account_language(accounts_path, "cora") == "en"


def test_an_account_that_never_chose_stays_in_english(accounts_path, monkeypatch) -> None:  # noqa: F811
    """Another account's French choice is its own: vic signs in and reads English."""
    database = Database(accounts_path)
    set_user_language(database, get_user(database, "cora"), "fr")
    database.close()
    at = sign_in(app(accounts_path, monkeypatch, user=None).run(), "vic", "Sign in")
    assert "Overview" in page_names(at)
    assert account_language(accounts_path, "vic") is None


def test_the_navigation_and_header_in_french(accounts_path, monkeypatch) -> None:  # noqa: F811
    """The bar's titles and sections in French; the header stays on the plan pages (PLAN_PAGES
    keeps the English titles as keys) with the plan selector and the switch back to English."""
    at = app(accounts_path, monkeypatch)  # the coordinator of test_app, a sign-in of this tab
    at.query_params["lang"] = "fr"
    at.run()
    assert not at.exception
    assert page_names(at) == sorted([  # the landing page twice: at / and at /overview
        "Aperçu", "Aperçu", "Explorateur du plan", "Tableau de bord", "Détail d’un indicateur",
        "Suivi des rapports", "Mode réunion", "Rapports", "Envoyer des chiffres", "Soumissions",
        "Données communautaires", "Catalogue des indicateurs", "Ventilations",
        "Organismes partenaires", "Revue des statuts", "Mots de statut",
        "Importer un plan de travail", "Modifier le plan", "Journal d’audit",
    ])  # fmt: skip
    assert [s.label for s in at.selectbox][:1] == ["Plan"]  # the header's plan selector
    switches = [h.proto.body for h in at.get("html") if "lm-language" in h.proto.body]
    assert len(switches) == 1 and 'href="?lang=en"' in switches[0]
