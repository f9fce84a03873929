"""Status words: the phrases this LIP writes in its statuses, taught once, with what they mean."""

import streamlit as st

import ui
from lipmetrics.categories import CATEGORY_LABELS
from lipmetrics.errors import LipmetricsError
from lipmetrics.i18n import _, ngettext
from lipmetrics.plan import forget, reclassify_unread, teach, unread_texts, vocabulary_table

ui.require_navigation()
user = ui.require_permission("record_status")
db = ui.get_db()

st.title(_("Which words mean which status?"))
st.write(
    _(
        "The import reads statuses in English and French with its own rules. Teach it the "
        "phrases your LIP writes that it does not read: each phrase means a status, is found as "
        "whole words (case and accents aside) and comes before the built-in rules on every import."
    )
)
if notice := st.session_state.pop(ui.VOCABULARY_NOTICE_KEY, None):
    st.success(notice)

unread = unread_texts(db)
st.subheader(_("Statuses that need a person: {count}").format(count=len(unread)))
if unread.empty:
    st.caption(_("Every imported status was read, or a person has classified it."))
else:
    st.dataframe(
        unread[["text", "project", "plan"]], hide_index=True,
        column_config={"text": _("Status as written"), "project": _("Project"),
                       "plan": _("Plan")},
    )  # fmt: skip
    if st.button(_("Read them again with the phrases below"), icon=":material/refresh:"):
        done = reclassify_unread(db, user)
        ui.clear_caches()
        notice = ngettext("{count} status classified.", "{count} statuses classified.", len(done))
        notice = notice.format(count=len(done))
        st.session_state[ui.VOCABULARY_NOTICE_KEY] = notice
        st.rerun()

st.subheader(_("Phrases taught"))
taught = vocabulary_table(db)
if taught.empty:
    st.caption(_("No phrase is taught yet: type one below, with the status it means."))
else:
    st.dataframe(
        taught.assign(category=taught["category"].map(_)), hide_index=True,
        column_config={"phrase": _("Phrase"), "category": _("Means"), "added_by": _("Taught by"),
                       "added_at": st.column_config.DatetimeColumn(_("When"), format="YYYY-MM-DD")},
    )  # fmt: skip
with st.form("teach_phrase"):
    left, right = st.columns([3, 2])
    phrase = left.text_input(_("Phrase, as your LIP writes it"), max_chars=200)
    means = {label: _(label) for label in CATEGORY_LABELS.values()}  # in this run's language
    category = right.selectbox(
        _("It means"), list(means), index=None, format_func=means.get,
        placeholder=_("Choose a status"),
    )  # fmt: skip
    if st.form_submit_button(_("Teach this phrase"), type="primary"):
        try:
            teach(db, user, phrase, category or "")
        except LipmetricsError as exc:
            ui.show_error(exc)
        else:
            st.session_state[ui.VOCABULARY_NOTICE_KEY] = _("“{phrase}” now means {status}.").format(
                phrase=phrase.strip(), status=_(category)
            )
            st.rerun()
taught = vocabulary_table(db)["phrase"].tolist()
if taught:
    with st.form("forget_phrase"):
        gone = st.selectbox(
            _("Forget a phrase"), taught, index=None, placeholder=_("Choose a phrase")
        )
        if st.form_submit_button(_("Forget it")) and gone:
            forget(db, user, gone)
            notice = _("“{phrase}” is forgotten.").format(phrase=gone)
            st.session_state[ui.VOCABULARY_NOTICE_KEY] = notice
            st.rerun()
