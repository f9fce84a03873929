"""The meeting's slides for the small plan of tests/data, worked out by hand.

Small plan, start 2020, 3 years; the latest news is March 2021, plan year 2. Year 1: A1, A3, B1
scheduled, A1 and B1 complete (2 of 3). Year 2: A1, A2, B1 scheduled; A1 complete (its July 2020
record counts), A2 in progress, B1 (recurring) has no record in 2021 → not started: 1 of 3.
Year 3: B1 and B2 scheduled; B1 has no record in 2022, B2's working group is formed: 0 of 2.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from lipmetrics.accounts import OPERATOR
from lipmetrics.plan import StatusChange, import_plan_file, load_plan, record_statuses
from lipmetrics.reports import (
    late_projects,
    meeting_since,
    meeting_slides,
    plan_submissions,
    previous_meeting,
    remember_meeting,
    since_date,
)
from lipmetrics.store import Database

from .conftest import TEST_DATA
from .databases import new_target


@pytest.fixture
def small(tmp_path):
    database = Database(new_target(tmp_path, "small"))
    data = (TEST_DATA / "small_tidy.csv").read_bytes()
    import_plan_file(database, data, "small_tidy.csv", "Small", 2020, 3)
    yield database
    database.close()


def test_slide_titles_and_count(small) -> None:
    slides = meeting_slides(small, "Small", date(2021, 4, 1), date(2021, 1, 1))
    assert [s.title for s in slides] == [
        "Small", "Overall progress", "Alpha", "Beta", "Gamma", "Changed since January 1, 2021",
        "Needs attention",
    ]  # fmt: skip
    assert [s.kind for s in slides] == [
        "title",
        "overall",
        "pillar",
        "pillar",
        "pillar",
        "changes",
        "attention",
    ]


@pytest.mark.parametrize(
    ("meeting", "years"),
    [
        (date(2021, 4, 1), "Plan years 2020–2022; now in plan year 2 (2021)"),
        (date(2022, 5, 1), "Plan years 2020–2022; shown: plan year 2 (2021)"),  # no 2022 news yet
        # the trial's meeting in 2026 on a plan over since 2022: not "now in plan year 2"
        (date(2026, 11, 27), "Plan years 2020–2022, ended in 2022; shown: plan year 2 (2021)"),
        # a meeting before the plan starts: not "now in plan year 1" (plan_year_of says 1)
        (date(2019, 11, 27), "Plan years 2020–2022, starting in 2020; shown: plan year 2 (2021)"),
    ],
)
def test_the_title_says_which_plan_year_is_shown(small, meeting, years) -> None:
    """The latest news is of plan year 2 (2021), whatever the meeting's date."""
    title = meeting_slides(small, "Small", meeting, date(2021, 1, 1))[0]
    assert title.lines[1] == years


def test_overall_numbers(small) -> None:
    overall = meeting_slides(small, "Small", date(2021, 4, 1), date(2021, 1, 1))[1]
    assert overall.lines[0] == "Plan year 2 (2021): 1 of 3 scheduled projects complete"
    assert overall.lines[1] == "1 not started · 1 in progress · 1 complete"
    assert "Year 1 (2020): 2 of 3 complete" in overall.lines
    bars = overall.figure.data[0]
    assert list(bars.text) == ["2 of 3", "1 of 3", "0 of 2"]
    assert min(overall.figure.layout.font.size, bars.textfont.size) >= 24


def test_pillar_status_words(small) -> None:
    alpha = meeting_slides(small, "Small", date(2021, 4, 1), date(2021, 1, 1))[2]
    # Alpha in year 2: A1 complete, A2 in progress
    assert alpha.lines[0] == "Plan year 2: 1 in progress · 1 complete"


def test_attention_lists_projects_past_their_years(small) -> None:
    attention = meeting_slides(small, "Small", date(2021, 4, 1), date(2021, 1, 1))[-1]
    # A3 was scheduled in year 1 only and is still only "ongoing"
    assert attention.lines[0].startswith("1 project whose scheduled years have passed")
    assert "A3 Project" in attention.lines[0]
    assert attention.lines[1:] == ["0 metrics behind target", "0 overdue partner reports"]


def test_the_last_meeting_is_remembered(small) -> None:
    assert previous_meeting(small, "Small") is None
    remember_meeting(small, "Small", date(2021, 3, 15))
    assert previous_meeting(small, "Small") == date(2021, 3, 15)


