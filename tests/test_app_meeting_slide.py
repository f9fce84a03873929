"""Meeting mode keeps its slide across the EN/FR switch (README "Languages"): the switch's address
carries the slide number past the first (``?lang=fr&slide=3``), and a meeting opened with
``?slide=`` starts at that slide, within the deck. The small plan's deck has 7 slides."""

from __future__ import annotations

import pytest

from .test_app import app, fresh_caches, navigation_owns_pages, small_path  # noqa: F401
from .test_reports_french import coordinator


def switch_address(at) -> str:
    """The address of the EN/FR switch's link, as written in the page (``&`` escaped)."""
    (switch,) = [h.proto.body for h in at.get("html") if "lm-language" in h.proto.body]
    return switch.split('href="', 1)[1].split('"', 1)[0]


@pytest.mark.parametrize(
    ("asked", "shown"),
    [("3", "Diapositive 3 sur 7"), ("7", "Diapositive 7 sur 7"), ("99", "Diapositive 7 sur 7"),
     ("0", "Diapositive 1 sur 7"), ("x", "Diapositive 1 sur 7"), ("-2", "Diapositive 1 sur 7")],
)  # fmt: skip
def test_the_address_opens_the_meeting_at_its_slide(small_path, monkeypatch, asked, shown) -> None:  # noqa: F811
    at = app(small_path, monkeypatch, user=coordinator()).run()
    at.query_params["lang"] = "fr"
    at.query_params["slide"] = asked
    at.switch_page("pages/meeting.py").run()
    assert not at.exception
    assert shown in [m.value for m in at.markdown]
    assert "slide" not in at.query_params  # read once: the address drops it


def test_the_switch_carries_the_slide(small_path, monkeypatch) -> None:  # noqa: F811
    """On the first slide the switch is the plain ?lang=fr; on the next one it carries slide=2."""
    at = app(small_path, monkeypatch, user=coordinator()).run()
    at.switch_page("pages/meeting.py").run()
    assert switch_address(at) == "?lang=fr"
    next(b for b in at.button if b.label == "Next").click().run()
    assert "Slide 2 of 7" in [m.value for m in at.markdown]
    assert switch_address(at) == "?lang=fr&amp;slide=2"
