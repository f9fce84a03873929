"""A partner organisation working in French (docs/file-formats.md "French files"): the template in
French, French column names read back, the decimal comma, and every problem said in French —
English unchanged."""

from __future__ import annotations

import csv
import io

import openpyxl
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from lipmetrics.demo import load_demo_accounts
from lipmetrics.errors import LipmetricsError
from lipmetrics.files import parse_number
from lipmetrics.i18n import language
from lipmetrics.submissions import (
    check_submission,
    commit_submission,
    current_values,
    preview_summary,
    template_csv,
    template_frame,
    template_xlsx,
)
from lipmetrics.submissions.read import column_name

from .conftest import DATA
from .generated import NCC_METRICS, VALID_PERIODS, attempt, csv_bytes
from .test_generated_files import fingerprint, fresh, listing
from .test_submissions import NCC, TODAY

NB, NNB = "\u00a0", "\u202f"  # no-break and narrow no-break spaces (French-Canadian Excel's)
AMBIGUOUS = (
    "a comma before three digits is a decimal comma here, but English uses it for thousands: "
    "write 1234 or 1 234 for a number over a thousand, or end a decimal with a zero (1,2340)"
)
POINT_AMBIGUOUS = (
    "a point before three digits separates thousands here, but English uses it as the decimal "
    "mark: write 1000 or 1 000 for a number over a thousand, or 1,5 for a decimal"
)
AMBIGUOUS_FR = (
    f"une virgule suivie de trois chiffres est ici une virgule décimale, mais l’anglais s’en sert "
    f"pour séparer les milliers{NB}: écrivez 1234 ou 1{NB}234 pour un nombre de plus de mille, ou "
    f"terminez un nombre décimal par un zéro (1,2340)"
)


@pytest.fixture
def ref(db):
    """A database with the bundled partners, breakdowns, catalogue and demo accounts."""
    load_demo_accounts(db, DATA)
    return db


@pytest.mark.parametrize(
    ("text", "comma", "expected"),
    [
        ("12,5", True, (12.5, None)),
        ("1 234,5", True, (1234.5, None)),
        (f"1{NB}234,5", True, (1234.5, None)),
        (f"1{NNB}234{NNB}567,25", True, (1234567.25, None)),
        ("1234,5", True, (1234.5, None)),
        ("1.234,5", True, (1234.5, None)),
        ("0,125", True, (0.125, None)),
        ("1,2340", True, (1.234, None)),
        ("1,234", True, (None, AMBIGUOUS)),
        ("-12,345", True, (None, AMBIGUOUS)),
        # the trial's 1.000 in an English file, read as 1000: refused, as is 0.500 (once 500)
        ("1.000", True, (None, POINT_AMBIGUOUS)),
        ("0.500", True, (None, POINT_AMBIGUOUS)),
        ("-12.345", True, (None, POINT_AMBIGUOUS)),
        ("1.234.567", True, (1234567.0, None)),  # two points: thousands, not a decimal
        ("1.000", False, (1.0, None)),
        ("1,234", False, (1234.0, None)),  # English: unchanged
        ("1 234", False, (1234.0, None)),
        ("12.5", False, (12.5, None)),
    ],
)
def test_decimal_comma_numbers(text, comma, expected) -> None:
    """With the decimal comma, French numbers read exactly; ``1,234`` (English thousands) is
    refused, never read as 1.234; without it, numbers read as always."""
    assert parse_number(text, comma) == expected


def test_an_ambiguous_number_is_said_in_french() -> None:
    with language("fr"):
        assert parse_number("1,234", True) == (None, AMBIGUOUS_FR)


@pytest.mark.parametrize(
    ("header", "name"),
    [
        ("indicateur", "metric"), ("Indicateur", "metric"), (" INDICATEUR ", "metric"),
        ("période", "period"), ("Période", "period"), ("PERIODE", "period"), ("periode", "period"),
        ("PÉRIODE", "period"), ("valeur", "value"), ("Valeur", "value"), ("remarques", "notes"),
        ("Nom indicateur", "metric_name"), ("metric", "metric"), ("Age-Group", "age_group"),
        ("gender", "gender"),
    ],
)  # fmt: skip
def test_french_column_names(header, name) -> None:
    """A French column name, with or without accents and in any case, is the English one."""
    assert column_name(header) == name


