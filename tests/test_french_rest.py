"""The last sentences of the app said in French (README "Languages"): withdrawing and restoring a
submission, Statistics Canada tables, the breakdown preview, plan edits, how a file was read, and
the command line's language. Each in English (unchanged) and French."""

from __future__ import annotations

import re

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner

from lipmetrics.accounts import OPERATOR, User
from lipmetrics.cli import main
from lipmetrics.demo import load_demo_accounts
from lipmetrics.errors import LipmetricsError
from lipmetrics.files import read_as_shown, read_table
from lipmetrics.i18n import current_language, environment_language, language
from lipmetrics.measures import (
    add_breakdown,
    import_indicator,
    parse_breakdowns,
    preview_breakdowns,
    read_statcan,
    retire_category,
    save_breakdowns,
    select_series,
)
from lipmetrics.store import Database
from lipmetrics.submissions import restore, state_word, submission_values, withdraw
from ui.columns import state_column

from .conftest import DATA, TEST_DATA
from .databases import new_target
from .test_app import app, fresh_caches, navigation_owns_pages, small_path  # noqa: F401
from .test_app_measures import breakdown_of, measures_path  # noqa: F401
from .test_plan_edits import add, group, move, recurring, rename, retire, small  # noqa: F401
from .test_statcan import PETERBOROUGH, RECENT, TEST_FILE
from .test_submissions import HEADER, submit

NB = "\u00a0"  # the no-break space French puts before : ; ? !
CORA = User("cora", "Cora", "coordinator")


@pytest.fixture
def ref(db):
    """A database with the bundled partners, breakdowns, catalogue and demo accounts."""
    load_demo_accounts(db, DATA)
    return db


def said(code: str, action) -> str:
    """What ``action`` raises, as the user reads it, in language ``code``."""
    with language(code):
        with pytest.raises(LipmetricsError) as caught:
            action()
        return str(caught.value)


LEDGER = [
    (
        "no reason to withdraw",
        lambda db, sid: withdraw(db, CORA, sid, " "),
        "A reason is needed.\ncolumn reason: say why the submission is withdrawn",
        f"Une raison est nécessaire.\ncolonne reason{NB}: dites pourquoi la soumission est retirée",
    ),
    (
        "no reason to restore",
        lambda db, sid: restore(db, CORA, sid, ""),
        "A reason is needed.\ncolumn reason: say why the submission is restored",
        f"Une raison est nécessaire.\ncolonne reason{NB}: dites pourquoi la soumission est "
        "rétablie",
    ),
    (
        "restoring one in force",
        lambda db, sid: restore(db, CORA, sid, "why not"),
        "Submission {sid} is already in force.\n"
        "nothing to do: only a withdrawn submission can be restored",
        "La soumission {sid} est déjà en vigueur.\n"
        f"rien à faire{NB}: seule une soumission retirée peut être rétablie",
    ),
    (
        "withdrawing one withdrawn",
        lambda db, sid: (withdraw(db, CORA, sid, "typo"), withdraw(db, CORA, sid, "again")),
        "Submission {sid} is already withdrawn.\nnothing to do: restore it to put its values back",
        "La soumission {sid} est déjà retirée.\n"
        f"rien à faire{NB}: rétablissez-la pour remettre ses valeurs en vigueur",
    ),
    (
        "no such submission",
        lambda db, sid: withdraw(db, CORA, 999, "typo"),
        "There is no submission “999”; the list of submissions shows the ones you may see.",
        f"Il n’y a pas de soumission «{NB}999{NB}»{NB}; la liste des soumissions montre celles "
        "que vous pouvez voir.",
    ),
    (
        "no such submission, as written",
        lambda db, sid: submission_values(db, CORA, "12a"),
        "There is no submission “12a”; the list of submissions shows the ones you may see.",
        f"Il n’y a pas de soumission «{NB}12a{NB}»{NB}; la liste des soumissions montre celles "
        "que vous pouvez voir.",
    ),
]


