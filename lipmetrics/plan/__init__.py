"""The plan: workplan import, schedules, statuses, progress per pillar and year, status review."""

from lipmetrics.plan.data import (
    PlanData,
    default_plan_name,
    filter_projects,
    list_plans,
    load_plan,
    needs_a_person,
    plan_names,
    plan_progress,
    plan_year_shown,
    project_history,
    project_table,
    working_groups,
)
from lipmetrics.plan.progress import (
    ALL_PILLARS,
    PROGRESS_COLUMNS,
    completion_rates,
    format_rate,
    plan_year_of,
    status_by_year,
    year_summary,
)
from lipmetrics.plan.raw_layout import RAW_HEADERS
from lipmetrics.plan.review import (
    NEW_STATUS_CHOICES,
    REASONS,
    REVIEW_EDITABLE,
    REVIEW_FIXED,
    StatusChange,
    changes_from_table,
    changes_since,
    record_statuses,
    review_date,
    review_table,
)
from lipmetrics.plan.schedule import format_years, parse_schedule
from lipmetrics.plan.status import format_status_date, parse_status
from lipmetrics.plan.tidy import TIDY_COLUMNS, tidy_template_csv
from lipmetrics.plan.workplan import (
    import_plan_file,
    parse_partial_date,
    parse_workplan,
    save_plan,
)
from lipmetrics.plan.workplan_rows import NO_WORDS, YES_WORDS
from lipmetrics.plan.write import extract_code, split_working_group, write_plan

__all__ = [
    "ALL_PILLARS",
    "NEW_STATUS_CHOICES",
    "NO_WORDS",
    "PROGRESS_COLUMNS",
    "PlanData",
    "RAW_HEADERS",
    "REASONS",
    "REVIEW_EDITABLE",
    "REVIEW_FIXED",
    "StatusChange",
    "TIDY_COLUMNS",
    "YES_WORDS",
    "changes_from_table",
    "changes_since",
    "completion_rates",
    "default_plan_name",
    "extract_code",
    "filter_projects",
    "format_rate",
    "format_status_date",
    "format_years",
    "import_plan_file",
    "list_plans",
    "load_plan",
    "needs_a_person",
    "parse_partial_date",
    "parse_schedule",
    "parse_status",
    "parse_workplan",
    "plan_names",
    "plan_progress",
    "plan_year_of",
    "plan_year_shown",
    "project_history",
    "project_table",
    "record_statuses",
    "review_date",
    "review_table",
    "save_plan",
    "split_working_group",
    "status_by_year",
    "tidy_template_csv",
    "working_groups",
    "write_plan",
    "year_summary",
]
