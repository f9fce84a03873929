"""The STATUS parser: every STATUS string of the PIP 2016-2021 workplan, with its category and date."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from lipmetrics.plan import format_status_date, parse_status

# Every STATUS text of the PIP 2016-2021 workplan, exactly as written (typos included), with what a
# coordinator reads in it. None as category: no rule matches, so a person classifies it. The two
# texts about the future ("to Begin Sept 2016", "To be formed Sept 2016") name a planned date, not a
# status date: PLANNED below holds it.
SEED_STATUSES = [
    ("Began Jan 2016 Ongoing", "in_progress", date(2016, 1, 1), "month"),
    ("Began Sept 2016", "in_progress", date(2016, 9, 1), "month"),
    (
        "outreach into NCo Outreach Activitie to Begin Sept 2016",
        "not_started",
        date(2016, 9, 1),
        "month",
    ),
    (
        "July, Aug, 2016, next meeting in Nov 2016",
        "working_group_formed",
        date(2016, 7, 1),
        "month",
    ),
    ("Complete July 2016", "complete", date(2016, 7, 1), "month"),
    ("First Meeting October 2016", "working_group_formed", date(2016, 10, 1), "month"),
    ("Ongoing Complete", "complete", None, None),
    ("Ongoing", "in_progress", None, None),
    ("Complete", "complete", None, None),
    ("Refugee Resettlementt Task ForceAug 2017", None, date(2017, 8, 1), "month"),
    (
        "Multicultural Canada Day 2016—Complete Fiesta Peterborough 2016 Complete",
        "complete",
        date(2016, 1, 1),
        "year",
    ),
    (
        "2016–Our Canada: Exploring Canadian Values through Culture, Faith and Identity Complete "
        "2016 (Oct educational event in planning stages)",
        "complete",
        date(2016, 1, 1),
        "year",
    ),
    ("2016Complete April", "complete", date(2016, 4, 1), "month"),
    ("newsletter complete in Aug 2016", "complete", date(2016, 8, 1), "month"),
    (
        "Brainstorming Group to form in year 1, Marketing Campains to begin years 2-5",
        "not_started",
        None,
        None,
    ),
    ("Retugee Profiles in August 2016 in Examiner, PTW, CHEX", None, date(2016, 8, 1), "month"),
    ("See 2.1 Above", None, None, None),
    ("Sept 2016In Draft Form", "in_progress", date(2016, 9, 1), "month"),
    ("To be formed Sept 2016", "not_started", date(2016, 9, 1), "month"),
]


PLANNED = {
    "outreach into NCo Outreach Activitie to Begin Sept 2016": date(2016, 9, 1),
    "To be formed Sept 2016": date(2016, 9, 1),
}


@pytest.mark.parametrize(("text", "category", "when", "precision"), SEED_STATUSES)
def test_seed_status_texts(
    text: str, category: str | None, when: date | None, precision: str | None
) -> None:
    """Each STATUS text of the bundled workplan gets its category and the first date it names (a
    date about the future is its planned date instead); the words are kept."""
    parsed = parse_status(text)
    if text in PLANNED:
        assert (parsed.planned, parsed.planned_precision) == (when, precision)
        when = precision = None
    else:
        assert parsed.planned is None
    assert (parsed.category, parsed.date, parsed.precision) == (category, when, precision)
    assert parsed.text == text
    assert not parsed.blank


@pytest.mark.parametrize("text", ["", "   ", ",", None])
def test_blank_status(text: str | None) -> None:
    """An empty cell, or one holding only punctuation (the PIP workplan has a lone ","), is blank."""
    parsed = parse_status(text)
    assert parsed.blank
    assert parsed.category is None


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("On hold until funding is confirmed", "deferred"),
        ("Cancelled", "deferred"),
        ("Working group formed", "working_group_formed"),
        ("Not started", "not_started"),
        ("Not yet begun", "not_started"),
        ("To be completed in 2018", "not_started"),
        ("In progress", "in_progress"),
        ("Underway", "in_progress"),
        ("Completed", "complete"),
        ("Meeting with the mayor", None),
    ],
)
def test_other_wordings(text: str, category: str | None) -> None:
    """Wordings beyond the PIP workplan follow the same rules; future phrases never count as done."""
    assert parse_status(text).category == category


@pytest.mark.parametrize(
    ("text", "when", "precision"),
    [
        ("Complete 2018-03-15", date(2018, 3, 15), "day"),
        ("Complete 2018-03", date(2018, 3, 1), "month"),
        ("Complete Dec. 2019", date(2019, 12, 1), "month"),
        ("Complete 2019-13-01", date(2019, 1, 1), "year"),
    ],
)
def test_dates(text: str, when: date, precision: str) -> None:
    """ISO dates and abbreviated months are read; an impossible date falls back to its year."""
    parsed = parse_status(text)
    assert (parsed.date, parsed.precision) == (when, precision)


@pytest.mark.parametrize(
    ("when", "precision", "shown"),
    [
        (date(2016, 7, 1), "month", "Jul 2016"),
        (date(2016, 1, 1), "year", "2016"),
        (date(2016, 7, 15), "day", "2016-07-15"),
        (None, None, ""),
    ],
)
def test_format_status_date(when, precision, shown) -> None:
    """Dates are shown at the precision they were written with."""
    assert format_status_date(when, precision) == shown


@pytest.mark.parametrize("effective", [None, pd.NaT, float("nan")])
def test_a_status_date_with_neither_date_is_blank(effective) -> None:
    """No date of its own and no effective date (a missing cell read from a table): nothing, not
    "as of NaT"."""
    assert format_status_date(None, None, effective) == ""
    assert format_status_date(pd.NaT, "day", effective) == ""


# What each wording means, as a coordinator reads it (docs/definitions.md "Reading a status").
UNFINISHED = [
    ("not complete", "in_progress"),
    ("Not completed", "in_progress"),
    ("not yet finished", "in_progress"),
    ("Incomplete", "in_progress"),
    ("75% complete", "in_progress"),
    ("75 % completed", "in_progress"),
    ("partially complete", "in_progress"),
    ("Partly done", "in_progress"),
    ("almost done", "in_progress"),
    ("nearly complete", "in_progress"),
    ("not done", "in_progress"),
    ("100% complete", "complete"),
    ("Not complete, on hold", "deferred"),
    ("pas terminé", "in_progress"),
    ("pas encore terminé", "in_progress"),
    ("non complété", "in_progress"),
    ("Partiellement réalisé", "in_progress"),
    ("presque terminé", "in_progress"),
    ("inachevé", "in_progress"),
]

ENGLISH = [
    ("Event held May 2018", "complete"),
    ("Workshop was held", "complete"),
    ("Presented to council", "complete"),
    ("Report delivered", "complete"),
    ("Guide published 2019", "complete"),
    ("Application submitted", "complete"),
    ("Target achieved", "complete"),
    ("Launched website, complete", "complete"),
    ("Forum hosted by the city", "complete"),
    ("Took place in June", "complete"),
    ("Meetings held monthly", "working_group_formed"),
    ("Task force struck", "working_group_formed"),
    ("Launched in 2019", "in_progress"),
    ("Pilot", "in_progress"),
    ("Piloting with two schools", "in_progress"),
    ("Draft", "in_progress"),
    ("Draft report circulated", "in_progress"),
    ("Planning", "in_progress"),
    ("Delayed", "in_progress"),
    ("Behind schedule", "in_progress"),
    ("Under development", "in_progress"),
    ("Continuing", "in_progress"),
    ("Suspended", "deferred"),
    ("Discontinued", "deferred"),
    ("Postponed to 2021", "deferred"),
    ("Will be held in 2020", "not_started"),
    ("To be held", "not_started"),
    ("Planned for 2021", "not_started"),
    ("Has not started", "not_started"),
    ("Pending funding", "not_started"),
    ("Held up by funding", "in_progress"),
    ("Nothing done yet", "not_started"),
    ("Nothing has been done", "not_started"),
    ("Mayor's office contacted", None),
    ("See above", None),
]

FRENCH = [
    ("Terminé", "complete"),
    ("terminée en mars 2019", "complete"),
    ("Termine", "complete"),
    ("Complété", "complete"),
    ("achevé", "complete"),
    ("Réalisé", "complete"),
    ("Forum tenu en mai 2018", "complete"),
    ("Rapport présenté au conseil", "complete"),
    ("Guide publié", "complete"),
    ("En cours", "in_progress"),
    ("en cours depuis sept. 2016", "in_progress"),
    ("Débuté", "in_progress"),
    ("debute", "in_progress"),
    ("Amorcé", "in_progress"),
    ("Projet pilote", "in_progress"),
    ("En retard", "in_progress"),
    ("Pas encore commencé", "not_started"),
    ("pas encore commence", "not_started"),
    ("Non commencé", "not_started"),
    ("À venir", "not_started"),
    ("a venir", "not_started"),
    ("Prévu pour 2021", "not_started"),
    ("Groupe à former", "not_started"),
    ("Reporté", "deferred"),
    ("reporte a 2021", "deferred"),
    ("En suspens", "deferred"),
    ("Annulé", "deferred"),
    ("Groupe de travail formé", "working_group_formed"),
    ("groupe de travail forme", "working_group_formed"),
    ("Comité constitué", "working_group_formed"),
    ("Première réunion en octobre 2016", "working_group_formed"),
    ("Réunions tenues", "working_group_formed"),
    ("Led by a former mayor", None),
]


@pytest.mark.parametrize(("text", "category"), UNFINISHED)
def test_unfinished_work_is_never_complete(text: str, category: str) -> None:
    """Negations and partial completion are in progress (or what else they say), never complete."""
    assert parse_status(text).category == category


@pytest.mark.parametrize(("text", "category"), ENGLISH)
def test_english_wordings(text: str, category: str | None) -> None:
    """Events and deliverables that happened are complete; progress words are in progress."""
    assert parse_status(text).category == category


@pytest.mark.parametrize(("text", "category"), FRENCH)
def test_french_wordings(text: str, category: str | None) -> None:
    """French as LIPs write it, with or without accents."""
    assert parse_status(text).category == category


@pytest.mark.parametrize(
    ("text", "when", "precision"),
    [
        ("terminé en mars 2019", date(2019, 3, 1), "month"),
        ("Terminé en sept. 2016", date(2016, 9, 1), "month"),
        ("Complété janvier 2018", date(2018, 1, 1), "month"),
        ("achevé en février 2020", date(2020, 2, 1), "month"),
        ("achevé en fevrier 2020", date(2020, 2, 1), "month"),
        ("Tenu le 12 août 2017", date(2017, 8, 1), "month"),
        ("réalisé déc. 2019", date(2019, 12, 1), "month"),
        ("En cours depuis juillet 2018", date(2018, 7, 1), "month"),
        ("Terminé mai 2019", date(2019, 5, 1), "month"),
        ("Terminé juin 2019", date(2019, 6, 1), "month"),
        ("Terminé avril 2019", date(2019, 4, 1), "month"),
        ("Terminé 2019", date(2019, 1, 1), "year"),
    ],
)
def test_french_month_names(text: str, when: date, precision: str) -> None:
    """French month names, full or abbreviated, accents optional."""
    parsed = parse_status(text)
    assert (parsed.date, parsed.precision) == (when, precision)


@pytest.mark.parametrize(
    ("text", "when", "planned"),
    [
        ("to begin 2020", None, date(2020, 1, 1)),
        ("Prévu pour 2021", None, date(2021, 1, 1)),
        ("prevu pour mars 2021", None, date(2021, 3, 1)),
        ("Planned for March, 2021", None, date(2021, 3, 1)),
        ("Will be held in June 2020", None, date(2020, 6, 1)),
        ("Began 2018, to be completed in 2020", date(2018, 1, 1), date(2020, 1, 1)),
        ("Complete 2019; next phase to begin 2021", date(2019, 1, 1), date(2021, 1, 1)),
        ("To begin Sept. 2016 in two schools", None, date(2016, 9, 1)),
        ("Complete July 2016", date(2016, 7, 1), None),
    ],
)
def test_dates_about_the_future_are_planned(text: str, when, planned) -> None:
    """A date after a phrase about the future, in the same clause, is a planned date: kept, but
    never the status date."""
    parsed = parse_status(text)
    assert (parsed.date, parsed.planned) == (when, planned)


@pytest.mark.parametrize(
    ("text", "when"),
    [("Met the mayor, complete 2019", date(2019, 1, 1)), ("Complete, see the mayor", None)],
)
def test_words_inside_words_are_not_months(text: str, when) -> None:
    """ "mayor" is not May."""
    assert parse_status(text).date == when


def test_odd_case_folding_letters_do_not_shift_dates() -> None:
    """A letter whose lower case is longer (İ) keeps every later position where it was."""
    parsed = parse_status("İstanbul forum held March 2019")
    assert (parsed.category, parsed.date) == ("complete", date(2019, 3, 1))


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Awaiting the region's decision", "not_started"),
        ("AWAITING THE REGION'S  decision", "not_started"),
        ("Still awaiting the regions decision", None),
        ("Handed to the city", "complete"),
        ("Handed to the city, awaiting the region's decision", "complete"),
        ("Transféré à la ville", "complete"),
        ("Complete", "complete"),
        ("Not complete", "in_progress"),
    ],
)
def test_the_lips_own_vocabulary_comes_first(text: str, category: str | None) -> None:
    """Phrases a LIP taught are found as whole words, case and accents aside; of several, the one
    furthest along wins; the built-in rules read every other text."""
    from lipmetrics.plan.status import fold_phrase

    taught = {
        fold_phrase("awaiting the region's decision"): "not_started",
        fold_phrase("handed to the city"): "complete",
        fold_phrase("transfere a la ville"): "complete",
    }
    assert parse_status(text, taught).category == category
