"""Partner submissions: what a partner owes, templates, the file check, preview, commit, corrections and withdrawals."""

from lipmetrics.submissions.commit import commit_submission, unconfirmed
from lipmetrics.submissions.due import (
    STATUS_HELP,
    STATUSES,
    due_template,
    partner_reports,
    report_counts,
    report_statuses,
    status_word,
    statuses_shown,
)
from lipmetrics.submissions.ledger import (
    current_values,
    restore,
    state_word,
    submission_values,
    submissions,
    value_history,
    withdraw,
    withdrawn_breakdowns,
)
from lipmetrics.submissions.plausibility import (
    PlausibilityWarning,
    plausibility_warnings,
    warnings_table,
)
from lipmetrics.submissions.preview import (
    preview,
    preview_shown,
    preview_summary,
    unsent_summary,
    withdrawals,
)
from lipmetrics.submissions.rawfiles import (
    StoreDifference,
    check_store,
    finish_interrupted,
)
from lipmetrics.submissions.templates import (
    reporting_years,
    template_csv,
    template_for_periods,
    template_frame,
    template_xlsx,
)
from lipmetrics.submissions.validate import CatalogueFacts, check_submission, shared_facts

__all__ = [
    "PlausibilityWarning",
    "STATUSES",
    "STATUS_HELP",
    "StoreDifference",
    "check_store",
    "CatalogueFacts",
    "check_submission",
    "commit_submission",
    "current_values",
    "due_template",
    "finish_interrupted",
    "partner_reports",
    "plausibility_warnings",
    "preview",
    "preview_shown",
    "preview_summary",
    "unsent_summary",
    "report_counts",
    "status_word",
    "statuses_shown",
    "report_statuses",
    "reporting_years",
    "restore",
    "state_word",
    "submission_values",
    "submissions",
    "template_csv",
    "template_for_periods",
    "template_frame",
    "template_xlsx",
    "unconfirmed",
    "value_history",
    "warnings_table",
    "withdraw",
    "withdrawals",
    "withdrawn_breakdowns",
    "shared_facts",
]
