"""French versions of what people named (README "Languages"): migration 17's columns, the
catalogue file and the tidy template carrying them, the names shown in the session's language
with a visible fallback, the plan edit that sets one, and the French demo."""

from __future__ import annotations

import pandas as pd
import pytest

from lipmetrics.accounts import OPERATOR, audit_entries, get_user
from lipmetrics.cli import main
from lipmetrics.demo import DEMO_ACCOUNTS, load_demo_accounts
from lipmetrics.errors import InvalidInputError
from lipmetrics.i18n import language, shown_columns, shown_text
from lipmetrics.measures import (
    catalog,
    catalogue_download,
    check_catalogue_upload,
    metric_detail,
    save_catalogue_upload,
    scorecard,
)
from lipmetrics.plan import (
    french_name,
    import_plan_file,
    load_plan,
    plan_hierarchy,
    progress_of,
    rename_item,
    set_french_name,
    shown_plan_names,
    tidy_template_csv,
)
from lipmetrics.store import Database, queries

from .conftest import DATA, TEST_DATA
from .databases import new_target

TIDY_FR = (
    "pillar,goal,objective,project,working_group,years,status,pillar_fr,goal_fr,objective_fr,"
    "project_fr,goal_description,goal_description_fr\n"
    "Economic Success,G1 Jobs,O1 Skills,P1 Job skills inventory,NCC,1,Complete,"
    "Réussite économique,B1 Emplois,O1 Compétences,P1 Inventaire des compétences,"
    "Fewer barriers,Moins d’obstacles\n"
    "Economic Success,G1 Jobs,O1 Skills,P2 Mentoring,NCC,1,,,,,,,\n"
    "Social Inclusion,G2 Belonging,,P3 Welcome events,,1,,,,,Activités d’accueil,,\n"
)


@pytest.mark.parametrize(
    ("lang", "original", "french", "shown"),
    [
        ("en", "Economic success", "Réussite économique", ("Economic success", False)),
        ("en", "Economic success", None, ("Economic success", False)),
        ("fr", "Economic success", "Réussite économique", ("Réussite économique", False)),
        ("fr", "Economic success", "  Réussite économique ", ("Réussite économique", False)),
        ("fr", "Economic success", None, ("Economic success (en anglais)", True)),
        ("fr", "Economic success", "", ("Economic success (en anglais)", True)),
        ("fr", "Economic success", float("nan"), ("Economic success (en anglais)", True)),
        ("fr", None, None, (None, False)),
        ("fr", "", "", (None, False)),
    ],
)  # fmt: skip
def test_shown_text_picks_french_or_falls_back_visibly(lang, original, french, shown) -> None:
    with language(lang):
        assert shown_text(original, french) == shown


def test_shown_columns_replaces_names_and_drops_the_french_columns() -> None:
    frame = pd.DataFrame(
        {"id": [1, 2], "name": ["Jobs", "Housing"], "name_fr": ["Emplois", None],
         "pillar": ["Economic", "Economic"]}
    )  # fmt: skip
    with language("fr"):
        shown = shown_columns(frame, ["name", "pillar"])
    assert shown.to_dict("list") == {
        "id": [1, 2],
        "name": ["Emplois", "Housing (en anglais)"],
        "pillar": ["Economic (en anglais)", "Economic (en anglais)"],  # no pillar_fr column
    }
    english = shown_columns(frame, ["name", "pillar"])
    assert english.to_dict("list") == frame.drop(columns="name_fr").to_dict("list")
    assert frame.columns.tolist() == ["id", "name", "name_fr", "pillar"]  # the input untouched


@pytest.mark.parametrize(
    ("table", "columns"),
    [
        ("plans", ["name_fr"]),
        ("pillars", ["name_fr"]),
        ("goals", ["name_fr", "description_fr"]),
        ("objectives", ["name_fr", "description_fr"]),
        ("projects", ["name_fr"]),
        ("metrics", ["name_fr", "definition_fr"]),
    ],
)
def test_migration_17_adds_the_french_columns(db, table, columns) -> None:
    with db.cursor() as cur:
        cur.execute(f"SELECT {', '.join(columns)} FROM {table} WHERE 1 = 0")  # fails without them
        assert cur.fetchall() == []


