"""The catalogue changed from the app: the pure diff functions on hand-written tables, then add,
edit, retire, targets, upload preview and the download round trip on the bundled catalogue."""

from __future__ import annotations

import csv
import io
import math
from datetime import date, datetime

import pandas as pd
import pytest

from lipmetrics.accounts import OPERATOR, User, audit_entries
from lipmetrics.demo import load_demo_accounts
from lipmetrics.errors import InvalidInputError, PermissionDeniedError
from lipmetrics.i18n import language
from lipmetrics.measures import (
    add_metric,
    catalogue_download,
    catalogue_table,
    change_counts,
    check_catalogue_upload,
    completeness,
    edit_metric,
    metric_cells,
    metric_targets,
    remove_baseline,
    retire_metric,
    save_catalogue_upload,
    set_baseline,
    set_target,
    split_list,
)
from lipmetrics.measures.catalog_diff import (
    catalogue_changes,
    cell_text,
    change_of,
    describe_changes,
    keeping_figures,
    target_summary,
)
from lipmetrics.measures.catalog_words import CATALOG_COLUMNS
from lipmetrics.plan import import_plan_file
from lipmetrics.store import Database
from lipmetrics.submissions import check_submission, commit_submission, template_frame

from .conftest import DATA
from .databases import new_target

CORA = User("cora", "Cora", "coordinator")


@pytest.mark.parametrize(
    ("value", "text"),
    [(None, ""), (math.nan, ""), (30.0, "30"), (12.5, "12.5"), (1234567.0, "1234567"),
     (0.1 + 0.2, "0.3"), (-3.0, "-3"), ("NCC", "NCC")],
)  # fmt: skip
def test_cell_text(value, text) -> None:
    assert cell_text(value) == text


@pytest.mark.parametrize(
    ("before", "after", "described", "change"),
    [
        (None, {"code": "X", "name": "N", "retired": ""}, "code: blank → X; name: blank → N", "added"),
        ({"name": "A", "unit": "count", "retired": ""}, {"name": "A", "unit": "count", "retired": ""},
         "", "unchanged"),
        ({"name": "A", "unit": "count", "retired": ""}, {"name": "B", "unit": "rate", "retired": ""},
         "name: A → B; unit: count → rate", "changed"),
        ({"name": "A", "retired": ""}, {"name": "A", "retired": "yes"}, "retired: blank → yes", "retired"),
        ({"name": "A", "retired": "yes"}, {"name": "A", "retired": ""}, "retired: yes → blank", "changed"),
        ({"target": "100", "retired": ""}, {"target": "", "retired": ""}, "target: 100 → blank", "changed"),
    ],
)  # fmt: skip
def test_describe_and_change(before, after, described, change) -> None:
    assert describe_changes(before or {}, after) == described
    assert change_of(before, after) == change


def line(code: str, **cells: str) -> dict:
    """A catalogue line as text cells: a quarterly count with a target 100 and a baseline 30."""
    base = {c: "" for c in CATALOG_COLUMNS} | {"code": code, "name": code.title(), "unit": "count"}
    base |= {
        "frequency": "quarterly",
        "target": "100",
        "baseline": "30",
        "baseline_period": "2016-Q3",
    }
    return base | cells


@pytest.mark.parametrize(
    ("after", "kept"),
    [
        (line("A"), line("A")),
        (line("A", target=""), line("A")),  # a blank target leaves the one in force
        (line("A", baseline="", baseline_period=""), line("A")),
        (line("A", target="120", baseline="5", baseline_period="2017"),
         line("A", target="120", baseline="5", baseline_period="2017")),
    ],
)  # fmt: skip
def test_keeping_figures(after, kept) -> None:
    assert keeping_figures(line("A"), after) == kept
    assert keeping_figures(None, after) == after


