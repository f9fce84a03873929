"""How a file was read, in words of the session's language (README "Languages"):
:meth:`~lipmetrics.files.tabular.Table.describe` stays English, since it is stored with a
submission; an import preview shows :func:`read_as_shown` instead."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lipmetrics.i18n import N_, _

if TYPE_CHECKING:
    from lipmetrics.files.tabular import Table

READ_AS = {  # how a CSV file was read, one whole sentence per separator, to be translated
    ",": N_("CSV, {encoding}, comma-separated"),
    ";": N_("CSV, {encoding}, semicolon-separated"),
    "\t": N_("CSV, {encoding}, tab-separated"),
}
ENCODINGS = {"UTF-8 with BOM": N_("UTF-8 with BOM")}  # the other encodings' names are names


def read_as_shown(table: Table) -> str:
    """How ``table`` was read, in the current language: "CSV, UTF-8 with BOM, semicolon-separated"
    / « CSV, UTF-8 avec BOM, séparé par des points-virgules »."""
    if table.kind == "xlsx":
        return _("Excel workbook, sheet “{sheet}”").format(sheet=table.sheet)
    encoding = str(table.encoding)
    encoding = _(ENCODINGS[encoding]) if encoding in ENCODINGS else encoding
    return _(READ_AS.get(table.delimiter or ",", READ_AS[","])).format(encoding=encoding)
