"""The PPTX deck, DOCX report and XLSX workplan, opened with python-pptx, python-docx and
openpyxl and checked against the database (the small plan of tests/data, see test_meeting)."""

from __future__ import annotations

import io
from datetime import date

import openpyxl
import pytest
from docx import Document
from pptx import Presentation

from lipmetrics.plan import import_plan_file, load_plan, plan_progress
from lipmetrics.reports import annual_report, meeting_deck, meeting_slides, workplan_workbook
from lipmetrics.reports import documents as reports
from lipmetrics.store import Database

from .conftest import TEST_DATA
from .databases import new_target


@pytest.fixture
def small(tmp_path):
    database = Database(new_target(tmp_path, "small"))
    text = (TEST_DATA / "small_tidy.csv").read_text(encoding="utf-8")
    # a project name a spreadsheet would run as a formula if it were written as is
    text += (
        'Gamma,G3 Goal three,,"=HYPERLINK(""http://example.invalid"",""x"")",,2,Complete,2021-02,\n'
    )
    import_plan_file(database, text.encode(), "small.csv", "Small", 2020, 3)
    yield database
    database.close()


def test_deck_slides_titles_charts_and_notes(small) -> None:
    slides = meeting_slides(small, "Small", date(2021, 4, 1), date(2021, 1, 1))
    deck = Presentation(io.BytesIO(meeting_deck(slides)))
    assert len(deck.slides) == len(slides) == 7
    assert [s.shapes.title.text for s in deck.slides] == [s.title for s in slides]
    rates = plan_progress(load_plan(small, "Small"))
    everything = rates[rates["pillar"] == "All"].sort_values("plan_year")
    overall = deck.slides[1]
    charts = [shape.chart for shape in overall.shapes if shape.has_chart]
    assert len(charts) == 1  # a native chart, not a picture
    values = list(charts[0].plots[0].series[0].values)
    expected = [round(100 * r, 1) if r == r else 0.0 for r in everything["completion_rate"]]
    assert (
        values == expected
    )  # year 1: 2 of 3, year 2: 2 of 4 with the Gamma project, year 3: 0 of 2
    assert values[:2] == [66.7, 50.0]
    assert "Completion = projects scheduled" in overall.notes_slide.notes_text_frame.text


def test_deck_titles_are_centred_on_its_wide_slides(small) -> None:
    """The deck is 16:9 (13.33 in) while python-pptx's layouts are 4:3 (10 in): every title and
    the title slide's subtitle are centred on the wide slide, not on its left 10 inches."""
    slides = meeting_slides(small, "Small", date(2021, 4, 1), date(2021, 1, 1))
    deck = Presentation(io.BytesIO(meeting_deck(slides)))
    middle = deck.slide_width / 2
    for page in deck.slides:
        for placeholder in page.placeholders:
            assert abs(placeholder.left + placeholder.width / 2 - middle) < 0.01 * deck.slide_width
            # Its height and place from the top are the layout's, as before it was widened.
            layout = page.slide_layout.placeholders.get(idx=placeholder.placeholder_format.idx)
            assert (placeholder.top, placeholder.height) == (layout.top, layout.height)
            assert placeholder.height > 0
    title, subtitle = deck.slides[0].placeholders[0], deck.slides[0].placeholders[1]
    assert title.top + title.height <= subtitle.top  # the title above, not over, the subtitle


@pytest.mark.parametrize(("lang", "name"), [("en", "Complete"), ("fr", "Terminés")])
def test_a_year_with_nothing_scheduled_is_a_blank_point_in_the_deck(small, lang, name) -> None:
    """Gamma's chart: year 1 has nothing scheduled ("—" on the screen's bar), so the deck's native
    chart has no value there rather than a 0% bar; year 2 is 1 of 1 (the project added above).
    The series is named in the deck's language."""
    from lipmetrics.i18n import language

    with language(lang):
        slides = meeting_slides(small, "Small", date(2021, 4, 1), date(2021, 1, 1))
        gamma = next(s for s in slides if s.title.startswith("Gamma"))  # French: "(en anglais)"
        assert list(gamma.figure.data[0].text)[0] == "—"
        deck = Presentation(io.BytesIO(meeting_deck(slides)))
    page = deck.slides[slides.index(gamma)]
    chart = next(shape.chart for shape in page.shapes if shape.has_chart)
    series = chart.plots[0].series[0]
    assert series.name == name
    assert list(series.values)[:2] == [None, 100.0]