def test_catalogue_changes() -> None:
    current = pd.DataFrame([line("A"), line("B"), line("C"), line("D")])
    uploaded = pd.DataFrame(
        [line("A", target=""), line("B", name="Bee"), line("C", retired="yes"), line("E")]
    )
    changes = catalogue_changes(current, uploaded)
    assert changes[["code", "change", "what"]].values.tolist() == [
        ["A", "unchanged", ""],
        ["B", "changed", "name: B → Bee"],
        ["C", "retired", "retired: blank → yes"],
        [
            "E",
            "added",
            "code: blank → E; name: blank → E; unit: blank → count; "
            "frequency: blank → quarterly; baseline: blank → 30; baseline_period: blank → 2016-Q3; "
            "target: blank → 100",
        ],
    ]  # fmt: skip  (D, not in the file, is left alone and not listed)
    assert change_counts(changes) == {"added": 1, "changed": 1, "retired": 1, "unchanged": 1}


def test_target_summary() -> None:
    in_force = pd.DataFrame(
        [("M1", "baseline", "2016-Q3", 30.0), ("M1", "target", "2024", 400.0),
         ("M1", "target", "", 100.0), ("M2", "target", "", 45.0)],
        columns=["metric", "kind", "period", "value"],
    )  # fmt: skip
    assert target_summary(in_force, {"M1": "count", "M2": "percent"}) == {
        "M1": "target 100 every period; 2024: 400; baseline 30 (2016-Q3)",
        "M2": "target 45% every period",
    }


@pytest.fixture
def bundled(tmp_path):
    """The bundled partners, breakdowns and catalogue (15 metrics), a one-year plan of 2020 and
    one value: NCC's 12 for ES-JOBSKILLS in 2020-Q1."""
    database = Database(new_target(tmp_path, "catalogue"))
    load_demo_accounts(database, DATA)
    tidy = "pillar,goal,objective,project,working_group,years,status\n"
    tidy += "Economic Success,Jobs,Skills,Job skills inventory,NCC,1,\n"
    import_plan_file(database, tidy.encode(), "tiny.csv", "Tiny plan", 2020, 1)
    text = b"metric,period,value\nES-JOBSKILLS,2020-Q1,12\n"
    check = check_submission(database, text, "NCC.csv", "NCC")
    assert check.ok, check.problems
    commit_submission(database, OPERATOR, check, text, tmp_path / "store", datetime(2020, 4, 10))
    yield database
    database.close()


def catalogue_audit(db) -> list[tuple]:
    log = audit_entries(db, OPERATOR)
    log = log[log["action"].str.startswith(("metric", "target", "baseline"))]
    return list(zip(log["username"], log["action"], log["target"], log["detail"], strict=True))[
        ::-1
    ]


NEW = {"code": "SI-MENTORS", "name": "Mentors matched", "unit": "Count", "direction": "up",
       "frequency": "quarterly", "kind": "performance", "partners": "NCC;WDB",
       "breakdowns": "gender"}  # fmt: skip


def test_add_metric(bundled) -> None:
    add_metric(bundled, CORA, NEW)
    cells = metric_cells(bundled, "SI-MENTORS")
    assert (cells["unit"], cells["direction"], cells["aggregation"], cells["rollup"]) == (
        "count",
        "higher",
        "sum",
        "sum",
    )  # the words of the file, with the unit's defaults
    assert catalogue_audit(bundled) == [
        ("cora", "metric added", "SI-MENTORS",
         "code: blank → SI-MENTORS; name: blank → Mentors matched; unit: blank → count; "
         "direction: blank → higher; frequency: blank → quarterly; kind: blank → performance; "
         "breakdowns: blank → gender; partners: blank → NCC;WDB; aggregation: blank → sum; "
         "rollup: blank → sum"),
    ]  # fmt: skip


CODE = 'write the code with letters, digits, "-", "_" or "." only, e.g. ES-EMPLOYERS'


@pytest.mark.parametrize(
    ("cells", "problems"),
    [
        ({"code": "ES-EMPLOYERS"},
         [("code", "ES-EMPLOYERS", "a metric has this code already: choose another code, or edit that metric")]),
        ({"code": "SI MENTORS"}, [("code", "SI MENTORS", CODE)]),
        ({"direction": "sideways"}, [("direction", "sideways", "write one of: higher, lower")]),
        ({"partners": "NCC;NOPE"},
         [("partners", "NOPE", "no partner has this code: import the partners first")]),
        ({"breakdowns": "colour"},
         [("breakdowns", "colour", "unknown breakdown: choose from age_group, gender, "
           "immigration_category, language")]),
    ],
)  # fmt: skip
def test_add_refused(bundled, cells, problems) -> None:
    with pytest.raises(InvalidInputError) as raised:
        add_metric(bundled, CORA, NEW | cells)
    found = [(p.line, p.column, p.value, p.message) for p in raised.value.problems]
    assert found == [(None, *problem) for problem in problems]
    assert len(catalogue_table(bundled)) == 15  # nothing saved
    assert catalogue_audit(bundled) == []


