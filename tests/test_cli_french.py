"""The command line's confirmation lines and the plan-year problems in French (README "Languages",
"Command line"): each command run as a person runs it, with ``LIPMETRICS_LANG=fr``, says its
hand-written French sentence (fr-CA numbers: ``1 234`` with a no-break space), and with
``LIPMETRICS_LANG=en`` the English sentence it always said."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from lipmetrics.cli import main
from lipmetrics.demo import load_demo_accounts
from lipmetrics.i18n import language
from lipmetrics.plan import parse_schedule
from lipmetrics.store import Database

from .conftest import DATA, TEST_DATA
from .databases import new_target

NB = "\u00a0"  # the no-break space French puts before : ; and inside « »
NO_LOCALE = {"LIPMETRICS_LANG": None, "LC_ALL": None, "LC_MESSAGES": None, "LANG": None}
RAW = str(TEST_DATA / "small_raw.csv")
PARTNERS = str(DATA / "partners.csv")
MANY = "breakdown,category\n" + "".join(f"quartier,Q{n:04d}\n" for n in range(1, 1235))  # 1,234
ONE = "breakdown,category\nquartier,Nord\n"
VALUES = "metric,period,value\nES-JOBSKILLS,2024-Q2,7\nES-JOBSKILLS,2024-Q3,5\n"
NAMELESS = (
    "code,name,definition,unit,direction,frequency,kind,pillar,breakdowns,partners,baseline,"
    "baseline_period,target,target_period\nX1,,d,count,higher,quarterly,performance,,,,,,,\n"
)


def run(args: list[str], lang: str, extra: dict | None = None) -> tuple[int, list[str], list[str]]:
    """Run the command line as a shell would, in ``lang``: its exit code, stdout and stderr lines."""
    env = {**NO_LOCALE, "LIPMETRICS_LANG": lang, **(extra or {})}
    with CliRunner().isolation(env=env) as streams:
        code = main(args)
        out, err = streams[0].getvalue().decode(), streams[1].getvalue().decode()
    return code, out.splitlines(), err.splitlines()


def said(expected: str, lines: list[str]) -> bool:
    """``expected`` is one of ``lines`` exactly, or, written "…text", inside one of them."""
    if expected.startswith("…"):
        return any(expected[1:] in line for line in lines)
    return expected in lines


# (what runs first, in English; the command; stream; the English line; the French line).
# {db}, {file} and {folder} are the case's database, input file and submissions folder.
CASES = {
    "init": ([], ["init"], "out", "…Database ready: ", f"…Base de données prête{NB}: "),
    "plans, none": ([], ["plans"], "out", "(none)", "(aucun)"),
    "import-plan counts": (
        [], ["import-plan", RAW, "--plan", "Raw", "--start-year", "2020", "--years", "3"],
        "out", "  projects: 7", f"  projets{NB}: 7",
    ),
    "import-plan, a year for a person": (
        [], ["import-plan", RAW, "--plan", "Raw", "--start-year", "2020", "--years", "3"],
        "out",
        '  line 15: year “someday” of “Speakers bureau”: not a list of plan years such as "1", '
        '"2-4" or "3 & 4"',
        f"  ligne 15{NB}: année «{NB}someday{NB}» de «{NB}Speakers bureau{NB}»{NB}: ce n’est pas "
        f"une liste d’années du plan comme «{NB}1{NB}», «{NB}2-4{NB}» ou «{NB}3 & 4{NB}»",
    ),
    "import-plan, a status for a person": (
        [], ["import-plan", RAW, "--plan", "Raw", "--start-year", "2020", "--years", "3"],
        "out",
        "  line 14: status “See above” of “Annual festival” matches no status category",
        f"  ligne 14{NB}: le statut «{NB}See above{NB}» de «{NB}Annual festival{NB}» ne "
        "correspond à aucune catégorie de statut",
    ),
    "progress, no plan": (
        [], ["progress", "--plan", "Nope"], "err",
        "There is no plan named “Nope”. The database has no plans yet: import one with "
        "`lipmetrics import-plan`.",
        f"Il n’y a aucun plan nommé «{NB}Nope{NB}». La base de données n’a encore aucun "
        f"plan{NB}: importez-en un avec `lipmetrics import-plan`.",
    ),
    "import-breakdowns, 1 234": (
        [], ["import-breakdowns", "{file}"], "out",
        "Added 1,234 breakdown categories from {file}.",
        f"1{NB}234 catégories de ventilation ajoutées depuis {{file}}.",
    ),
    "import-breakdowns, one": (
        [], ["import-breakdowns", "{file}"], "out",
        "Added 1 breakdown category from {file}.",
        "1 catégorie de ventilation ajoutée depuis {file}.",
    ),
    "import-partners": (
        [], ["import-partners", PARTNERS], "out",
        f"Imported 13 partners from {PARTNERS}.",
        f"13 organismes partenaires importés depuis {PARTNERS}.",
    ),
    "add-user": (
        [], ["add-user", "pat", "--role", "viewer"], "out",
        "Account “pat” created (viewer). Set its password with `lipmetrics set-password pat`.",
        f"Compte «{NB}pat{NB}» créé (viewer). Définissez son mot de passe avec `lipmetrics "
        "set-password pat`.",
    ),
    "set-password": (
        [["add-user", "pat", "--role", "viewer"]], ["set-password", "pat"], "out",
        "Password set for “pat”.", f"Le mot de passe de «{NB}pat{NB}» a été défini.",
    ),
    "vocabulary add": (
        [], ["vocabulary", "add", "Ask Maria", "--category", "in_progress"], "out",
        "“Ask Maria” now reads as in_progress.",
        f"«{NB}Ask Maria{NB}» se lit désormais comme in_progress.",
    ),
    "vocabulary remove": (
        [["vocabulary", "add", "Ask Maria", "--category", "in_progress"]],
        ["vocabulary", "remove", "Ask Maria"], "out",
        "“Ask Maria” is no longer in the vocabulary.",
        f"«{NB}Ask Maria{NB}» ne fait plus partie du vocabulaire.",
    ),
    "vocabulary apply, none": (
        [], ["vocabulary", "apply"], "out", "0 statuses classified.", "0 statut classé.",
    ),
    "check": (
        [], ["check"], "out",
        "The submissions folder {folder} and the database agree.",
        "Le dossier des soumissions {folder} et la base de données concordent.",
    ),
    "validate-metrics": (
        ["demo accounts"], ["validate-metrics", "{file}", "--partner", "NCC"], "out",
        "values.csv: 2 values, no problem (read as CSV, UTF-8, comma-separated).",
        f"values.csv{NB}: 2 valeurs, aucun problème (lu comme CSV, UTF-8, séparé par des "
        "virgules).",
    ),
    "import-catalog, a problem": (
        [], ["import-catalog", "{file}"], "err",
        'line 2, column code: "X1" — every metric needs a code and a name',
        f"ligne 2, colonne code{NB}: «{NB}X1{NB}» — chaque indicateur a besoin d’un code et "
        "d’un nom",
    ),
    "copy-db": (
        [], ["copy-db", "--to", "{target}"], "out",
        "…each table's rows and checksum read back the same.",
        "…les lignes et la somme de contrôle de chaque table se relisent à l’identique.",
    ),
}  # fmt: skip
FILES = {
    "import-breakdowns, 1 234": MANY,
    "import-breakdowns, one": ONE,
    "validate-metrics": VALUES,
    "import-catalog, a problem": NAMELESS,
}


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("case", list(CASES))
def test_each_command_confirms_in_the_language_of_its_environment(tmp_path, case, lang) -> None:
    """Every command's line in French with LIPMETRICS_LANG=fr, and the same English as before
    with LIPMETRICS_LANG=en."""
    setup, args, stream, english, french = CASES[case]
    target = new_target(tmp_path, f"fr_cli_{lang}")
    file = tmp_path / ("values.csv" if case == "validate-metrics" else "categories.csv")
    file.write_text(FILES.get(case, ""), encoding="utf-8")
    names = {"db": target, "file": str(file), "folder": str(tmp_path / "submissions"),
             "target": new_target(tmp_path, f"fr_cli_copy_{lang}")}  # fmt: skip
    extra = {"LIPMETRICS_DB": target, "LIPMETRICS_SUBMISSIONS_DIR": names["folder"],
             "LIPMETRICS_PASSWORD": "a-long-enough-password"}  # fmt: skip
    database = Database(target)
    if "demo accounts" in setup:
        load_demo_accounts(database, DATA)
    database.close()
    for before in setup:
        if before != "demo accounts":
            assert run(before, "en", extra)[0] == 0
    code, out, err = run([arg.format(**names) for arg in args], lang, extra)
    expected = (english if lang == "en" else french).format(**names)
    assert (code != 0) == (stream == "err")
    assert said(expected, out if stream == "out" else err), (out, err)


@pytest.mark.parametrize(
    ("text", "plan_years", "start_year", "english", "french"),
    [
        ("6", 5, None, "plan year 6 is after the last year of the plan (5)",
         "l’année du plan 6 vient après la dernière année du plan (5)"),
        ("2021", 5, 2016, "2021 is outside the plan's years (2016-2020)",
         "2021 est en dehors des années du plan (2016-2020)"),
        ("2018", 5, None, "2018 looks like a calendar year, but the plan's first year is not known",
         "2018 ressemble à une année civile, mais la première année du plan n’est pas connue"),
        ("4-2", 5, None, '"4-2" is not a valid range', f"«{NB}4-2{NB}» n’est pas une plage valide"),
        ("1-99999", None, None, '"1-99999" is not a valid range: a plan has at most 50 years',
         f"«{NB}1-99999{NB}» n’est pas une plage valide{NB}: un plan a au plus 50 années"),
        ("60", None, None, '"60" is not a valid range: a plan has at most 50 years',
         f"«{NB}60{NB}» n’est pas une plage valide{NB}: un plan a au plus 50 années"),
        ("ongoing", 5, None, 'not a list of plan years such as "1", "2-4" or "3 & 4"',
         f"ce n’est pas une liste d’années du plan comme «{NB}1{NB}», «{NB}2-4{NB}» ou "
         f"«{NB}3 & 4{NB}»"),
        ("Year", 5, None, "no year number in it", "aucun numéro d’année"),
    ],
)  # fmt: skip
def test_plan_year_problems_in_both_languages(text, plan_years, start_year, english, french):
    """A YEAR cell that cannot be read says why in the language it is read in; the text is
    kept as written either way."""
    for code, expected in (("fr", french), ("en", english)):
        with language(code):
            schedule = parse_schedule(text, plan_years, start_year)
        assert (schedule.parsed, schedule.text, schedule.problem) == (False, text, expected)


def test_a_dry_runs_readings_stay_english_in_french(tmp_path) -> None:
    """What scripts read stays English (docs/cli.md "The language"): the readings' statuses, months
    and "as of" dates, while the sentence before the table is French."""
    lakeview = str(TEST_DATA / "lakeview_plan_cp1252.csv")
    args = ["import-plan", lakeview, "--plan", "Lakeview", "--start-year", "2018", "--years", "3",
            "--db", new_target(tmp_path, "dry")]  # fmt: skip
    code, out, _err = run([*args, "--dry-run", "--format", "csv"], "fr")
    assert code == 0
    rows = {line.split(",")[2]: line for line in out[1:]}
    assert rows["Employer breakfast series"].endswith(",Complete,May 2018,")
    assert ",In progress,as of 2019-11-01," in rows["Mentorship pilot with the Chamber"]
    code, out, _err = run([*args, "--dry-run"], "fr")
    assert code == 0 and out[0].startswith("Les statuts sans date")
