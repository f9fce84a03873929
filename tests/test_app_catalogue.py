"""The metric catalogue page through AppTest, on the bundled catalogue with values for
ES-JOBSKILLS (tests/test_app_measures.py ``measures_path``): add, edit, retire, a target on a
quarterly metric, a bad upload and a good one, and the audit entries each leaves."""

from __future__ import annotations

import pytest

from lipmetrics.store import Database

from .test_app import app, button, fresh_caches, navigation_owns_pages  # noqa: F401
from .test_app_measures import VIEWER, measures_path  # noqa: F401

PAGE = "pages/catalogue.py"


def opened(path, monkeypatch):
    at = app(path, monkeypatch).run()
    at.switch_page(PAGE).run()
    assert not at.exception
    return at


def catalogue_rows(at) -> dict:
    """The catalogue table on the page, by code."""
    return at.dataframe[0].value.set_index("code").to_dict("index")


def audit(at) -> list[tuple]:
    """The catalogue's lines of the audit log page, oldest first: who, what, on, detail."""
    at.switch_page("pages/audit_log.py").run()
    log = at.dataframe[0].value
    log = log[log["action"].str.startswith(("metric", "target", "baseline"))]
    return list(zip(log["username"], log["action"], log["target"], log["detail"], strict=True))[
        ::-1
    ]


def success(at) -> str:
    return " ".join(s.value.replace("\\", "") for s in at.success)


def test_viewer_cannot_open_the_catalogue(measures_path, monkeypatch) -> None:  # noqa: F811
    at = app(measures_path, monkeypatch, user=VIEWER).run()
    with pytest.raises(ValueError, match="Known pages"):
        at.switch_page(PAGE)


def test_list_and_add(measures_path, monkeypatch) -> None:  # noqa: F811
    at = opened(measures_path, monkeypatch)
    assert at.title[0].value == "Which metrics do we measure?"
    rows = catalogue_rows(at)
    assert len(rows) == 15
    assert rows["ES-EMPLOYERS"]["measured"] == "count, quarterly, higher is better"
    at.text_input(key="add_code").set_value("SI-MENTORS")
    at.text_input(key="add_name").set_value("Mentors matched")
    at.selectbox(key="add_unit").set_value("count")
    at.selectbox(key="add_freq").set_value("quarterly")
    at.selectbox(key="add_dir").set_value("higher")
    at.selectbox(key="add_kind").set_value("performance")
    at.multiselect(key="add_partners").set_value(["NCC", "WDB"])
    at.multiselect(key="add_breakdowns").set_value(["gender"])
    button(at, "Add the metric").click().run()
    assert not at.exception
    assert "The metric SI-MENTORS is added." in success(at)
    assert catalogue_rows(at)["SI-MENTORS"]["partners"] == "NCC, WDB"
    [(who, what, on, detail)] = audit(at)
    assert (who, what, on) == ("coord", "metric added", "SI-MENTORS")
    assert "partners: blank → NCC;WDB" in detail


def test_add_refused_shows_the_problem(measures_path, monkeypatch) -> None:  # noqa: F811
    at = opened(measures_path, monkeypatch)
    at.text_input(key="add_code").set_value("SI MENTORS")
    at.text_input(key="add_name").set_value("Mentors matched")
    button(at, "Add the metric").click().run()
    assert "The metric SI MENTORS was not saved" in at.error[0].value.replace("\\", "")
    problems = at.dataframe[-1].value
    assert ["code", "SI MENTORS"] in problems[["column", "value found"]].values.tolist()
    assert len(catalogue_rows(at)) == 15


def test_add_form_keeps_a_refused_metric_and_empties_after_adding(
    measures_path,  # noqa: F811
    monkeypatch,
) -> None:
    """A refused metric stays typed in the form, to be corrected; once added, the form is empty
    and the sentence saying so is in the "Add a metric" tab, above the form."""
    at = opened(measures_path, monkeypatch)
    typed = {"add_code": "SI MENTORS", "add_name": "Mentors matched"}
    chosen = {"add_unit": "count", "add_freq": "quarterly", "add_dir": "higher",
              "add_kind": "performance"}  # fmt: skip
    for key, value in typed.items():
        at.text_input(key=key).set_value(value)
    for key, value in chosen.items():
        at.selectbox(key=key).set_value(value)
    at.multiselect(key="add_partners").set_value(["NCC"])
    button(at, "Add the metric").click().run()
    assert at.error, "the code with a space is refused"
    assert {key: at.text_input(key=key).value for key in typed} == typed
    assert {key: at.selectbox(key=key).value for key in chosen} == chosen
    assert at.multiselect(key="add_partners").value == ["NCC"]

    at.text_input(key="add_code").set_value("SI-MENTORS")
    button(at, "Add the metric").click().run()
    assert not at.exception and not at.error and not at.warning
    assert [s.value.replace("\\", "") for s in at.tabs[0].success] == [
        "The metric SI-MENTORS is added."
    ]
    assert {key: at.text_input(key=key).value for key in typed} == dict.fromkeys(typed, "")
    assert {key: at.selectbox(key=key).value for key in chosen} == dict.fromkeys(chosen)
    assert at.multiselect(key="add_partners").value == []
    assert catalogue_rows(at)["SI-MENTORS"]["partners"] == "NCC"


