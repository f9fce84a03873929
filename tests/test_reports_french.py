"""The deck, the workbook, the Word report, meeting mode and the `report` command in French
(README "Languages"), opened with python-pptx, openpyxl and python-docx.

The small plan of tests/data (see test_meeting and test_reports), with test_reports' extra Gamma
project G3 (scheduled in year 2, complete February 2021), by hand: year 1 (2020) 2 of 3 complete
(66.7 %), year 2 (2021) A1 and G3 complete, A2 in progress, B1 not started: 2 of 4 (50 %), year 3
(2022) B1 and B2 scheduled, none complete: 0 of 2. A1's record is dated July 2020 (month), A2's
January 2021, A3's "Ongoing" names no date: as of 2021-03-01.
"""

from __future__ import annotations

import io
from datetime import date

import openpyxl
import pytest
from docx import Document
from pptx import Presentation

from lipmetrics.cli import main
from lipmetrics.i18n import format_long_date, language
from lipmetrics.measures import period_label
from lipmetrics.plan import format_status_date, load_plan
from lipmetrics.reports import (
    annual_report,
    documents,
    meeting_deck,
    meeting_slides,
    workplan_workbook,
)
from lipmetrics.reports.annual import _card_line, annual_content
from lipmetrics.reports.pdf import report_html
from lipmetrics.reports.words import slide_metric_line

from .test_app import COORDINATOR, app, fresh_caches, navigation_owns_pages, small_path  # noqa: F401
from .test_reports import small  # noqa: F401  (the fixture)

NBSP = "\u00a0"
MEETING, SINCE = date(2021, 4, 1), date(2021, 1, 1)


def coordinator() -> dict:
    """test_app's coordinator, a copy: ?lang=fr remembers French on the signed-in user's dict
    (ui.session.remember_language), which must not reach the next test's English pages."""
    return dict(COORDINATOR)


def french_deck(database) -> Presentation:
    with language("fr"):
        slides = meeting_slides(database, "Small", MEETING, SINCE)
        return Presentation(io.BytesIO(meeting_deck(slides)))


def EN(name: str) -> str:  # noqa: N802
    """A name with no French version, as a French document shows it (README "Languages")."""
    return f"{name} (en anglais)"


def words_of(slide) -> list[str]:
    """The bullets of a deck slide's text box, without their "• "."""
    boxes = [s for s in slide.shapes if s.has_text_frame and s != slide.shapes.title]
    return [p.text.removeprefix("• ") for box in boxes for p in box.text_frame.paragraphs]


def test_the_deck_in_french(small) -> None:  # noqa: F811
    deck = french_deck(small)
    assert [s.shapes.title.text for s in deck.slides] == [
        EN("Small"), "Progrès d’ensemble", EN("Alpha"), EN("Beta"), EN("Gamma"),
        "Changements depuis le 1er janvier 2021", "Points d’attention",
    ]  # fmt: skip
    assert deck.slides[0].placeholders[1].text.splitlines() == [
        "Réunion du comité de coordination, 1er avril 2021",
        f"Années du plan 2020–2022{NBSP}; nous sommes à l’année du plan 2 (2021)",
        "Changements depuis le 1er janvier 2021",
    ]
    overall = deck.slides[1]
    assert words_of(overall) == [
        f"Année du plan 2 (2021){NBSP}: 2 projets prévus sur 4 terminés",
        "1 non commencé · 1 en cours · 2 terminés",
        f"Année 1 (2020){NBSP}: 2 sur 3 terminés",
        f"Année 3 (2022){NBSP}: 0 sur 2 terminé",
    ]
    chart = next(shape.chart for shape in overall.shapes if shape.has_chart)
    assert list(chart.plots[0].series[0].values) == [66.7, 50.0, 0.0]  # numbers, not text
    assert chart.plots[0].data_labels.number_format == f'0"{NBSP}%"'
    assert overall.notes_slide.notes_text_frame.text == (
        f"Taux d’achèvement = projets prévus dans l’année dont le statut est «{NBSP}terminé{NBSP}»."
    )
    assert words_of(deck.slides[6])[0] == (
        f"1 projet dont les années prévues sont passées sans qu’il soit terminé{NBSP}: {EN('A3 Project')}"
    )