ENGLISH = "metric,period,value,gender,notes\nES-JOBSKILLS,2024-Q3,12,,été\nSI-REPS,2024,3,,\n"
FRENCH_HEADERS = [
    "indicateur;période;valeur;gender;remarques",
    "Indicateur;Periode;VALEUR;gender;Remarques",
    "INDICATEUR;PÉRIODE;Valeur;gender;notes",
]


@pytest.mark.parametrize("header", FRENCH_HEADERS)
def test_a_french_file_reads_like_the_english_one(ref, header) -> None:
    """The same lines under French column names (any case, with or without accents) and with
    semicolons read to exactly the same lines as the English file."""
    french = header + "\nES-JOBSKILLS;2024-Q3;12;;été\nSI-REPS;2024;3;;\n"
    english = check_submission(ref, ENGLISH.encode(), "en.csv", "NCC", today=TODAY)
    read = check_submission(ref, french.encode(), "fr.csv", "NCC", True, today=TODAY)
    assert english.problems == read.problems == []
    assert read.rows.equals(english.rows)


# A French file's problems, and the same file's in English: the column as the file names it.
PROBLEMS = (
    "indicateur;période;valeur\nNOPE;2024-Q3;5\nES-JOBSKILLS;2024;5\nES-JOBSKILLS;2024-Q3;1,234\n"
    "ES-JOBSKILLS;2024-Q4;12,5\nES-PLACED;2024;120\nSI-REPS;2030;4\n"
)
PROBLEMS_FR = [
    f"ligne 2, colonne indicateur{NB}: «{NB}NOPE{NB}» — code d’indicateur inconnu{NB}: utilisez "
    "un code du modèle",
    f"ligne 3, colonne période{NB}: «{NB}2024{NB}» — cet indicateur est déclaré chaque "
    f"trimestre{NB}: écrivez la période comme 2024-Q3",
    f"ligne 4, colonne valeur{NB}: «{NB}1,234{NB}» — {AMBIGUOUS_FR}",
    f"ligne 5, colonne valeur{NB}: «{NB}12,5{NB}» — un dénombrement est un nombre entier égal ou "
    "supérieur à 0",
    f"ligne 6, colonne valeur{NB}: «{NB}120{NB}» — un pourcentage est compris entre 0 et 100",
    f"ligne 7, colonne période{NB}: «{NB}2030{NB}» — cette période n’a pas encore commencé{NB}: "
    "vérifiez l’année",
]
PROBLEMS_EN = [
    'line 2, column indicateur: "NOPE" — unknown metric code: use a code from the template',
    'line 3, column période: "2024" — this metric is reported quarterly: write the period as '
    "2024-Q3",
    f'line 4, column valeur: "1,234" — {AMBIGUOUS}',
    'line 5, column valeur: "12,5" — a count is a whole number of 0 or more',
    'line 6, column valeur: "120" — a percentage is between 0 and 100',
    'line 7, column période: "2030" — this period has not started yet: check the year',
]


@pytest.mark.parametrize(("code", "expected"), [("fr", PROBLEMS_FR), ("en", PROBLEMS_EN)])
def test_problems_in_each_language(ref, tmp_path, code, expected) -> None:
    """Every problem of a French file, said in the language of the session, the column named as
    the file names it; the summary of the refusal too."""
    with language(code):
        check = check_submission(ref, PROBLEMS.encode(), "f.csv", "NCC", True, today=TODAY)
        assert [str(p) for p in check.problems] == expected
        with pytest.raises(LipmetricsError) as refused:
            commit_submission(ref, NCC, check, PROBLEMS.encode(), tmp_path)
    summary = {"fr": f"f.csv a 6{NB}problèmes{NB}; rien n’a été enregistré."}
    assert refused.value.summary == summary.get(code, "f.csv has 6 problems; nothing was saved.")


def test_an_unreadable_file_is_said_in_french(ref) -> None:
    with language("fr"), pytest.raises(LipmetricsError) as refused:
        check_submission(ref, b"", "vide.csv", "NCC", True, today=TODAY)
    assert str(refused.value) == (
        "Le fichier vide.csv est vide. Choisissez le fichier qui contient vos données."
    )


def fill(rows: list[list[str]], values: dict[str, str]) -> list[list[str]]:
    """The template's lines with each metric's value filled in (the header first)."""
    value = rows[0].index("valeur")
    return [rows[0]] + [[*r[:value], values[r[0]], *r[value + 1 :]] for r in rows[1:]]


