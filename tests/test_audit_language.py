"""The audit log's details in the reader's language (README "Languages"): what the app wrote is
stored in English, with its sentence's key, and shown in French to a French reader; older lines
and what people wrote are shown as stored; the search and the CSV keep the stored English."""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime

import numpy as np
import pandas as pd
import pytest

from lipmetrics.accounts import (
    OPERATOR,
    User,
    audit_entries,
    audit_refusal,
    authenticate,
    create_user,
    revoke_sessions,
    start_session,
)
from lipmetrics.errors import InvalidInputError, SignInError
from lipmetrics.files import to_csv_bytes
from lipmetrics.i18n import language
from lipmetrics.measures import (
    add_category,
    edit_partner,
    remove_baseline,
    rename_category,
    set_baseline,
    set_target,
)
from lipmetrics.plan import (
    StatusChange,
    import_plan_file,
    item_history,
    load_plan,
    plan_hierarchy,
    reclassify_unread,
    record_statuses,
    rename_item,
    retire_item,
    set_french_name,
    set_project_recurring,
    set_project_years,
    teach,
)
from lipmetrics.store import (
    SCHEMA_VERSION,
    Database,
    audit_number,
    audit_text,
    copy_database,
    queries,
    shown_audit_text,
)
from lipmetrics.submissions import check_submission, commit_submission
from web.cookies import same_origin_problem

from .conftest import TEST_DATA
from .databases import new_target

NBSP = "\u00a0"
WHY = "working group decision"
PLAN = "Small"
TINY = b"pillar,goal,objective,project,working_group,years,status,status_date\nP,G,O,T1 Tiny,,1,Blue moon,2020-06\n"


@pytest.fixture
def world(demo_db):
    """The demo with the small plan imported too."""
    data = (TEST_DATA / "small_tidy.csv").read_bytes()
    import_plan_file(demo_db, data, "small_tidy.csv", PLAN, 2020, 3)
    return demo_db


def item(db, name: str, plan: str = PLAN) -> tuple[str, int]:
    rows = plan_hierarchy(db, plan)
    row = rows[rows["name"] == name].iloc[0]
    return row["kind"], int(row["item_id"])


def project_id(db, name: str) -> int:
    projects = load_plan(db, PLAN).projects
    return int(projects.loc[projects["project"] == name, "project_id"].iloc[0])


def record_status(db) -> None:
    change = StatusChange(project_id(db, "A2 Project"), "complete", "delayed", "by June")
    record_statuses(db, OPERATOR, PLAN, 2, [change], today=date(2021, 5, 4))


def refuse_a_file(db, tmp_path) -> dict:
    data = b"metric,period,value\nNOPE-1,2024-Q1,5\n"
    check = check_submission(db, data, "bad.csv", "NCC", today=date(2026, 11, 23))
    with pytest.raises(InvalidInputError):
        commit_submission(db, OPERATOR, check, data, tmp_path)
    return {"sha": hashlib.sha256(data).hexdigest()[:12]}


def classify(db) -> None:
    import_plan_file(db, TINY, "tiny.csv", "Tiny", 2020, 3)
    teach(db, OPERATOR, "blue moon", "Complete")
    reclassify_unread(db, OPERATOR)


def sign_in_wrongly(db) -> None:
    with pytest.raises(SignInError):
        authenticate(db, "admin", "not the password")


def refuse_from(db, origin: str | None) -> None:
    """A sign-in the route refused, as web/routes.py audits it."""
    headers = {"host": "lip.example"} | ({"origin": origin} if origin else {})
    audit_refusal(db, "cora", "sign-in refused", same_origin_problem(headers, True))


def end_rita_sessions(db) -> None:
    rita = create_user(db, OPERATOR, "rita", "coordinator", password="rita-password-123")
    start_session(db, rita, "agent")
    revoke_sessions(db, OPERATOR, "rita")


def meeting_session(db) -> dict:
    start_session(db, User("admin", "Admin", "admin"), "agent", kind="meeting")
    with db.cursor() as cur:
        return json.loads(queries.audit_log(cur)["detail_args"].iloc[0])  # {"id": …}