def test_edit_then_a_refused_unit_change(measures_path, monkeypatch) -> None:  # noqa: F811
    at = opened(measures_path, monkeypatch)
    at.selectbox(key="catalogue_edit_metric").set_value("ES-EMPLOYERS").run()
    at.text_input(key="edit_ES-EMPLOYERS_name").set_value("Employers at the table")
    button(at, "Save the changes").click().run()
    assert "ES-EMPLOYERS is saved (name: Employers engaged → Employers at the table)." in success(
        at
    )
    at.selectbox(key="catalogue_edit_metric").set_value("ES-JOBSKILLS").run()
    at.selectbox(key="edit_ES-JOBSKILLS_unit").set_value("percent")
    button(at, "Save the changes").click().run()
    shown = [
        tuple(r) for r in at.dataframe[-1].value[["column", "value found", "what to do"]].values
    ]
    assert (
        "unit", "percent",
        "this metric already has values with unit count: keep count, or add a new metric with "
        "its own code and retire this one",
    ) in shown  # fmt: skip
    assert audit(at) == [
        (
            "coord",
            "metric changed",
            "ES-EMPLOYERS",
            "name: Employers engaged → Employers at the table",
        )
    ]


def test_retire(measures_path, monkeypatch) -> None:  # noqa: F811
    at = opened(measures_path, monkeypatch)
    at.selectbox(key="catalogue_edit_metric").set_value("ES-JOBSKILLS").run()
    button(at, "Retire this metric").click().run()
    assert "ES-JOBSKILLS is retired." in success(at)
    assert catalogue_rows(at)["ES-JOBSKILLS"]["retired"] == "yes"
    at.switch_page("pages/scorecard.py").run()
    names = [m.label for m in at.metric]
    assert "Newcomers registered in the job skills inventory" not in names
    assert audit(at) == [("coord", "metric retired", "ES-JOBSKILLS", "retired: blank → yes")]


def test_year_target_on_a_quarterly_metric_set_then_removed(measures_path, monkeypatch) -> None:  # noqa: F811
    at = opened(measures_path, monkeypatch)
    at.selectbox(key="catalogue_target_metric").set_value("ES-EMPLOYERS").run()
    at.text_input(key="period_ES-EMPLOYERS").set_value("2024")
    at.number_input(key="value_ES-EMPLOYERS").set_value(100)
    at.text_input(key="why_ES-EMPLOYERS").set_value("year plan")
    button(at, "Save").click().run()
    assert "The target of ES-EMPLOYERS is saved." in success(at)
    assert catalogue_rows(at)["ES-EMPLOYERS"]["targets"] == (
        "target 25 every period; 2024: 100; baseline 9 (2016-Q3)"
    )
    at.text_input(key="period_ES-EMPLOYERS").set_value("2024-03")  # a month: not this metric's
    at.number_input(key="value_ES-EMPLOYERS").set_value(5)
    button(at, "Save").click().run()
    assert [tuple(r) for r in at.dataframe[-1].value[["column", "value found"]].values] == [
        ("period", "2024-03")
    ]
    at.selectbox(key="gone_ES-EMPLOYERS").set_value("target, 2024")
    at.text_input(key="gone_why_ES-EMPLOYERS").set_value("plan changed")
    button(at, "Remove it").click().run()
    assert "The target of ES-EMPLOYERS is removed." in success(at)
    assert catalogue_rows(at)["ES-EMPLOYERS"]["targets"] == (
        "target 25 every period; baseline 9 (2016-Q3)"
    )
    assert audit(at) == [
        ("coord", "target set", "ES-EMPLOYERS", "2024: none → 100"),
        ("coord", "target set", "ES-EMPLOYERS", "2024: 100 → none"),
    ]


def test_bad_upload_shows_line_and_value_and_saves_nothing(measures_path, monkeypatch) -> None:  # noqa: F811
    at = opened(measures_path, monkeypatch)
    bad = (
        b"code,name,unit,direction,frequency,kind\n"
        b"SI-NEW,New,count,higher,quarterly,performance\n"
        b"SI-BAD,Bad,count,sideways,quarterly,performance\n"
    )
    at.file_uploader(key="catalogue").set_value(("bad.csv", bad, "text/csv")).run()
    assert not at.exception
    assert "The catalogue bad.csv has 1 problem; nothing was saved." in at.error[0].value.replace(
        "\\", ""
    )
    problems = at.dataframe[-1].value
    assert problems[["line", "column", "value found"]].values.tolist() == [
        [3, "direction", "sideways"]
    ]
    assert not [b for b in at.button if b.label == "Save these changes"]
    assert len(catalogue_rows(at)) == 15
    assert audit(at) == []