# Decimal commas and French thousands, as a partner in French writes them, and what they are.
WRITTEN = {
    "EC-ATTEND": (f"1{NB}234", 1234.0), "EC-EVENTS": ("12", 12.0),
    "EC-MEMBERS": (f"2{NNB}500", 2500.0), "ES-JOBSKILLS": ("1 000", 1000.0),
    "ES-PLACED": ("45,5", 45.5), "ES-COMPLETED": ("300", 300.0), "ES-EMPLOYED3M": ("150", 150.0),
    "SI-REPS": ("7", 7.0), "SI-TRAINING": ("0", 0.0),
}  # fmt: skip


BREAKDOWNS = ["age_group", "gender", "immigration_category"]  # of NCC's metrics


def test_french_template_round_trip(ref, tmp_path) -> None:
    """The template downloaded in French, filled in with decimal commas, checked, saved and read
    back: exactly its numbers. English templates are unchanged."""
    frame = template_frame(ref, "NCC", 2024, 3)
    with language("fr"):
        text = template_csv(frame).decode("utf-8-sig")
        book = openpyxl.load_workbook(io.BytesIO(template_xlsx(ref, frame)))
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0] == ["indicateur", "période", "valeur", *BREAKDOWNS, "remarques"]
    assert book.sheetnames == ["Valeurs", "Consignes", "Listes", "Indicateurs"]
    said = [row[0].value for row in book["Consignes"].iter_rows()]
    assert len(said) == 5  # how to fill it in, numbers, periods, the metrics' sheet, saving
    assert said[3] == (
        "La feuille «\u00a0Indicateurs\u00a0» dit ce que compte chaque indicateur, son unité et "
        "à quelle fréquence il est déclaré."
    )
    assert [c.value for c in book["Valeurs"][1]][:4] == [
        "indicateur", "nom_indicateur", "période", "valeur",
    ]  # fmt: skip
    assert [c.value for c in book["Indicateurs"][1]][:4] == [
        "indicateur", "nom", "définition", "unité",
    ]  # fmt: skip
    english = template_csv(frame).decode("utf-8-sig").splitlines()[0]
    assert english == ",".join(["metric", "period", "value", *BREAKDOWNS, "notes"])
    filled = fill(rows, {code: written for code, (written, _) in WRITTEN.items()})
    data = "\n".join(";".join(row) for row in filled).encode("utf-8-sig")
    with language("fr"):
        check = check_submission(ref, data, "rempli.csv", "NCC", True, today=TODAY)
        assert check.problems == []
        commit_submission(ref, NCC, check, data, tmp_path / "store", note="vérifié")
    stored = current_values(ref, NCC)
    read = sorted(zip(stored["metric"], stored["period"], stored["value"], strict=True))
    expected = sorted((row[0], row[1], WRITTEN[row[0]][1]) for row in filled[1:])
    assert read == expected


# --- generated French files (README "Generated-file tests") ---

HEADER_WORDS = {
    "metric": ["indicateur", "Indicateur", "INDICATEUR"],
    "period": ["période", "periode", "Période", "PÉRIODE"],
    "value": ["valeur", "Valeur", "VALEUR"],
}
SPACES = st.sampled_from([" ", NB, NNB, ""])


@st.composite
def french_value(draw, unit: str) -> tuple[str, float]:
    """A valid value written the French way, and the number it is."""
    if unit == "percent":
        value = draw(st.integers(0, 1000)) / 10
        return f"{value:g}".replace(".", ",") + draw(
            st.sampled_from(["", "%", " %", f"{NB}%"])
        ), value
    value = draw(st.integers(0, 10**7))
    space = draw(SPACES)
    return f"{value:,}".replace(",", space) if space else str(value), float(value)


@st.composite
def french_file(draw, hostile: bool) -> tuple[bytes, dict[tuple[str, str], float]]:
    """A French CSV file NCC may send (French column names, decimal commas, French thousands)
    and the numbers it carries; with ``hostile``, some values written another way (English
    thousands, a decimal point, ...), which must be refused or read exactly."""
    header = [draw(st.sampled_from(HEADER_WORDS[name])) for name in ("metric", "period", "value")]
    rows, lines = [header], {}
    for _ in range(draw(st.integers(1, 6))):
        metric = draw(st.sampled_from(sorted(NCC_METRICS)))
        unit, frequency = NCC_METRICS[metric]
        period = draw(VALID_PERIODS[frequency])
        text, value = draw(french_value(unit))
        if hostile and draw(st.booleans()):
            odd = ["1,234", "12.5", "1.234", "1,234.5", "12,50", "0,5", "1 234.5", "1.234.567"]
            text, value = draw(st.sampled_from(odd)), None
        if (metric, period) in lines:
            continue
        rows.append([metric, period, text])
        lines[(metric, period)] = value
    encodings = st.sampled_from(["utf-8", "utf-8-sig", "utf-16"])  # NNBSP: not in Windows-1252
    return draw(csv_bytes(rows, st.sampled_from([";", "\t"]), encodings)), lines


