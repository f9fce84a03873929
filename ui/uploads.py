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
from ui.keys import SAVED_FILE_KEY, UPLOAD_ROUND_KEY


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


def upload_round() -> int:
    """The number of the upload fields of Send figures and Import a workplan: it moves on after
    each save, so that the field after a save is a new, empty one (the saved file is not offered
    for saving again)."""
    return st.session_state.get(UPLOAD_ROUND_KEY, 0)


def after_saving(already_received: bool, summary: str, link: tuple[str, str] | None = None) -> None:
    """Keep what the save did for the next run, empty the upload field and rerun: the sentence is
    then at the top of the page, where the person looks, rather than under the preview of a
    file already saved (the trial saw it below the fold at 1024×768). ``link``: the page to go
    on to and its label (default: the partner's submissions)."""
    page, label = link or ("pages/submissions.py", _("See your submissions"))
    st.session_state[SAVED_FILE_KEY] = (already_received, summary, page, label)
    st.session_state[UPLOAD_ROUND_KEY] = upload_round() + 1
    st.rerun()


def saved_notice() -> bool:
    """Show the last save's sentence, once, with the way on; whether there was one."""
    saved = st.session_state.pop(SAVED_FILE_KEY, None)
    if saved is None:
        return False
    already_received, summary, page, label = saved
    (st.info if already_received else st.success)(summary)
    st.page_link(page, label=label)
    return True
