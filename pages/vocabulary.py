"""Status words: the phrases this LIP writes in its statuses, taught once, with what they mean."""

import streamlit as st

import ui
from lipmetrics.categories import CATEGORY_LABELS
from lipmetrics.errors import LipmetricsError
from lipmetrics.plan import forget, reclassify_unread, teach, unread_texts, vocabulary_table

ui.require_navigation()
user = ui.require_permission("record_status")
db = ui.get_db()

st.title("Which words mean which status?")
st.write(
    "The import reads statuses in English and French with its own rules. Teach it the phrases "
    "your LIP writes that it does not read: each phrase means a status, is found as whole words "
    "(case and accents aside) and comes before the built-in rules on every import."
)
if notice := st.session_state.pop(ui.VOCABULARY_NOTICE_KEY, None):
    st.success(notice)

unread = unread_texts(db)
st.subheader(f"Statuses that need a person: {len(unread)}")
if unread.empty:
    st.caption("Every imported status was read, or a person has classified it.")
else:
    st.dataframe(
        unread[["text", "project", "plan"]], hide_index=True,
        column_config={"text": "Status as written", "project": "Project", "plan": "Plan"},
    )  # fmt: skip
    if st.button("Read them again with the phrases below", icon=":material/refresh:"):
        done = reclassify_unread(db, user)
        ui.clear_caches()
        st.session_state[ui.VOCABULARY_NOTICE_KEY] = f"{len(done)} status(es) classified."
        st.rerun()

st.subheader("Phrases taught")
taught = vocabulary_table(db)
if taught.empty:
    st.caption("No phrase is taught yet: type one below, with the status it means.")
else:
    st.dataframe(
        taught, hide_index=True,
        column_config={"phrase": "Phrase", "category": "Means", "added_by": "Taught by",
                       "added_at": st.column_config.DatetimeColumn("When", format="YYYY-MM-DD")},
    )  # fmt: skip
with st.form("teach_phrase"):
    left, right = st.columns([3, 2])
    phrase = left.text_input("Phrase, as your LIP writes it", max_chars=200)
    category = right.selectbox("It means", list(CATEGORY_LABELS.values()), index=None)
    if st.form_submit_button("Teach this phrase", type="primary"):
        try:
            teach(db, user, phrase, category or "")
        except LipmetricsError as exc:
            ui.show_error(exc)
        else:
            st.session_state[ui.VOCABULARY_NOTICE_KEY] = f"“{phrase.strip()}” now means {category}."
            st.rerun()
taught = vocabulary_table(db)["phrase"].tolist()
if taught:
    with st.form("forget_phrase"):
        gone = st.selectbox("Forget a phrase", taught, index=None)
        if st.form_submit_button("Forget it") and gone:
            forget(db, user, gone)
            st.session_state[ui.VOCABULARY_NOTICE_KEY] = f"“{gone}” is forgotten."
            st.rerun()