@pytest.fixture(scope="module")
def french_ref(tmp_path_factory):
    database, store = fresh(tmp_path_factory, "french")
    yield database, store
    database.close()


def send(db, store, data: bytes):
    """Check (in French, with the decimal comma) and commit a file; on refusal, prove nothing
    changed and return None; else the commit and the check."""
    before = (fingerprint(db), listing(store))
    with language("fr"):
        check = attempt(
            "French partner files",
            lambda: check_submission(db, data, "f.csv", "NCC", True, today=TODAY),
        )
        if not check.ok:
            with pytest.raises(LipmetricsError):
                commit_submission(db, NCC, check, data, store)
            assert (fingerprint(db), listing(store)) == before
            return None, check
        note = "fichier généré" if check.warnings else None
        return commit_submission(db, NCC, check, data, store, note=note), check


def read_back(db, submission_id: int) -> dict[tuple[str, str], float]:
    from lipmetrics.submissions import value_history

    history = value_history(db, NCC)
    mine = history[history["submission_id"] == submission_id]
    return {(r.metric, r.period): r.value for r in mine.itertuples() if r.breakdown == ""}


@given(french_file(hostile=False))
def test_generated_french_files_read_back_exactly(french_ref, file) -> None:
    """A valid French file is accepted and reads back to exactly its numbers."""
    db, store = french_ref
    data, lines = file
    result, check = send(db, store, data)
    assert result is not None, check.problems
    assert read_back(db, result.submission_id) == lines


@given(french_file(hostile=True))
def test_generated_french_files_exact_or_refused(french_ref, file) -> None:
    """A French file with values written other ways is read exactly or refused whole with the
    library's errors, nothing changed; an ambiguous ``1,234`` is never read as a number."""
    db, store = french_ref
    data, lines = file
    result, check = send(db, store, data)
    if result is not None:
        saved = {(r.metric, r.period): r.value for r in check.rows.itertuples()}
        assert read_back(db, result.submission_id) == saved
        assert all(value == saved[key] for key, value in lines.items() if value is not None)
        assert "1,234" not in set(check.rows["written"])


# --- the preview's sentences and the warnings, in French ---

EARLIER = "metric,period,value,gender,age_group\n" + (
    "ES-JOBSKILLS,2024-Q3,100,,\nES-JOBSKILLS,2024-Q3,40,woman,\nES-JOBSKILLS,2024-Q3,50,man,\n"
    "ES-JOBSKILLS,2024-Q3,30,,15-24\n"
)
QUARTERS = "".join(f"ES-JOBSKILLS;{p};{v}\n" for p, v in [("2024-Q1", 100), ("2024-Q2", 120),
                                                          ("2024-Q3", 140), ("2024-Q4", 120)])  # fmt: skip


@pytest.mark.parametrize(
    ("later", "sentence"),
    [
        (
            "indicateur;période;valeur;gender\nES-JOBSKILLS;2024-Q3;95;\nES-JOBSKILLS;2024-Q3;45;woman\n",
            f"Ce fichier change le total de ES-JOBSKILLS pour 2024-Q3 de 100 à 95{NB}; la ventilation "
            f"antérieure par age group (1{NB}valeur) et la valeur antérieure par gender pour man "
            "seront retirées, car le fichier ne les envoie pas de nouveau.",
        ),
        (
            "indicateur;période;valeur;gender\nES-JOBSKILLS;2024-Q3;90,0;\nES-JOBSKILLS;2024-Q3;40;woman\n"
            "ES-JOBSKILLS;2024-Q3;50;man\n",
            f"Ce fichier change le total de ES-JOBSKILLS pour 2024-Q3 de 100 à 90{NB}; la ventilation "
            f"antérieure par age group (1{NB}valeur) sera retirée, car le fichier ne l’envoie pas de "
            "nouveau.",
        ),
    ],
)  # fmt: skip
def test_withdrawals_in_french(ref, tmp_path, later, sentence) -> None:
    """What a re-sent total withdraws, said in French (docs/file-formats.md "Partner submission
    files")."""
    from lipmetrics.submissions import withdrawals

    data = EARLIER.encode()
    commit_submission(ref, NCC, check_submission(ref, data, "a.csv", "NCC", today=TODAY), data,
                      tmp_path)  # fmt: skip
    with language("fr"):
        check = check_submission(ref, later.encode(), "b.csv", "NCC", True, today=TODAY)
        assert check.problems == []
        assert withdrawals(ref, NCC, check) == [sentence]


