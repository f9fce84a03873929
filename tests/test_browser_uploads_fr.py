"""A file uploader in French in a real browser at 1024×768 (README "Languages"): Streamlit 1.67
writes its uploader's texts in English with no way to set them, so the app hides its
"50MB per file • CSV" and says what the box takes in a sentence under it, in the session's
language. The button keeps Streamlit's English "Upload" (its name for screen readers too)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from .databases import copy_target
from .streamlit_server import go_to, sign_in, streamlit_server, wait_for_app
from .test_browser import _AXE_RUN, AXE
from .test_browser_french import HEIGHT, PARTNER, WIDTH, open_in_french, sign_in_in_french

pytestmark = pytest.mark.browser
NB = "\u00a0"
# The Send figures page's uploader (CSV, XLSX or TXT; server.maxUploadSize is 50), by language:
# the page's name in the bar and the sentence under the box.
SEEN = {
    "fr": (
        "Envoyer des chiffres",
        f"Fichiers CSV, XLSX, TXT d’au plus 50{NB}Mo, à choisir avec le bouton «{NB}Upload{NB}» "
        "(téléverser) ou à déposer dans la case.",
    ),
    "en": ("Send figures", "Accepted: CSV, XLSX, TXT files of at most 50 MB."),
}

# The button's box and whether its text overflows it; the dropzone's box; the sentence's box.
_BOXES = """() => {
    const box = e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
    const zone = document.querySelector("[data-testid='stFileUploaderDropzone']");
    const button = zone.querySelector("[data-testid='stBaseButton-secondary']");
    const caption = zone.closest("[data-testid='stElementContainer']").nextElementSibling;
    return {zone: box(zone), button: box(button), overflows: button.scrollWidth > button.clientWidth,
            caption: box(caption)};
}"""


@pytest.fixture(scope="module")
def demo(demo_db_file, tmp_path_factory):
    folder = tmp_path_factory.mktemp("browser-uploads")
    target = copy_target(demo_db_file, folder, "demo")
    with streamlit_server(target, folder / "streamlit.log") as url:
        yield url


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_uploader_says_what_it_takes_in_the_session_language(page: Page, demo, lang) -> None:
    """The partner's Send figures page: Streamlit's English instructions hidden, the sentence
    under the box in the session's language; the button and the sentence inside the screen, in
    their places, nothing overflowing; axe-core finds no serious or critical violation."""
    if lang == "fr":
        open_in_french(page, demo)
        sign_in_in_french(page, PARTNER[0], PARTNER[1])
    else:
        page.set_viewport_size({"width": WIDTH, "height": HEIGHT})
        page.context.clear_cookies()
        page.goto(f"{demo}/?lang=en")
        wait_for_app(page)
        sign_in(page, PARTNER[0], PARTNER[1])
    title, sentence = SEEN[lang]
    go_to(page, title)
    zone = page.get_by_test_id("stFileUploaderDropzone")
    expect(zone.get_by_role("button", name="Upload", exact=True)).to_be_visible()
    expect(page.get_by_test_id("stFileUploaderDropzoneInstructions")).to_be_hidden()
    expect(page.get_by_text(sentence, exact=True)).to_be_visible()
    boxes = page.evaluate(_BOXES)
    z_left, z_top, z_right, z_bottom = boxes["zone"]
    b_left, b_top, b_right, b_bottom = boxes["button"]
    assert z_left <= b_left and b_right <= z_right and z_top <= b_top and b_bottom <= z_bottom
    assert not boxes["overflows"]
    assert boxes["caption"][1] >= z_bottom  # the sentence under the box
    assert boxes["caption"][2] <= WIDTH
    page.add_script_tag(path=str(AXE))
    assert page.evaluate(_AXE_RUN) == []
