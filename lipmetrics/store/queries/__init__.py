"""All SQL of lipmetrics, always with bound parameters, one module per topic.

Each function takes a cursor (from :meth:`Database.cursor` or :meth:`Database.transaction`) and
either writes or returns a DataFrame whose columns its docstring names. The SQL keeps to what DuckDB
and PostgreSQL share, so that a server database can take over later. Callers write
``from lipmetrics.store import queries`` and ``queries.plans(cur)``: every function is re-exported
here.

- ``plan``: plans, their hierarchy, schedules, working groups and status records;
- ``accounts``: users, failed sign-ins, the audit log, stored settings;
- ``catalog``: partners, metrics, breakdown categories, targets, baselines, notes;
- ``ledger``: submissions and their events, metric values, third-party indicator values;
- ``bulk``: ids drawn from the sequences and many rows inserted in one statement;
- ``vocabulary``: the LIP's taught status phrases and the unread records they may classify.
"""

from lipmetrics.store.queries.accounts import (
    audit_log,
    failed_sign_ins,
    get_setting,
    insert_audit,
    insert_user,
    record_sign_in,
    set_setting,
    update_password,
    user_by_email,
    user_row,
    users,
)
from lipmetrics.store.queries.base import Cursor
from lipmetrics.store.queries.bulk import (
    insert_rows,
    next_ids,
)
from lipmetrics.store.queries.catalog import (
    breakdown_categories,
    insert_note,
    insert_target,
    metric_plan_years,
    metrics,
    metrics_with_values,
    notes_in_force,
    partner_row,
    partners,
    plan_metrics,
    target_history,
    targets_in_force,
    upsert_breakdown_category,
    upsert_metric,
    upsert_partner,
)
from lipmetrics.store.queries.ledger import (
    current_totals,
    current_values,
    first_received,
    indicator_values_in_force,
    insert_indicator_import,
    insert_submission,
    insert_submission_event,
    stored_files,
    submission_by_hash,
    submission_row,
    submissions,
    submissions_since,
    value_history,
)
from lipmetrics.store.queries.plan import (
    insert_plan,
    insert_retraction,
    insert_status_record,
    plan_by_name,
    plan_pillars,
    plan_projects,
    plan_schedule,
    plan_status_records,
    plan_working_group_members,
    plans,
    set_plan_note,
    set_project_recurring,
    status_record,
    table_counts,
)
from lipmetrics.store.queries.vocabulary import (
    delete_phrase,
    unread_status_records,
    upsert_phrase,
    vocabulary,
)

__all__ = [
    "delete_phrase",
    "insert_retraction",
    "status_record",
    "unread_status_records",
    "upsert_phrase",
    "vocabulary",
    "Cursor",
    "audit_log",
    "breakdown_categories",
    "current_totals",
    "current_values",
    "failed_sign_ins",
    "first_received",
    "get_setting",
    "indicator_values_in_force",
    "insert_audit",
    "insert_indicator_import",
    "insert_note",
    "insert_plan",
    "insert_rows",
    "insert_status_record",
    "insert_submission",
    "insert_submission_event",
    "insert_target",
    "insert_user",
    "metric_plan_years",
    "metrics",
    "metrics_with_values",
    "next_ids",
    "notes_in_force",
    "partner_row",
    "partners",
    "plan_by_name",
    "plan_metrics",
    "plan_pillars",
    "plan_projects",
    "plan_schedule",
    "plan_status_records",
    "plan_working_group_members",
    "plans",
    "record_sign_in",
    "set_plan_note",
    "set_project_recurring",
    "set_setting",
    "stored_files",
    "submission_by_hash",
    "submission_row",
    "submissions",
    "submissions_since",
    "table_counts",
    "target_history",
    "targets_in_force",
    "update_password",
    "upsert_breakdown_category",
    "upsert_metric",
    "upsert_partner",
    "user_by_email",
    "user_row",
    "users",
    "value_history",
]