@pytest.mark.parametrize(
    ("case", "action", "english", "french"), LEDGER, ids=[c[0] for c in LEDGER]
)
def test_withdrawing_and_restoring_in_both_languages(ref, tmp_path, case, action, english, french):
    sid = submit(ref, HEADER + "ES-JOBSKILLS,2024-Q3,100,,,\n", tmp_path).submission_id
    assert said("en", lambda: action(ref, sid)) == english.format(sid=sid)
    fresh = submit(ref, HEADER + "ES-JOBSKILLS,2024-Q4,90,,,\n", tmp_path, "b.csv").submission_id
    assert said("fr", lambda: action(ref, fresh)) == french.format(sid=fresh)


@pytest.mark.parametrize(
    ("state", "english", "french"),
    [("committed", "in force", "en vigueur"), ("withdrawn", "withdrawn", "retirée")],
)
def test_a_submission_state_in_both_languages(state, english, french) -> None:
    """The withdraw form and the Submissions page's State column say a state alike."""
    for code, words in (("en", english), ("fr", french)):
        with language(code):
            assert state_word(state) == words
            options = state_column()["type_config"]["options"]
            assert {o["value"]: o["label"] for o in options}[state] == words


MEMBERS = {"Labour force characteristics": "Unemployment rate", "Immigrant status": RECENT}
STATCAN = [
    (
        "another shape",
        lambda db: read_statcan(b'"REF_DATE","GEO","VALUE"\n"2020","Ontario","5"\n', "o.csv"),
        "o.csv is not a Statistics Canada full-table CSV: its first line must be REF_DATE, GEO, "
        "DGUID, then the table's dimensions, then UOM, UOM_ID, SCALAR_FACTOR, SCALAR_ID, VECTOR, "
        "COORDINATE, VALUE, STATUS, SYMBOL, TERMINATED, DECIMALS. On the table's page choose "
        "“Download options” → “CSV: download entire table”, unzip it and upload the data file "
        "(not the …_MetaData.csv file).",
        f"o.csv n’est pas un fichier CSV de tableau entier de Statistique Canada{NB}: sa première "
        "ligne doit être REF_DATE, GEO, DGUID, puis les dimensions du tableau, puis UOM, UOM_ID, "
        "SCALAR_FACTOR, SCALAR_ID, VECTOR, COORDINATE, VALUE, STATUS, SYMBOL, TERMINATED, "
        f"DECIMALS. Sur la page du tableau, choisissez «{NB}Options de téléchargement{NB}» → "
        f"«{NB}CSV{NB}: télécharger le tableau entier{NB}», décompressez-le et téléversez le "
        "fichier de données (pas le fichier …_MetaData.csv).",
    ),
    (
        "unknown GEO and dimension",
        lambda db: select_series(read_statcan(TEST_FILE, "t.csv"), "Yukon", {"Sex": "Both"}),
        'The series could not be picked.\ncolumn GEO: "Yukon" — no row has this GEO: pick one '
        'from the file\ncolumn Sex: "Both" — the table has no such dimension: write one of Labour '
        "force characteristics, Immigrant status",
        f"La série n’a pas pu être choisie.\ncolonne GEO{NB}: «{NB}Yukon{NB}» — aucune ligne n’a "
        f"ce GEO{NB}: choisissez-en un dans le fichier\ncolonne Sex{NB}: «{NB}Both{NB}» — le "
        f"tableau n’a pas cette dimension{NB}: écrivez l’une de celles-ci{NB}: Labour force "
        "characteristics, Immigrant status",
    ),
    (
        "no row",
        lambda db: select_series(
            read_statcan(TEST_FILE, "t.csv"), PETERBOROUGH, {"Immigrant status": "Nobody"}
        ),
        "The series could not be picked.\n"
        "no row matches this choice of GEO and members: pick them from the file",
        "La série n’a pas pu être choisie.\naucune ligne ne correspond à ce choix de GEO et de "
        f"membres{NB}: choisissez-les dans le fichier",
    ),
    (
        "an unreadable value",
        lambda db: select_series(
            read_statcan(TEST_FILE.replace(b'"10.4"', b'"ten"'), "t.csv"), PETERBOROUGH, MEMBERS
        ),
        'The series could not be picked.\ncolumn VALUE: "ten" — 2018: not a number: write it '
        "like 1234.5 or 1,234; the file may have been edited: download the table again",
        f"La série n’a pas pu être choisie.\ncolonne VALUE{NB}: «{NB}ten{NB}» — 2018{NB}: "
        f"ce n’est pas un nombre{NB}: écrivez-le comme 1234.5 ou 1,234 (point décimal){NB}; le "
        f"fichier a peut-être été modifié{NB}: téléchargez le tableau de nouveau",
    ),
    (
        "no such metric",
        lambda db: import_indicator(
            db, OPERATOR, "NOPE", TEST_FILE, "t.csv", PETERBOROUGH, MEMBERS
        ),
        "There is no metric with the code NOPE: check it on the Metric catalogue page.",
        f"Il n’y a aucun indicateur portant le code NOPE{NB}: vérifiez-le à la page Catalogue des "
        "indicateurs.",
    ),
    (
        "a partner metric",
        lambda db: import_indicator(
            db, OPERATOR, "ES-JOBSKILLS", TEST_FILE, "t.csv", PETERBOROUGH, MEMBERS
        ),
        "ES-JOBSKILLS is reported by partners, not a population indicator.\n"
        'column metric: "ES-JOBSKILLS" — choose a metric whose kind is population',
        f"ES-JOBSKILLS est déclaré par les organismes partenaires{NB}: ce n’est pas un indicateur "
        f"de population.\ncolonne metric{NB}: «{NB}ES-JOBSKILLS{NB}» — choisissez un indicateur "
        "de type population",
    ),
]


