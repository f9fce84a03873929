"""What the plan shows: the Plotly charts, meeting slides, and the DOCX/PDF/PPTX/XLSX documents."""

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
from lipmetrics.reports.pdf import annual_report_pdf

__all__ = [
    "SINCE_DAYS",
    "Slide",
    "annual_report",
    "annual_report_pdf",
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