def test_since_date_is_the_previous_meeting_or_60_days_ago() -> None:
    assert since_date(None, date(2021, 4, 1)) == date(2021, 1, 31)  # 60 days before April 1
    assert since_date(date(2021, 3, 15), date(2021, 4, 1)) == date(2021, 3, 15)


def test_meeting_since_reads_the_plans_last_meeting(small) -> None:
    assert meeting_since(small, "Small", date(2021, 4, 1)) == date(2021, 1, 31)
    remember_meeting(small, "Small", date(2021, 3, 15))
    assert meeting_since(small, "Small", date(2021, 4, 1)) == date(2021, 3, 15)
    assert meeting_since(small, "Other plan", date(2021, 4, 1)) == date(2021, 1, 31)


def test_attention_counts_projects_past_their_years_once_the_plan_has_ended(small) -> None:
    # Meeting in 2024, after the plan's last year (2022): every scheduled project not complete is
    # past its years: A2 (in progress), A3 (ongoing), B1 (not started in year 3), B2 (working
    # group formed). A1 is complete; A4 and C1 were never scheduled.
    attention = meeting_slides(small, "Small", date(2024, 1, 10), date(2021, 1, 1))[-1]
    assert attention.lines[0] == (
        "4 projects whose scheduled years have passed without completion: A2 Project; A3 Project"
        " and 2 more"
    )


LATE_TABLE = pd.DataFrame(
    {"project_id": [1, 2, 3, 4], "status": ["complete", "in_progress", "not_started", "deferred"]}
)
LATE_SCHEDULE = pd.DataFrame({"project_id": [1, 2, 2, 3, 4], "plan_year": [1, 1, 2, 3, 2]})


@pytest.mark.parametrize(
    ("now_year", "late"),
    [
        (1, []),  # nothing has passed in year 1
        (2, []),  # project 2's last year is 2: not passed yet; project 1 is complete
        (3, [2, 4]),  # years 1 and 2 passed
        (4, [2, 3, 4]),  # a 3-year plan that has ended: year 3 passed too
        (9, [2, 3, 4]),
    ],
)
def test_late_projects(now_year, late) -> None:
    assert list(late_projects(LATE_TABLE, LATE_SCHEDULE, now_year)["project_id"]) == late


def test_plan_submissions_keeps_those_that_sent_a_plan_metric() -> None:
    received = pd.DataFrame(
        {
            "id": [1, 2, 3, 4],
            "metrics": [["EC-ATTEND", "ES-JOBS"], ["OTHER"], None, ["ES-JOBS"]],
        }
    )
    assert list(plan_submissions(received, {"ES-JOBS"})["id"]) == [1, 4]
    assert list(plan_submissions(received, set())["id"]) == []


@pytest.mark.parametrize(
    ("in_small", "summary"),
    [
        ([], "No status change recorded"),
        (["A1 Project"], "1 status change recorded"),
        (["A1 Project", "A2 Project"], "2 status changes recorded"),
    ],
)
def test_changed_since_counts_only_the_chosen_plans_status_changes(
    small, in_small, summary
) -> None:
    """A status a coordinator records in Small counts; one recorded in another plan does not,
    nor the 6 statuses each plan's import recorded (the plans' starting points)."""
    other = (TEST_DATA / "small_tidy.csv").read_bytes()
    import_plan_file(small, other, "other.csv", "Other", 2020, 3)
    for plan, project in [*(("Small", p) for p in in_small), ("Other", "A2 Project")]:
        projects = load_plan(small, plan).projects
        found = int(projects.loc[projects["project"] == project, "project_id"].iloc[0])
        record_statuses(small, OPERATOR, plan, 2, [StatusChange(found, "complete", "completed")])
    changes = meeting_slides(small, "Small", date(2021, 4, 1), date(2021, 1, 1))[-2]
    assert changes.lines[:2] == [
        summary,
        "No submission received",
    ]
    assert sorted(changes.lines[2:]) == [f"{p}: complete" for p in in_small]


@pytest.mark.parametrize(
    ("lang", "reason", "line"),
    [
        ("en", "completed", "A1 Project: complete"),  # not "complete (completed)"
        ("en", "delayed", "A1 Project: complete (delayed)"),
        ("fr", "completed", "A1 Project (en anglais)\u00a0: terminé"),  # not « terminé (terminé) »
        ("fr", "delayed", "A1 Project (en anglais)\u00a0: terminé (retardé)"),
    ],
)
def test_a_change_says_its_reason_unless_it_repeats_the_status(small, lang, reason, line) -> None:
    from lipmetrics.i18n import language

    projects = load_plan(small, "Small").projects
    a1 = int(projects.loc[projects["project"] == "A1 Project", "project_id"].iloc[0])
    record_statuses(small, OPERATOR, "Small", 2, [StatusChange(a1, "complete", reason)])
    with language(lang):
        changes = meeting_slides(small, "Small", date(2021, 4, 1), date(2021, 1, 1))[-2]
    assert changes.lines[2:] == [line]