@pytest.mark.parametrize(
    ("case", "action", "english", "french"), STATCAN, ids=[c[0] for c in STATCAN]
)
def test_statcan_problems_in_both_languages(ref, case, action, english, french) -> None:
    assert said("en", lambda: action(ref)) == english
    assert said("fr", lambda: action(ref)) == french


BREAKDOWNS_FILE = (
    b"breakdown,category\ngender,woman\ngender,gender diverse\ngender,not stated\nlanguage,French\n"
)


@pytest.mark.parametrize(
    ("code", "changes"),
    [
        ("en", ["already there", "new category", "retired, stays retired", "new breakdown"]),
        (
            "fr",
            ["existe déjà", "nouvelle catégorie", "retirée, reste retirée", "nouvelle ventilation"],
        ),
    ],
)
def test_a_breakdowns_preview_in_both_languages(db, code, changes) -> None:
    """The preview says what saving does in the session's language; saving compares English."""
    add_breakdown(db, OPERATOR, "gender", ["woman", "man", "not stated"])
    retire_category(db, OPERATOR, "gender", "not stated")
    frame = parse_breakdowns(BREAKDOWNS_FILE, "more.csv")
    with language(code):
        assert preview_breakdowns(db, OPERATOR, frame)["change"].tolist() == changes
        assert save_breakdowns(db, OPERATOR, frame, "more.csv") == 2


@pytest.mark.parametrize(
    ("code", "everyone"), [("en", "All partners"), ("fr", "Tous les organismes partenaires")]
)
def test_the_breakdown_table_names_all_partners_in_both_languages(
    measures_path,  # noqa: F811
    code,
    everyone,
) -> None:
    with language(code):
        detail = breakdown_of(measures_path, CORA)
    assert set(detail.breakdown["partner"]) == {everyone}


