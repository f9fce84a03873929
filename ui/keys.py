"""Session-state keys and page paths, named in one place."""

from __future__ import annotations

# Session-state keys, named in one place.
PLAN_KEY = "selected_plan"
PLAN_WIDGET_KEY = "plan_selector"
USER_KEY = "signed_in_user"
LAST_SEEN_KEY = "last_seen"
NOTICE_KEY = "sign_in_notice"
EXPLORER_YEAR_KEY = "explorer_plan_year"
EXPLORER_PROJECT_KEY = "explorer_project"
OVERVIEW_YEAR_KEY = "overview_plan_year"
REVIEW_YEAR_KEY = "review_plan_year"
STATUS_NOTICE_KEY = "status_recorded_notice"
METRIC_KEY = "selected_metric"
METRIC_VIEW_KEY = "metric_view"
SCORECARD_PILLAR_KEY = "scorecard_pillar"
MEASURE_NOTICE_KEY = "measure_notice"
METRIC_PAGE = "pages/metric.py"
MEETING_SLIDE_KEY = "meeting_slide"
MEETING_SINCE_KEY = "meeting_since"
MEETING_AUTO_KEY = "meeting_auto_advance"
MEETING_TURNED_KEY = "meeting_turned_at"
DOCUMENTS_KEY = "prepared_documents"

IMPORT_PAGE = "pages/import_plan.py"