def test_a_year_with_nothing_scheduled_is_a_dash_on_the_chart_and_words_beside_it(small) -> None:
    gamma = meeting_slides(small, "Small", date(2021, 4, 1), date(2021, 1, 1))[4]
    assert list(gamma.figure.data[0].text) == ["—", "—", "—"]  # C1 is never scheduled
    assert gamma.lines[:2] == [
        "Plan year 2: no project scheduled",
        "No project is scheduled in year 1 (2020), year 2 (2021) and year 3 (2022).",
    ]
    # The chart has no title of its own: the screen writes the caption above it, and wraps it.
    assert gamma.figure.layout.title.text is None
    assert gamma.caption == "Completion per plan year"


@pytest.mark.parametrize(
    ("lang", "count", "names", "expected"),
    [
        ("en", 0, [], "0 metrics behind target"),
        ("en", 1, ["Jobs"], "1 metric behind target: Jobs"),
        ("en", 2, ["Jobs", "Homes"], "2 metrics behind target: Jobs; Homes"),
        ("en", 3, ["Jobs", "Homes"], "3 metrics behind target: Jobs; Homes and 1 more"),
        ("en", 12, ["Jobs", "Homes"], "12 metrics behind target: Jobs; Homes and 10 more"),
        ("fr", 1, ["Emplois"], "1 indicateur en retard sur sa cible\u00a0: Emplois"),
        ("fr", 3, ["Emplois", "Logements"],
         "3 indicateurs en retard sur leur cible\u00a0: Emplois\u00a0; Logements et 1 de plus"),
    ],
)  # fmt: skip
def test_needs_attention_says_how_many_it_does_not_name(lang, count, names, expected) -> None:
    """The "Needs attention" slide names the first two metrics behind target and says how many
    more there are, rather than counting three and naming two."""
    from lipmetrics.i18n import language
    from lipmetrics.reports.meeting import _behind_line

    with language(lang):
        assert _behind_line(names + ["Other"] * (count - len(names))) == expected


LATE = "scheduled years have passed without completion"


@pytest.mark.parametrize(
    ("lang", "late", "expected"),
    [
        ("en", [], f"0 projects whose {LATE}"),
        ("en", ["A1"], f"1 project whose {LATE}: A1"),
        ("en", ["A1", "A2"], f"2 projects whose {LATE}: A1; A2"),
        ("en", ["A1", "A2", "A3"], f"3 projects whose {LATE}: A1; A2 and 1 more"),
        ("fr", ["A1"],
         "1 projet dont les années prévues sont passées sans qu’il soit terminé\u00a0: A1"),
        ("fr", ["A1", "A2"],
         "2 projets dont les années prévues sont passées sans qu’ils soient terminés\u00a0: "
         "A1\u00a0; A2"),
    ],
)  # fmt: skip
def test_late_projects_line_says_one_or_many(lang, late, expected) -> None:
    from lipmetrics.i18n import language
    from lipmetrics.reports.meeting import _late_line

    with language(lang):
        assert _late_line(late) == expected


@pytest.mark.parametrize(
    ("lang", "count", "partners", "expected"),
    [
        ("en", 0, "", "0 overdue partner reports"),
        ("en", 1, "NCC", "1 overdue partner report: NCC"),
        ("en", 3, "NCC, WDB", "3 overdue partner reports: NCC, WDB"),
        ("fr", 1, "NCC", "1 rapport d’organisme partenaire en retard\u00a0: NCC"),
        ("fr", 3, "NCC, WDB", "3 rapports d’organismes partenaires en retard\u00a0: NCC, WDB"),
    ],
)
def test_overdue_line_says_one_or_many(lang, count, partners, expected) -> None:
    from lipmetrics.i18n import language
    from lipmetrics.reports.meeting import _overdue_line

    with language(lang):
        assert _overdue_line(count, partners) == expected