# Each plan edit and refusal, with its English sentence (as before) and its French one.
PLAN_EDITS = [
    (
        "renamed",
        lambda db: rename(db, "A1 Project", "A1 Renamed").sentence,
        "Renamed the project “A1 Project” to “A1 Renamed”.",
        f"Le projet «{NB}A1 Project{NB}» est renommé «{NB}A1 Renamed{NB}».",
    ),
    (
        "moved",
        lambda db: move(db, "O2 Objective two", "Beta").sentence,
        "Moved the objective “O2 Objective two” under “Beta”.",
        f"L’objectif «{NB}O2 Objective two{NB}» est déplacé sous «{NB}Beta{NB}».",
    ),
    (
        "added",
        lambda db: add(db, "goal", "G4 Goal four", "Beta").sentence,
        "Added the goal “G4 Goal four” under “Beta”.",
        f"Le but «{NB}G4 Goal four{NB}» est ajouté sous «{NB}Beta{NB}».",
    ),
    (
        "retired goal",
        lambda db: retire(db, "G2 Goal two").sentence,
        "Retired the goal “G2 Goal two” and the 2 projects under it: they keep their history "
        "and status records, and leave the figures.",
        f"Le but «{NB}G2 Goal two{NB}» est retiré, avec les 2{NB}projets qui en relèvent{NB}: "
        "ils gardent leur historique et leurs relevés de statut, et sortent des chiffres.",
    ),
    (
        "recurring",
        lambda db: recurring(db, "A1 Project", True).sentence,
        "The project “A1 Project” is now recurring.",
        f"Le projet «{NB}A1 Project{NB}» est maintenant récurrent.",
    ),
    (
        "no working group",
        lambda db: group(db, "A2 Project", "").sentence,
        "The project “A2 Project” now has no working group.",
        f"Le projet «{NB}A2 Project{NB}» n’a maintenant aucun groupe de travail.",
    ),
    (
        "goal under an objective",
        lambda db: said_now(lambda: move(db, "G1 Goal one", "O2 Objective two")),
        'Nothing was changed in the plan “Small”.\ncolumn under: "O2 Objective two" — a goal '
        "goes under a pillar, not under an objective",
        f"Rien n’a été modifié dans le plan «{NB}Small{NB}».\ncolonne under{NB}: «{NB}O2 "
        f"Objective two{NB}» — un but se place sous un pilier, pas sous un objectif",
    ),
    (
        "project retired twice",
        lambda db: said_now(lambda: (retire(db, "A1 Project"), retire(db, "A1 Project"))),
        'Nothing was changed in the plan “Small”.\ncolumn project: "A1 Project" — this project '
        "is retired, so it can no longer be changed",
        f"Rien n’a été modifié dans le plan «{NB}Small{NB}».\ncolonne project{NB}: «{NB}A1 "
        f"Project{NB}» — ce projet est retiré{NB}: il ne peut plus être modifié",
    ),
    (
        "objective name taken",
        lambda db: said_now(lambda: add(db, "objective", "o1 objective ONE", "G1 Goal one")),
        'Nothing was changed in the plan “Small”.\ncolumn name: "o1 objective ONE" — this is '
        "already the name of an objective under “Alpha › G1 Goal one”: choose another name",
        f"Rien n’a été modifié dans le plan «{NB}Small{NB}».\ncolonne name{NB}: «{NB}o1 objective "
        f"ONE{NB}» — c’est déjà le nom d’un objectif sous «{NB}Alpha › G1 Goal one{NB}»{NB}: "
        "choisissez un autre nom",
    ),
    (
        "already not recurring",
        lambda db: said_now(lambda: recurring(db, "A1 Project", False)),
        'Nothing was changed in the plan “Small”.\ncolumn recurring: "not recurring" — the '
        "project is already not recurring",
        f"Rien n’a été modifié dans le plan «{NB}Small{NB}».\ncolonne recurring{NB}: «{NB}non "
        f"récurrent{NB}» — le projet est déjà non récurrent",
    ),
]