@pytest.fixture
def tidy_db(tmp_path):
    database = Database(new_target(tmp_path, "tidy"))
    import_plan_file(database, TIDY_FR.encode(), "tidy_fr.csv", "Tidy", 2020, 2)
    yield database
    database.close()


def test_tidy_template_french_columns_are_shown_in_french(tidy_db) -> None:
    """The French of the template is stored and shown to French readers; what has none falls back
    with its mark; English readers see the names as written."""
    with language("fr"):
        data = load_plan(tidy_db, "Tidy")
        rates = progress_of(tidy_db, "Tidy")
    assert data.pillars["pillar"].tolist() == [
        "Réussite économique",
        "Social Inclusion (en anglais)",
    ]
    names = data.projects[["goal", "objective", "project", "goal_description"]].fillna("—")
    assert names.values.tolist() == [
        ["B1 Emplois", "O1 Compétences", "P1 Inventaire des compétences", "Moins d’obstacles"],
        ["B1 Emplois", "O1 Compétences", "P2 Mentoring (en anglais)", "Moins d’obstacles"],
        ["G2 Belonging (en anglais)", "—", "Activités d’accueil", "—"],  # none: nothing to mark
    ]
    assert list(dict.fromkeys(rates["pillar"])) == [
        "Réussite économique", "Social Inclusion (en anglais)", "All",
    ]  # fmt: skip
    english = load_plan(tidy_db, "Tidy")
    assert english.pillars["pillar"].tolist() == ["Economic Success", "Social Inclusion"]
    assert english.projects["project"].tolist() == [
        "P1 Job skills inventory", "P2 Mentoring", "P3 Welcome events",
    ]  # fmt: skip
    assert "pillar_fr" not in english.pillars and "project_fr" not in english.projects


def test_the_tidy_template_offers_the_french_columns(tmp_path) -> None:
    """The template's download names the French columns, and reads back as a plan."""
    text = tidy_template_csv()
    header = text.splitlines()[0].split(",")
    assert header[-6:] == [
        "pillar_fr", "goal_fr", "objective_fr", "project_fr", "goal_description_fr",
        "objective_description_fr",
    ]  # fmt: skip
    database = Database(new_target(tmp_path, "template"))
    import_plan_file(database, text.encode(), "template.csv", "Template", 2016, 5)
    with language("fr"):
        assert load_plan(database, "Template").projects["project"].tolist() == [
            "(e) Inventaire des compétences professionnelles sur le portail"
        ]
    database.close()


def test_a_plan_item_gets_its_french_name_with_a_reason(tidy_db) -> None:
    items = plan_hierarchy(tidy_db, "Tidy")
    mentoring = int(items.loc[items["name"] == "P2 Mentoring", "item_id"].iloc[0])
    pillar = int(items.loc[items["name"] == "Social Inclusion", "item_id"].iloc[0])
    edited = set_french_name(
        tidy_db, OPERATOR, "Tidy", "project", mentoring, " P2  Mentorat ", "translated"
    )
    assert edited.sentence == "The French name of “P2 Mentoring” is now “P2 Mentorat”."
    set_french_name(tidy_db, OPERATOR, "Tidy", "pillar", pillar, "Inclusion sociale", "translated")
    assert french_name(tidy_db, "project", mentoring) == "P2 Mentorat"
    with language("fr"):
        data = load_plan(tidy_db, "Tidy")
    assert data.projects["project"].tolist()[1] == "P2 Mentorat"
    assert data.pillars["pillar"].tolist()[1] == "Inclusion sociale"
    log = audit_entries(tidy_db, OPERATOR, actions=["French name set"])
    assert sorted(zip(log["detail"], log["reason"], strict=True)) == [
        ("French name: “” → “Inclusion sociale”", "translated"),
        ("French name: “” → “P2 Mentorat”", "translated"),
    ]
    with pytest.raises(InvalidInputError) as refused:
        set_french_name(tidy_db, OPERATOR, "Tidy", "project", mentoring, "P2 Mentorat", "again")
    assert refused.value.problems[0].value == "P2 Mentorat"
    removed = set_french_name(tidy_db, OPERATOR, "Tidy", "project", mentoring, "", "wrong")
    assert "has no French name any more" in removed.sentence
    with language("fr"):
        assert load_plan(tidy_db, "Tidy").projects["project"].tolist()[1] == (
            "P2 Mentoring (en anglais)"
        )