def test_the_deck_in_english_is_unchanged(small) -> None:  # noqa: F811
    slides = meeting_slides(small, "Small", MEETING, SINCE)
    deck = Presentation(io.BytesIO(meeting_deck(slides)))
    assert words_of(deck.slides[1])[0] == "Plan year 2 (2021): 2 of 4 scheduled projects complete"
    chart = next(shape.chart for shape in deck.slides[1].shapes if shape.has_chart)
    assert chart.plots[0].data_labels.number_format == '0"%"'


@pytest.mark.parametrize(
    ("code", "sheets", "header", "a1_status", "history"),
    [
        ("en", ["Workplan", "Status history"],
         ["GOALS", "OBJECTIVES", "PROJECTS", "WORKING GROUP", "YEAR", "STATUS"],
         "Complete (last written: “Complete”)",
         ["Pillar", "Project", "Date", "Plan year", "Status", "As written", "Reason", "Note",
          "Recorded by", "Retracted"]),
        ("fr", ["Plan de travail", "Historique des statuts", "Noms d’origine"],
         ["BUTS", "OBJECTIFS", "PROJETS", "GROUPE DE TRAVAIL", "ANNÉE", "STATUT"],
         f"Terminé (dernier texte écrit{NBSP}: «{NBSP}Complete{NBSP}»)",
         ["Pilier", "Projet", "Date", "Année du plan", "Statut", "Tel qu’écrit", "Motif", "Note",
          "Inscrit par", "Retiré"]),
    ],
)  # fmt: skip
def test_the_workbook_in_each_language(small, code, sheets, header, a1_status, history) -> None:  # noqa: F811
    with language(code):
        book = openpyxl.load_workbook(io.BytesIO(workplan_workbook(load_plan(small, "Small"), 2)))
    assert book.sheetnames == sheets
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    assert [list(r) for r in rows if r[1] == header[1]] == [header] * 3  # one per pillar
    a1 = "A1 Project"  # no French name: written as it is, unmarked (README "Languages")
    assert next(r for r in rows if r[2] == a1)[5] == a1_status
    cells = list(book.worksheets[1].iter_rows())
    assert [c.value for c in cells[0]] == history
    plan_years = [row[3] for row in cells[1:]]
    assert all(c.data_type == "n" and c.number_format == "0" for c in plan_years)
    assert [c.value for c in plan_years[:3]] == [1, 2, 2]  # A1 in year 1, A2 and A3 in year 2


def test_the_workbook_history_dates_in_french(small) -> None:  # noqa: F811
    with language("fr"):
        book = openpyxl.load_workbook(io.BytesIO(workplan_workbook(load_plan(small, "Small"), 2)))
    rows = list(book.worksheets[1].iter_rows(values_only=True))
    assert [r[1:5] for r in rows[1:4]] == [
        (EN("A1 Project"), "juill. 2020", 1, "Terminé"),
        (EN("A2 Project"), "janv. 2021", 2, "En cours"),
        (EN("A3 Project"), "au 2021-03-01", 2, "En cours"),
    ]


def test_the_word_report_appendix_in_french(small) -> None:  # noqa: F811
    with language("fr"):
        report = annual_report(small, "Small", 2, MEETING, with_charts=False)
    paragraphs = [p.text for p in Document(io.BytesIO(report)).paragraphs]
    a1 = paragraphs.index(f"{EN('Alpha')} — {EN('A1 Project')}")
    assert paragraphs[a1 + 1] == (
        f"juill. 2020{NBSP}: Terminé (écrit «{NBSP}Complete{NBSP}»){NBSP}; motif{NBSP}: import du plan"
    )


@pytest.mark.parametrize(
    ("code", "english", "french"),
    [
        ("2020-Q4", "2020-Q4", "4e trimestre 2020"),
        ("2024-09", "2024-09", "septembre 2024"),
        ("FY2024-25", "FY2024-25", "exercice 2024-25"),
        ("2024", "2024", "2024"),
        ("no data for 2024-Q3", "no data for 2024-Q3", "no data for 2024-Q3"),  # no period
    ],
)
def test_periods_in_each_language(code, english, french) -> None:
    assert period_label(code) == english
    with language("fr"):
        assert period_label(code) == french