def said_now(action) -> str:
    """The refusal ``action`` raises, as read in the current language."""
    with pytest.raises(LipmetricsError) as caught:
        action()
    return str(caught.value)


KEPT = "they keep their history and status records, and leave the figures."
GARDE = "ils gardent leur historique et leurs relevés de statut, et sortent des chiffres."


@pytest.mark.parametrize(
    ("kind", "objectives", "projects", "english", "french"),
    [
        ("goal", 0, 0,
         "Retired the goal “G”: it keeps its history and status records, and leaves the figures.",
         f"Le but «{NB}G{NB}» est retiré{NB}: il garde son historique et ses relevés de statut, "
         "et sort des chiffres."),
        ("goal", 0, 1, f"Retired the goal “G” and the 1 project under it: {KEPT}",
         f"Le but «{NB}G{NB}» est retiré, avec 1{NB}projet qui en relève{NB}: {GARDE}"),
        ("goal", 2, 0, f"Retired the goal “G” and the 2 objectives under it: {KEPT}",
         f"Le but «{NB}G{NB}» est retiré, avec les 2{NB}objectifs qui en relèvent{NB}: {GARDE}"),
        ("goal", 1, 1, f"Retired the goal “G”, its objective and the 1 project under it: {KEPT}",
         f"Le but «{NB}G{NB}» est retiré, avec son objectif et 1{NB}projet qui en relèvent{NB}: "
         f"{GARDE}"),
        ("goal", 1, 3, f"Retired the goal “G”, its objective and the 3 projects under it: {KEPT}",
         f"Le but «{NB}G{NB}» est retiré, avec son objectif et les 3{NB}projets qui en "
         f"relèvent{NB}: {GARDE}"),
        ("goal", 2, 1,
         f"Retired the goal “G”, its 2 objectives and the 1 project under it: {KEPT}",
         f"Le but «{NB}G{NB}» est retiré, avec ses 2{NB}objectifs et 1{NB}projet qui en "
         f"relèvent{NB}: {GARDE}"),
        ("goal", 2, 4,
         f"Retired the goal “G”, its 2 objectives and the 4 projects under it: {KEPT}",
         f"Le but «{NB}G{NB}» est retiré, avec ses 2{NB}objectifs et les 4{NB}projets qui en "
         f"relèvent{NB}: {GARDE}"),
        ("objective", 0, 0,
         "Retired the objective “G”: it keeps its history and status records, and leaves the "
         "figures.",
         f"L’objectif «{NB}G{NB}» est retiré{NB}: il garde son historique et ses relevés de "
         "statut, et sort des chiffres."),
        ("objective", 0, 1, f"Retired the objective “G” and the 1 project under it: {KEPT}",
         f"L’objectif «{NB}G{NB}» est retiré, avec 1{NB}projet qui en relève{NB}: {GARDE}"),
        ("objective", 0, 2, f"Retired the objective “G” and the 2 projects under it: {KEPT}",
         f"L’objectif «{NB}G{NB}» est retiré, avec les 2{NB}projets qui en relèvent{NB}: {GARDE}"),
        ("project", 0, 0,
         "Retired the project “G”: it keeps its history and status records, and leaves the "
         "figures.",
         f"Le projet «{NB}G{NB}» est retiré{NB}: il garde son historique et ses relevés de statut, "
         "et sort des chiffres."),
    ],
)  # fmt: skip
@pytest.mark.parametrize("code", ["en", "fr"])
def test_retiring_says_what_was_under_the_item(
    kind, objectives, projects, english, french, code
) -> None:
    """Each count of items retired under a goal or objective gets a whole sentence, singular or
    plural."""
    from lipmetrics.plan.edit_words import retired_done

    with language(code):
        assert retired_done(kind, "G", objectives, projects) == (
            english if code == "en" else french
        )


