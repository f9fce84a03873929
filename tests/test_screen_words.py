"""The words and numbers the daily screens take from lipmetrics, in English and in French
(README "Languages"): English exactly as before, French the fr-CA way."""

from __future__ import annotations

import pytest

from lipmetrics.accounts import User
from lipmetrics.errors import InvalidInputError, NotFoundError
from lipmetrics.i18n import language
from lipmetrics.measures import (
    add_breakdown,
    format_value,
    period_label,
    status_words,
    trend_words,
)
from lipmetrics.plan import StatusChange, format_rate, record_statuses, retract_status
from lipmetrics.store import Database

from .databases import new_target

NBSP = "\u00a0"
CORA = User("cora", "Cora", "coordinator")


@pytest.mark.parametrize(
    ("code", "english", "french"),
    [
        ("2020-Q4", "2020-Q4", "4e trimestre 2020"),
        ("2020-Q1", "2020-Q1", "1er trimestre 2020"),
        ("FY2024-25", "FY2024-25", "exercice 2024-25"),
        ("2024-09", "2024-09", "septembre 2024"),
        ("2024", "2024", "2024"),
        ("someday", "someday", "someday"),  # names no period: as written
    ],
)
def test_period_label(code, english, french) -> None:
    with language("en"):
        assert period_label(code) == english
    with language("fr"):
        assert period_label(code) == french


@pytest.mark.parametrize(
    ("value", "unit", "english", "french"),
    [
        (1234.0, "count", "1,234", f"1{NBSP}234"),
        (1234.5, "count", "1,234.5", f"1{NBSP}234,5"),
        (45.2, "percent", "45.2%", f"45,2{NBSP}%"),
        (1200.0, "currency", "$1,200", f"1{NBSP}200{NBSP}$"),
        (8.0, "rate", "8.0", "8,0"),
        (None, "count", "—", "—"),
    ],
)
def test_format_value(value, unit, english, french) -> None:
    with language("en"):
        assert format_value(value, unit) == english
    with language("fr"):
        assert format_value(value, unit) == french


@pytest.mark.parametrize(
    ("status", "english", "french"),
    [
        ("behind", "behind", "en retard"),
        ("no target set", "no target set", "aucune cible fixée"),
        ("no data for 2020-Q4", "no data for 2020-Q4", "aucune donnée pour 4e trimestre 2020"),
        # A reason Statistics Canada's legend does not give stays as written; the legend's own
        # are in the reader's language, the symbol kept.
        ("no data for 2020: suppressed (x)", "no data for 2020: suppressed (x)",
         f"aucune donnée pour 2020{NBSP}: suppressed (x)"),
        ("no data for 2020: too unreliable to be published (F)",
         "no data for 2020: too unreliable to be published (F)",
         f"aucune donnée pour 2020{NBSP}: trop peu fiable pour être publié (F)"),
        ("no data for 2020: not published", "no data for 2020: not published",
         f"aucune donnée pour 2020{NBSP}: non publiée"),
        ("no data for 2020: not published yet", "no data for 2020: not published yet",
         f"aucune donnée pour 2020{NBSP}: not published yet"),
    ],
)  # fmt: skip
def test_status_words(status, english, french) -> None:
    with language("en"):
        assert status_words(status) == english
    with language("fr"):
        assert status_words(status) == french


@pytest.mark.parametrize(
    ("moved", "run", "english", "french"),
    [
        ("up", 1, "improving for 1 period", "en amélioration depuis 1 période"),
        ("up", 3, "improving for 3 periods", "en amélioration depuis 3 périodes"),
        ("flat", 2, "unchanged for 2 periods", "inchangé depuis 2 périodes"),
        ("", 0, "not enough periods for a trend", "pas assez de périodes pour une tendance"),
    ],
)
def test_trend_words(moved, run, english, french) -> None:
    with language("en"):
        assert trend_words(moved, run, "higher") == english
    with language("fr"):
        assert trend_words(moved, run, "higher") == french


@pytest.mark.parametrize(
    ("rate", "english", "french"), [(2 / 3, "67%", f"67{NBSP}%"), (None, "—", "—")]
)
def test_format_rate(rate, english, french) -> None:
    with language("en"):
        assert format_rate(rate) == english
    with language("fr"):
        assert format_rate(rate) == french


@pytest.mark.parametrize(
    ("lang", "no_plan", "no_record"),
    [
        ("en", "There is no plan named “Nowhere”.", "There is no status record 99."),
        ("fr", f"Il n’y a aucun plan nommé «{NBSP}Nowhere{NBSP}».",
         "Il n’y a aucune inscription de statut 99."),
    ],
)  # fmt: skip
def test_status_review_refusals(tmp_path, lang, no_plan, no_record) -> None:
    """The status review's refusals come in the language of the session, the plan as written."""
    database = Database(new_target(tmp_path, "words"))
    try:
        with language(lang):
            with pytest.raises(NotFoundError) as refused:
                record_statuses(
                    database, CORA, "Nowhere", 1, [StatusChange(1, "complete", "other")]
                )
            assert str(refused.value) == no_plan
            with pytest.raises(NotFoundError) as refused:
                retract_status(database, CORA, 99, "typed twice")
            assert str(refused.value) == no_record
    finally:
        database.close()


@pytest.mark.parametrize(
    ("lang", "summary", "message"),
    [
        ("en", "The breakdown “Age group” cannot be added.",
         "write it as “age_group”: lower-case letters, digits and _"),
        ("fr", f"La ventilation «{NBSP}Age group{NBSP}» ne peut pas être ajoutée.",
         f"écrivez-le «{NBSP}age_group{NBSP}»{NBSP}: lettres minuscules, chiffres et _"),
    ],
)  # fmt: skip
def test_breakdowns_refusal(tmp_path, lang, summary, message) -> None:
    """The Breakdowns page's refusal and its problem, in the language of the session; the name
    as typed and the name to write stay as they are."""
    database = Database(new_target(tmp_path, "words"))
    try:
        with language(lang), pytest.raises(InvalidInputError) as refused:
            add_breakdown(database, CORA, "Age group", ["15-24"])
    finally:
        database.close()
    assert refused.value.summary == summary
    assert [p.message for p in refused.value.problems] == [message]