# (what the app does, the action it writes, the stored English detail, the French shown, the
# stored English reason and the French reason): every placeholder of the expected sentences is
# filled from what the action returns (an id, a file's digest).
CASES = [
    pytest.param(
        lambda db, tmp: None,
        "plan imported",
        "small_tidy.csv: 7 projects, 6 status records",
        f"small_tidy.csv{NBSP}: 7 projet(s), 6 relevé(s) de statut",
        None,
        None,
        id="plan imported",
    ),
    pytest.param(
        lambda db, tmp: record_status(db),
        "status recorded",
        "year 2: Complete — by June",
        f"année 2{NBSP}: Terminé — by June",
        "delayed",
        "retardé",
        id="status recorded",
    ),
    pytest.param(
        lambda db, tmp: classify(db),
        "status classified",
        "“Blue moon” read as Complete (Tiny)",
        f"«{NBSP}Blue moon{NBSP}» lu comme Terminé (Tiny)",
        "classified by the LIP's vocabulary",
        "classé par le vocabulaire du PLI",
        id="status classified, with the app's reason",
    ),
    pytest.param(
        lambda db, tmp: teach(db, OPERATOR, "on the go", "In progress"),
        "status phrase taught",
        "means In progress",
        "signifie En cours",
        None,
        None,
        id="phrase taught",
    ),
    pytest.param(
        lambda db, tmp: edit_partner(db, OPERATOR, "NCC", "NCC Peterborough", "settlement agency"),
        "partner changed",
        "name “New Canadians Centre” becomes “NCC Peterborough”",
        f"nom «{NBSP}New Canadians Centre{NBSP}» devient «{NBSP}NCC Peterborough{NBSP}»",
        None,
        None,
        id="partner renamed",
    ),
    pytest.param(
        lambda db, tmp: edit_partner(db, OPERATOR, "NCC", "NCC Peterborough", "agency"),
        "partner changed",
        "name “New Canadians Centre” becomes “NCC Peterborough”; kind “settlement agency” "
        "becomes “agency”",
        f"nom «{NBSP}New Canadians Centre{NBSP}» devient «{NBSP}NCC Peterborough{NBSP}»{NBSP}; "
        f"type «{NBSP}settlement agency{NBSP}» devient «{NBSP}agency{NBSP}»",
        None,
        None,
        id="partner renamed and kind changed",
    ),
    pytest.param(
        lambda db, tmp: (
            add_category(db, OPERATOR, "gender", "other gendr"),
            rename_category(db, OPERATOR, "gender", "other gendr", "other gender"),
        ),
        "breakdown category renamed",
        "“other gendr” becomes “other gender”",
        f"«{NBSP}other gendr{NBSP}» devient «{NBSP}other gender{NBSP}»",
        None,
        None,
        id="category renamed",
    ),
    pytest.param(
        lambda db, tmp: set_target(db, OPERATOR, "ES-JOBSKILLS", 1234.5, WHY),
        "target set",
        "every period: 100 → 1234.5",
        f"toutes les périodes{NBSP}: 100 → 1{NBSP}234,5",
        WHY,
        WHY,
        id="target set",
    ),
    pytest.param(
        lambda db, tmp: set_baseline(db, OPERATOR, "ES-JOBSKILLS", 45, "2017-Q1", WHY),
        "baseline set",
        "30 in 2016-Q3 → 45 in 2017-Q1",
        "30 en 2016-Q3 → 45 en 2017-Q1",
        WHY,
        WHY,
        id="baseline set",
    ),
    pytest.param(
        lambda db, tmp: remove_baseline(db, OPERATOR, "ES-JOBSKILLS", WHY),
        "baseline set",
        "30 in 2016-Q3 → none",
        "30 en 2016-Q3 → aucune",
        WHY,
        WHY,
        id="baseline removed",
    ),
    pytest.param(
        lambda db, tmp: create_user(db, OPERATOR, "pat", "partner", "NCC"),
        "account created",
        "role partner, partner NCC",
        "rôle Organisme partenaire, organisme partenaire NCC",
        None,
        None,
        id="account created",
    ),
    pytest.param(
        lambda db, tmp: sign_in_wrongly(db),
        "sign-in failed",
        "failed attempt 1",
        f"tentative échouée nº{NBSP}1",
        None,
        None,
        id="sign-in failed",
    ),
    pytest.param(
        lambda db, tmp: refuse_from(db, "https://evil.example"),
        "sign-in refused",
        "Origin https://evil.example is not https://lip.example",
        "l’en-tête Origin https://evil.example n’est pas https://lip.example",
        None,
        None,
        id="sign-in refused from another site",
    ),
    pytest.param(
        lambda db, tmp: refuse_from(db, None),
        "sign-in refused",
        "no Origin and no Sec-Fetch-Site",
        "ni en-tête Origin ni en-tête Sec-Fetch-Site",
        None,
        None,
        id="sign-in refused without Origin",
    ),
    pytest.param(
        lambda db, tmp: end_rita_sessions(db),
        "sessions ended",
        "1 ended (revoked)",
        "1 session(s) terminée(s) (fermée(s) par un administrateur)",
        None,
        None,
        id="sessions ended",
    ),
    pytest.param(
        lambda db, tmp: meeting_session(db),
        "session started",
        "meeting session {id}",
        "session d’affichage de réunion {id}",
        None,
        None,
        id="session started",
    ),
    pytest.param(
        refuse_a_file,
        "submission refused",
        "1 problem(s); sha256 {sha}",
        f"1 problème(s){NBSP}; sha256 {{sha}}",
        None,
        None,
        id="submission refused",
    ),
    pytest.param(
        lambda db, tmp: rename_item(db, OPERATOR, PLAN, *item(db, "A1 Project"), "A1 Final", WHY),
        "project renamed",
        "“A1 Project” → “A1 Final”",
        f"«{NBSP}A1 Project{NBSP}» → «{NBSP}A1 Final{NBSP}»",
        WHY,
        WHY,
        id="project renamed",
    ),
    pytest.param(
        lambda db, tmp: retire_item(db, OPERATOR, PLAN, *item(db, "G1 Goal one"), WHY),
        "goal retired",
        "in the plan → retired, with the 2 objective(s) and 4 project(s) under it",
        "dans le plan → retiré, avec les 2 objectif(s) et 4 projet(s) qui en relèvent",
        WHY,
        WHY,
        id="goal retired",
    ),
    pytest.param(
        lambda db, tmp: set_project_years(
            db, OPERATOR, PLAN, project_id(db, "A3 Project"), "2-3", WHY
        ),
        "project years changed",
        "years “1” → “2-3” (plan years 2-3)",
        f"années «{NBSP}1{NBSP}» → «{NBSP}2-3{NBSP}» (années du plan{NBSP}: 2-3)",
        WHY,
        WHY,
        id="project years changed",
    ),  # fmt: skip
    pytest.param(
        lambda db, tmp: set_project_recurring(
            db, OPERATOR, PLAN, project_id(db, "A3 Project"), True, WHY
        ),
        "project recurring changed",
        "not recurring → recurring",
        "non récurrent → récurrent",
        WHY,
        WHY,
        id="project made recurring",
    ),  # fmt: skip
    pytest.param(
        lambda db, tmp: set_french_name(
            db, OPERATOR, PLAN, *item(db, "A3 Project"), "A3 Projet", WHY
        ),
        "French name set",
        "French name: “” → “A3 Projet”",
        f"nom français{NBSP}: «{NBSP}{NBSP}» → «{NBSP}A3 Projet{NBSP}»",
        WHY,
        WHY,
        id="French name set",
    ),  # fmt: skip
]