@pytest.fixture
def catalogue_db(tmp_path):
    database = Database(new_target(tmp_path, "catalogue"))
    load_demo_accounts(database, DATA)  # the bundled catalogue, with its French
    yield database
    database.close()


def french_of(database: Database, code: str) -> tuple:
    row = catalog(database).set_index("code").loc[code]
    return row["name_fr"], row["definition_fr"]


def upload(database: Database, text: str) -> int:
    checked = check_catalogue_upload(database, text.encode("utf-8"), "catalogue.csv")
    return save_catalogue_upload(database, OPERATOR, checked, "catalogue.csv")


def test_catalogue_file_round_trip_keeps_the_french(catalogue_db) -> None:
    """The download carries name_fr and definition_fr; uploaded again, nothing changes."""
    text = catalogue_download(catalogue_db).decode("utf-8-sig")
    assert text.splitlines()[0].endswith(",retired,name_fr,definition_fr")
    assert "Employeurs mobilisés" in text
    assert french_of(catalogue_db, "ES-EMPLOYERS")[0] == "Employeurs mobilisés"
    assert upload(catalogue_db, text) == 0
    assert catalogue_download(catalogue_db).decode("utf-8-sig") == text


def test_an_old_catalogue_file_keeps_the_french_and_a_blank_cell_removes_it(catalogue_db) -> None:
    header = "code,name,definition,unit,direction,frequency,kind,partners"
    line = "ES-EMPLOYERS,Employers engaged at the table,,count,higher,quarterly,performance,WDB"
    assert upload(catalogue_db, f"{header}\n{line}\n") == 1  # no French columns: kept as they are
    assert french_of(catalogue_db, "ES-EMPLOYERS")[0] == "Employeurs mobilisés"
    checked = check_catalogue_upload(
        catalogue_db, f"{header},name_fr\n{line},\n".encode(), "blank.csv"
    )
    assert checked.changes["what"].tolist() == ["name_fr: Employeurs mobilisés → blank"]
    save_catalogue_upload(catalogue_db, OPERATOR, checked, "blank.csv")
    assert pd.isna(french_of(catalogue_db, "ES-EMPLOYERS")[0])
    upload(catalogue_db, f"{header},name_fr\n{line},Employeurs à la table\n")
    assert french_of(catalogue_db, "ES-EMPLOYERS")[0] == "Employeurs à la table"


def test_the_demo_names_every_metric_and_plan_item_in_french(demo_db) -> None:
    """Every metric, plan, pillar, goal, objective and project of the demo has its French name;
    so no French reader of the demo sees a name marked as in English."""
    metrics = catalog(demo_db)
    assert metrics["name_fr"].notna().all() and metrics["definition_fr"].notna().all()
    with demo_db.cursor() as cur:
        for table in ("plans", "pillars", "goals", "objectives", "projects"):
            cur.execute(f"SELECT count(*) FROM {table} WHERE name_fr IS NULL OR name_fr = ''")
            assert cur.fetchone()[0] == 0, table
        plans = queries.plans(cur)["name"].tolist()
    with language("fr"):
        for plan in plans:
            data = load_plan(demo_db, plan)
            shown = pd.concat([data.pillars["pillar"], data.projects["project"]])
            assert not shown.str.endswith("(en anglais)").any(), plan
        cards = scorecard(demo_db, "PIP Community Immigrant Integration Plan 2016-2021")
        detail = metric_detail(demo_db, "ES-EMPLOYERS", None)
    assert detail.metric["name"] == "Employeurs mobilisés"
    assert metric_detail(demo_db, "ES-EMPLOYERS", None).metric["name"] == "Employers engaged"
    assert "Employeurs mobilisés" in set(cards["name"])
    assert "RÉUSSITE ÉCONOMIQUE" in set(cards["pillar"])


