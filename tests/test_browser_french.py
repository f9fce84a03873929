"""The whole app in French in a real browser at 1024×768 (README "Languages"): the address with
``?lang=fr`` and ``<html lang="fr-CA">``, signing in, the overview with a fr-CA percentage, the
choice kept after a reload; a partner sending the French template back with decimal commas
(docs/file-formats.md "French files"); a meeting slide in French with its EN/FR switch.

The tests run in order on one private copy of the demo (the partner writes into it)."""

from __future__ import annotations

import csv
import io
import re

import pytest
from playwright.sync_api import Page, expect

from lipmetrics.accounts import get_user
from lipmetrics.i18n import _, language
from lipmetrics.plan import (
    default_plan_name,
    list_plans,
    load_plan,
    plan_year_shown,
    progress_of,
    year_summary,
)
from lipmetrics.store import Database
from lipmetrics.submissions import current_values
from ui.navigation import PAGES as NAV_PAGES

from .databases import copy_target
from .streamlit_server import go_to, nav_titles, streamlit_server, wait_for_app
from .test_browser import _FITS, _SLIDE_TEXTS, layout_problems

pytestmark = pytest.mark.browser
NB = "\u00a0"
COORDINATRICE = ("coordonnatrice", "demo-coordonnatrice")
PARTNER = ("wdb", "demo-wdb-partner", "WDB")
WIDTH, HEIGHT = 1024, 768
# What the partner writes in the French template, and the number it must be stored as.
VALUES = {"ES-PLACED": ("57,5", 57.5), "ES-EMPLOYERS": ("8,0", 8.0)}


@pytest.fixture(scope="module")
def demo(demo_db_file, tmp_path_factory):
    """A server on a private copy of the demo: its base URL and its database."""
    folder = tmp_path_factory.mktemp("browser-french")
    target = copy_target(demo_db_file, folder, "demo")
    with streamlit_server(target, folder / "streamlit.log") as url:
        yield url, target


def html_lang(page: Page) -> str | None:
    return page.locator("html").get_attribute("lang")


def open_in_french(page: Page, url: str) -> None:
    """A new session (no cookie) at ``/?lang=fr``, at 1024×768."""
    page.set_viewport_size({"width": WIDTH, "height": HEIGHT})
    page.context.clear_cookies()
    page.goto(f"{url}/?lang=fr")
    wait_for_app(page)


def sign_in_in_french(page: Page, username: str, password: str) -> None:
    """Sign in on the French sign-in page (tests/streamlit_server.py ``sign_in`` reads English)."""
    assert html_lang(page) == "fr-CA"
    expect(page.locator("h1").first).to_have_text("Connexion à lipmetrics")
    page.get_by_role("textbox", name="Nom d’utilisateur").fill(username)
    page.get_by_role("textbox", name="Mot de passe").fill(password)
    page.get_by_role("button", name="Se connecter", exact=True).click()
    expect(page.get_by_test_id("stPopover").filter(has_text=username)).to_be_visible()
    wait_for_app(page)


def shown_rate(target: str) -> str:
    """The overview's completion rate of the default plan's current year, computed from the
    database through the domain functions and written by hand the fr-CA way: a whole number, a
    no-break space, then %."""
    database = Database(target)
    try:
        name = default_plan_name(list_plans(database))
        year = plan_year_shown(load_plan(database, name))
        summary = year_summary(progress_of(database, name), year)
    finally:
        database.close()
    whole = int(summary["complete"] * 100 / summary["scheduled"] + 0.5)  # 3 of 26: 12
    return f"{whole}{NB}%"


def english_titles_seen(titles: set[str]) -> set[str]:
    """The pages of ``titles`` named in English where French names them otherwise."""
    with language("fr"):
        return {p.title for p in NAV_PAGES if _(p.title) != p.title and p.title in titles}


def test_coordinator_in_french_and_after_a_reload(page: Page, demo) -> None:
    """``/?lang=fr``: French sign-in; the French coordinator's overview in French with its
    completion rate written ``12 %``, French navigation, no English title; a reload without
    ``?lang=`` is still French."""
    url, target = demo
    open_in_french(page, url)
    sign_in_in_french(page, *COORDINATRICE)
    assert html_lang(page) == "fr-CA"
    # The plan's top level ("pillar" in the plan's data) in French words (README "Languages").
    heading = re.compile(r"^Où en est chaque pilier\s*\?")
    expect(page.locator("h1").first).to_have_text(heading)
    rate = page.get_by_test_id("stMetric").filter(has_text="Taux d’achèvement")
    expect(rate.get_by_test_id("stMetricValue")).to_have_text(shown_rate(target))
    expect(page.get_by_test_id("stMetric").filter(has_text="Projets du plan")).to_be_visible()
    titles = nav_titles(page)
    assert {"Aperçu", "Mode réunion", "Envoyer des chiffres"} <= titles
    assert english_titles_seen(titles) == set()
    assert "Overview" not in page.title()
    page.goto(url)  # no ?lang=: the cookie and the account keep French
    wait_for_app(page)
    assert html_lang(page) == "fr-CA"
    expect(page.get_by_test_id("stTopNav")).to_contain_text("Aperçu")
    expect(rate.get_by_test_id("stMetricValue")).to_have_text(shown_rate(target))
    expect(page.locator("nav.lm-language").get_by_role("link", name="English")).to_be_visible()