@pytest.mark.parametrize(
    ("lang", "count", "corrected", "partners", "expected"),
    [
        ("en", 0, 0, "", "No submission received"),
        ("fr", 0, 0, "", "Aucune soumission reçue"),
        ("en", 1, 0, "NCC", "1 submission received (0 correcting earlier figures) from NCC"),
        ("en", 1, 1, "NCC", "1 submission received (1 correcting earlier figures) from NCC"),
        ("en", 3, 1, "NCC, WDB",
         "3 submissions received (1 correcting earlier figures) from NCC, WDB"),
        ("fr", 1, 0, "NCC",
         "1 soumission reçue (0 corrigeant des chiffres antérieurs) de NCC"),
        ("fr", 3, 2, "NCC, WDB",
         "3 soumissions reçues (2 corrigeant des chiffres antérieurs) de NCC, WDB"),
    ],
)  # fmt: skip
def test_received_line_says_one_or_many(lang, count, corrected, partners, expected) -> None:
    from lipmetrics.i18n import language
    from lipmetrics.reports.words import received_line

    with language(lang):
        assert received_line(count, corrected, partners) == expected


@pytest.mark.parametrize(
    ("lang", "count", "expected"),
    [
        ("en", 0, "0 shared metrics inform this pillar."),
        ("en", 1, "1 shared metric informs this pillar."),
        ("en", 2, "2 shared metrics inform this pillar."),
        ("fr", 1, "1 indicateur commun renseigne cet élément du plan (pilier)."),
        ("fr", 2, "2 indicateurs communs renseignent cet élément du plan (pilier)."),
    ],
)
def test_shared_metrics_note_says_one_or_many(lang, count, expected) -> None:
    from lipmetrics.i18n import language
    from lipmetrics.reports.words import shared_note

    with language(lang):
        assert shared_note(count, "pillar") == expected


@pytest.mark.parametrize(
    ("name", "width", "expected"),
    [
        ("Coordinate annual work plans. Then review them", 33, "Coordinate annual work plans…"),
        ("Coordinate annual work plans, then review", 33, "Coordinate annual work plans…"),
        ("A short name", 35, "A short name"),
    ],
)
def test_a_name_cut_for_a_slide_ends_in_one_mark(name, width, expected) -> None:
    from lipmetrics.reports.meeting import short

    assert short(name, width) == expected


def _card(name: str, status: str, pillar: str = "Alpha") -> dict:
    return {"name": name, "status": status, "pillar": pillar, "latest_period": "2021",
            "latest_value": 10.0, "target": None, "unit": "count"}  # fmt: skip


@pytest.mark.parametrize(
    ("statuses", "first"),
    [
        (["on track", "ahead", "behind"], ["behind", "on track", "ahead"]),
        (["no data yet", "waiting for partners", "behind", "on track"],
         ["behind", "waiting for partners", "no data yet", "on track"]),
        (["on track", "ahead"], ["on track", "ahead"]),
    ],
)  # fmt: skip
def test_a_pillar_slide_names_the_metrics_behind_target_first(statuses, first) -> None:
    from lipmetrics.reports.words import attention_first

    cards = [_card(f"M{i}", status) for i, status in enumerate(statuses)]
    assert [c["status"] for c in attention_first(cards)] == first


def test_a_pillar_slide_with_many_metrics_keeps_the_one_behind_and_counts_the_rest(small) -> None:
    """Seven metrics on one pillar, the one behind target last on the scorecard: the slide names
    it, says how many more are on the scorecard, fits MAX_LINES, and the notes list all seven."""
    from lipmetrics.plan import load_plan, plan_progress
    from lipmetrics.reports.meeting import MAX_LINES, _pillar_slide

    rates = plan_progress(load_plan(small, "Small"))
    cards = [_card(f"Metric {i}", "on track") for i in range(6)] + [_card("Jobs", "behind")]
    cards.append(_card("Elsewhere", "behind", pillar="Beta"))
    slide = _pillar_slide("Alpha", rates, 2, cards, "pillar")
    # Alpha's plan lines: its year 2, and its year 3 with nothing scheduled; then three places.
    assert slide.lines[:2] == [
        "Plan year 2: 1 in progress · 1 complete",
        "No project is scheduled in year 3 (2022).",
    ]
    assert slide.lines[2:] == [
        "Jobs: 10 in 2021 — behind",
        "Metric 0: 10 in 2021 — on track",
        "… and 5 more metrics on the scorecard",
    ]
    assert len(slide.lines) == MAX_LINES
    assert "Elsewhere" not in slide.notes
    assert slide.notes.splitlines()[0] == "7 shared metrics inform this pillar."
    assert len(slide.notes.splitlines()) == 8
