"""The last sentences of the app said in French (README "Languages"): withdrawing and restoring a
submission, Statistics Canada tables, the breakdown preview, plan edits, how a file was read, and
the command line's language. Each in English (unchanged) and French."""

from __future__ import annotations

import pytest

from lipmetrics.accounts import User
from lipmetrics.demo import load_demo_accounts
from lipmetrics.errors import LipmetricsError
from lipmetrics.i18n import language
from lipmetrics.submissions import restore, state_word, submission_values, withdraw

from .conftest import DATA
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
    with language("en"):
        assert state_word(state) == english
    with language("fr"):
        assert state_word(state) == french