def test_upload_preview_then_save(measures_path, monkeypatch) -> None:  # noqa: F811
    at = opened(measures_path, monkeypatch)
    good = (
        b"code,name,unit,direction,frequency,kind,partners,target,target_period\n"
        b"SI-NEW,New metric,count,up,quarterly,performance,NCC,40,2024\n"
    )
    at.file_uploader(key="catalogue").set_value(("new.csv", good, "text/csv")).run()
    assert "This file adds 1 metric, changes 0, retires 0 and leaves 0 unchanged" in " ".join(
        m.value for m in at.markdown
    )
    assert at.dataframe[-1].value[["code", "change"]].values.tolist() == [["SI-NEW", "added"]]
    assert len(catalogue_rows(at)) == 15  # the preview saves nothing
    button(at, "Save these changes").click().run()
    assert "1 metric saved from new.csv." in success(at)
    assert catalogue_rows(at)["SI-NEW"]["targets"] == "2024: 40"
    assert [entry[1:3] for entry in audit(at)] == [("metric added", "SI-NEW")]


@pytest.mark.parametrize(
    ("pillar", "said"),
    [
        ("SOCIAL", "No plan has the pillar “SOCIAL” yet: the metric is on a plan's scorecard once "
                   "the plan has that pillar. If it was a typing slip, change its pillar on the "
                   "“Edit or retire” tab."),
        ("economic  success", None),  # the Tiny plan's pillar, with another case and spacing
        ("", None),  # no pillar
    ],
)  # fmt: skip
def test_a_pillar_in_no_plan_is_said_when_the_metric_is_added(
    measures_path,  # noqa: F811
    monkeypatch,
    pillar,
    said,
) -> None:
    """The pillar box takes a new name (a plan not imported yet); typed by a slip of Enter on
    "Add: SOCIAL", the metric would be on no scorecard, so the sentence says so. (AppTest's
    select box takes only listed options, so the sentence is made here as the form makes it.)"""
    import ui.catalogue

    database = Database(measures_path)
    monkeypatch.setattr(ui.catalogue, "get_db", lambda: database)
    try:
        assert ui.catalogue._added_words("SI-MENTORS", pillar) == (  # noqa: SLF001
            "The metric SI-MENTORS is added.",
            said,
        )
    finally:
        database.close()


def test_the_pillar_is_chosen_among_the_plans(measures_path, monkeypatch) -> None:  # noqa: F811
    """The trial could not set a metric's pillar in the browser: the Tiny plan's one pillar is
    offered; a metric added with it is on that plan's scorecard, and an edit moves another one
    there (its pillar as the catalogue wrote it stays offered too)."""
    at = opened(measures_path, monkeypatch)
    assert at.selectbox(key="add_pillar").options == ["Economic Success"]
    at.text_input(key="add_code").set_value("SI-MENTORS")
    at.text_input(key="add_name").set_value("Mentors matched")
    for key, value in {"add_unit": "count", "add_freq": "quarterly", "add_dir": "higher",
                       "add_kind": "performance", "add_pillar": "Economic Success"}.items():  # fmt: skip
        at.selectbox(key=key).set_value(value)
    button(at, "Add the metric").click().run()
    assert "The metric SI-MENTORS is added." in success(at)
    assert at.selectbox(key="add_pillar").value is None  # the form is emptied
    at.selectbox(key="catalogue_edit_metric").set_value("ES-EMPLOYERS").run()
    same = at.selectbox(key="edit_ES-EMPLOYERS_pillar")  # the plan's pillar, spelt its own way
    assert (same.value, same.options) == ("ECONOMIC SUCCESS", ["ECONOMIC SUCCESS"])
    at.selectbox(key="catalogue_edit_metric").set_value("EC-ATTEND").run()
    edited = at.selectbox(key="edit_EC-ATTEND_pillar")
    assert (edited.value, edited.options) == (
        "EDUCATING FOR CHANGE",
        ["EDUCATING FOR CHANGE", "Economic Success"],
    )
    edited.set_value("Economic Success")
    button(at, "Save the changes").click().run()
    assert "EC-ATTEND is saved (pillar: EDUCATING FOR CHANGE → Economic Success)." in success(at)
    at.switch_page("pages/scorecard.py").run()
    assert not at.exception
    shown = {m.label for m in at.metric}
    assert {"Mentors matched", "Attendance at public education events"} <= shown
