"""What the plan shows: the Plotly charts, meeting slides, and the DOCX/PPTX/XLSX documents."""

from lipmetrics.reports.documents import annual_report, meeting_deck, workplan_workbook
from lipmetrics.reports.meeting import (
    SINCE_DAYS,
    Slide,
    late_projects,
    meeting_since,
    meeting_slides,
    plan_submissions,
    previous_meeting,
    remember_meeting,
    since_date,
)

__all__ = [
    "SINCE_DAYS",
    "Slide",
    "annual_report",
    "late_projects",
    "meeting_deck",
    "meeting_since",
    "meeting_slides",
    "plan_submissions",
    "previous_meeting",
    "remember_meeting",
    "since_date",
    "workplan_workbook",
]