def test_only_coordinators_change_the_catalogue(bundled) -> None:
    with pytest.raises(PermissionDeniedError):
        add_metric(bundled, User("vic", "Vic", "viewer"), NEW)
    with pytest.raises(PermissionDeniedError):
        retire_metric(bundled, User("ncc", "NCC", "partner", "NCC"), "ES-EMPLOYERS")


def test_edit_metric(bundled) -> None:
    changes = {"name": "Employers at the table", "partners": "WDB;NCC", "direction": "Increase"}
    assert edit_metric(bundled, CORA, "ES-EMPLOYERS", changes) == (
        "name: Employers engaged → Employers at the table; partners: Chamber;PED;WDB → NCC;WDB"
    )  # "Increase" is higher, as before: not a change
    assert edit_metric(bundled, CORA, "ES-EMPLOYERS", changes) == ""  # nothing left to change
    assert edit_metric(bundled, CORA, "ES-EMPLOYERS", {"unit": "currency"}) == (
        "unit: count → currency"
    )  # no values yet: the unit may change
    assert edit_metric(bundled, CORA, "ES-EMPLOYERS", {"kind": "population", "pillar": "X"}) == (
        "kind: performance → population; pillar: ECONOMIC SUCCESS → X"
    )  # the pillar too, as a catalogue file changes it: it links the metric to the plans
    assert [entry[1:3] for entry in catalogue_audit(bundled)] == [
        ("metric changed", "ES-EMPLOYERS"),
        ("metric changed", "ES-EMPLOYERS"),
        ("metric changed", "ES-EMPLOYERS"),
    ]


KEPT = "keep {0}, or add a new metric with its own code and retire this one"
MONTHLY = (
    "this metric is reported monthly: write the period as 2024-09, or a year: 2024 or FY2024-25"
)


@pytest.mark.parametrize(
    ("changes", "problems"),
    [
        ({"unit": "currency"},
         [("unit", "currency", "this metric already has values with unit count: " + KEPT.format("count"))]),
        ({"frequency": "monthly"},
         [("frequency", "monthly",
           "this metric already has values with frequency quarterly: " + KEPT.format("quarterly")),
          ("baseline_period", "2016-Q3", MONTHLY),  # and its periods are no longer its own kind
          ("target_period", "2020-Q4", MONTHLY)]),
    ],
)  # fmt: skip
def test_unit_and_frequency_kept_once_values_exist(bundled, changes, problems) -> None:
    """ES-JOBSKILLS has a value: its unit and frequency stay; a sentence says why."""
    with pytest.raises(InvalidInputError) as raised:
        edit_metric(bundled, CORA, "ES-JOBSKILLS", changes)
    assert [(p.column, p.value, p.message) for p in raised.value.problems] == problems
    assert catalogue_audit(bundled) == []


def overdue_metrics(db) -> set[str]:
    """The metrics of the tiny plan's overdue reports at the end of 2021."""
    _, _, overdue = completeness(db, "Tiny plan", date(2021, 12, 31))
    return {code for codes in overdue["metrics"] for code in split_list(codes)}


def test_retire_and_bring_back(bundled) -> None:
    assert "ES-JOBSKILLS" in overdue_metrics(bundled)  # City, WDB: 2020-Q1 to Q4; NCC: Q2 to Q4
    in_template = set(template_frame(bundled, "WDB", 2020, 1)["metric"])
    assert "ES-JOBSKILLS" in in_template
    assert retire_metric(bundled, CORA, "ES-JOBSKILLS") == "retired: blank → yes"
    assert "ES-JOBSKILLS" not in set(template_frame(bundled, "WDB", 2020, 1)["metric"])
    table = catalogue_table(bundled).set_index("code")
    assert table.loc["ES-JOBSKILLS", "retired"] == "yes"
    assert "ES-JOBSKILLS" not in overdue_metrics(bundled)  # no longer asked for
    assert "ES-EMPLOYERS" in overdue_metrics(bundled)
    assert retire_metric(bundled, CORA, "ES-JOBSKILLS", retired=False) == "retired: yes → blank"
    assert set(template_frame(bundled, "WDB", 2020, 1)["metric"]) == in_template
    assert [entry[1:] for entry in catalogue_audit(bundled)] == [
        ("metric retired", "ES-JOBSKILLS", "retired: blank → yes"),
        ("metric changed", "ES-JOBSKILLS", "retired: yes → blank"),
    ]


