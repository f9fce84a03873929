"""The Partner organisations and Breakdowns pages through AppTest: add, edit, retire, and an upload
with a bad line (its problem shown with its line and value, nothing saved) then a good one (saved,
one audit entry per change)."""

from __future__ import annotations

import pandas as pd
import pytest

from lipmetrics.store import Database, queries

from .databases import copy_target
from .test_app import (  # noqa: F401  (fixtures)
    ADMIN,
    accounts_path,
    app,
    button,
    fresh_caches,
    navigation_owns_pages,
)


@pytest.fixture
def path(accounts_path):  # noqa: F811  (test_app's database: the small plan, partners, accounts)
    return accounts_path


def audit(path) -> list[tuple]:
    """The audit log of the database at ``path``, oldest first: action, target."""
    database = Database(path)
    try:
        with database.cursor() as cur:
            log = queries.audit_log(cur).iloc[::-1]
    finally:
        database.close()
    return list(log[["action", "target"]].itertuples(index=False, name=None))


def table(at, column: str) -> pd.DataFrame:
    """The first table on the page with this column."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def fields(at) -> dict:
    return {t.label: t for t in [*at.text_input, *at.text_area]}


def page(path, monkeypatch, name: str):
    at = app(path, monkeypatch, user=ADMIN).run()
    at.switch_page(name).run()
    assert not at.exception
    return at


def test_partners_add_edit_retire(path, monkeypatch) -> None:
    at = page(path, monkeypatch, "pages/partners.py")
    assert at.title[0].value == "Which organisations report to the partnership?"
    listed = table(at, "code").set_index("code")
    assert listed.loc["NCC", ["accounts", "submissions", "metrics"]].tolist() == [1, 0, 0]
    fields(at)["Code"].set_value("MCC")
    fields(at)["Name"].set_value("Multicultural Centre")
    button(at, "Add this partner").click().run()
    assert not at.exception
    assert at.success[0].value == "MCC is added."
    assert "MCC" in table(at, "code")["code"].tolist()
    at.selectbox(key="edit_partner").set_value("MCC").run()
    names = [t for t in at.text_input if t.label == "Name"]
    names[-1].set_value("Multicultural Centre of Peterborough")
    button(at, "Save the changes").click().run()
    assert at.success[0].value == "MCC is saved."
    at.selectbox(key="retire_partner").set_value("MCC").run()
    button(at, "Retire this partner").click().run()
    assert at.success[0].value == "MCC is retired."
    listed = table(at, "code").set_index("code")
    assert listed.loc["MCC", "name"] == "Multicultural Centre of Peterborough"
    assert listed.loc["MCC", "retired"] != "" and listed.loc["NCC", "retired"] == ""
    assert audit(path)[-3:] == [
        ("partner added", "MCC"), ("partner changed", "MCC"), ("partner retired", "MCC")
    ]  # fmt: skip
    fields(at)["Code"].set_value("MCC")
    next(t for t in at.text_input if t.label == "Name").set_value("Again")  # the add form's
    button(at, "Add this partner").click().run()
    assert at.error[0].value.replace("\\", "") == (
        "A partner with the code “MCC” exists but is retired: restore it instead."
    )


def test_a_partner_code_too_long_is_refused_in_words_not_cut(path, monkeypatch) -> None:
    """The field does not cut a pasted code at 30 characters (Streamlit's max_chars would, with
    no word): the check refuses it, says how long it is, and nothing is added."""
    at = page(path, monkeypatch, "pages/partners.py")
    assert fields(at)["Code"].proto.max_chars == 0  # a browser would cut at max_chars silently
    fields(at)["Code"].set_value("PETERBOROUGH-NEWCOMER-CENTRE-2024")  # 33 characters
    fields(at)["Name"].set_value("Peterborough Newcomer Centre")
    button(at, "Add this partner").click().run()
    assert "PETERBOROUGH-NEWCOMER-CENTRE-2024" in at.error[0].value.replace("\\", "")
    problems = table(at, "what to do")
    assert problems[["column", "value found", "what to do"]].values.tolist() == [
        ["code", "PETERBOROUGH-NEWCOMER-CENTRE-2024",
         "this is 33 characters long: shorten it to 30 at most"]
    ]  # fmt: skip
    assert "PETERBOROUGH-NEWCOMER-CENTRE-2" not in table(at, "code")["code"].str.cat()


@pytest.mark.parametrize(
    ("name", "bad", "problem", "good", "saved"),
    [
        (
            "pages/partners.py",
            b"code,name,kind\nNEW,New one,\nX;Y,Two,\n",
            [3, "code", "X;Y"],
            b"code,name,kind\nNEW,New one,\nNCC,New Canadians Centre of Peterborough,settlement agency\n",
            [("partner added", "NEW"), ("partner changed", "NCC")],
        ),
        (
            "pages/breakdowns.py",
            b"breakdown,category\ngender,woman\nAge group,15-24\n",
            [3, "breakdown", "Age group"],
            b"breakdown,category\ngender,woman\ngender,man\nage_group,15-24\n",
            [("breakdown category added", "gender=woman"), ("breakdown category added", "gender=man"),
             ("breakdown category added", "age_group=15-24")],
        ),
    ],
)  # fmt: skip
def test_upload_shows_problems_then_saves(
    path, monkeypatch, name, bad, problem, good, saved
) -> None:
    at = page(path, monkeypatch, name)
    before = audit(path)
    at.file_uploader[0].set_value(("bad.csv", bad, "text/csv")).run()
    assert not at.exception
    assert "has 1 problem; nothing was saved" in at.error[0].value.replace("\\", "")
    problems = table(at, "what to do")
    assert problems[["line", "column", "value found"]].values.tolist() == [problem]
    assert not any(b.label.startswith("Save the") for b in at.button)
    assert audit(path) == before
    at.file_uploader[0].set_value(("good.csv", good, "text/csv")).run()
    assert table(at, "change")["line"].tolist() == list(range(2, 2 + len(good.splitlines()) - 1))
    button(at, f"Save the {len(good.splitlines()) - 1} lines of this file").click().run()
    assert not at.exception
    assert at.success[0].value.replace("\\", "") == "Saved the lines of good.csv."
    assert audit(path) == before + saved
    # the saved file is not offered for saving again: the field is a new, empty one
    assert at.file_uploader[0].value is None
    assert not any(b.label.startswith("Save the") for b in at.button)


def test_breakdowns_add_rename_retire(path, monkeypatch) -> None:
    at = page(path, monkeypatch, "pages/breakdowns.py")
    assert at.title[0].value == "Which breakdowns can figures be sent by?"
    assert at.info[0].value.startswith("No breakdown is set up yet: add one")  # not an empty table
    fields(at)["Breakdown"].set_value("gender")
    fields(at)["Its categories, one per line"].set_value("woman\nman\nanother gendre\n")
    button(at, "Add this breakdown").click().run()
    assert at.success[0].value == "The breakdown gender is added."
    at.selectbox(key="change_breakdown").set_value("gender").run()
    at.selectbox(key="change_category").set_value("another gendre").run()
    fields(at)["New name"].set_value("another gender").run()
    button(at, "Rename").click().run()
    assert at.success[0].value == "another gendre is now another gender."
    at.selectbox(key="change_breakdown").set_value("gender").run()
    at.selectbox(key="change_category").set_value("man").run()
    button(at, "Retire").click().run()
    listed = table(at, "category")
    assert listed["category"].tolist() == ["woman", "man", "another gender"]
    assert (listed["retired"] != "").tolist() == [False, True, False]
    assert audit(path)[-3:] == [
        ("breakdown added", "gender"),
        ("breakdown category renamed", "gender"),
        ("breakdown category retired", "gender=man"),
    ]
    fields(at)["Breakdown"].set_value("Age group")
    fields(at)["Its categories, one per line"].set_value("15-24")
    button(at, "Add this breakdown").click().run()
    assert at.error[0].value.replace("\\", "") == "The breakdown “Age group” cannot be added."
    assert table(at, "what to do")["what to do"].tolist() == [
        "write it as “age_group”: lower-case letters, digits and _"
    ]


@pytest.mark.parametrize(
    ("name", "typed", "correction", "submit", "added", "kept"),
    [
        (
            "pages/accounts.py",
            {"account_username": "hhc", "account_name": "HHC staff", "account_role": "partner",
             "account_email": "hhc@example.org", "account_password": "a-long-password"},
            {"account_partner": "NCC"},  # a partner account needs its organisation
            "Add account",
            "Account “hhc” added.",
            {"account_role": "partner"},  # the role stays, for the next account of that kind
        ),
        (
            "pages/partners.py",
            {"new_code": "NCC", "new_name": "Multicultural Centre", "new_kind": "agency"},
            {"new_code": "MCC"},  # NCC is taken
            "Add this partner",
            "MCC is added.",
            {},
        ),
        (
            "pages/breakdowns.py",
            {"new_breakdown": "Age group", "new_categories": "15-24\n25-44"},
            {"new_breakdown": "age_group"},
            "Add this breakdown",
            "The breakdown age_group is added.",
            {},
        ),
    ],
    ids=["account", "partner", "breakdown"],
)  # fmt: skip
def test_a_refused_form_keeps_what_was_typed_and_an_added_one_is_emptied(
    path, monkeypatch, name, typed, correction, submit, added, kept
) -> None:
    """What was typed stays after a refusal, to be corrected; once saved, the form is empty
    (Streamlit's own clearing would also empty it after a refusal)."""
    at = page(path, monkeypatch, name)

    for key, value in typed.items():
        (at.selectbox if key == "account_role" else fields_by_key(at))(key=key).set_value(value)
    button(at, submit).click().run()
    assert at.error, "refused"
    assert {key: at.session_state[key] for key in typed} == typed
    for key, value in correction.items():
        (at.selectbox if key == "account_partner" else fields_by_key(at))(key=key).set_value(value)
    button(at, submit).click().run()
    assert not at.exception and not at.error
    assert [s.value.replace("\\", "") for s in at.success] == [added]
    emptied = {key: None if key == "account_partner" else "" for key in {**typed, **correction}}
    assert {key: at.session_state[key] for key in emptied} == emptied | kept


def fields_by_key(at):
    """The text input or text area with a given key: ``fields_by_key(at)(key=...)``."""
    return lambda key: next(
        widget for widget in [*at.text_input, *at.text_area] if widget.key == key
    )


def test_a_viewer_cannot_open_the_admin_pages(path, monkeypatch) -> None:
    viewer = {"username": "vic", "display_name": "Vic", "role": "viewer", "partner_code": None}
    at = app(path, monkeypatch, user=viewer).run()
    for name in ("pages/partners.py", "pages/breakdowns.py"):
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            at.switch_page(name)


def test_a_partner_that_reports_metrics_is_not_retired(demo_db_file, tmp_path, monkeypatch) -> None:
    """NCC reports metrics of the demo catalogue: retiring it names them, and nothing changes."""
    path = copy_target(demo_db_file, tmp_path, "demo")
    at = page(path, monkeypatch, "pages/partners.py")
    at.selectbox(key="retire_partner").set_value("NCC").run()
    button(at, "Retire this partner").click().run()
    assert not at.exception
    assert at.error[0].value.replace("\\", "").startswith("The partner “NCC” still reports ")
    problems = table(at, "what to do")
    assert "ES-JOBSKILLS" in problems["value found"].tolist()
    assert set(problems["what to do"]) == {"take NCC off this metric's partners"}
    assert table(at, "code").set_index("code").loc["NCC", "retired"] == ""


def test_an_account_is_deactivated_and_reactivated_on_the_accounts_page(path, monkeypatch) -> None:
    """Pick an account, press Deactivate: it says so, and the table shows it inactive; the
    administrator's own account is refused with the reason, and the pick stays."""
    at = page(path, monkeypatch, "pages/accounts.py")
    picker = at.selectbox(key="account_standing_who")
    assert picker.options[:2] == ["ada (active)", "cora (active)"]
    picker.set_value("pat")
    button(at, "Deactivate").click().run()
    assert not at.exception and not at.error
    assert [s.value.replace("\\", "") for s in at.success] == [
        "Account “pat” deactivated: it can no longer sign in, and its sessions ended."
    ]
    assert table(at, "username").set_index("username").loc["pat", "active"] == False  # noqa: E712
    assert at.selectbox(key="account_standing_who").value is None
    at.selectbox(key="account_standing_who").set_value("ada")
    button(at, "Deactivate").click().run()
    assert [e.value for e in at.error] == ["Nothing was changed for the account “ada”."]
    assert at.dataframe[-1].value.values.tolist() == [
        ["Account", "ada", "you cannot deactivate your own account: another administrator can"]
    ]
    assert at.selectbox(key="account_standing_who").value == "ada"
    at.selectbox(key="account_standing_who").set_value("pat")
    button(at, "Reactivate").click().run()
    assert [s.value.replace("\\", "") for s in at.success] == [
        "Account “pat” reactivated: it can sign in again."
    ]
    assert ("account deactivated", "pat") in audit(path)
    assert audit(path)[-1] == ("account reactivated", "pat")
