"""Languages (README "Languages"): the catalogs complete, one language per session, fr-CA formats."""

from __future__ import annotations

import shutil
import threading
from datetime import date

import pandas as pd
import pytest
from babel.messages.pofile import read_po, write_po

from lipmetrics import i18n
from lipmetrics.errors import Problem
from lipmetrics.i18n import catalogs

NBSP = "\u00a0"


def test_every_sentence_of_the_code_has_its_french() -> None:
    assert catalogs.catalog_problems("fr") == []


def test_the_template_is_up_to_date() -> None:
    with open(catalogs.template_path(), "rb") as source:
        written = {(m.id, m.context) for m in read_po(source) if m.id}
    assert written == {(m.id, m.context) for m in catalogs.extracted() if m.id}, "run make messages"


@pytest.fixture
def scratch_catalog(tmp_path, monkeypatch):
    """A copy of the French catalog the test may break, and a function to edit one message."""
    target = tmp_path / "fr" / "LC_MESSAGES" / "lipmetrics.po"
    target.parent.mkdir(parents=True)
    shutil.copy(catalogs.po_path("fr"), target)
    monkeypatch.setattr(catalogs, "LOCALE_DIR", tmp_path)

    def edit(message_id: str, translation: str | None, context: str | None = None) -> None:
        with open(target, "rb") as source:
            catalog = read_po(source, locale="fr")
        if translation is None:
            catalog.delete(message_id, context=context)
        else:
            catalog.get(message_id, context=context).string = translation
        with open(target, "wb") as out:
            write_po(out, catalog)

    return edit


@pytest.mark.parametrize(
    ("translation", "found"),
    [
        (None, "is not in lipmetrics.po: run make messages"),
        ("", "has no fr translation yet"),
        ("ligne {line} : {message} ({column})", ""),  # same placeholders, another order: fine
        ("ligne {ligne} : {message}", "placeholders"),
        ("ligne {line}", "placeholders"),
    ],
)
def test_the_catalog_check_finds_what_is_missing_or_wrong(scratch_catalog, translation, found):
    message = "line {line}, column {column}: {message}"
    scratch_catalog(message, translation)
    problems = catalogs.catalog_problems("fr")
    if found:
        assert len(problems) == 1 and found in problems[0] and message in problems[0]
    else:
        assert problems == []


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("en", 'line 3, column metric: "EMP-99" — unknown metric'),
        ("fr", f"ligne 3, colonne metric{NBSP}: «{NBSP}EMP-99{NBSP}» — unknown metric"),
    ],
)
def test_a_problem_line_in_each_language(code, expected) -> None:
    with i18n.language(code):
        assert str(Problem(3, "metric", "EMP-99", "unknown metric")) == expected


@pytest.mark.parametrize(
    ("code", "number", "decimals", "percent", "long_date", "quarter", "fiscal", "month"),
    [
        ("en", "1,234.5", "1,234.50", "13%", "March 31, 2026", "Q3 2024", "FY2024-25",
         "September 2024"),
        ("fr", f"1{NBSP}234,5", f"1{NBSP}234,50", f"13{NBSP}%", "31 mars 2026",
         "3e trimestre 2024", "exercice 2024-25", "septembre 2024"),
    ],
)  # fmt: skip
def test_numbers_dates_and_periods(code, number, decimals, percent, long_date, quarter, fiscal,
                                   month) -> None:  # fmt: skip
    with i18n.language(code):
        assert i18n.format_number(1234.5) == number
        assert i18n.format_number(1234.5, 2) == decimals
        assert i18n.format_percent(0.126) == percent
        assert i18n.format_long_date(date(2026, 3, 31)) == long_date
        assert i18n.format_quarter(2024, 3) == quarter
        assert i18n.format_fiscal_year(2024) == fiscal
        assert i18n.format_month(2024, 9) == month


@pytest.mark.filterwarnings("error")  # pandas warns before it refuses text in a column of numbers
@pytest.mark.parametrize(
    ("values", "shown"),
    [([1234.5, None, 2.0], ["1,234.5", "", "2"]), ([None, None], ["", ""]), ([], [])],
)
def test_a_column_of_numbers_as_shown(values, shown) -> None:
    column = pd.Series(values, dtype="float64")
    assert i18n.format_numbers(column).tolist() == shown


@pytest.mark.parametrize(("code", "separators"), [("en", ".,"), ("fr", f",{NBSP}")])
def test_chart_separators(code, separators) -> None:
    assert i18n.plotly_separators(code=code) == separators


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("fr-CA,fr;q=0.9,en;q=0.8", "fr"),
        ("en-CA,en;q=0.9,fr;q=0.8", "en"),
        ("de-DE,fr;q=0.5,en;q=0.4", "fr"),
        ("en;q=0.3,fr;q=0.7", "fr"),
        ("fr;q=0,en;q=0.1", "en"),
        ("de,es", "en"),
        ("", "en"),
        (None, "en"),
        ("fr;q=abc,en", "en"),
    ],
)
def test_the_browser_language_picks_the_first_language(header, expected) -> None:
    assert i18n.preferred_language(header) == expected


@pytest.mark.parametrize(
    ("text", "expected"), [("fr", "fr"), ("FR_ca", "fr"), ("fr-CA", "fr"), ("en", "en"),
                           ("de", None), ("", None), (None, None)]
)  # fmt: skip
def test_language_codes(text, expected) -> None:
    assert i18n.language_code(text) == expected


def test_each_thread_keeps_its_own_language() -> None:
    """Streamlit runs each session's script in its own thread: one session's French must never
    reach another's English (no process-wide gettext.install)."""
    seen: dict[str, str] = {}
    french_set, english_read = threading.Event(), threading.Event()

    def french() -> None:
        i18n.set_language("fr")
        french_set.set()
        english_read.wait(5)
        seen["fr"] = i18n.format_number(1234.5)

    def english() -> None:
        french_set.wait(5)
        seen["en"] = i18n.format_number(1234.5)
        english_read.set()

    threads = [threading.Thread(target=french), threading.Thread(target=english)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert seen == {"fr": f"1{NBSP}234,5", "en": "1,234.5"}
    assert i18n.current_language() == "en"


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="not 'de'"):
        i18n.set_language("de")
