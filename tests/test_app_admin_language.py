"""The administration screens and Set up in French through AppTest (README "Languages"): with
``?lang=fr`` the Accounts, Audit log, Partner organisations, Submissions, Status words and Import a
workplan pages, their refusals and a workplan's problems are French; without it, English."""

from __future__ import annotations

import pytest

from .databases import new_target
from .test_app import (  # noqa: F401  (fixtures)
    ADMIN,
    accounts_path,
    app,
    button,
    fresh_caches,
    navigation_owns_pages,
)
from .test_app_first_run import empty_path, printed_codes  # noqa: F401

NBSP = "\u00a0"


def page(path, monkeypatch, name: str, lang: str | None):
    at = app(path, monkeypatch, user=dict(ADMIN))  # a copy: ?lang= writes the language into it
    if lang:
        at.query_params["lang"] = lang
    at.run()
    at.switch_page(name).run()
    assert not at.exception
    return at


def shown(element) -> str:
    """A sentence as on screen: the markdown escapes of user text taken out."""
    return element.value.replace("\\", "")


@pytest.mark.parametrize(
    ("name", "lang", "title", "subheaders"),
    [
        ("pages/accounts.py", None, "Who may sign in, and as what?",
         ["Add an account", "Set a password", "Deactivate or reactivate", "Active sessions"]),
        ("pages/accounts.py", "fr", "Qui peut se connecter, et à quel titre" + NBSP + "?",
         ["Ajouter un compte", "Définir un mot de passe", "Désactiver ou réactiver",
          "Sessions actives"]),
        ("pages/audit_log.py", None, "Who changed what, and when?", []),
        ("pages/audit_log.py", "fr", "Qui a modifié quoi, et quand" + NBSP + "?", []),
        ("pages/partners.py", None, "Which organisations report to the partnership?", []),
        ("pages/partners.py", "fr",
         "Quels organismes rendent compte au partenariat" + NBSP + "?", []),
        ("pages/submissions.py", "fr", "Quels chiffres ont été envoyés" + NBSP + "?", []),
        ("pages/vocabulary.py", None, "Which words mean which status?",
         ["Statuses that need a person: 0", "Phrases taught"]),
        ("pages/vocabulary.py", "fr", "Quels mots signifient quel statut" + NBSP + "?",
         ["Statuts qui demandent une personne" + NBSP + ": 0", "Expressions enseignées"]),
        ("pages/import_plan.py", None, "Import a workplan", []),
        ("pages/import_plan.py", "fr", "Importer un plan de travail", []),
    ],
)  # fmt: skip
def test_each_page_speaks_the_language_asked(
    accounts_path,  # noqa: F811
    monkeypatch,
    name,
    lang,
    title,
    subheaders,
) -> None:
    at = page(accounts_path, monkeypatch, name, lang)
    assert at.title[0].value == title
    assert [s.value for s in at.subheader][: len(subheaders)] == subheaders


@pytest.mark.parametrize(
    ("lang", "labels", "roles", "nobody"),
    [
        (None, ["User name", "Name shown on screen", "E-mail (optional, for single sign-on)"],
         ["Administrator", "Coordinator (working group)", "Partner organisation", "Viewer"],
         "Nobody is signed in at the moment."),
        ("fr", ["Nom d’utilisateur", "Nom affiché à l’écran",
                "Courriel (facultatif, pour l’authentification unique)"],
         ["Administrateur", "Coordonnateur (groupe de travail)", "Organisme partenaire",
          "Lecteur"],
         "Personne n’est connecté pour le moment."),
    ],
)  # fmt: skip
def test_the_accounts_form_and_sessions_in_the_language_asked(
    accounts_path,  # noqa: F811
    monkeypatch,
    lang,
    labels,
    roles,
    nobody,
) -> None:
    """The form's labels, the roles by their names (the value chosen stays the English code), and
    the empty list of sessions (AppTest signs in without a cookie session)."""
    at = page(accounts_path, monkeypatch, "pages/accounts.py", lang)
    assert [t.label for t in at.text_input][:3] == labels
    role = at.selectbox(key="account_role")
    assert role.options == roles
    assert role.value == "viewer"
    assert nobody in [c.value for c in at.caption]
    accounts = at.dataframe[0].value.set_index("username")["role"]
    assert [accounts[name] for name in ("ada", "cora", "pat", "vic")] == roles


@pytest.mark.parametrize(
    ("lang", "sentence", "problem"),
    [
        (None, "The account “shorty” cannot be created.", "use at least 10 characters"),
        ("fr", f"Le compte «{NBSP}shorty{NBSP}» ne peut pas être créé.",
         "utilisez au moins 10 caractères"),
    ],
)  # fmt: skip
def test_a_refused_account_says_why_in_the_language_asked(
    accounts_path,  # noqa: F811
    monkeypatch,
    lang,
    sentence,
    problem,
) -> None:
    at = page(accounts_path, monkeypatch, "pages/accounts.py", lang)
    at.text_input(key="account_username").set_value("shorty")
    at.text_input(key="account_password").set_value("short")
    next(b for b in at.button if b.proto.form_id == "add_account").click().run()
    assert not at.exception
    assert shown(at.error[0]) == sentence
    advice = "que faire" if lang else "what to do"  # the problems table's heading, translated
    problems = next(d.value for d in at.dataframe if advice in d.value.columns)
    assert problems[advice].tolist() == [problem]