def test_targets_of_a_quarterly_metric(bundled) -> None:
    """ES-EMPLOYERS (quarterly): standing target 25 and baseline 9 in 2016-Q3 from the file."""
    set_target(bundled, CORA, "ES-EMPLOYERS", 100.0, "year plan", "2024")  # a year: allowed
    set_target(bundled, CORA, "ES-EMPLOYERS", 30.0, "new agreement")
    with pytest.raises(InvalidInputError) as raised:
        set_target(bundled, CORA, "ES-EMPLOYERS", 5.0, "a month", "2024-03")
    assert raised.value.problems[0].message == (
        "write a period such as 2024-Q3, or a year: 2024 or FY2024-25"
    )
    remove_baseline(bundled, CORA, "ES-EMPLOYERS", "measured wrongly")
    set_target(bundled, CORA, "ES-EMPLOYERS", None, "dropped", "2024")
    assert metric_targets(bundled, "ES-EMPLOYERS")[["kind", "period", "value"]].values.tolist() == [
        ["target", "", 30.0]
    ]
    assert [entry[1:] for entry in catalogue_audit(bundled)] == [
        ("target set", "ES-EMPLOYERS", "2024: none → 100"),
        ("target set", "ES-EMPLOYERS", "every period: 25 → 30"),
        ("baseline set", "ES-EMPLOYERS", "9 in 2016-Q3 → none"),
        ("target set", "ES-EMPLOYERS", "2024: 100 → none"),
    ]
    set_baseline(bundled, CORA, "ES-EMPLOYERS", 12.0, "2017", "found the count")
    assert catalogue_audit(bundled)[-1][1:] == ("baseline set", "ES-EMPLOYERS", "none → 12 in 2017")


def test_download_then_upload_changes_nothing(bundled) -> None:
    """Round trip, with what a file holds that is easy to lose: a year target of a quarterly
    metric, a removed baseline, a retired metric, a definition Excel would run as a formula."""
    set_target(bundled, CORA, "ES-JOBSKILLS", 400.0, "year", "2020")
    edit_metric(bundled, CORA, "ES-JOBSKILLS", {"definition": "=cmd|' /C calc'!A0"})
    remove_baseline(bundled, CORA, "SI-TRAINING", "wrong")
    retire_metric(bundled, CORA, "EC-EVENTS")
    before, audit = catalogue_download(bundled), catalogue_audit(bundled)
    assert "'=cmd|' /C calc'!A0" in before.decode("utf-8-sig")  # neutralised
    upload = check_catalogue_upload(bundled, before, "catalogue.csv")
    assert change_counts(upload.changes) == {
        "added": 0,
        "changed": 0,
        "retired": 0,
        "unchanged": 15,
    }
    assert save_catalogue_upload(bundled, CORA, upload, "catalogue.csv") == 0
    assert catalogue_download(bundled) == before
    assert catalogue_audit(bundled) == audit