@pytest.mark.parametrize(
    ("case", "action", "english", "french"), PLAN_EDITS, ids=[c[0] for c in PLAN_EDITS]
)
@pytest.mark.parametrize("code", ["en", "fr"])
def test_plan_edits_in_both_languages(
    small,  # noqa: F811
    case,
    action,
    english,
    french,
    code,
) -> None:
    with language(code):
        assert action(small) == (english if code == "en" else french)


@pytest.mark.parametrize(
    ("code", "names"),
    [
        ("en", {3: "3 — b.csv (withdrawn)", 2: "2 — a.csv (in force)"}),
        ("fr", {3: "3 — b.csv (retirée)", 2: "2 — a.csv (en vigueur)"}),
    ],
)
def test_the_submissions_to_withdraw_or_restore_in_both_languages(code, names) -> None:
    from ui.widgets import submission_names

    ledger = pd.DataFrame(
        {"id": [3, 2], "file_name": ["b.csv", "a.csv"], "state": ["withdrawn", "committed"]}
    )
    with language(code):
        assert submission_names(ledger) == names


@pytest.mark.parametrize(
    ("data", "english", "french"),
    [
        (b"\xef\xbb\xbfa;b\n1;2\n", "CSV, UTF-8 with BOM, semicolon-separated",
         "CSV, UTF-8 avec BOM, séparé par des points-virgules"),
        (b"a\tb\n1\t2\n", "CSV, UTF-8, tab-separated", "CSV, UTF-8, séparé par des tabulations"),
        ("a,b\nCafé,2\n".encode("cp1252"), "CSV, Windows-1252, comma-separated",
         "CSV, Windows-1252, séparé par des virgules"),
    ],
)  # fmt: skip
def test_how_a_file_was_read_in_both_languages(data, english, french) -> None:
    """An import preview says how the file was read in the session's language; ``describe``, which
    is stored with a submission, stays English."""
    table = read_table(data, "f.csv")
    with language("fr"):
        assert (read_as_shown(table), table.describe()) == (french, english)
    with language("en"):
        assert read_as_shown(table) == english


def test_the_readings_editor_in_french(tmp_path, monkeypatch) -> None:
    """The import preview's readings, in French: the warning, the labels, the status read, and a
    correction; the English is pinned in test_app.py."""
    at = app(new_target(tmp_path, "lake"), monkeypatch)
    at.query_params["lang"] = "fr"
    at.run()
    at.switch_page("pages/import_plan.py").run()
    data = (TEST_DATA / "lakeview_plan_cp1252.csv").read_bytes()
    at.file_uploader[0].set_value(("lakeview.csv", data, "text/csv")).run()
    at.text_input[0].set_value("Lakeview").run()
    at.number_input[0].set_value(2018).run()
    at.number_input[1].set_value(3).run()
    assert not at.exception
    assert at.warning[0].value.startswith(
        f"2{NB}lignes doivent être classées par une personne{NB}: aucune règle n’a pu lire leurs "
    )
    at.toggle[0].set_value(True).run()
    table = at.dataframe[0].value
    assert table["read_as"].tolist() == ["À classer par une personne"] * 2
    hub_line = int(table["line"].iloc[0])
    status, read_as = [s for s in at.selectbox if s.label in ("Statut", "Le lire comme")]
    [hub] = [o for o in status.options if o.startswith(f"ligne {hub_line}{NB}: «{NB}")]
    assert hub.endswith(f"— maintenant{NB}: À classer par une personne")
    assert (
        "À classer par une personne" in read_as.options and "Needs a person" not in read_as.options
    )
    with language("fr"):  # the test's own side formats the options as the page did
        status.set_value(hub_line)
        read_as.set_value("Not started")  # the English label is the value; French is shown
        next(b for b in at.button if b.label == "Utiliser cette lecture").click().run()
    assert at.warning[0].value.startswith(f"1{NB}ligne doit être classée par une personne{NB}: ")
    said = " ".join(m.value for m in [*at.markdown, *at.caption, *at.info, *at.success])
    assert "CSV, Windows-1252, séparé par des virgules" in said
    # the counts under the preview, with French typography: "piliers : 3", not "piliers: 3"
    counts = next(c.value for c in at.caption if " · " in c.value)
    assert re.search(f"\\w{NB}: \\d", counts) and not re.search(r"\w: \d", counts)


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, "en"),
        ({"LANG": "fr_CA.UTF-8"}, "fr"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANG": "de_DE.UTF-8"}, "en"),
        ({"LC_ALL": "en_CA.UTF-8", "LANG": "fr_CA.UTF-8"}, "en"),
        ({"LC_MESSAGES": "fr_FR.UTF-8", "LANG": "en_CA.UTF-8"}, "fr"),
        ({"LC_ALL": "", "LANG": "fr_CA.UTF-8"}, "fr"),
        ({"LIPMETRICS_LANG": "fr", "LANG": "en_CA.UTF-8"}, "fr"),
        ({"LIPMETRICS_LANG": "en", "LC_ALL": "fr_CA.UTF-8"}, "en"),
        ({"LIPMETRICS_LANG": "xx", "LANG": "fr_CA.UTF-8"}, "fr"),
    ],
)
def test_a_commands_language_from_its_environment(environ, expected) -> None:
    assert environment_language(environ) == expected


