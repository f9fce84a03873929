"""The French demo account and the French names on the pages (README "Languages"), through
AppTest."""

from __future__ import annotations

from lipmetrics.demo import DEMO_ACCOUNTS

from .databases import copy_target
from .test_app import (  # noqa: F401  (fixtures)
    app,
    button,
    fresh_caches,
    navigation_owns_pages,
)
from .test_app_language import page_names
from .test_app_measures import measures_path  # noqa: F401  (fixture)

FRENCH = next(a for a in DEMO_ACCOUNTS if a.language == "fr")


def overview_words(at) -> str:
    """The words of the overview's text description of its charts (README "Accessibility")."""
    return " ".join(str(e.value) for e in at.markdown)


def signed_in(path, monkeypatch, username: str, password: str):
    at = app(path, monkeypatch, user=None).run()
    fields = list(at.text_input)
    fields[0].set_value(username)
    fields[1].set_value(password)
    return button(at, "Sign in").click().run()


def test_the_french_demo_account_signs_in_speaking_french(demo_db_file, tmp_path, monkeypatch):
    """Signed in on the English sign-in page, the French demo account reads the app in French:
    the navigation, and the demo plan's pillars by their French names. An English account on the
    same server right after reads the names as written (the cached plan is kept per language)."""
    path = copy_target(demo_db_file, tmp_path, "demo")
    at = signed_in(path, monkeypatch, FRENCH.username, FRENCH.password)
    assert not at.exception
    assert "Aperçu" in page_names(at) and "Overview" not in page_names(at)
    words = overview_words(at)
    assert "RÉUSSITE ÉCONOMIQUE\u00a0: 0 projets prévus terminés sur 2" in words
    assert "ECONOMIC SUCCESS" not in words and "(en anglais)" not in words
    english = signed_in(path, monkeypatch, "coordinator", "demo-coordinator")
    assert "Overview" in page_names(english)
    words = overview_words(english)
    assert "ECONOMIC SUCCESS: 0 of 2 scheduled projects complete" in words
    assert "RÉUSSITE" not in words


def test_the_catalogue_page_in_french_edits_a_french_name(measures_path, monkeypatch):  # noqa: F811
    """The catalogue page speaks French, and its edit form sets a metric's French name, which the
    scorecard then shows to French readers (the bundled catalogue has one already: it changes)."""
    at = app(measures_path, monkeypatch)
    at.query_params["lang"] = "fr"
    at.run()
    at.switch_page("pages/catalogue.py").run()
    assert not at.exception
    assert at.title[0].value == "Quels indicateurs mesurons-nous\u00a0?"
    at.selectbox(key="catalogue_edit_metric").set_value("ES-EMPLOYERS").run()
    field = at.text_input(key="edit_ES-EMPLOYERS_name_fr")
    assert (field.label, field.value) == ("Nom en français (facultatif)", "Employeurs mobilisés")
    field.set_value("Employeurs à la table")
    button(at, "Enregistrer les changements").click().run()
    assert not at.exception
    assert " ".join(s.value.replace("\\", "") for s in at.success) == (
        "ES-EMPLOYERS est enregistré (name_fr: Employeurs mobilisés → Employeurs à la table)."
    )
