"""The status categories a project can be in, and the words people read for them.

This is the product's status vocabulary (README "Definitions"): the parser, the progress engine,
the store's checks and every chart share it, so it lives below all of them.
"""

from __future__ import annotations

from lipmetrics.i18n import N_

STATUS_CATEGORIES = ("not_started", "working_group_formed", "in_progress", "complete", "deferred")

# The labels are English everywhere they are stored or compared; they are marked for the catalogs
# (README "Languages") and translated with ``_()`` where a screen or a report shows them.
CATEGORY_LABELS = {
    "not_started": N_("Not started"),
    "working_group_formed": N_("Working group formed"),
    "in_progress": N_("In progress"),
    "complete": N_("Complete"),
    "deferred": N_("Deferred"),
}
assert tuple(CATEGORY_LABELS) == STATUS_CATEGORIES

# A status text no rule reads, which no person has classified yet: its own category on every
# screen ("Needs a person"), never complete and never shown as not started.
UNCLASSIFIED = "unclassified"
PROGRESS_CATEGORIES = (*STATUS_CATEGORIES, UNCLASSIFIED)
PROGRESS_LABELS = {**CATEGORY_LABELS, UNCLASSIFIED: N_("Needs a person")}

# The reasons of a status record the app offers or writes itself: stored in English, shown in the
# reader's language wherever a status history is read (README "Languages"); a reason a person
# typed is shown as written.
STATUS_REASONS = (
    N_("progress reported"),
    N_("completed"),
    N_("delayed"),
    N_("deferred by the working group"),
    N_("data correction"),
    N_("other"),
)
CLASSIFIED_REASON = N_("classified by the LIP's vocabulary")
IMPORTED_REASON = N_("plan import")
CORRECTED_REASON = N_("plan import, reading corrected")
APP_REASONS = frozenset((*STATUS_REASONS, CLASSIFIED_REASON, IMPORTED_REASON, CORRECTED_REASON))
