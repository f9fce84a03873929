"""The roles, what each may do, and why an action is refused, one whole sentence per action
(README "Accounts, roles and sign-in", README "Languages")."""

from __future__ import annotations

from lipmetrics.i18n import N_

ROLES = ("admin", "coordinator", "partner", "viewer")
# Each role's name where a list shows it (translated there: README "Languages"); stored values are
# the English codes of ROLES.
ROLE_LABELS = {
    "admin": N_("Administrator"),
    "coordinator": N_("Coordinator (working group)"),
    "partner": N_("Partner organisation"),
    "viewer": N_("Viewer"),
}
# What each role may do. A partner's writes, and what it sees of submissions, are further limited
# to its own organisation (lipmetrics.accounts.scope).
PERMISSIONS: dict[str, set[str]] = {
    "view_dashboards": {"admin", "coordinator", "partner", "viewer"},
    "import_plan": {"admin", "coordinator"},
    "record_status": {"admin", "coordinator"},
    "view_audit": {"admin", "coordinator"},
    "manage_partners": {"admin", "coordinator"},
    "submit_metrics": {"admin", "coordinator", "partner"},
    "see_submissions": {"admin", "coordinator", "partner"},
    "manage_targets": {"admin", "coordinator"},
    "see_small_counts": {"admin", "coordinator"},
    "manage_accounts": {"admin"},
}
# Why an action is refused, one whole sentence per action (README "Languages").
REFUSALS = {
    "view_dashboards": N_(
        "The account “{username}” ({role}) may not see the dashboards. Ask an administrator if "
        "you need to."
    ),
    "import_plan": N_(
        "The account “{username}” ({role}) may not import or change a plan. Ask an administrator "
        "if you need to."
    ),
    "record_status": N_(
        "The account “{username}” ({role}) may not record a project's status. Ask an "
        "administrator if you need to."
    ),
    "view_audit": N_(
        "The account “{username}” ({role}) may not read the audit log. Ask an administrator if "
        "you need to."
    ),
    "manage_partners": N_(
        "The account “{username}” ({role}) may not change the list of partners. Ask an "
        "administrator if you need to."
    ),
    "submit_metrics": N_(
        "The account “{username}” ({role}) may not submit metric values. Ask an administrator if "
        "you need to."
    ),
    "see_submissions": N_(
        "The account “{username}” ({role}) may not see partners' submissions. Ask an "
        "administrator if you need to."
    ),
    "manage_targets": N_(
        "The account “{username}” ({role}) may not set targets, baselines, notes and community "
        "data. Ask an administrator if you need to."
    ),
    "see_small_counts": N_(
        "The account “{username}” ({role}) may not see small counts in a breakdown. Ask an "
        "administrator if you need to."
    ),
    "manage_accounts": N_(
        "The account “{username}” ({role}) may not manage accounts. Ask an administrator if you "
        "need to."
    ),
}
assert set(REFUSALS) == set(PERMISSIONS)
