"""The app side's shared pieces through AppTest: one way to show an error, and the documents the
Reports page prepares (kept for exactly the plan and year they were prepared for)."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pandas as pd
import pytest
from docx import Document
from streamlit.testing.v1 import AppTest

from lipmetrics.plan import import_plan_file
from lipmetrics.reports import documents
from lipmetrics.store import Database

from .conftest import TEST_DATA
from .databases import new_target
from .test_app import app, fresh_caches, navigation_owns_pages  # noqa: F401

TYPED = "**bold** <b>x</b>"


def as_shown(markdown: str) -> str:
    """What a markdown source shows on screen once its backslash escapes are read."""
    return re.sub(r"\\(.)", r"\1", markdown)


def unescaped_markup(markdown: str) -> list[str]:
    """The characters that markdown would read as formatting or HTML: those not escaped."""
    return re.findall(r"(?<!\\)[*_<>`\[\]]", markdown)


def show_invalid_input(typed: str) -> None:
    import ui
    from lipmetrics.errors import InvalidInputError, Problem

    ui.show_error(
        InvalidInputError(
            f"plan.csv has 2 problem(s) near {typed}; nothing was saved.",
            [
                Problem(3, "project", typed, "write the project's name"),
                Problem(7, "years", "20x1", "write plan years as 1, 1-3 or 1;3"),
            ],
        ),
        "Fix these in your file and upload it again:",
    )


def show_plain_errors(typed: str) -> None:
    import ui
    from lipmetrics.errors import InvalidInputError, NotFoundError, Problem

    ui.show_error(NotFoundError(f"There is no plan named “{typed}”."), "Fix these:")
    ui.show_error(
        InvalidInputError("The password is too short.", [Problem(None, "password", None, "10+")])
    )


def test_show_error_gives_the_sentence_then_every_problem() -> None:
    at = AppTest.from_function(show_invalid_input, args=(TYPED,)).run()
    assert not at.exception
    assert len(at.error) == 1
    assert as_shown(at.error[0].value) == (
        f"plan.csv has 2 problem(s) near {TYPED}; nothing was saved. "
        "Fix these in your file and upload it again:"
    )
    problems = at.dataframe[0].value
    assert list(problems.columns) == ["line", "column", "value found", "what to do"]
    assert problems.values.tolist() == [
        [3, "project", TYPED, "write the project's name"],
        [7, "years", "20x1", "write plan years as 1, 1-3 or 1;3"],
    ]


def test_show_error_shows_user_text_as_typed() -> None:
    """**bold** <b>x</b> in the sentence is escaped (no markdown, no HTML) and reads as typed."""
    at = AppTest.from_function(show_invalid_input, args=(TYPED,)).run()
    sentence = at.error[0].value
    assert unescaped_markup(sentence) == []
    assert TYPED in as_shown(sentence)
    assert at.dataframe[0].value["value found"][0] == TYPED  # a dataframe never reads markup


def test_show_error_without_problems_or_lines() -> None:
    """No problems: the sentence alone, no advice about fixing them; problems without a line: no
    line column (as the command line leaves out "line N:")."""
    at = AppTest.from_function(show_plain_errors, args=(TYPED,)).run()
    assert [as_shown(e.value) for e in at.error] == [
        f"There is no plan named “{TYPED}”.",
        "The password is too short.",
    ]
    assert len(at.dataframe) == 1
    assert at.dataframe[0].value.values.tolist() == [["password", "", "10+"]]


def show_review_problems() -> None:
    import ui
    from lipmetrics.errors import InvalidInputError, Problem

    problems = [Problem(1, "reason", "", "A1: choose a reason"), Problem(2, "note", "x", "...")]
    ui.show_error(
        InvalidInputError("2 problems.", problems), "Fix these rows:", "row", {"reason": "Raison"}
    )


def test_show_error_heads_a_screen_tables_columns_as_the_screen_does() -> None:
    """Problems in a table edited on screen name its columns as their headings read (the status
    review's "Raison", not the field "reason"); a column without a heading keeps its name."""
    at = AppTest.from_function(show_review_problems).run()
    assert not at.exception
    problems = at.dataframe[0].value
    assert list(problems.columns) == ["row", "column", "value found", "what to do"]
    assert problems["column"].tolist() == ["Raison", "note"]


@pytest.fixture
def small_plan(tmp_path):
    """The small plan of tests/data: 2020-2022, its latest news in plan year 2."""
    path = new_target(tmp_path, "small")
    database = Database(path)
    tidy = (TEST_DATA / "small_tidy.csv").read_bytes()
    import_plan_file(database, tidy, "small_tidy.csv", "Small", 2020, 3)
    database.close()
    return path


@pytest.fixture
def no_chart_images(monkeypatch):
    """The report's charts are left to a browser elsewhere (tests/test_reports.py); not here."""
    monkeypatch.setattr(documents, "chart_images", lambda figures: None)


def downloads(at: AppTest) -> list[str]:
    return [button.proto.label for button in at.get("download_button")]


def plan_year(at: AppTest):
    return next(box for box in at.selectbox if box.label == "Plan year")


def prepared_report_heading(at: AppTest) -> str:
    _, content = at.session_state["prepared_documents"]["report"]
    return Document(io.BytesIO(content)).paragraphs[0].text


def test_reports_offer_a_document_only_for_the_year_it_was_prepared_for(
    small_plan, monkeypatch, no_chart_images
) -> None:
    """The page opens on plan year 2 (the small plan's latest news). A report
    prepared for year 2 is not offered once year 1 is chosen (the page asks to prepare it again),
    and is offered again for year 2; signing out leaves no prepared document behind."""
    at = app(small_plan, monkeypatch).run()
    at.switch_page("pages/reports.py").run()
    assert plan_year(at).value == 2
    assert downloads(at) == ["Download (XLSX)"]  # nothing prepared yet
    at.button(key="prepare_report").click().run()
    assert not at.exception
    assert downloads(at) == ["Download (DOCX)", "Download (XLSX)"]

    plan_year(at).set_value(1).run()
    assert downloads(at) == ["Download (XLSX)"]  # not year 2's report under year 1's name
    assert "Prepare the report" in [button.label for button in at.button]
    plan_year(at).set_value(2).run()
    assert downloads(at) == ["Download (DOCX)", "Download (XLSX)"]
    assert prepared_report_heading(at) == "Small: progress report, plan year 2 (2021)"
    plan_year(at).set_value(1).run()
    at.button(key="prepare_report").click().run()
    assert downloads(at) == ["Download (DOCX)", "Download (XLSX)"]
    assert prepared_report_heading(at) == "Small: progress report, plan year 1 (2020)"

    at.button(key="prepare_deck").click().run()
    assert not at.exception
    assert set(at.session_state["prepared_documents"]) == {"report", "deck"}
    next(button for button in at.button if button.label == "Sign out").click().run()
    assert at.title[0].value == "Sign in to lipmetrics"
    assert "prepared_documents" not in at.session_state


@pytest.mark.parametrize(
    ("lang", "reported", "expected", "line"),
    [
        ("en", 2, 3, ":material/hourglass_top: Reported by 2 of 3 partners so far"),
        ("en", 1, 2, ":material/hourglass_top: Reported by 1 of 2 partners so far"),
        # the one partner listed has not sent it (the value in is a partner's no longer listed)
        ("en", 0, 1, ":material/hourglass_top: Reported by 0 of 1 partner so far"),
        (
            "fr",
            1,
            3,
            ":material/hourglass_top: Déclaré jusqu’ici par 1 des 3 organismes partenaires",
        ),
        (
            "fr",
            2,
            3,
            ":material/hourglass_top: Déclaré jusqu’ici par 2 des 3 organismes partenaires",
        ),
        ("fr", 0, 1, ":material/hourglass_top: Déclaré par 0 organisme partenaire sur 1 jusqu’ici"),
        ("en", 3, 3, None),  # every partner's value is in
        ("en", None, None, None),  # not a sum of partners
    ],
)
def test_a_card_says_when_its_latest_total_lacks_partners(lang, reported, expected, line) -> None:
    """Under "Latest: 2020-Q4", a card whose total adds up only some of its partners says so, so
    that a fall caused by a late report does not read as a decline."""
    from lipmetrics.i18n import language
    from ui.measures import _card_lines

    card = {"latest_period": "2020-Q4", "target": None, "trend": "", "kind": "performance",
            "unit": "count", "partners_reported": reported, "partners_expected": expected}  # fmt: skip
    with language(lang):
        lines = _card_lines(card)
    assert lines[1:] == ([line] if line else [])


LONG = (
    "a comma before three digits is a decimal comma here, but English uses it for thousands: "
    "write 1234 or 1 234 for a number over a thousand, or end a decimal with a zero (1,2340)"
)


def show_long_problem(message: str) -> None:
    import ui
    from lipmetrics.errors import InvalidInputError, Problem

    ui.show_error(InvalidInputError("1 problem.", [Problem(3, "value", "1,234", message)]))


@pytest.mark.parametrize(
    ("message", "height"),
    [
        ("write the project's name", 0),  # one line: Streamlit's own row height
        (LONG, 12 + 21 * 4),  # 176 characters: four lines of 55, so each row is that tall
        ("x" * 100, 69),  # two lines would be 54 px: over 4rem (68 px at 17 px), or no wrapping
    ],
)
def test_a_long_sentence_of_what_to_do_is_shown_whole(message, height) -> None:
    """A dataframe cuts a long cell with "…" on one line (the trial's French "what to do" at
    1024×768); a row tall enough to hold the longest sentence wraps it instead."""
    at = AppTest.from_function(show_long_problem, args=(message,)).run()
    shown = at.dataframe[0].proto
    assert shown.row_height == height
    assert json.loads(shown.columns)["what to do"]["width"] == 520


@pytest.mark.parametrize(
    ("lang", "shown"),
    [
        ("fr", ["75,5", "95\u00a0000", "2\u00a0493", ""]),  # the trial's 75.5, 95000 and 2493
        ("en", [75.5, 95000.0, 2493.0, None]),  # numbers: the table formats them
    ],
)
def test_numbers_in_a_french_table_are_written_the_french_way(lang, shown) -> None:
    from lipmetrics.i18n import language
    from ui.columns import numbers_shown

    frame = pd.DataFrame({"value": [75.5, 95000.0, 2493.0, None], "metric": ["A", "B", "C", "D"]})
    with language(lang):
        out = numbers_shown(frame, ["value"])
    assert [None if v is None or v != v else v for v in out["value"].tolist()] == shown
    assert out["metric"].tolist() == ["A", "B", "C", "D"]


@pytest.mark.parametrize(
    ("lang", "years_text", "schedule", "expected"),
    [
        ("en", "1-2", "1-2", r"**Plan years:** 1\-2 (written “1\-2”)"),  # markdown-escaped
        ("en", "", "", "**Plan years:** unscheduled (no years written)"),
        ("en", None, "", "**Plan years:** unscheduled (no years written)"),
        ("fr", "", "", "**Années du plan\u00a0:** non planifié (aucune année écrite)"),
    ],
)
def test_a_projects_years_as_written_or_none(lang, years_text, schedule, expected) -> None:
    """The explorer's project: its years as written, or that none were (not empty quotes)."""
    from lipmetrics.i18n import language
    from ui.components import _project_lines

    project = pd.Series({"schedule": schedule, "years_text": years_text, "working_group": "",
                         "recurring": False})  # fmt: skip
    with language(lang):
        assert _project_lines(project)[0] == expected


def test_a_wrapped_row_is_taller_than_four_of_the_apps_rem() -> None:
    """Streamlit wraps a cell's text only in rows taller than 4rem: the shortest wrapped row
    follows the font size the app is configured with."""
    import tomllib

    from ui.errors import WRAPPED_MIN_PX

    config = tomllib.loads((Path(__file__).parent.parent / ".streamlit/config.toml").read_text())
    assert WRAPPED_MIN_PX == 4 * config["theme"]["baseFontSize"] + 1


@pytest.mark.parametrize(
    ("message", "rows", "height"),
    [
        # a header and the rows, each 37 px on one line (measured in Chromium at our 17 px font)
        ("write the project's name", 3, 37 + 3 * 37 + 2),
        ("write the project's name", 12, 37 + 12 * 37 + 2),  # Streamlit's own showed 10
        (LONG, 5, 37 + 5 * 96 + 2),  # four lines each: 12 + 21 × 4 = 96 px (the trial's 3 of 5)
        ("write the project's name", 45, 37 + 30 * 37 + 2),  # 30 in view, the rest scroll
    ],
)
def test_every_problem_is_in_view_without_scrolling_the_table(message, rows, height) -> None:
    """Streamlit's own height for a table stops at about ten one-line rows; a problems table is
    as tall as its rows (up to 30), so that the page scrolls, not a box inside it. Measured in
    Chromium at 1024×768: 12 one-line problems and 9 of two lines each, every one in view."""
    from ui.errors import row_height, table_height

    assert table_height(rows, row_height([message])) == height


def card_of(reported, expected, direction) -> dict:
    """A card of a count reported by partners: 21 in 2020, 99 fewer than its 2016 baseline."""
    return {
        "metric": "ES-JOBS", "name": "Jobs", "unit": "count", "direction": direction,
        "latest_value": 21.0, "latest_period": "2020", "change": -99.0, "baseline_period": "2016",
        "values": [21.0], "periods": ["2020"], "target": None, "percent_of_target": None,
        "trend": None, "trend_run": 0, "trend_text": None, "kind": "performance", "per_partner": None, "status": "no target set",
        "partners_reported": reported, "partners_expected": expected,
    }  # fmt: skip


def show_card(card: dict) -> None:
    from ui.measures import metric_card

    metric_card(card)


@pytest.mark.parametrize(
    ("reported", "expected", "direction", "colour"),
    [
        (1, 2, "higher", "off"),  # the trial's "↓ -99" in red with only 1 of 2 partners in
        (2, 2, "higher", "normal"),  # every partner in: a fall is a fall
        (2, 2, "lower", "inverse"),
        (None, None, "higher", "normal"),  # not a sum of partners
    ],
)
def test_a_change_is_not_red_while_partners_have_not_reported(
    reported, expected, direction, colour
) -> None:
    """The change since baseline is grey, judged neither better nor worse, while the latest
    total lacks partners; green or red by the metric's direction once all are in."""
    at = AppTest.from_function(show_card, args=(card_of(reported, expected, direction),)).run()
    assert not at.exception
    shown = at.metric[0]
    assert shown.delta == "-99 since baseline (2016)"
    assert shown.proto.color == {"off": 2, "normal": 0, "inverse": 1}[colour]
