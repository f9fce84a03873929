"""The partner's pages in French through AppTest (docs/file-formats.md "French files"): Send figures
with the decimal comma ticked, French problems, a French file saved; My reporting in French."""

from __future__ import annotations

from lipmetrics.demo import load_demo_accounts
from lipmetrics.store import Database
from lipmetrics.submissions import current_values

from .conftest import DATA
from .databases import copy_target, new_target
from .test_app import app, button, fresh_caches, navigation_owns_pages  # noqa: F401  (fixtures)
from .test_submissions import NCC

NB = "\u00a0"
PARTNER = {"username": "ncc", "display_name": "NCC", "role": "partner", "partner_code": "NCC"}
BAD = "indicateur;période;valeur\nNOPE;2024-Q3;5\nES-PLACED;2024;45,5\n"
GOOD = "Indicateur;Periode;Valeur;remarques\nES-PLACED;2024;45,5;été\nSI-REPS;2024;1 234;\n"


def french_page(tmp_path, monkeypatch, page: str, path: str | None = None):
    """``page`` in French, for NCC's partner account, on ``path`` (default: a database with the
    demo accounts only)."""
    if path is None:
        path = new_target(tmp_path, "page")
        database = Database(path)
        load_demo_accounts(database, DATA)
        database.close()
    monkeypatch.setenv("LIPMETRICS_SUBMISSIONS_DIR", str(tmp_path / "store"))
    at = app(path, monkeypatch, dict(PARTNER))  # a copy: the run writes the language into it
    at.query_params["lang"] = "fr"
    at.run()
    at.switch_page(page).run()
    assert not at.exception
    return at, path


def test_send_figures_in_french(tmp_path, monkeypatch) -> None:
    """Send figures in French: its title, the decimal comma ticked, a French file's problems in
    French with the column as written, then a good French file previewed and saved exactly."""
    at, path = french_page(tmp_path, monkeypatch, "pages/submit.py")
    assert at.title[0].value == "Envoyer les chiffres de votre organisme"
    box = at.checkbox[0]
    assert box.label == f"Mes nombres ont la virgule comme séparateur décimal (1{NB}234,5)"
    assert box.value is True
    at.file_uploader[0].set_value(("mauvais.csv", BAD.encode(), "text/csv")).run()
    assert not at.exception
    assert at.error[0].value.replace("\\", "") == (
        "1\u00a0problème dans mauvais.csv. Rien n’a été enregistré. Corrigez-le dans votre "
        "fichier et téléversez-le de nouveau."
    )
    problems = at.dataframe[-1].value
    assert list(problems.columns) == ["ligne", "colonne", "valeur trouvée", "que faire"]
    assert problems.values.tolist() == [
        [2, "indicateur", "NOPE", f"code d’indicateur inconnu{NB}: utilisez un code du modèle"]
    ]
    at.file_uploader[0].set_value(("bon.csv", GOOD.encode(), "text/csv")).run()
    assert not at.exception
    assert (
        at.caption[-1].value == f"Fichier lu ainsi{NB}: CSV, UTF-8, séparé par des points-virgules."
    )
    assert at.success[0].value == (
        f"Aucun problème trouvé{NB}: 2{NB}valeurs — nouvelles{NB}: 2{NB}; modifiant une valeur "
        f"déjà envoyée{NB}: 0{NB}; inchangées{NB}: 0."
    )
    preview = at.dataframe[-1].value
    assert preview["change"].tolist() == ["nouvelle", "nouvelle"]
    button(at, "Enregistrer ces chiffres").click().run()
    assert not at.exception
    assert at.success[-1].value.startswith("Enregistré comme soumission ")
    database = Database(path)
    stored = current_values(database, NCC)
    database.close()
    assert sorted(zip(stored["metric"], stored["value"], stored["notes"].fillna(""), strict=True)) == [
        ("ES-PLACED", 45.5, "été"), ("SI-REPS", 1234.0, ""),
    ]  # fmt: skip