def test_report_sections_and_numbers(small) -> None:
    report = annual_report(small, "Small", year=2, as_of=date(2021, 4, 1), with_charts=False)
    document = Document(io.BytesIO(report))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[:2] == ["Alpha", "Completed this year"]
    assert {"Alpha", "Beta", "Gamma", "Appendix: every project and its status history"} <= set(
        headings
    )
    assert "2 of 4 scheduled projects are complete" in document.paragraphs[1].text
    alpha = document.tables[0]
    rows = [[c.text for c in row.cells] for row in alpha.rows]
    assert rows[0] == ["Plan year", "Year", "Scheduled", "Complete", "Completion"]
    assert rows[1] == ["1", "2020", "2", "1", "50%"]  # A1 complete; A3 ongoing
    assert rows[2] == ["2", "2021", "2", "1", "50%"]  # A1 complete; A2 in progress


def test_workplan_rows_fills_and_no_formula(small) -> None:
    book = openpyxl.load_workbook(io.BytesIO(workplan_workbook(load_plan(small, "Small"), 2)))
    sheet = book.active
    rows = list(sheet.iter_rows())
    projects = {r[2].value: r for r in rows if r[2].value and r[2].value != "PROJECTS"}
    assert set(projects) >= {
        "A1 Project",
        "A2 Project",
        "A3 Project",
        "B1 Annual event",
        "B2 Project",
    }
    assert projects["A1 Project"][5].value.startswith("Complete")
    assert projects["A1 Project"][0].fill.fgColor.rgb == "FF92D050"  # green: complete
    # B1 is recurring: nothing recorded in 2021, so not started this year (its 2020 text is quoted)
    assert projects["B1 Annual event"][5].value == "Not started (last written: “Complete”)"
    assert projects["B1 Annual event"][0].fill.fgColor.rgb == "00000000"  # no fill
    assert [r[0].value for r in rows if r[0].value == "GOALS"] == [
        "GOALS"
    ] * 3  # a header per pillar
    cells = [c for row in rows for c in row]
    assert not any(c.data_type == "f" for c in cells)
    assert not any(isinstance(c.value, str) and c.value.startswith("=") for c in cells)
    assert any(isinstance(c.value, str) and c.value.startswith("'=HYPERLINK") for c in cells)


def test_working_group_formed_is_red(small) -> None:
    """B2's working group was formed in March 2021, plan year 2."""
    book = openpyxl.load_workbook(io.BytesIO(workplan_workbook(load_plan(small, "Small"), 2)))
    rows = {r[2].value: r for r in book.active.iter_rows() if r[2].value}
    assert rows["B2 Project"][5].value.startswith("Working group formed")
    assert rows["B2 Project"][0].fill.fgColor.rgb == "FFFF0000"


def test_report_charts_are_drawn(small) -> None:
    """One chart for the whole plan and one per pillar, drawn by kaleido with Debian's Chromium."""
    document = Document(io.BytesIO(annual_report(small, "Small", year=2, as_of=date(2021, 4, 1))))
    assert len(document.inline_shapes) == 1 + 3
    image = document.inline_shapes[0]._inline.graphic.graphicData.pic.blipFill.blip.embed  # noqa: SLF001
    assert document.part.related_parts[image].blob.startswith(b"\x89PNG")


def test_report_without_a_browser_says_so(small, monkeypatch) -> None:
    monkeypatch.setattr(reports, "chart_images", lambda figures: None)  # no browser could draw
    document = Document(io.BytesIO(annual_report(small, "Small", year=2, as_of=date(2021, 4, 1))))
    assert len(document.inline_shapes) == 0
    notes = [p.text for p in document.paragraphs if p.text.startswith("(Chart not drawn")]
    assert len(notes) == 4