@pytest.mark.parametrize(("act", "action", "english", "french", "reason", "raison"), CASES)
def test_the_apps_details_are_shown_in_french(
    world, tmp_path, act, action, english, french, reason, raison
) -> None:
    """Each kind of detail the app writes is stored in English and shown in French, whole."""
    values = act(world, tmp_path)
    values = values if isinstance(values, dict) else {}
    assert newest(world, action) == (english.format(**values), reason)
    with language("fr"):
        assert newest(world, action, as_shown=True) == (french.format(**values), raison)
    with language("en"):
        assert newest(world, action, as_shown=True) == (english.format(**values), reason)


def newest(db, action: str, as_shown: bool = False) -> tuple:
    """The detail and reason of the newest line of ``action`` (a missing reason as None)."""
    line = audit_entries(db, OPERATOR, actions=[action], as_shown=as_shown).iloc[0]
    return line["detail"], None if pd.isna(line["reason"]) else line["reason"]


def test_the_demo_and_catalogue_details_are_shown_in_french(demo_db) -> None:
    """What loading the demo wrote: its plans' "demo data" and the catalogue's count."""
    with language("fr"):
        log = audit_entries(demo_db, OPERATOR, as_shown=True)
    assert set(log.loc[log["action"] == "plan importé", "detail"]) == {"données de démonstration"}
    assert log.loc[log["action"] == "catalogue importé", "detail"].tolist() == ["15 indicateur(s)"]


