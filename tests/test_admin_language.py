"""The sentences of accounts, partners and a workplan's import in the language of the session or
command (README "Languages"): French with ``language("fr")``, English otherwise; what the
database keeps (audit log details, roles) stays English."""

from __future__ import annotations

import pandas as pd
import pytest

from lipmetrics.accounts import OPERATOR, User, action_label, require
from lipmetrics.errors import InvalidInputError, PermissionDeniedError, UnusableInputError
from lipmetrics.i18n import language
from lipmetrics.measures import parse_partners, preview_partners, save_partners
from lipmetrics.plan import parse_workplan
from lipmetrics.store import queries

NBSP = "\u00a0"
VIEWER = User("vic", "Vic", "viewer")
PARTNER = User("pat", "Pat", "partner", "NCC")


@pytest.mark.parametrize(
    ("lang", "user", "action", "partner", "sentence"),
    [
        ("en", VIEWER, "import_plan", None,
         "The account “vic” (Viewer) may not import or change a plan. Ask an administrator if you "
         "need to."),
        ("fr", VIEWER, "import_plan", None,
         f"Le compte «{NBSP}vic{NBSP}» (Lecteur) ne peut pas importer ni modifier un plan. "
         "Adressez-vous à un administrateur au besoin."),
        ("fr", PARTNER, "manage_accounts", None,
         f"Le compte «{NBSP}pat{NBSP}» (Organisme partenaire) ne peut pas gérer les comptes. "
         "Adressez-vous à un administrateur au besoin."),
        ("en", PARTNER, "submit_metrics", "WDB",
         "The account “pat” belongs to NCC and may only submit metric values for that "
         "organisation, not for WDB."),
        ("fr", PARTNER, "submit_metrics", "WDB",
         f"Le compte «{NBSP}pat{NBSP}» appartient à NCC et ne peut soumettre de valeurs "
         "d’indicateurs que pour cet organisme, et non pour WDB."),
    ],
)  # fmt: skip
def test_a_refusal_is_one_sentence_in_the_language(lang, user, action, partner, sentence) -> None:
    with language(lang), pytest.raises(PermissionDeniedError) as caught:
        require(user, action, partner)
    assert str(caught.value) == sentence


BAD_PLAN = (
    b"PILLAR\nGOALS,OBJECTIVES,PROJECTS,WORKING GROUP,YEAR,STATUS,RECURRING\n"
    b"Goal,Objective,Project,NCC,1,,maybe\n"
)


@pytest.mark.parametrize(
    ("lang", "summary", "lines"),
    [
        ("en", "The workplan bad.csv has 1 problem; nothing was saved.",
         ['line 3, column recurring: "maybe" — write yes for a recurring project, or leave it '
          "blank"]),
        ("fr",
         f"Le plan de travail bad.csv contient 1 problème{NBSP}; rien n’a été enregistré.",
         [f"ligne 3, colonne recurring{NBSP}: «{NBSP}maybe{NBSP}» — écrivez yes pour un projet "
          "récurrent, ou laissez la cellule vide"]),
    ],
)  # fmt: skip
def test_a_workplans_problems_in_the_language(lang, summary, lines) -> None:
    with language(lang):
        with pytest.raises(InvalidInputError) as caught:
            parse_workplan(BAD_PLAN, "bad.csv", 2020, 3)
        shown = [str(p) for p in caught.value.problems]  # a problem's line: when it is shown
    assert caught.value.summary == summary
    assert shown == lines


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("en", "The start year 20 is not a calendar year such as 2016."),
        ("fr", "L’année de début 20 n’est pas une année civile comme 2016."),
    ],
)
def test_an_unusable_workplan_in_the_language(lang, sentence) -> None:
    with language(lang), pytest.raises(UnusableInputError, match=f"^{sentence}$"):
        parse_workplan(BAD_PLAN, "bad.csv", 20, 3)


FIRST = b"code,name,kind\nWDB,Workforce Board,\n"
SECOND = b"code,name,kind\nWDB,Workforce Development Board,\nCFDC,Community Futures,\n"


def test_a_partners_preview_is_french_and_the_audit_log_stays_english(db) -> None:
    save_partners(db, OPERATOR, parse_partners(FIRST, "first.csv"))
    frame = parse_partners(SECOND, "second.csv")
    with language("fr"):
        changes = preview_partners(db, OPERATOR, frame)["change"].tolist()
        save_partners(db, OPERATOR, frame)
    assert changes == [
        f"nom «{NBSP}Workforce Board{NBSP}» devient «{NBSP}Workforce Development Board{NBSP}»",
        "nouveau",
    ]
    assert preview_partners(db, OPERATOR, frame)["change"].tolist() == ["unchanged", "unchanged"]
    with db.cursor() as cur:
        log = queries.audit_log(cur)
    changed = log.loc[log["action"] == "partner changed", "detail"].tolist()
    assert changed == ["name “Workforce Board” becomes “Workforce Development Board”"]
    assert not pd.isna(log["detail"]).all()


@pytest.mark.parametrize(
    ("lang", "action", "shown"),
    [
        ("en", "account created", "account created"),
        ("fr", "account created", "compte créé"),
        ("fr", "objective moved", "objectif déplacé"),
        ("fr", "something new", "something new"),  # an action the list does not name: as written
    ],
)
def test_an_audit_action_is_named_in_the_language(lang, action, shown) -> None:
    with language(lang):
        assert action_label(action) == shown
