"""No choice box shows Streamlit's English "Choose an option" in French (README "Languages").

A selectbox with nothing chosen and a multiselect show their ``placeholder``; without one, Streamlit
writes its own English default ("Choose an option", "Choose options"). Two checks: every page
opened in French on the demo, as the roles that use it, and, for the boxes a page shows only after
a choice (a partner to edit, a session to end), the source of ``pages/`` and ``ui/``."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from ui.navigation import PAGES

from .databases import copy_target
from .test_app import ADMIN, app, fresh_caches, navigation_owns_pages  # noqa: F401  (fixtures)

ROOT = Path(__file__).resolve().parent.parent
PARTNER = {"username": "wdb", "display_name": "WDB", "role": "partner", "partner_code": "WDB"}
SIGNED_OUT = {"pages/sign_in.py", "pages/first_run.py"}


def empty_boxes_without_placeholder(at) -> list[str]:
    """The labels of the page's boxes that would show Streamlit's English placeholder: a selectbox
    with options and nothing chosen, or a multiselect, whose placeholder is not set."""
    boxes = [b for b in at.selectbox if b.options and b.value is None] + list(at.multiselect)
    return [b.label for b in boxes if not b.proto.placeholder.strip()]


@pytest.fixture(scope="module")
def demo_copy(demo_db_file, tmp_path_factory) -> str:
    """One copy of the demo for the module: opening a page remembers the session's language."""
    return copy_target(demo_db_file, tmp_path_factory.mktemp("placeholders"), "demo")


# Every page a signed-in person opens, with a role that uses it (the partner's own for theirs).
OPENED = [
    (page.path, PARTNER if "admin" not in page.roles else ADMIN)
    for page in PAGES
    if page.path not in SIGNED_OUT
]


@pytest.mark.parametrize(("path", "user"), OPENED, ids=[p for p, _ in OPENED])
def test_every_page_in_french_has_its_own_placeholders(demo_copy, monkeypatch, path, user) -> None:
    """The page opened in French: each empty box has a placeholder, and none is Streamlit's
    English default."""
    at = app(demo_copy, monkeypatch, user=dict(user))
    at.query_params["lang"] = "fr"
    at.run()
    at.switch_page(path).run()
    assert not at.exception
    assert empty_boxes_without_placeholder(at) == []
    shown = {b.proto.placeholder for b in [*at.selectbox, *at.multiselect]}
    assert not shown & {"Choose an option", "Choose options"}


WIDGETS = {"selectbox", "multiselect"}


def calls_without_placeholder(source: str) -> list[int]:
    """The lines of the ``selectbox`` calls that may start empty (an ``index`` that may be
    ``None``) and of the ``multiselect`` calls, that pass no ``placeholder=``."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        if node.func.attr not in WIDGETS:
            continue
        named = {k.arg: k.value for k in node.keywords}
        nones = [
            n for n in ast.walk(named.get("index", ast.Constant(0)))
            if isinstance(n, ast.Constant) and n.value is None
        ]  # fmt: skip
        may_be_empty = node.func.attr == "multiselect" or bool(nones)
        if may_be_empty and "placeholder" not in named:
            lines.append(node.lineno)
    return lines


SOURCES = sorted([*ROOT.glob("pages/*.py"), *ROOT.glob("ui/*.py")])


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_box_that_may_be_empty_has_a_placeholder(path) -> None:
    assert calls_without_placeholder(path.read_text()) == []


@pytest.mark.parametrize(
    ("source", "lines"),
    [
        ('st.selectbox("A", xs, index=None)', [1]),
        ('st.selectbox("A", xs, index=None, placeholder=_("Choose an A"))', []),
        ('st.selectbox("A", xs, index=0 if xs else None)', [1]),
        ('st.selectbox("A", xs, index=2)', []),
        ('st.selectbox("A", xs, index=len(xs) - 1)', []),
        ('st.selectbox("A", xs)', []),
        ('left.multiselect("A", xs)', [1]),
        ('left.multiselect("A", xs, placeholder=_("Any A"))', []),
    ],
)
def test_the_source_check_finds_a_box_without_placeholder(source, lines) -> None:
    assert calls_without_placeholder(source) == lines
