"""What the plan shows: the Plotly charts, meeting slides, and the DOCX/PPTX/XLSX documents."""

from lipmetrics.reports.documents import annual_report, meeting_deck, workplan_workbook
from lipmetrics.reports.meeting import Slide, meeting_slides, previous_meeting, remember_meeting

__all__ = [
    "Slide",
    "annual_report",
    "meeting_deck",
    "meeting_slides",
    "previous_meeting",
    "remember_meeting",
    "workplan_workbook",
]
