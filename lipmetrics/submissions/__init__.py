"""Partner submissions: templates, the file check, preview, commit, corrections and withdrawals."""

from lipmetrics.submissions.core import (
    check_submission,
    commit_submission,
    current_values,
    preview,
    preview_summary,
    restore,
    submissions,
    value_history,
    withdraw,
)
from lipmetrics.submissions.templates import (
    reporting_years,
    template_csv,
    template_frame,
    template_xlsx,
)

__all__ = [
    "check_submission",
    "commit_submission",
    "current_values",
    "preview",
    "preview_summary",
    "reporting_years",
    "restore",
    "submissions",
    "template_csv",
    "template_frame",
    "template_xlsx",
    "value_history",
    "withdraw",
]
