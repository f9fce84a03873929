"""The annual report as an accessible PDF, in English and French (README "Pages by role", Reports), opened with
pypdf: its text, its language, its tags (PDF/UA: headings, tables with header cells, figures with
their text alternative); the French Word report; the Reports page offering the PDF.

The small plan of tests/data, plan year 1 (2020), by hand: scheduled are A1 (years 1-2,
complete July 2020), A3 (year 1, "Ongoing" dated as of 2021, so not started in 2020) and B1
(years 1-3, complete May 2020) — 2 of 3 complete, 67%. Alpha: A1 and A3, 1 of 2 (50%); Beta: B1,
1 of 1 (100%); Gamma: nothing scheduled. One more unscheduled Gamma project has markup in its
name, which the PDF shows as written.
"""

from __future__ import annotations

import io
from collections import Counter
from datetime import date

import pytest
from docx import Document
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject

from lipmetrics.i18n import language
from lipmetrics.measures import format_value
from lipmetrics.measures.rules import trend_words
from lipmetrics.plan import import_plan_file
from lipmetrics.reports import annual_report, annual_report_pdf, documents
from lipmetrics.reports.annual import annual_content, trend_sentence
from lipmetrics.reports.pdf import report_html
from lipmetrics.store import Database

from .conftest import TEST_DATA
from .databases import new_target
from .test_app import app, fresh_caches, navigation_owns_pages  # noqa: F401

AS_OF = date(2021, 4, 1)
MARKUP = "C2 <b>bold</b> & co"
NBSP = "\u00a0"


def small_plan(database: Database) -> None:
    text = (TEST_DATA / "small_tidy.csv").read_text(encoding="utf-8")
    text += f'Gamma,G3 Goal three,,"{MARKUP}",,,,,\n'
    import_plan_file(database, text.encode(), "small.csv", "Small", 2020, 3)


@pytest.fixture
def small(tmp_path):
    database = Database(new_target(tmp_path, "small"))
    small_plan(database)
    yield database
    database.close()