@pytest.mark.parametrize(
    ("when", "precision", "english", "french"),
    [
        (date(2020, 7, 1), "month", "Jul 2020", "juill. 2020"),
        (date(2020, 9, 1), "month", "Sep 2020", "sept. 2020"),
        (date(2020, 1, 1), "year", "2020", "2020"),
        (date(2021, 3, 20), "day", "2021-03-20", "2021-03-20"),
        (None, None, "as of 2021-03-01", "au 2021-03-01"),
    ],
)
def test_status_dates_in_each_language(when, precision, english, french) -> None:
    assert format_status_date(when, precision, date(2021, 3, 1)) == english
    with language("fr"):
        assert format_status_date(when, precision, date(2021, 3, 1)) == french


CARD = {"name": "Jobs", "latest_period": "2020-Q4", "latest_value": 1234.5, "unit": "count",
        "target": 1500, "status": "on track", "trend": "up", "trend_run": 2,
        "direction": "higher"}  # fmt: skip


@pytest.mark.parametrize(
    ("line", "english", "french"),
    [
        (_card_line,
         "Jobs: 1,234.5 in 2020-Q4, target 1,500 — on track; improving for 2 periods.",
         f"Jobs{NBSP}: 1{NBSP}234,5 (4e trimestre 2020), cible 1{NBSP}500 — en bonne voie{NBSP}; "
         "en amélioration depuis 2 périodes."),
        (slide_metric_line,
         "Jobs: 1,234.5 in 2020-Q4 (target 1,500) — on track",
         f"Jobs{NBSP}: 1{NBSP}234,5 (4e trimestre 2020{NBSP}; cible 1{NBSP}500) — en bonne voie"),
    ],
)  # fmt: skip
def test_metric_lines_name_their_period_in_words(line, english, french) -> None:
    assert line(CARD) == english
    with language("fr"):
        assert line(CARD) == french


def test_the_report_command_writes_french(small_path, tmp_path, monkeypatch) -> None:  # noqa: F811
    monkeypatch.setenv("LIPMETRICS_DB", small_path)
    out = tmp_path / "plan.xlsx"
    args = ["report", "--plan", "Small", "--kind", "xlsx", "--year", "2", "--out", str(out)]
    assert main([*args, "--lang", "fr"]) == 0
    assert openpyxl.load_workbook(out).sheetnames == [
        "Plan de travail", "Historique des statuts", "Noms d’origine",
    ]  # fmt: skip
    assert main(args) == 0  # English by default
    assert openpyxl.load_workbook(out).sheetnames == ["Workplan", "Status history"]
    deck = tmp_path / "deck.pptx"
    assert main(["report", "--plan", "Small", "--kind", "pptx", "--as-of", "2021-04-01",
                 "--out", str(deck), "--lang", "fr"]) == 0  # fmt: skip
    assert Presentation(str(deck)).slides[1].shapes.title.text == "Progrès d’ensemble"


@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        (["--year", "4"], 1, "--year 4: the plan “Small” has plan years 1 to 3; give one of them."),
        (["--year", "4", "--lang", "fr"], 1,
         f"--year 4{NBSP}: le plan «{NBSP}Small{NBSP}» a les années du plan 1 à 3{NBSP}; "
         "indiquez l’une d’elles."),
    ],
)  # fmt: skip
def test_the_report_command_refuses_a_year_the_plan_has_not(
    small_path,  # noqa: F811
    tmp_path,
    monkeypatch,
    capsys,
    args,
    status,
    message,  # noqa: F811
) -> None:
    monkeypatch.setenv("LIPMETRICS_DB", small_path)
    out = tmp_path / "plan.xlsx"
    assert main(["report", "--plan", "Small", "--kind", "xlsx", "--out", str(out), *args]) == status
    assert capsys.readouterr().err.strip() == message
    assert not out.exists()