def test_send_figures_in_english_is_unchanged(tmp_path, monkeypatch) -> None:
    """In English the box is not ticked and the page speaks English."""
    path = new_target(tmp_path, "page")
    database = Database(path)
    load_demo_accounts(database, DATA)
    database.close()
    at = app(path, monkeypatch, dict(PARTNER)).run()
    at.switch_page("pages/submit.py").run()
    assert at.title[0].value == "Send your organisation's figures"
    assert at.checkbox[0].label == "My numbers use a comma as the decimal mark (1 234,5)"
    assert at.checkbox[0].value is False


def test_my_reporting_in_french(demo_db_file, tmp_path, monkeypatch) -> None:
    """My reporting in French, with the demo plans: its title, the statuses' words."""
    demo = copy_target(demo_db_file, tmp_path, "demo")
    at, _path = french_page(tmp_path, monkeypatch, "pages/partner_home.py", demo)
    assert at.title[0].value == f"Qu’a envoyé notre organisme, et que reste-t-il à remettre{NB}?"
    labels = [m.label for m in at.metric]
    assert labels == ["Attendu", "En retard", "Envoyé", "Remplacé"]
    statuses = set(at.dataframe[0].value["status"])
    assert statuses <= {"attendu", "en retard", "envoyé", "remplacé"} and statuses


def test_a_metric_added_after_a_refused_file_lets_the_same_file_through(
    tmp_path, monkeypatch
) -> None:
    """The catalogue's facts a file is checked against are read once per data version (ui/data.py):
    a metric added to the catalogue is known to the next check of the very same file."""
    from lipmetrics.accounts import OPERATOR
    from lipmetrics.measures import add_metric

    at, path = french_page(tmp_path, monkeypatch, "pages/submit.py")
    sent = ("nouveau.csv", b"indicateur;periode;valeur\nSI-MENTORS;2024-Q3;5\n", "text/csv")
    at.file_uploader[0].set_value(sent).run()
    assert not at.exception
    assert [p[2] for p in at.dataframe[-1].value.values.tolist()] == ["SI-MENTORS"]
    database = Database(path)
    cells = {"code": "SI-MENTORS", "name": "Mentors matched", "unit": "count",
             "direction": "higher", "frequency": "quarterly", "kind": "performance",
             "partners": "NCC"}  # fmt: skip
    add_metric(database, OPERATOR, cells)
    database.close()
    at.file_uploader[0].set_value(sent).run()
    assert not at.exception
    assert at.success[0].value.startswith(f"Aucun problème trouvé{NB}: 1{NB}valeur")


def test_a_templates_lines_left_empty_are_said_not_sent(tmp_path, monkeypatch) -> None:
    """The French template lists every period owed; the partner fills in one: the file is
    accepted, and the page says which lines are not sent."""
    at, path = french_page(tmp_path, monkeypatch, "pages/submit.py")
    template = "indicateur;période;valeur;remarques\nSI-REPS;2023;;\nSI-REPS;2024;3;\n"
    at.file_uploader[0].set_value(("modele.csv", template.encode(), "text/csv")).run()
    assert not at.exception and not at.error
    assert [i.value for i in at.info] == [
        f"1{NB}ligne n’a pas de valeur et n’est donc pas envoyée{NB}: ligne 2. Remplissez sa "
        "valeur pour l’envoyer."
    ]
    button(at, "Enregistrer ces chiffres").click().run()
    # the sentence on top, under the title; the saved file's preview gone, the field empty
    assert [s.value[:27] for s in at.success] == ["Enregistré comme soumission"]
    assert not at.dataframe
    assert [b.label for b in at.button] == ["Se déconnecter"]  # no Save: nothing to save
    assert at.file_uploader[0].value is None
    database = Database(path)
    values = current_values(database, NCC)
    database.close()
    assert values[["period", "value"]].values.tolist() == [["2024", 3.0]]