def test_an_old_line_and_what_people_wrote_are_shown_as_stored(db) -> None:
    """A line written before migration 18 (no key) and a text people wrote stay as written."""
    with db.transaction() as cur:
        queries.insert_audit(cur, datetime(2024, 5, 1), "admin", "status recorded", "P: X", "year 2: Complete",
                             "delayed")  # fmt: skip
    with language("fr"):
        shown = audit_entries(db, OPERATOR, as_shown=True).iloc[0]
    assert (shown["action"], shown["detail"], shown["reason"]) == (
        "statut consigné", "year 2: Complete", "delayed",
    )  # fmt: skip


def test_the_search_and_the_csv_keep_the_stored_english(world) -> None:
    """The search finds a line by its stored English detail (and by its French one); the CSV
    download holds the English as stored."""
    record_status(world)
    with language("fr"):
        by_english = audit_entries(world, OPERATOR, text="year 2: complete", as_shown=True)
        by_french = audit_entries(world, OPERATOR, text="année 2", as_shown=True)
        csv = to_csv_bytes(audit_entries(world, OPERATOR, text="year 2")).decode("utf-8-sig")
    assert by_english["detail"].tolist() == [f"année 2{NBSP}: Terminé — by June"]
    assert by_french["detail"].tolist() == [f"année 2{NBSP}: Terminé — by June"]
    assert "year 2: Complete — by June" in csv and "status recorded" in csv
    assert "Terminé" not in csv


def test_an_items_history_shows_the_details_in_french(world) -> None:
    """The Edit the plan page's history of an item reads the same sentences."""
    rename_item(world, OPERATOR, PLAN, *item(world, "A1 Project"), "A1 Final", WHY)
    with language("fr"):
        history = item_history(world, OPERATOR, PLAN, *item(world, "A1 Final"))
    assert history["detail"].tolist() == [f"«{NBSP}A1 Project{NBSP}» → «{NBSP}A1 Final{NBSP}»"]


def test_copy_db_carries_the_keys(world, tmp_path) -> None:
    """A copy keeps each line's key and placeholders (the copy's checksums read every column of
    the audit log, these too): shown in French the same as in the source."""
    record_status(world)
    target = Database(new_target(tmp_path, "copy"))
    try:
        copied = {t.table: t for t in copy_database(world, target, "operator")}
        assert copied["audit_log"].same
        with target.cursor() as cur:
            columns = queries.table_columns(cur, "audit_log")
            lines = queries.audit_log(cur)
        assert {"detail_key", "detail_args", "reason_key"} <= set(columns)
        with world.cursor() as cur:
            source = queries.audit_log(cur)
        keys = ["id", "detail", "detail_key", "detail_args", "reason", "reason_key"]
        assert lines[keys].iloc[1:].reset_index(drop=True).equals(source[keys])
        with language("fr"):
            copy_log = audit_entries(target, OPERATOR, as_shown=True)
        assert copy_log["detail"].iloc[0] == (
            f"{copied_rows(copied)} ligne(s) dans {len(copied)} table(s), version du schéma {SCHEMA_VERSION}"
        )
        status = copy_log[copy_log["action"] == "statut consigné"]
        assert status["detail"].tolist() == [f"année 2{NBSP}: Terminé — by June"]
    finally:
        target.close()


def copied_rows(copied: dict) -> str:
    """The rows copied, the fr-CA way (``12 345``)."""
    return f"{sum(t.rows for t in copied.values()):,}".replace(",", NBSP)


@pytest.mark.parametrize(
    ("args", "english", "french"),
    [
        ({"id": np.int64(12), "count": audit_number(np.int64(1234))}, "submission 12, 1234 values",
         f"soumission 12, 1{NBSP}234 valeur(s)"),
        ({"id": 3, "count": audit_number(40)}, "submission 3, 40 values", "soumission 3, 40 valeur(s)"),
    ],
)  # fmt: skip
def test_a_sentence_keeps_its_placeholders(args, english, french) -> None:
    """Numbers read from a table (NumPy) are kept as numbers; a count is written the reader's way."""
    text = audit_text("submission {id}, {count} values", **args)
    assert text.english == english
    with language("fr"):
        assert shown_audit_text(text.english, text.msgid, text.args_json) == french