def test_the_demo_describes_every_goal_and_objective_in_french(demo_db) -> None:
    """Every goal and objective of the demo that has a description has its French one (as many
    as the demo database has, whatever that is), and every plan its French name: a French reader
    of the demo sees no description and no plan marked as in English (README "Languages")."""
    with demo_db.cursor() as cur:
        described = 0
        for table in ("goals", "objectives"):
            cur.execute(
                f"SELECT count(*), count(description_fr) FROM {table} "
                "WHERE description IS NOT NULL AND trim(description) <> ''"
            )
            total, french = cur.fetchone()
            assert french == total, table
            described += total
        plans = queries.plans(cur)
    assert described > 0  # the demo has descriptions: the check above checked something
    with language("fr"):
        for plan in plans["name"]:
            data = load_plan(demo_db, plan)
            assert not data.shown_name.endswith("(en anglais)")
            for column in ("goal_description", "objective_description"):
                texts = data.projects[column].dropna().astype(str)
                assert not texts.str.endswith("(en anglais)").any(), (plan, column)
        toronto = load_plan(demo_db, "Toronto West LIP Strategic Plan 2012-2015")
        assert toronto.shown_name == "Plan stratégique du PLI de Toronto-Ouest 2012-2015"
        assert toronto.projects["goal_description"].dropna().iat[0].startswith("Défi\u00a0: ")
        assert shown_plan_names(plans)["PIP Strategic Plan 2022-2025"] == (
            "Plan stratégique du PIP 2022-2025"
        )
    assert shown_plan_names(plans)["PIP Strategic Plan 2022-2025"] == (
        "PIP Strategic Plan 2022-2025"
    )


def test_the_demo_has_a_french_speaking_account(demo_db) -> None:
    account = next(a for a in DEMO_ACCOUNTS if a.language == "fr")
    assert get_user(demo_db, account.username).language == "fr"


@pytest.mark.parametrize(
    ("extra", "stored", "shown_fr"),
    [
        (["--plan-fr", "  Petit   plan "], "Petit plan", "Petit plan"),
        (["--plan-fr", "  "], None, "Small (en anglais)"),
        ([], None, "Small (en anglais)"),
    ],
)
def test_import_plan_takes_the_plan_french_name(tmp_path, monkeypatch, extra, stored, shown_fr):
    """``import-plan --plan-fr`` (and the import page's field) gives the new plan its French name;
    blank or left out, it has none and French readers see its name marked (README "Languages")."""
    target = new_target(tmp_path, "imported")
    monkeypatch.setenv("LIPMETRICS_DB", target)
    small = str(TEST_DATA / "small_tidy.csv")
    assert main(["import-plan", small, "--plan", "Small", "--start-year", "2020", *extra]) == 0
    database = Database(target)
    with database.cursor() as cur:
        plan = queries.plan_by_name(cur, "Small")
    assert (None if pd.isna(plan["name_fr"]) else plan["name_fr"]) == stored
    with language("fr"):
        assert load_plan(database, "Small").shown_name == shown_fr
    assert load_plan(database, "Small").shown_name == "Small"
    database.close()


def test_renaming_an_item_with_a_french_name_says_the_french_name_stays(tidy_db) -> None:
    """French readers keep seeing the old French name after a rename in English: the sentence
    that confirms the rename says so (and says nothing of it for an item with none)."""
    items = plan_hierarchy(tidy_db, "Tidy")
    mentoring = int(items.loc[items["name"] == "P2 Mentoring", "item_id"].iloc[0])
    set_french_name(tidy_db, OPERATOR, "Tidy", "project", mentoring, "P2 Mentorat", "translated")
    renamed = rename_item(
        tidy_db, OPERATOR, "Tidy", "project", mentoring, "P2 Peer mentoring", "clearer"
    )
    assert renamed.sentence == (
        "Renamed the project “P2 Mentoring” to “P2 Peer mentoring”. Its French name is still "
        "“P2 Mentorat”: change it too if it should follow."
    )
    set_french_name(tidy_db, OPERATOR, "Tidy", "project", mentoring, "", "to redo")
    again = rename_item(tidy_db, OPERATOR, "Tidy", "project", mentoring, "P2 Mentors", "shorter")
    assert again.sentence == "Renamed the project “P2 Peer mentoring” to “P2 Mentors”."