def test_meeting_mode_in_french(small_path, monkeypatch) -> None:  # noqa: F811
    """Meeting mode with ?lang=fr: the slides, the controls and the settings in French, and the
    EN/FR switch in the slide's title row (meeting mode has no header)."""
    at = app(small_path, monkeypatch, user=coordinator()).run()
    at.switch_page("pages/meeting.py").run()
    assert at.markdown[0].value.startswith("- Coordinating committee meeting, ")
    at.query_params["lang"] = "fr"
    at.run()  # the slides of the same plan and day again, not the English ones kept in the cache
    assert not at.exception
    assert at.title[0].value == EN("Small")  # the plan has no French name
    assert at.markdown[0].value.startswith("- Réunion du comité de coordination, ")
    labels = [b.label for b in at.button]
    assert {"Quitter la réunion", "Précédente", "Reculer", "Avancer", "Suivante"} <= set(labels)
    assert "Diapositive 1 sur 7" in [m.value for m in at.markdown]
    switches = [h.proto.body for h in at.get("html") if "lm-language" in h.proto.body]
    assert len(switches) == 1 and 'href="?lang=en"' in switches[0]
    next(b for b in at.button if b.label == "Suivante").click().run()
    assert at.title[0].value == "Progrès d’ensemble"
    assert [h.value for h in at.subheader] == [
        f"Tous les projets{NBSP}: taux d’achèvement par année du plan"
    ]
    markdown = [m.value.replace("\\", "") for m in at.markdown]  # without the escapes of ui.text
    words = next(text for text in markdown if "Année du plan" in text)
    assert f"- Année du plan 2 (2021){NBSP}: 1 projet prévu sur 3 terminé" in words.splitlines()
    assert at.toggle[0].label == "Passer à la diapositive suivante toutes les 30 secondes"


def test_the_reports_page_in_french(small_path, monkeypatch) -> None:  # noqa: F811
    """The Reports page with ?lang=fr: its words in French, the report and the deck prepared in
    French, and kept as French (a document is offered only in the language it was made in)."""
    monkeypatch.setattr(documents, "chart_images", lambda figures: None)  # no browser needed
    at = app(small_path, monkeypatch, user=coordinator())
    at.query_params["lang"] = "fr"
    # AppTest writes a select box's value with its format_func in this thread: in French too.
    with language("fr"):
        reports_in_french(at)


def reports_in_french(at) -> None:
    at.run()
    at.switch_page("pages/reports.py").run()
    assert not at.exception
    assert at.title[0].value == f"De quel rapport avez-vous besoin{NBSP}?"
    assert [s.value for s in at.subheader] == [
        "Rapport d’étape annuel", "Le plan de travail dans Excel", "La présentation de la réunion",
    ]  # fmt: skip
    assert [b.proto.label for b in at.get("download_button")] == ["Télécharger (XLSX)"]
    at.button(key="prepare_report").click().run()
    at.button(key="prepare_deck").click().run()
    assert [b.proto.label for b in at.get("download_button")] == [
        "Télécharger (DOCX)", "Télécharger (XLSX)", "Télécharger (PPTX)",
    ]  # fmt: skip
    about, report = at.session_state["prepared_documents"]["report"]
    assert about == ("Small", 2, "fr")
    assert Document(io.BytesIO(report)).paragraphs[0].text == (
        f"{EN('Small')}{NBSP}: rapport d’étape, année du plan 2 (2021)"
    )
    _, deck = at.session_state["prepared_documents"]["deck"]
    assert Presentation(io.BytesIO(deck)).slides[1].shapes.title.text == "Progrès d’ensemble"


def test_the_pdf_report_appendix_in_french(small) -> None:  # noqa: F811
    """The PDF is written from the same content: its status dates are French too."""
    with language("fr"):
        html = report_html(annual_content(small, "Small", 2, MEETING), with_charts=False)
    assert (
        f"<li>juill. 2020{NBSP}: Terminé (écrit «{NBSP}Complete{NBSP}»){NBSP}; "
        f"motif{NBSP}: import du plan</li>" in html
    )


@pytest.mark.parametrize(
    ("day", "english", "french"),
    [
        (date(2021, 4, 1), "April 1, 2021", "1er avril 2021"),
        (date(2026, 3, 31), "March 31, 2026", "31 mars 2026"),
        (date(2021, 1, 11), "January 11, 2021", "11 janvier 2021"),
    ],
)
def test_long_dates_in_each_language(day, english, french) -> None:
    assert format_long_date(day) == english
    with language("fr"):
        assert format_long_date(day) == french