def test_a_warning_and_a_breakdown_problem_in_french(ref, tmp_path) -> None:
    """A value far from the usual ones, and a breakdown over its total, said in French with
    French numbers."""
    usual = ("indicateur;période;valeur\n" + QUARTERS).encode()
    commit_submission(ref, NCC, check_submission(ref, usual, "a.csv", "NCC", True, today=TODAY),
                      usual, tmp_path)  # fmt: skip
    odd = b"indicateur;p\xc3\xa9riode;valeur\nES-JOBSKILLS;2025-Q1;1 900\n"
    over = (
        "indicateur;période;valeur;gender\nES-JOBSKILLS;2025-Q2;85;\nES-JOBSKILLS;2025-Q2;60;woman\n"
        "ES-JOBSKILLS;2025-Q2;39,0;man\n"
    )
    with language("fr"):
        warned = check_submission(ref, odd, "b.csv", "NCC", True, today=TODAY)
        refused = check_submission(ref, over.encode(), "c.csv", "NCC", True, today=TODAY)
        shown = [str(w) for w in warned.warnings], [str(p) for p in refused.problems]
    assert shown[0] == [
        f"ligne 2{NB}: ES-JOBSKILLS 2025-Q1 vaut 1 900, plus de 3{NB}fois la médiane de vos quatre "
        f"derniers trimestres (120){NB}; vérifiez le chiffre, ou confirmez-le par une note"
    ]
    assert shown[1] == [
        f"ligne 2, colonne valeur{NB}: «{NB}85{NB}» — la ventilation par gender (lignes 3–4) "
        f"totalise 99, plus que ce total{NB}: corrigez le total ou la ventilation"
    ]


def test_a_french_template_names_the_metrics_in_french(ref) -> None:
    """Made in French, the template names each metric by its French name from the catalogue, on
    the values sheet and the metrics sheet, and heads the hidden lists as the values sheet does."""
    catalogue = list(csv.DictReader(io.StringIO((DATA / "metrics_catalog.csv").read_text("utf-8"))))
    french = {row["code"]: row["name_fr"] for row in catalogue}
    with language("fr"):
        frame = template_frame(ref, "NCC", 2024, 3)
        book = openpyxl.load_workbook(io.BytesIO(template_xlsx(ref, frame)))
    values = [[c.value for c in row] for row in book["Valeurs"].iter_rows(min_row=2)]
    assert values and all(row[1] == french[row[0]] and row[1] for row in values)
    about = [[c.value for c in row] for row in book["Indicateurs"].iter_rows(min_row=2)]
    named = {row[0]: row[1] for row in about if row[0] in french}
    assert named and all(name == french[code] for code, name in named.items())
    assert book["Listes"]["A1"].value == "indicateur"


NB = "\u00a0"


@pytest.mark.parametrize(
    ("changes", "lang", "sentence"),
    [
        (["changed"], "fr", f"Aucun problème trouvé{NB}: 1{NB}valeur — nouvelles{NB}: 0{NB}; "
                            f"modifiant une valeur déjà envoyée{NB}: 1{NB}; inchangées{NB}: 0."),
        (["new", "new", "same"], "fr", f"Aucun problème trouvé{NB}: 3{NB}valeurs — nouvelles{NB}: "
                                       f"2{NB}; modifiant une valeur déjà envoyée{NB}: 0{NB}; "
                                       f"inchangées{NB}: 1."),
        (["new"], "en", "No problem found: 1 value — new: 1; changing a value already sent: 0; "
                        "unchanged: 0."),
    ],
)  # fmt: skip
def test_the_previews_sentence_agrees_with_its_count(changes, lang, sentence) -> None:
    """The trial's "1 valeurs — 0 nouvelles, 1 qui modifient": only the first count has a word
    that agrees with it; the others follow their label."""
    with language(lang):
        assert preview_summary(pd.DataFrame({"change": changes})) == sentence
