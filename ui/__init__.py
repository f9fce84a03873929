"""The app side of lipmetrics: what pages import, never what ``lipmetrics`` imports.

- ``ui.keys``: session-state keys and page paths;
- ``ui.data``: the one database connection and bounded caches of lipmetrics reads;
- ``ui.session``: the signed-in user, the navigation guard, the documents prepared in a session;
- ``ui.markdown``: user text shown as text where Streamlit reads markdown;
- ``ui.errors``: one way to show an error (its sentence, then its problems as a table);
- ``ui.widgets``: the plan selector, plan years, CSV downloads;
- ``ui.components``: a project's details and the status form;
- ``ui.measures`` and ``ui.meeting``: the scorecard's cards and forms, meeting mode's controls.

The names pages use every day are re-exported here, so a page reads ``ui.get_db()``.
"""

from ui.components import project_details, readings_editor, status_form
from ui.data import (
    clear_caches,
    database,
    get_db,
    meeting_deck,
    metric_catalogue,
    metric_page_data,
    plan_data,
    plans_frame,
    progress,
    reporting,
    scorecard_cards,
)
from ui.errors import confirm_warnings, show_error, show_problems
from ui.keys import *  # noqa: F403  (the keys are plain strings, named in one place)
from ui.markdown import text
from ui.session import (
    current_user,
    keep_document,
    kept_document,
    require_navigation,
    require_permission,
    sign_in,
    sign_out,
    sso_configured,
)
from ui.widgets import choose_plan, csv_download, plan_year_choices, selected_plan, year_label

__all__ = [
    "choose_plan",
    "clear_caches",
    "confirm_warnings",
    "csv_download",
    "current_user",
    "database",
    "get_db",
    "keep_document",
    "kept_document",
    "meeting_deck",
    "metric_catalogue",
    "metric_page_data",
    "plan_data",
    "plan_year_choices",
    "plans_frame",
    "progress",
    "project_details",
    "readings_editor",
    "reporting",
    "require_navigation",
    "require_permission",
    "scorecard_cards",
    "selected_plan",
    "show_error",
    "show_problems",
    "sign_in",
    "sign_out",
    "sso_configured",
    "status_form",
    "text",
    "year_label",
]
