"""A file uploader with what it accepts written in the session's language (README "Languages").

Streamlit 1.67 writes its uploader's own texts in English and has no parameter, option or locale to
change them: the button's "Upload", the "50MB per file • CSV, XLSX" under it, the "Drag and drop a
file here" shown while a file is dragged over it. The sentence under the box says what it accepts
instead (``ui/style.py`` hides Streamlit's); the button keeps its English word."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile

from lipmetrics.i18n import _, format_number


def accepted_files(types: Sequence[str], megabytes: float) -> str:
    """What an uploader of ``types`` (extensions) takes, as one sentence:
    ``Accepted: CSV, XLSX files of at most 50 MB.``"""
    return _("Accepted: {types} files of at most {size} MB.").format(
        types=", ".join(t.upper() for t in types), size=format_number(megabytes)
    )


def file_field(label: str, types: Sequence[str], key: str | None = None) -> UploadedFile | None:
    """``st.file_uploader`` for one file of ``types``, then the sentence saying what it takes and
    the size limit (``server.maxUploadSize``, .streamlit/config.toml)."""
    uploaded = st.file_uploader(label, type=list(types), key=key)
    st.caption(accepted_files(types, st.get_option("server.maxUploadSize")))
    return uploaded