def pdf_text(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def structure(reader: PdfReader) -> list[DictionaryObject]:
    """Every element of the PDF's structure tree, in document order."""
    found: list[DictionaryObject] = []

    def walk(node) -> None:
        node = node.get_object()
        if isinstance(node, ArrayObject):
            for kid in node:
                walk(kid)
        elif isinstance(node, DictionaryObject):
            if "/S" in node:
                found.append(node)
            if "/K" in node:
                walk(node["/K"])

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return found


REPORTS = [
    pytest.param(
        "en", "en-CA", "67%",
        [
            "Small: progress report, plan year 1 (2020)",
            "In plan year 1 (2020), 2 of 3 scheduled projects are complete "
            "(1 not started · 2 complete).",
            "Alpha: projects complete per plan year",
            "All projects: completion per plan year",
            "Year 1 (2020) 67% 2 of 3",
            "1 2020 2 1 50%",  # Alpha's year 1
            "1 2020 1 1 100%",  # Beta's year 1
            "Appendix: every project and its status history",
            f"Gamma — {MARKUP}",
            "Page 1 of ",
        ],
        id="english",
    ),
    pytest.param(
        "fr", "fr-CA", f"67{NBSP}%",
        [
            f"Small (en anglais){NBSP}: rapport d’étape, année du plan 1 (2020)",
            "Pour l’année du plan 1 (2020), 2 des 3 projets prévus sont terminés "
            "(1 non commencé · 2 terminés).",
            # The small plan has no French names: shown as written, marked (README "Languages").
            f"Alpha (en anglais){NBSP}: projets terminés par année du plan",
            f"Tous les projets{NBSP}: taux d’achèvement par année du plan",
            f"Année 1 (2020) 67{NBSP}% 2 sur 3",
            f"1 2020 2 1 50{NBSP}%",
            f"1 2020 1 1 100{NBSP}%",
            f"Annexe{NBSP}: chaque projet et l’historique de son statut",
            f"Gamma (en anglais) — {MARKUP} (en anglais)",
            "Page 1 sur ",
        ],
        id="french",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("code", "lang", "percent", "sentences"), REPORTS)
def test_pdf_text_and_language(small, code, lang, percent, sentences) -> None:
    with language(code):
        reader = PdfReader(io.BytesIO(annual_report_pdf(small, "Small", 1, AS_OF, False)))
    # A no-break space and a space share a glyph: pypdf reads either one for both.
    words = " ".join(pdf_text(reader).replace(NBSP, " ").split())
    assert percent.replace(NBSP, " ") in words
    for sentence in sentences:
        assert " ".join(sentence.replace(NBSP, " ").split()) in words
    root = reader.trailer["/Root"]
    assert root["/Lang"] == lang
    assert reader.metadata.title == sentences[0]
    assert (
        root["/ViewerPreferences"]["/DisplayDocTitle"].value is True
    )  # the title, not the file name
    assert root["/MarkInfo"]["/Marked"].value is True
    assert "/StructTreeRoot" in root
    with language(code):
        html = report_html(annual_content(small, "Small", 1, AS_OF), with_charts=False)
    assert f'<html lang="{lang}">' in html
    assert percent in html  # "67%" / "67 %" with a no-break space


def test_pdf_headings_in_order_and_tables_tagged(small) -> None:
    """One h1 (the title), a h2 per pillar and the appendix, a h3 per section; each table has
    a caption and header cells; the charts left out leave their tables."""
    reader = PdfReader(io.BytesIO(annual_report_pdf(small, "Small", 1, AS_OF, False)))
    elements = structure(reader)
    headings = [e["/S"] for e in elements if e["/S"] in ("/H1", "/H2", "/H3")]
    assert headings == ["/H1"] + ["/H2", "/H3", "/H3"] * 3 + ["/H2"]
    kinds = Counter(e["/S"] for e in elements)
    assert kinds["/Table"] == kinds["/Caption"] == 1 + 3 * 2  # overall; per pillar: 2 tables
    # Header cells: 3 per chart table (+ a row header per year), 5 per pillar table (+ 3)
    assert kinds["/TH"] == (3 + 3) + 3 * ((5 + 3) + (3 + 3))
    assert kinds["/Figure"] == 0


def test_pdf_charts_are_figures_with_their_numbers(small) -> None:
    """Drawn by kaleido with Debian's Chromium: a figure per chart, its text alternative saying
    what it shows with its numbers."""
    reader = PdfReader(io.BytesIO(annual_report_pdf(small, "Small", 1, AS_OF)))
    figures = [e for e in structure(reader) if e["/S"] == "/Figure"]
    assert [str(f["/Alt"]).split(":")[0] for f in figures] == [
        "Bar chart, All projects", "Bar chart, Alpha", "Bar chart, Beta", "Bar chart, Gamma",
    ]  # fmt: skip
    assert figures[0]["/Alt"] == (
        "Bar chart, All projects: completion per plan year: plan year 1 (2020): 67%, 2 of 3 "
        "complete; plan year 2 (2021): 33%, 1 of 3 complete; plan year 3 (2022): 0%, 0 of 2 "
        "complete."
    )
    assert figures[3]["/Alt"].endswith("plan year 3 (2022): nothing scheduled.")


def test_pdf_without_a_browser_says_so(small, monkeypatch) -> None:
    monkeypatch.setattr(documents, "chart_images", lambda figures: None)  # no browser could draw
    reader = PdfReader(io.BytesIO(annual_report_pdf(small, "Small", 1, AS_OF)))
    assert not [e for e in structure(reader) if e["/S"] == "/Figure"]
    text = pdf_text(reader).replace("\n", " ")
    assert text.count("(Chart not drawn: no browser was available; the table below holds") == 4


def test_word_report_in_french(small) -> None:
    with language("fr"):
        report = annual_report(small, "Small", 1, AS_OF, with_charts=False)
    document = Document(io.BytesIO(report))
    paragraphs = [p.text for p in document.paragraphs]
    assert paragraphs[:2] == [
        f"Small (en anglais){NBSP}: rapport d’étape, année du plan 1 (2020)",
        "Pour l’année du plan 1 (2020), 2 des 3 projets prévus sont terminés "
        "(1 non commencé · 2 terminés).",
    ]
    assert [c.text for c in document.tables[0].rows[0].cells] == [
        "Année du plan", "Année", "Prévus", "Terminés", "Taux d’achèvement",
    ]  # fmt: skip
    assert [c.text for c in document.tables[1].rows[1].cells] == [
        "1",
        "2020",
        "1",
        "1",
        f"100{NBSP}%",
    ]
    assert f"Terminé (écrit «{NBSP}Complete{NBSP}»){NBSP}; motif{NBSP}: import du plan" in " ".join(
        paragraphs
    )


def test_reports_page_offers_the_pdf_after_prepare(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(documents, "chart_images", lambda figures: None)  # a browser elsewhere
    path = new_target(tmp_path, "small")
    database = Database(path)
    small_plan(database)
    database.close()
    at = app(path, monkeypatch).run()
    at.switch_page("pages/reports.py").run()
    labels = [button.proto.label for button in at.get("download_button")]
    assert "Download (PDF)" not in labels
    at.button(key="prepare_pdf").click().run()
    assert not at.exception
    labels = [button.proto.label for button in at.get("download_button")]
    assert labels == ["Download (PDF)", "Download (XLSX)"]
    _, content = at.session_state["prepared_documents"]["report_pdf"]
    reader = PdfReader(io.BytesIO(content))
    assert reader.metadata.title == "Small: progress report, plan year 2 (2021)"


@pytest.mark.parametrize(
    ("value", "unit", "english", "french"),
    [
        (1118, "count", "1,118", f"1{NBSP}118"),
        (1234.56, "count", "1,234.6", f"1{NBSP}234,6"),
        (45.2, "percent", "45.2%", f"45,2{NBSP}%"),
        (1200, "currency", "$1,200", f"1{NBSP}200{NBSP}$"),
        (8, "rate", "8.0", "8,0"),
    ],
)
def test_card_values_in_each_language(value, unit, english, french) -> None:
    """English as the scorecard writes it (measures.format_value), French the fr-CA way."""
    assert format_value(value, unit) == english
    with language("fr"):
        assert format_value(value, unit) == french


@pytest.mark.parametrize(
    ("trend", "run", "english", "french"),
    [
        ("up", 1, "improving for 1 period", "en amélioration depuis 1 période"),
        ("down", 3, "worsening for 3 periods", "en recul depuis 3 périodes"),
        ("flat", 2, "unchanged for 2 periods", "inchangé depuis 2 périodes"),
        ("", 0, "not enough periods for a trend", "pas assez de périodes pour une tendance"),
    ],
)
def test_card_trends_in_each_language(trend, run, english, french) -> None:
    card = {"trend": trend, "trend_run": run, "direction": "higher"}
    assert trend_sentence(card) == trend_words(trend, run, "higher") == english
    with language("fr"):
        assert trend_sentence(card) == french
