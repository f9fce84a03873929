"""Partner organisations: who reports to the partnership? Add, edit, retire, upload, download."""

import streamlit as st

import ui
from lipmetrics import measures
from lipmetrics.i18n import _, pgettext
from ui.admin import apply_change, show_notice, upload_with_preview

ui.require_navigation()
user = ui.require_permission("manage_partners")
db = ui.get_db()

st.title(_("Which organisations report to the partnership?"))
st.write(_(
    "A retired partner keeps its accounts, submissions and history, and is no longer offered for "
    "new figures or in the metric catalogue."
))  # fmt: skip
partners = measures.partners_overview(db, user)
shown = partners.assign(retired=partners["retired"].dt.strftime("%Y-%m-%d").fillna(""))
if partners.empty:
    st.info(_(
        "No partner organisation is registered yet: add one under “Add a partner” below, or "
        "upload a list under “Upload a list”."
    ))  # fmt: skip
else:
    st.dataframe(
        shown, hide_index=True,
        # The whole name in view at 1024 pixels (README "Pages by role"); retired dates last.
        column_config={"code": _("Code"), "name": st.column_config.TextColumn(_("Name"), width=340),
                       "kind": st.column_config.TextColumn(_("Kind"), width=200),
                       "accounts": _("Accounts"), "submissions": _("Submissions"),
                       "metrics": _("Metrics"), "retired": _("Retired on")},
    )  # fmt: skip
ui.csv_download(partners, "lipmetrics-partners.csv", _("Download the list (CSV)"))
active = partners.loc[partners["retired"].isna(), "code"].tolist()
retired = partners.loc[partners["retired"].notna(), "code"].tolist()

show_notice()  # above the tabs: in view where the change was made (the tab stays chosen)
tabs = [_("Add a partner"), _("Edit a partner"), pgettext("tab", "Retire"), _("Upload a list")]
add, edit, retire, upload = st.tabs(tabs, key="partners_tab", on_change="rerun")
with add.form("add_partner"):  # a refused partner keeps what was typed; an added one empties it
    hint = _("A short code such as NCC, of at most 30 characters; it never changes.")
    code = st.text_input(_("Code"), help=hint, key="new_code")  # too long: refused, not cut
    name = st.text_input(_("Name"), max_chars=200, key="new_name")
    kind = st.text_input(
        _("Kind (optional)"), max_chars=100, placeholder=_("settlement agency"), key="new_kind"
    )
    if st.form_submit_button(_("Add this partner"), type="primary"):
        apply_change(
            lambda: measures.add_partner(db, user, code, name, kind),
            _("{code} is added.").format(code=code.strip()),
            {"new_code": "", "new_name": "", "new_kind": ""},
        )  # fmt: skip
with edit:
    chosen = st.selectbox(_("Partner"), partners["code"].tolist(), index=None, key="edit_partner",
                          placeholder=_("Choose a partner"))  # fmt: skip
    if chosen:
        row = partners.set_index("code").loc[chosen]
        with st.form(f"edit_{chosen}"):
            name = st.text_input(_("Name"), row["name"], max_chars=200)
            kind = st.text_input(_("Kind (optional)"), row["kind"] or "", max_chars=100)
            if st.form_submit_button(_("Save the changes"), type="primary"):
                notice = _("{code} is saved.").format(code=chosen)
                apply_change(lambda: measures.edit_partner(db, user, chosen, name, kind), notice)
with retire:
    gone = st.selectbox(_("Partner to retire"), active, index=None, key="retire_partner",
                        placeholder=_("Choose a partner"))  # fmt: skip
    if st.button(_("Retire this partner"), disabled=not gone):
        apply_change(
            lambda: measures.retire_partner(db, user, gone),
            _("{code} is retired.").format(code=gone),
        )
    back = st.selectbox(_("Retired partner to offer again"), retired, index=None,
                        placeholder=_("Choose a retired partner"))  # fmt: skip
    if st.button(_("Restore this partner"), disabled=not back):
        apply_change(
            lambda: measures.restore_partner(db, user, back),
            _("{code} is offered again.").format(code=back),
        )
with upload:
    st.caption(_("Columns code, name, kind; a known code gets the name and kind of the file."))
    upload_with_preview(
        _("Partners file (CSV or Excel)"), measures.parse_partners,
        lambda frame: measures.preview_partners(db, user, frame),
        lambda frame, source: measures.save_partners(db, user, frame, source),
        {"line": _("Line"), "code": _("Code"), "name": _("Name"), "kind": _("Kind"),
         "change": _("What changes")},
    )  # fmt: skip