def test_report_with_charts_left_out(small) -> None:
    report = annual_report(small, "Small", year=2, as_of=date(2021, 4, 1), with_charts=False)
    document = Document(io.BytesIO(report))
    assert len(document.inline_shapes) == 0
    assert not any(p.text.startswith("(Chart not drawn") for p in document.paragraphs)


@pytest.fixture
def with_a_reason(small):
    """Small, with A2 recorded in progress in year 2 with a reason and a note (and "=1+1" in the
    note, which a spreadsheet would run as a formula if it were written as is)."""
    from lipmetrics.accounts import OPERATOR
    from lipmetrics.plan import StatusChange, record_statuses

    projects = load_plan(small, "Small").projects
    a2 = int(projects.loc[projects["project"] == "A2 Project", "project_id"].iloc[0])
    change = StatusChange(a2, "in_progress", "progress reported", "=1+1 lender found")
    record_statuses(small, OPERATOR, "Small", 2, [change], today=date(2021, 3, 20))
    return small


def test_report_appendix_has_each_records_reason_and_note(with_a_reason) -> None:
    report = annual_report(
        with_a_reason, "Small", year=2, as_of=date(2021, 4, 1), with_charts=False
    )
    paragraphs = [p.text for p in Document(io.BytesIO(report)).paragraphs]
    appendix = paragraphs[paragraphs.index("Appendix: every project and its status history") :]
    a2 = appendix.index("Alpha — A2 Project")
    # A2's import record ("Began Jan 2021", no reason, no note), then the one recorded above.
    assert appendix[a2 + 1 : a2 + 3] == [
        "Jan 2021: In progress (written “Began Jan 2021”); reason: plan import",
        "2021-03-20: In progress; reason: progress reported; note: =1+1 lender found",
    ]


def test_workbook_history_sheet_has_each_records_reason_and_note(with_a_reason) -> None:
    data = load_plan(with_a_reason, "Small")
    book = openpyxl.load_workbook(io.BytesIO(workplan_workbook(data, 2)))
    sheet = book["Status history"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0] == reports.HISTORY_HEADER
    mine = [r for r in rows if r[1] == "A2 Project"]
    assert [r[2:8] for r in mine] == [
        ["Jan 2021", 2, "In progress", "Began Jan 2021", "plan import", None],
        ["2021-03-20", 2, "In progress", None, "progress reported", "'=1+1 lender found"],
    ]


def test_deck_changes_notes_have_each_changes_reason_and_note(with_a_reason) -> None:
    slides = meeting_slides(with_a_reason, "Small", date(2021, 4, 1), date(2021, 1, 1))
    deck = Presentation(io.BytesIO(meeting_deck(slides)))
    notes = deck.slides[5].notes_slide.notes_text_frame.text.splitlines()
    assert notes[:2] == [
        "Status changes with their reasons and notes, newest first:",
        "A2 Project: In progress; reason: progress reported; note: =1+1 lender found",
    ]


def test_a_chart_picture_in_the_report_has_its_alternative_text() -> None:
    """The DOCX chart says what it shows to a screen reader, as the PDF's does."""
    import zlib
    from struct import pack

    def chunk(kind: bytes, data: bytes) -> bytes:
        return pack(">I", len(data)) + kind + data + pack(">I", zlib.crc32(kind + data))

    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
    png += chunk(b"IDAT", zlib.compress(b"\x00\x00")) + chunk(b"IEND", b"")
    document = Document()
    reports._picture(document, [png], 0, "Year 2: 1 of 2 projects complete (50%)")
    saved = io.BytesIO()
    document.save(saved)
    [shape] = Document(io.BytesIO(saved.getvalue())).inline_shapes
    assert shape._inline.docPr.get("descr") == "Year 2: 1 of 2 projects complete (50%)"