BAD_PLAN = b"PILLAR\nGOALS,OBJECTIVES,PROJECTS,WORKING GROUP,YEAR,STATUS\n,,,NCC,1,\n"


@pytest.mark.parametrize(
    ("lang", "sentence", "problem"),
    [
        (None,
         "The workplan bad.csv has 1 problem; nothing was saved. "
         "Fix these in your file and upload it again:",
         "this row has a working group, year or status but no project: write the project's name "
         "in the PROJECTS column of this row"),
        ("fr",
         f"Le plan de travail bad.csv contient 1 problème{NBSP}; rien n’a été enregistré. "
         f"Corrigez ces points dans votre fichier, puis téléversez-le de nouveau{NBSP}:",
         "cette ligne a un groupe de travail, une année ou un statut, mais aucun projet"
         f"{NBSP}: écrivez le nom du projet dans la colonne PROJETS de cette ligne"),
    ],
)  # fmt: skip
def test_a_workplan_import_error_in_the_language_asked(
    tmp_path, monkeypatch, lang, sentence, problem
) -> None:
    """A bad workplan: its sentence, the advice and the problem of line 3 in the page's language
    (the problem's column keeps the file's own header, PROJECTS)."""
    at = page(new_target(tmp_path, "import"), monkeypatch, "pages/import_plan.py", lang)
    at.file_uploader[0].set_value(("bad.csv", BAD_PLAN, "text/csv")).run()
    assert not at.exception
    assert shown(at.error[0]) == sentence
    problems = at.dataframe[0].value  # the table's headings in the page's language too
    line, column, advice = (
        ("ligne", "colonne", "que faire") if lang else ("line", "column", "what to do")
    )
    assert problems[line].tolist() == [3]
    assert problems[column].tolist() == ["PROJECTS"]
    assert problems[advice].tolist() == [problem]


def test_the_set_up_page_in_french(empty_path, monkeypatch, capsys) -> None:  # noqa: F811
    """Set up in French: its title, fields and a wrong code refused in French; then the right
    code makes the administrator, who reads the next steps by the French page names."""
    at = app(empty_path, monkeypatch, user=None, admin=False)
    at.query_params["lang"] = "fr"
    at.run()
    [code] = printed_codes(capsys)
    assert at.title[0].value == "Configurer lipmetrics"
    assert [t.label for t in at.text_input] == [
        "Code de configuration", "Nom d’utilisateur", "Nom affiché à l’écran",
        "Mot de passe (au moins 10 caractères)", "Le même mot de passe de nouveau",
    ]  # fmt: skip
    fields = {t.label: t for t in at.text_input}
    fields["Code de configuration"].set_value("ABCD-EFGH")
    button(at, "Créer l’administrateur").click().run()
    assert shown(at.error[0]) == (
        f"Le code de configuration «{NBSP}ABCD-EFGH{NBSP}» n’est pas le bon. Copiez-le là où le "
        "serveur a été lancé (son terminal ou son journal) et réessayez."
    )
    fields = dict(zip(["code", "user", "name", "password", "again"], at.text_input, strict=True))
    fields["code"].set_value(code)
    fields["user"].set_value("alice")
    fields["password"].set_value("a long passphrase")
    fields["again"].set_value("a long passphrase")
    button(at, "Créer l’administrateur").click().run()
    assert not at.exception
    assert at.success[0].value == (
        "Vous êtes maintenant l’administrateur de ce lipmetrics, et vous êtes connecté."
    )
    steps = "\n".join(m.value for m in at.markdown)
    for name in ("Organismes partenaires", "Catalogue des indicateurs", "Comptes"):
        assert f"**{name}**" in steps


@pytest.mark.parametrize(
    ("lang", "created", "imported"),
    [(None, "account created", "plan imported"), ("fr", "compte créé", "plan importé")],
)
def test_the_audit_logs_actions_are_named_in_the_language_asked(
    accounts_path,  # noqa: F811
    monkeypatch,
    lang,
    created,
    imported,
) -> None:
    """The table and the "What" filter name each action in the page's language; choosing one
    still filters by the action the log keeps in English."""
    at = page(accounts_path, monkeypatch, "pages/audit_log.py", lang)
    actions = at.dataframe[0].value["action"].tolist()
    assert actions.count(created) == 4 and actions.count(imported) == 1
    what = at.multiselect[1]
    assert created in what.options and imported in what.options
    what.set_value(["plan imported"]).run()
    assert at.dataframe[0].value["action"].tolist() == [imported]


@pytest.mark.parametrize(
    ("lang", "role", "counted"),
    [(None, "role ", " projects, "), ("fr", "rôle ", " projet(s), ")],
)
def test_the_audit_logs_details_are_in_the_language_asked(
    accounts_path,  # noqa: F811
    monkeypatch,
    lang,
    role,
    counted,
) -> None:
    """The details the app wrote are shown in the page's language (README "Languages")."""
    at = page(accounts_path, monkeypatch, "pages/audit_log.py", lang)
    table = at.dataframe[0].value
    created = table.loc[table["action"].isin(["account created", "compte créé"]), "detail"]
    assert len(created) == 4 and created.str.startswith(role).all()
    imported = table.loc[table["action"].isin(["plan imported", "plan importé"]), "detail"]
    assert counted in imported.iloc[0]