REFUSED = b"metric,period,value\nEMP-99,2024-Q3,5\n"
# Whatever the machine's own locale, each run says exactly which variables are set.
NO_LOCALE = {"LIPMETRICS_LANG": None, "LC_ALL": None, "LC_MESSAGES": None, "LANG": None}


@pytest.mark.parametrize(
    ("env", "problem"),
    [
        ({}, 'line 2, column metric: "EMP-99" — '),
        ({"LANG": "C.UTF-8"}, 'line 2, column metric: "EMP-99" — '),
        ({"LANG": "fr_CA.UTF-8"}, f"ligne 2, colonne metric{NB}: «{NB}EMP-99{NB}» — "),
        ({"LIPMETRICS_LANG": "fr"}, f"ligne 2, colonne metric{NB}: «{NB}EMP-99{NB}» — "),
    ],
)
def test_the_command_line_speaks_the_language_of_its_environment(tmp_path, env, problem) -> None:
    """A refused import prints its problem in the language of LIPMETRICS_LANG or LANG, else
    English; nothing is left in French for what runs next."""
    file = tmp_path / "f.csv"
    file.write_bytes(REFUSED)
    target = new_target(tmp_path, "cli")
    database = Database(target)
    load_demo_accounts(database, DATA)
    database.close()
    args = ["validate-metrics", str(file), "--partner", "NCC", "--db", target]
    with CliRunner().isolation(env={**NO_LOCALE, **env}) as streams:
        code = main(args)
        err = streams[1].getvalue().decode()
    assert code == 1
    assert [line for line in err.splitlines() if line.startswith(problem[:5])][0].startswith(
        problem
    )
    assert current_language() == "en"


def test_report_lang_wins_over_the_environment(small_path, tmp_path) -> None:  # noqa: F811
    """``report`` without ``--lang`` writes the command's language; ``--lang en`` wins over a
    French LANG."""
    out = tmp_path / "plan.xlsx"
    args = ["report", "--plan", "Small", "--kind", "xlsx", "--year", "2", "--out", str(out)]
    env = {**NO_LOCALE, "LANG": "fr_CA.UTF-8", "LIPMETRICS_DB": small_path}
    with CliRunner().isolation(env=env):
        assert main(args) == 0
        assert openpyxl.load_workbook(out).sheetnames[0] == "Plan de travail"
        assert main([*args, "--lang", "en"]) == 0
        assert openpyxl.load_workbook(out).sheetnames[0] == "Workplan"
