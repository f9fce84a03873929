"""A plan's own French name through AppTest (README "Languages"): the plan selector and the
headings show it in French, the selection keeps the plan's name, and Edit the plan sets it with a
reason and an audit entry."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from lipmetrics.accounts import OPERATOR, audit_entries
from lipmetrics.store import Database, queries

from .test_app import app, fresh_caches, navigation_owns_pages, small_path  # noqa: F401
from .test_app_plan_edit import save
from .test_app_ui import as_shown

PAGE = "pages/plan_edit.py"
NBSP = "\u00a0"


def selector(at: AppTest):
    return at.selectbox(key="plan_selector")


def plan_id(path) -> int:
    database = Database(path)
    with database.cursor() as cur:
        found = int(queries.plan_by_name(cur, "Small")["id"])
    database.close()
    return found


def overview_caption(at: AppTest) -> str:
    """The overview's caption that names the plan (the one with its plan years)."""
    return next(as_shown(c.value) for c in at.caption if "2020" in c.value)


def test_the_plan_selector_shows_the_french_name_and_keeps_the_plan(small_path, monkeypatch):  # noqa: F811
    """Before: French shows the name marked as in English. After the French name is saved on Edit
    the plan (a reason, an audit entry), French shows it in the selector and the overview; the
    selection and English stay the plan's name."""
    at = app(small_path, monkeypatch).run()
    assert (selector(at).value, selector(at).options) == ("Small", ["Small"])
    at.query_params["lang"] = "fr"
    at.run()
    assert not at.exception
    assert (selector(at).value, selector(at).options) == ("Small", ["Small (en anglais)"])
    at.query_params["lang"] = "en"
    at.switch_page(PAGE).run()
    picker = next(s for s in at.selectbox if s.label == "Item of the plan")
    assert picker.options[0] == "Plan: Small"  # the plan itself first, then its items
    at = picker.set_value(f"plan:{plan_id(small_path)}").run()
    assert [t.label for t in at.tabs] == ["French name"]
    at = save(at, "French name", {"French name": "Petit plan"}, "translated for the committee")
    assert not at.exception
    assert as_shown(at.success[0].value) == "The French name of “Small” is now “Petit plan”."
    database = Database(small_path)
    log = audit_entries(database, OPERATOR, actions=["French name set"])
    database.close()
    assert log[["target", "detail", "reason"]].values.tolist() == [
        ["Small", "French name: “” → “Petit plan”", "translated for the committee"]
    ]
    at.switch_page("pages/overview.py").run()
    assert (selector(at).value, selector(at).options) == ("Small", ["Small"])
    assert overview_caption(at).startswith("Small · plan years 2020–2022")
    at.query_params["lang"] = "fr"
    at.run()
    assert not at.exception
    assert (selector(at).value, selector(at).options) == ("Small", ["Petit plan"])
    assert at.session_state["selected_plan"] == "Small"
    assert overview_caption(at).startswith("Petit plan · années du plan 2020 à 2022")


def test_the_plan_french_name_edited_in_french(small_path, monkeypatch) -> None:  # noqa: F811
    """In a French session the plan is the first item of Edit the plan; its « Nom français » tab
    saves the French name with a reason, writes the audit entry and the selector shows it."""
    at = app(small_path, monkeypatch)
    at.query_params["lang"] = "fr"
    at.run()
    at.switch_page(PAGE).run()
    picker = next(s for s in at.selectbox if s.label == "Élément du plan")
    at = picker.set_value(f"plan:{plan_id(small_path)}").run()
    tab = next(t for t in at.tabs if t.label == "Nom français")
    next(w for w in tab.text_input if w.label == "Nom français").set_value("Petit plan")
    next(w for w in tab.text_input if w.label == "Raison de ce changement").set_value("traduit")
    at = tab.button[0].click().run()
    assert not at.exception
    assert as_shown(at.success[0].value) == (
        f"Le nom français de «{NBSP}Small{NBSP}» est maintenant «{NBSP}Petit plan{NBSP}»."
    )
    database = Database(small_path)
    log = audit_entries(database, OPERATOR, actions=["French name set"])
    database.close()
    assert log[["target", "detail", "reason"]].values.tolist() == [
        ["Small", "French name: “” → “Petit plan”", "traduit"]
    ]
    assert (selector(at).value, selector(at).options) == ("Small", ["Petit plan"])
