"""One French word for one thing across the catalog (README "Languages", its French vocabulary):
a partner's submission of figures is « soumission » everywhere — the navigation, the partner's
pages and the administration pages — never « envoi » on one screen and « soumission » on another."""

from __future__ import annotations

import re

import pytest
from babel.messages.pofile import read_po

from lipmetrics.i18n import catalogs

SUBMISSION = re.compile(r"\bsubmissions?\b", re.IGNORECASE)  # the noun; "submit" is a verb


def french_of(english: re.Pattern) -> list[tuple[str, str]]:
    """Every (English, French) pair of the French catalog whose English matches ``english``."""
    with open(catalogs.po_path("fr"), "rb") as source:
        catalog = read_po(source, locale="fr")
    pairs = []
    for message in catalog:
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.id and any(english.search(i) for i in ids):
            pairs += [(ids[0], s) for s in strings]
    return pairs


def test_the_catalog_has_sentences_about_submissions() -> None:
    """The check below reads something: the navigation's title is among them."""
    assert ("Submissions", "Soumissions") in french_of(SUBMISSION)


@pytest.mark.parametrize(("english", "french"), french_of(SUBMISSION))
def test_a_submission_is_a_soumission(english, french) -> None:
    assert re.search(r"soumission", french, re.IGNORECASE), f"{english!r} → {french!r}"
