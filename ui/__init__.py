"""The app side of lipmetrics: what pages import, never what ``lipmetrics`` imports.

- ``ui.keys``: session-state keys and page paths;
- ``ui.data``: the one database, held for each run, and bounded caches of lipmetrics reads;
- ``ui.session``: the signed-in user, the navigation guard, the documents prepared in a session;
- ``ui.language``: the language of a run (address, account, cookie, browser) and the EN/FR switch;
- ``ui.forms``: the sign-in and sign-out HTML forms that post to the routes of ``web.routes``;
- ``ui.markdown``: user text shown as text where Streamlit reads markdown;
- ``ui.errors``: one way to show an error (its sentence, then its problems as a table);
- ``ui.widgets``: the page header (plan selector, account), plan years, CSV downloads;
- ``ui.navigation``: the pages by role, as tables (no Streamlit in it);
- ``ui.components``: a project's details, the status form, a wide table's texts in full;
- ``ui.columns``: the wide tables' columns, fitted to a 1024-pixel screen;
- ``ui.plan_edit``: the "Edit the plan" page's item picker, edit forms and edit history;
- ``ui.templates``: a partner's template downloads (the periods due, or a year and quarter);
- ``ui.setup``: first run (the Set up page only, while there is no administrator), next steps;
- ``ui.measures`` and ``ui.meeting``: the scorecard's cards and forms, meeting mode's controls;
- ``ui.catalogue``: the metric catalogue page's sections (add, edit, retire, targets, upload);
- ``ui.active_sessions``: the Accounts page's active sessions, one or all of an account's ended;
- ``ui.uploads``: a file uploader with what it accepts written in the session's language.

The names pages use every day are re-exported here, so a page reads ``ui.get_db()``.
"""

from ui.components import project_details, readings_editor, status_form, texts_in_full
from ui.data import (
    checked_upload,
    clear_caches,
    database,
    database_for_run,
    get_db,
    lines_due,
    meeting_deck,
    metric_catalogue,
    metric_page_data,
    partners_first,
    plan_data,
    plans_frame,
    progress,
    reporting,
    reports_of_partner,
    scorecard_cards,
    setup_code,
)
from ui.errors import confirm_warnings, show_error, show_problems
from ui.forms import sign_in_form, sign_out_form
from ui.keys import *  # noqa: F403  (the keys are plain strings, named in one place)
from ui.language import choose_language, language_switch
from ui.markdown import text
from ui.plan_edit import Editing as PlanEditing
from ui.plan_edit import choose_item as choose_plan_item
from ui.plan_edit import edit_history as plan_edit_history
from ui.plan_edit import edit_tabs as plan_edit_tabs
from ui.plan_edit import show_notice as show_plan_edit_notice
from ui.session import (
    current_user,
    form_csrf,
    keep_document,
    kept_document,
    page_path,
    require_navigation,
    require_permission,
    session_token,
    sign_in,
    sign_in_address,
    sign_out,
    sso_configured,
    watch_session,
)
from ui.setup import needs_setup, next_steps, show_next_steps
from ui.templates import preview_columns, report_columns, template_downloads
from ui.uploads import after_saving, file_field, saved_notice, upload_round
from ui.widgets import (
    choose_plan,
    corrections_note,
    csv_download,
    page_header,
    plan_year_choices,
    said,
    selected_plan,
    submission_names,
    withdraw_or_restore,
    year_label,
)

__all__ = [
    "PlanEditing",
    "choose_plan_item",
    "plan_edit_history",
    "plan_edit_tabs",
    "show_plan_edit_notice",
    "choose_plan",
    "checked_upload",
    "choose_language",
    "clear_caches",
    "confirm_warnings",
    "csv_download",
    "file_field",
    "after_saving",
    "saved_notice",
    "upload_round",
    "current_user",
    "database",
    "database_for_run",
    "get_db",
    "keep_document",
    "language_switch",
    "lines_due",
    "kept_document",
    "meeting_deck",
    "metric_catalogue",
    "metric_page_data",
    "needs_setup",
    "next_steps",
    "partners_first",
    "page_header",
    "plan_data",
    "plan_year_choices",
    "plans_frame",
    "progress",
    "project_details",
    "readings_editor",
    "reporting",
    "reports_of_partner",
    "require_navigation",
    "require_permission",
    "scorecard_cards",
    "selected_plan",
    "setup_code",
    "show_error",
    "show_next_steps",
    "show_problems",
    "form_csrf",
    "page_path",
    "session_token",
    "sign_in",
    "sign_in_address",
    "sign_in_form",
    "sign_out",
    "sign_out_form",
    "watch_session",
    "sso_configured",
    "status_form",
    "submission_names",
    "withdraw_or_restore",
    "corrections_note",
    "template_downloads",
    "preview_columns",
    "report_columns",
    "text",
    "texts_in_full",
    "said",
    "year_label",
]