def filled(template: str, values: dict[str, str]) -> tuple[str, dict[tuple[str, str], str]]:
    """The French CSV template with only the lines of the metrics of ``values``, their ``valeur``
    filled with the value given; and the (metric, period) of each line filled, with its value."""
    rows = list(csv.reader(io.StringIO(template), delimiter=";"))
    header, lines = rows[0], [row for row in rows[1:] if row and row[0] in values]
    at = header.index("valeur")
    for line in lines:
        line[at] = values[line[0]]
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\n").writerows([header, *lines])
    return out.getvalue(), {(line[0], line[1]): line[at] for line in lines}


def test_partner_sends_the_french_template_with_decimal_commas(page: Page, demo) -> None:
    """A partner in French: the decimal-comma box ticked, the French template downloaded with its
    French headings, two lines filled with ``57,5`` and ``8,0``, the French preview, saved, and
    exactly 57.5 and 8.0 stored for those metrics and periods."""
    url, target = demo
    open_in_french(page, url)
    sign_in_in_french(page, *PARTNER[:2])
    go_to(page, "Envoyer des chiffres")
    assert html_lang(page) == "fr-CA"
    expect(page.locator("h1").first).to_have_text("Envoyer les chiffres de votre organisme")
    box = page.get_by_role("checkbox", name=re.compile("^Mes nombres ont la virgule"))
    expect(box).to_be_checked()
    # The template is made when clicked (ui/templates.py): on a busy machine that takes a while.
    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("button", name="Modèle (CSV)").click()
    template = download.value.path().read_bytes().decode("utf-8-sig")
    # named in French: the periods still due, or the quarter chosen ("T4", not "Q4")
    assert re.fullmatch(r"WDB-(attendus|\d{4}-T[1-4])\.csv", download.value.suggested_filename)
    header = template.splitlines()[0].split(";")
    assert header[:3] == ["indicateur", "période", "valeur"] and header[-1] == "remarques"
    # A share and a count, each with a decimal comma, near their usual values (no warning to
    # confirm): the template lists both for WDB, whatever the quarter.
    body, sent = filled(template, {metric: pair[0] for metric, pair in VALUES.items()})
    assert sorted(metric for metric, _period in sent) == sorted(VALUES)
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(
        files=[{"name": "wdb-fr.csv", "mimeType": "text/csv", "buffer": body.encode()}]
    )
    no_problem = f"Aucun problème trouvé{NB}: 2{NB}valeurs —"
    expect(page.get_by_text(no_problem, exact=False)).to_be_visible()
    wait_for_app(page)
    preview = page.get_by_test_id("stDataFrame").last
    expect(preview).to_be_visible()
    page.get_by_role("button", name="Enregistrer ces chiffres").click()
    expect(page.get_by_text("Enregistré comme soumission", exact=False)).to_be_visible()
    wait_for_app(page)
    database = Database(target)
    try:
        stored = current_values(database, get_user(database, PARTNER[0]), PARTNER[2])
    finally:
        database.close()
    saved = stored[stored["breakdown"].fillna("").eq("")]
    found = {
        (m, p): v
        for m, p, v in zip(saved["metric"], saved["period"], saved["value"], strict=True)
        if (m, p) in sent
    }
    assert found == {(metric, period): VALUES[metric][1] for metric, period in sent}


def test_a_meeting_slide_in_french(page: Page, demo) -> None:
    """Meeting mode in French at 1024×768: the slide's title in French, the EN/FR switch in sight,
    nothing cut off or overlapping, the slide fitting the screen."""
    url, _target = demo
    open_in_french(page, url)
    sign_in_in_french(page, *COORDINATRICE)
    go_to(page, "Mode réunion")
    expect(page.get_by_text("Diapositive 1 sur", exact=False)).to_be_visible()
    page.get_by_role("button", name="Suivante").click()
    expect(page.get_by_text("Diapositive 2 sur", exact=False)).to_be_visible()
    wait_for_app(page)
    assert html_lang(page) == "fr-CA"
    expect(page.locator("h1").first).to_have_text("Progrès d’ensemble")
    expect(page.get_by_role("button", name="Quitter la réunion")).to_be_visible()
    english = page.locator("nav.lm-language").get_by_role("link", name="English", exact=True)
    expect(english).to_be_in_viewport()
    box = english.bounding_box()
    assert box is not None and box["x"] + box["width"] <= WIDTH and box["y"] >= 0
    assert page.evaluate(_FITS), "the French slide scrolls at 1024×768"
    assert layout_problems(page.evaluate(_SLIDE_TEXTS)) == []
