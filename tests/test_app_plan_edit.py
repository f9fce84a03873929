"""The "Edit the plan" page through AppTest, on the small plan (tests/data/small_tidy.csv): rename
with a reason, refused without one, retire, change the years; the figures follow."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from .test_app import app, fresh_caches, navigation_owns_pages, small_path  # noqa: F401
from .test_app_ui import as_shown

PAGE = "pages/plan_edit.py"
A1, A3, G2 = "project:1", "project:3", "goal:5"  # ids as the small plan's import draws them


def open_item(small_path, monkeypatch, key: str) -> AppTest:  # noqa: F811
    """The page, with the item ``key`` picked."""
    at = app(small_path, monkeypatch).run()
    at.switch_page(PAGE).run()
    assert not at.exception
    assert at.title[0].value == "What changes in the plan?"
    picker = next(s for s in at.selectbox if s.label == "Item of the plan")
    return picker.set_value(key).run()


def save(at: AppTest, tab_label: str, fields: dict, reason: str) -> AppTest:
    """Fill the fields of one tab's form (by label), its reason, and press its button."""
    tab = next(t for t in at.tabs if t.label == tab_label)
    for label, value in fields.items():
        next(w for w in tab.text_input if w.label == label).set_value(value)
    next(w for w in tab.text_input if w.label == "Reason for this change").set_value(reason)
    return tab.button[0].click().run()


def headline(at: AppTest) -> dict[str, str]:
    at.switch_page("pages/overview.py").run()
    return {m.label: m.value for m in at.metric}


def test_rename_with_a_reason(small_path, monkeypatch) -> None:  # noqa: F811
    at = open_item(small_path, monkeypatch, A1)
    assert [t.label for t in at.tabs] == [
        "Rename", "French name", "Move", "Years", "Working group", "Recurring", "Retire",
    ]  # fmt: skip
    at = save(at, "Rename", {"New name": "A1 Renamed"}, "typo in the workplan")
    assert not at.exception
    assert as_shown(at.success[0].value) == "Renamed the project “A1 Project” to “A1 Renamed”."
    picker = next(s for s in at.selectbox if s.label == "Item of the plan")
    assert picker.value == A1
    history = at.dataframe[-1].value
    assert history[["username", "action", "detail", "reason"]].values.tolist() == [
        ["coord", "project renamed", "“A1 Project” → “A1 Renamed”", "typo in the workplan"]
    ]


def test_refused_without_a_reason(small_path, monkeypatch) -> None:  # noqa: F811
    at = open_item(small_path, monkeypatch, A1)
    at = save(at, "Rename", {"New name": "A1 Renamed"}, "  ")
    assert at.error[0].value == (
        "Nothing was changed in the plan “Small”. Fix this and press the button again:"
    )
    problems = at.dataframe[0].value
    assert problems["what to do"].tolist() == [
        "write why the plan changes (every change to the plan needs a reason)"
    ]
    assert problems["column"].tolist() == ["Reason for this change"]  # the field, as labelled
    assert not at.success
    picker = next(s for s in at.selectbox if s.label == "Item of the plan")
    assert (
        picker.format_func(A1)
        == "Project: A1 Project — under Alpha › G1 Goal one › O1 Objective one"
    )


def test_retire_a_goal(small_path, monkeypatch) -> None:  # noqa: F811
    """Retiring G2 takes B1 and B2 out of the figures: 7 projects become 5."""
    at = open_item(small_path, monkeypatch, G2)
    at = save(at, "Retire", {}, "merged into the Alpha goals")
    assert as_shown(at.success[0].value) == (
        "Retired the goal “G2 Goal two” and the 2 projects under it: they keep their history "
        "and status records, and leave the figures."
    )
    assert at.info[0].value.startswith("This goal is retired")
    assert not at.tabs
    assert headline(at)["Projects in the plan"] == "5"


def test_change_the_years(small_path, monkeypatch) -> None:  # noqa: F811
    """A3 planned in years 2-3 instead of 1: year 2 has A1 (complete), A2, A3 and B1 scheduled."""
    at = open_item(small_path, monkeypatch, A3)
    at = save(at, "Years", {"Plan years": "4"}, "the funder moved it")
    [message] = at.dataframe[0].value["what to do"].tolist()
    assert message.startswith("plan year 4 is after the last year of the plan (3)")
    assert at.dataframe[0].value["column"].tolist() == ["Plan years"]
    at = save(at, "Years", {"Plan years": "2-3"}, "the funder moved it")
    assert (
        as_shown(at.success[0].value)
        == "The project “A3 Project” is now planned for plan years 2-3."
    )
    figures = headline(at)
    assert (figures["Scheduled in year 2"], figures["Completion rate"]) == ("4", "25%")


def test_a_french_name_with_a_reason_shows_in_french(small_path, monkeypatch) -> None:  # noqa: F811
    """The French name tab sets a project's French name; the explorer in French shows it, and the
    other projects' names marked as not translated (README "Languages")."""
    at = open_item(small_path, monkeypatch, A1)
    at = save(at, "French name", {"French name": "A1 Projet"}, "translated for the committee")
    assert not at.exception
    assert as_shown(at.success[0].value) == "The French name of “A1 Project” is now “A1 Projet”."
    assert at.dataframe[-1].value[["action", "detail"]].values.tolist() == [
        ["French name set", "French name: “” → “A1 Projet”"]
    ]
    at.query_params["lang"] = "fr"
    at.switch_page("pages/explorer.py").run()
    assert not at.exception
    shown = " ".join(str(frame.value.to_dict("list")) for frame in at.dataframe)
    assert "A1 Projet" in shown and "A2 Project (en anglais)" in shown


def test_the_item_picker_and_forms_speak_french(small_path, monkeypatch) -> None:  # noqa: F811
    """In French the picker names each kind in French, as whole sentences, and the forms name
    the item's kind in French (the plan's own names stay as written, not translated)."""
    at = app(small_path, monkeypatch)
    at.query_params["lang"] = "fr"
    at.run().switch_page(PAGE).run()
    picker = next(s for s in at.selectbox if s.label == "Élément du plan")
    assert picker.format_func(A1) == (
        "Projet\u00a0: A1 Project — sous Alpha › G1 Goal one › O1 Objective one"
    )
    assert picker.format_func("pillar:1").startswith("Pilier\u00a0: Alpha")
    assert picker.options[0] == "Plan\u00a0: Small"  # the plan itself, first
    at = picker.set_value(G2).run()
    retire = next(t for t in at.tabs if t.label == "Retirer")
    assert retire.button[0].label == "Retirer cet élément (but)"


def test_a_refusal_names_the_field_as_its_form_labels_it(small_path, monkeypatch) -> None:  # noqa: F811
    """The add form's name field is "Name of the new item": a refusal of an empty name says so."""
    at = open_item(small_path, monkeypatch, G2)
    at = save(at, "Add under it", {"Name of the new item": "  "}, "a new project")
    assert at.error[0].value.startswith("Nothing was changed in the plan “Small”.")
    assert at.dataframe[0].value["column"].tolist() == ["Name of the new item"]