def test_upload_preview_then_save(bundled) -> None:
    text = catalogue_download(bundled).decode("utf-8-sig")
    text = text.replace("Employers engaged", "Employers at the table")
    rows = list(csv.reader(io.StringIO(text)))  # SI-PORTAL's retired cell set to yes
    for row in rows[1:]:
        row[rows[0].index("retired")] = (
            "yes" if row[0] == "SI-PORTAL" else row[rows[0].index("retired")]
        )
    written = io.StringIO()
    csv.writer(written, lineterminator="\n").writerows(rows)
    lines = written.getvalue().splitlines()
    lines.append("SI-MENTORS,Mentors matched,,count,up,quarterly,performance,,,NCC,,,20,2024,,,,,")
    upload = check_catalogue_upload(bundled, "\n".join(lines).encode(), "mine.csv")
    changed = upload.changes[upload.changes["change"] != "unchanged"]
    assert changed[["code", "change", "what"]].values.tolist() == [
        ["ES-EMPLOYERS", "changed", "name: Employers engaged → Employers at the table"],
        ["SI-PORTAL", "retired", "retired: blank → yes"],
        ["SI-MENTORS", "added",
         "code: blank → SI-MENTORS; name: blank → Mentors matched; unit: blank → count; "
         "direction: blank → higher; frequency: blank → quarterly; kind: blank → performance; "
         "partners: blank → NCC; target: blank → 20; target_period: blank → 2024; "
         "aggregation: blank → sum; rollup: blank → sum"],
    ]  # fmt: skip
    assert len(catalogue_table(bundled)) == 15  # the preview saves nothing
    assert save_catalogue_upload(bundled, CORA, upload, "mine.csv") == 3
    assert [entry[1:3] for entry in catalogue_audit(bundled)] == [
        ("metric changed", "ES-EMPLOYERS"),
        ("metric retired", "SI-PORTAL"),
        ("metric added", "SI-MENTORS"),
    ]
    assert metric_targets(bundled, "SI-MENTORS")[["period", "value"]].values.tolist() == [
        ["2024", 20.0]  # a year target of a quarterly metric
    ]


def test_bad_upload_names_its_line_and_saves_nothing(bundled) -> None:
    text = catalogue_download(bundled).decode("utf-8-sig").splitlines()
    text[3] = text[3].replace(",higher,", ",sideways,", 1)
    text[7] = text[7].replace(",count,", ",currency,", 1)  # ES-JOBSKILLS has values
    with pytest.raises(InvalidInputError) as raised:
        check_catalogue_upload(bundled, "\n".join(text).encode(), "bad.csv")
    found = [(p.line, p.column, p.value) for p in raised.value.problems]
    assert found == [(4, "direction", "sideways"), (8, "unit", "currency")]
    assert str(raised.value).startswith("The catalogue bad.csv has 2 problems; nothing was saved.")


def test_catalogue_table(bundled) -> None:
    """One line per metric, readable at a glance: ES-EMPLOYERS from data/metrics_catalog.csv."""
    set_target(bundled, CORA, "ES-EMPLOYERS", 100.0, "year plan", "2024")
    row = catalogue_table(bundled).set_index("code").loc["ES-EMPLOYERS"].to_dict()
    assert row == {
        "name": "Employers engaged",
        "measured": "count, quarterly, higher is better",
        "partners": "Chamber, PED, WDB",
        "breakdowns": "",
        "targets": "target 25 every period; 2024: 100; baseline 9 (2016-Q3)",
        "retired": "",
        "name_fr": "Employeurs mobilisés",  # data/metrics_catalog.csv's French (README "Languages")
    }


@pytest.mark.parametrize(
    ("code", "metric", "said"),
    [
        ("en", ("count", "quarterly", "higher"), "count, quarterly, higher is better"),
        ("en", ("percent", "annual", "lower"), "percent, annual, lower is better"),
        ("fr", ("count", "quarterly", "higher"),
         "dénombrement, fréquence trimestrielle, plus élevé est mieux"),
        ("fr", ("percent", "monthly", "lower"),
         "pourcentage, fréquence mensuelle, moins élevé est mieux"),
    ],
)  # fmt: skip
def test_how_a_metric_is_measured_is_said_in_the_session_language(code, metric, said) -> None:
    """The catalogue list's "measured" column in the session's language; the codes stay stored in
    English (README "Languages")."""
    from lipmetrics.measures.catalog_edit import measured_words

    with language(code):
        assert measured_words(*metric) == said


def test_the_preview_says_blank_in_the_readers_language() -> None:
    """The upload's preview is read now, in French too: a blank cell is « vide » there (the
    columns keep the catalogue file's names); the audit log keeps "blank"."""
    current = pd.DataFrame([line("C")])
    with language("fr"):
        changes = catalogue_changes(current, pd.DataFrame([line("C", retired="yes")]))
        assert changes["shown"].tolist() == ["retired: vide → yes"]
        assert changes["what"].tolist() == ["retired: blank → yes"]  # what the audit log stores
