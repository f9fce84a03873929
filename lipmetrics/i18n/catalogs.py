"""The message catalogs: extracted from the code, updated, compiled and checked with Babel.

``lipmetrics/locale/lipmetrics.pot`` is the template (every sentence of the code, in English);
``lipmetrics/locale/<lang>/LC_MESSAGES/lipmetrics.po`` the translations, kept in git; the ``.mo``
files beside them are compiled by ``make catalogs`` and never committed. ``make messages`` extracts
and updates after a change to the code's sentences; a translator then fills the new ``msgstr``.
:func:`catalog_problems` is what the test of the catalogs (and ``make check-messages``) asks: a
sentence of the code missing from a catalog, one without its French, a fuzzy one, or a French one
whose ``{placeholders}`` differ from the English one's (README "Languages").

Run as ``python -m lipmetrics.i18n extract|update|compile|check`` (``make messages``, ``make catalogs``).
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

DOMAIN = "lipmetrics"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
ROOT = LOCALE_DIR.parent.parent  # the checkout: lipmetrics/, ui/, web/, pages/, app.py, serve.py
SOURCES = ("lipmetrics", "ui", "web", "pages", "app.py", "serve.py")
TRANSLATED = ("fr",)  # English is the source language
# What marks a sentence for the catalogs (lipmetrics.i18n.language): the function and which
# arguments are the message (``c``: the context).
KEYWORDS = {
    "_": None,
    "gettext": None,
    "N_": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
}
PLACEHOLDER = re.compile(r"(?<!\{)\{([A-Za-z_][A-Za-z0-9_]*)?(?:[!:][^{}]*)?\}(?!\})")


def template_path() -> Path:
    return LOCALE_DIR / f"{DOMAIN}.pot"


def po_path(code: str) -> Path:
    return LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(code: str) -> Path:
    return po_path(code).with_suffix(".mo")


def extracted() -> Catalog:
    """Every sentence the code marks, read from the sources now (file names as locations)."""
    from babel.messages.extract import extract_from_dir, extract_from_file

    catalog = Catalog(project=DOMAIN, charset="utf-8")
    for source in SOURCES:
        path = ROOT / source
        if path.is_dir():
            found = (
                (filename, lineno, message, comments, context)
                for filename, lineno, message, comments, context in extract_from_dir(
                    path, method_map=[("**.py", "python")], keywords=KEYWORDS
                )
            )
            prefix = f"{source}/"
        else:
            found = (
                ("", lineno, message, comments, context)
                for lineno, message, comments, context in extract_from_file(
                    "python", path, keywords=KEYWORDS
                )
            )
            prefix = source
        for filename, _lineno, message, comments, context in found:
            catalog.add(message, locations=[(prefix + filename, None)], context=context,
                        auto_comments=comments)  # fmt: skip
    return catalog


def _write(catalog: Catalog, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as out:
        write_po(out, catalog, width=100, sort_output=True, include_lineno=False)


def _read(path: Path, code: str | None = None) -> Catalog:
    with open(path, "rb") as source:
        return read_po(source, locale=code, domain=DOMAIN)


def extract() -> None:
    """Write the template from the code's sentences (``make messages`` does this, then update)."""
    _write(extracted(), template_path())


def update() -> None:
    """Bring every translated catalog to the template: new sentences empty, gone ones obsolete."""
    template = _read(template_path())
    for code in TRANSLATED:
        path = po_path(code)
        catalog = _read(path, code) if path.exists() else Catalog(locale=code, domain=DOMAIN)
        catalog.update(template, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        _write(catalog, path)


def compiled_catalog(code: str) -> bytes:
    """The compiled messages of ``code``: its ``.mo`` when it is newer than its ``.po``, else the
    ``.po`` compiled now (a catalog edited since ``make catalogs`` is never served stale)."""
    po, mo = po_path(code), mo_path(code)
    if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
        return mo.read_bytes()
    out = io.BytesIO()
    write_mo(out, _read(po, code), use_fuzzy=False)
    return out.getvalue()


def compile_catalogs() -> None:
    """Write each translated catalog's ``.mo`` (``make catalogs``)."""
    for code in TRANSLATED:
        with open(mo_path(code), "wb") as out:
            write_mo(out, _read(po_path(code), code), use_fuzzy=False)


def placeholders(text: str) -> list[str]:
    """The ``{name}`` placeholders of a sentence, sorted (``{{`` and ``}}`` are literal braces)."""
    return sorted(m.group(1) or "" for m in PLACEHOLDER.finditer(text))


def catalog_problems(code: str, template: Catalog | None = None) -> list[str]:
    """What is wrong with catalog ``code`` against the code's sentences, one sentence each."""
    template = template if template is not None else extracted()
    path = po_path(code)
    if not path.exists():
        return [f"{path} is missing: run make messages, then translate it"]
    catalog = _read(path, code)
    problems = []
    for message in template:
        if not message.id:
            continue
        where = ", ".join(sorted({file for file, _ in message.locations}))
        known = catalog.get(message.id, context=message.context)
        if known is None:
            problems.append(f"{message.id!r} ({where}) is not in {path.name}: run make messages")
            continue
        english = message.id if isinstance(message.id, tuple) else (message.id,)
        french = known.string if isinstance(known.string, tuple) else (known.string,)
        if known.fuzzy or not all(french):
            problems.append(f"{message.id!r} ({where}) has no {code} translation yet")
        elif placeholders(english[0]) != placeholders(french[0]) or any(
            placeholders(english[-1]) != placeholders(form) for form in french[1:]
        ):
            problems.append(
                f"{message.id!r} ({where}): the {code} translation's placeholders "
                f"{placeholders(french[0])} differ from {placeholders(english[0])}"
            )
    ids = {(m.id, m.context) for m in template if m.id}
    for message in catalog:
        if message.id and (message.id, message.context) not in ids:
            problems.append(
                f"{message.id!r} is in {path.name} but no longer in the code: run make messages"
            )
    return problems


def main(argv: list[str]) -> int:
    actions = {"extract": extract, "update": update, "compile": compile_catalogs}
    if argv == ["check"]:
        template = extracted()
        problems = [p for code in TRANSLATED for p in catalog_problems(code, template)]
        print(
            "\n".join(problems)
            or f"The catalogs are complete: {sum(1 for m in template if m.id)} sentences."
        )
        return 1 if problems else 0
    if len(argv) != 1 or argv[0] not in actions:
        print("usage: python -m lipmetrics.i18n extract|update|compile|check")
        return 2
    actions[argv[0]]()
    return 0
