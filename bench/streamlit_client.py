"""A small client of Streamlit's own websocket protocol: one session of the app, without a browser.

The load bench (``bench/bench_load.py``) drives tens of sessions at once; a browser per session
would measure the browsers, not the server. This client speaks to the server as Streamlit's
frontend does (docs/benchmarks.md):

- ``GET /_stcore/health`` first: the answer sets the XSRF cookie that uploads must send back;
  then ``GET /``, the app's page, as a browser loads it: the answer sets the nonce cookie the
  sign-in form's CSRF token is tied to (web/routes.py);
- a websocket on ``/_stcore/stream`` carrying protobufs shipped in the streamlit package:
  ``BackMsg`` from us (``rerun_script`` with a ``ClientState``: the page's script hash and every
  widget's state; ``file_urls_request`` before an upload), ``ForwardMsg`` from the server (the
  ``navigation`` with every page's hash, ``delta`` elements, ``script_finished``);
- a file is ``PUT`` to the upload URL the server hands out (multipart, with the XSRF token in the
  ``X-Xsrftoken`` header), then named in the file uploader's widget state.

A widget is found by its label among the elements of the last run (its ``id`` is in the element),
as a person finds it on screen. Signing in is a real HTML form that posts to the app's own route
``/auth/sign-in`` (README "Accounts, roles and sign-in"): the client reads the form's hidden fields
from the page's html element, posts them with the user name and password, keeps the session cookie
of the 303 answer and, as a browser's reload does, opens a new websocket carrying it (the script
reads who is signed in from the websocket's cookies). A run is over at a ``script_finished`` that says it finished
(``st.rerun()`` ends a run "early for a rerun" and the next run of the chain follows). The time of
a page is from sending the rerun to that last ``script_finished``.
"""

from __future__ import annotations

import itertools
import json
import time
from contextlib import ExitStack
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit, urlunsplit

import requests
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.Common_pb2 import FileURLs, UploadedFileInfo
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.sync.client import connect

XSRF_COOKIE = "_streamlit_xsrf"
SIGN_IN_PATH = "/auth/sign-in"  # web/routes.py
DONE = (
    ForwardMsg.FINISHED_SUCCESSFULLY,
    ForwardMsg.FINISHED_WITH_COMPILE_ERROR,
    ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY,
)


class SessionError(Exception):
    """The session could not do what was asked: no such widget or page, or the run never ended."""


@dataclass
class Run:
    """One run chain of the script: how long it took and what it drew."""

    seconds: float
    elements: list = field(default_factory=list)  # (kind, proto) in the order drawn
    exceptions: list[str] = field(default_factory=list)  # messages of exception elements

    def texts(self) -> list[str]:
        """Every markdown, alert and heading text drawn (what a person reads)."""
        found = []
        for kind, proto in self.elements:
            if kind in ("markdown", "heading", "alert", "text"):
                found.append(getattr(proto, "body", "") or getattr(proto, "text", ""))
        return found

    def alerts(self, format_name: str) -> list[str]:
        """The bodies of the alerts of one kind: "error", "warning", "info" or "success"."""
        wanted = {"error": 1, "warning": 2, "info": 3, "success": 4}[format_name]
        return [p.body for kind, p in self.elements if kind == "alert" and p.format == wanted]


class _FormFields(HTMLParser):
    """The named inputs of the forms in some HTML that post to one ``action``."""

    def __init__(self, action: str) -> None:
        super().__init__()
        self.action = action
        self.inside = False
        self.fields: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        if tag == "form":
            self.inside = named.get("action") == self.action
        elif tag == "input" and self.inside and named.get("name"):
            self.fields[named["name"]] = named.get("value") or ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.inside = False


class StreamlitSession:
    """One browser session's worth of talk with a Streamlit server at ``base_url``; use it in a
    ``with`` block (or call ``close``)."""

    def __init__(self, base_url: str, timeout: float = 120) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.http = requests.Session()
        self.http.get(f"{self.base_url}/_stcore/health", timeout=timeout).raise_for_status()
        self.http.get(f"{self.base_url}/", timeout=timeout).raise_for_status()  # the nonce cookie
        self._open = ExitStack()  # the websocket, closed by close() or at the end of a with block
        self.ws = None
        self.query_string = ""  # what follows "?" in the browser's address, sent with every run
        self._request_ids = itertools.count(1)
        self._connect()

    def _connect(self) -> None:
        """Open a websocket carrying the cookies kept so far, as a browser's (re)load of the page
        does: a new Streamlit session, which has drawn nothing yet."""
        self._open.close()
        parts = urlsplit(self.base_url)
        scheme = "wss" if parts.scheme == "https" else "ws"
        cookies = "; ".join(f"{name}={value}" for name, value in self.http.cookies.items())
        self.ws = self._open.enter_context(
            connect(
                f"{scheme}://{parts.netloc}{parts.path}/_stcore/stream",
                subprotocols=["streamlit"],
                additional_headers={"Cookie": cookies},  # as a browser sends them (a proxy's too)
                max_size=None,
                open_timeout=self.timeout,
            )
        )
        self.session_id = ""
        self.pages: dict[str, str] = {}  # page title -> page_script_hash
        self.page_hash = ""
        self.states: dict[str, WidgetState] = {}  # widget id -> its state, kept between runs
        self.last: Run | None = None

    def close(self) -> None:
        self._open.close()
        self.http.close()

    def __enter__(self) -> StreamlitSession:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    # -- runs ---------------------------------------------------------------------------------

    def rerun(self, page: str | None = None, triggers: tuple[str, ...] = ()) -> Run:
        """Run the script (on ``page``, a title of the navigation, else the current page) with the
        kept widget states and a click on each widget id in ``triggers``; wait for it to end."""
        if page is not None:
            if page not in self.pages:
                raise SessionError(f"no page “{page}” in the navigation: {sorted(self.pages)}")
            self.page_hash = self.pages[page]
        msg = BackMsg()
        state = msg.rerun_script
        state.page_script_hash = self.page_hash
        state.query_string = self.query_string
        parts = urlsplit(self.base_url)
        address = (parts.scheme, parts.netloc, f"{parts.path}/", self.query_string, "")
        state.context_info.url = urlunsplit(address)  # the browser's address bar
        state.widget_states.widgets.extend(self.states.values())
        for widget_id in triggers:
            state.widget_states.widgets.add(id=widget_id, trigger_value=True)
        start = time.perf_counter()
        self.ws.send(msg.SerializeToString())
        elements, finished_at = self._read_run()
        run = Run(finished_at - start, [elements[path] for path in sorted(elements)])
        run.exceptions = [p.message for kind, p in run.elements if kind == "exception"]
        self._forget_gone_widgets(run)
        self.last = run
        return run

    def _read_run(self) -> tuple[dict[tuple, tuple], float]:
        """Read ForwardMsgs until the run chain is over; return its elements by delta path and
        when (``time.perf_counter``) its last ``script_finished`` came."""
        elements: dict[tuple, tuple] = {}
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                raw = self.ws.recv(timeout=max(deadline - time.monotonic(), 0))
            except TimeoutError:
                raise SessionError(f"the run did not finish within {self.timeout} s") from None
            msg = ForwardMsg()
            msg.ParseFromString(raw)
            kind = msg.WhichOneof("type")
            if kind == "new_session":  # a run starts: what an earlier run drew is replaced
                self.session_id = msg.new_session.initialize.session_id
                elements.clear()
            elif kind == "navigation":
                self.pages = {p.page_name: p.page_script_hash for p in msg.navigation.app_pages}
                self.page_hash = msg.navigation.page_script_hash or self.page_hash
            elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                element = msg.delta.new_element
                name = element.WhichOneof("type")
                elements[tuple(msg.metadata.delta_path)] = (name, getattr(element, name))
            elif kind == "session_event" and msg.session_event.HasField(
                "script_compilation_exception"
            ):
                elements[(-1,)] = ("exception", msg.session_event.script_compilation_exception)
            elif kind == "script_finished" and msg.script_finished in DONE:
                return elements, time.perf_counter()
            # FINISHED_EARLY_FOR_RERUN (st.rerun()): the chain's next run follows.

    def _forget_gone_widgets(self, run: Run) -> None:
        """Keep the states of the widgets still drawn only, as the frontend does after a run."""
        drawn = {getattr(proto, "id", "") for _, proto in run.elements}
        self.states = {wid: s for wid, s in self.states.items() if wid in drawn}

    # -- widgets ------------------------------------------------------------------------------

    def widget(self, label: str, kind: str | None = None):
        """The element of the last run labelled ``label`` (of ``kind``, e.g. "text_input")."""
        for name, proto in self.last.elements if self.last else ():
            if (kind is None or name == kind) and getattr(proto, "label", None) == label:
                return proto
        errors = " ".join(self.last.alerts("error")) if self.last else ""
        raise SessionError(f"no widget labelled “{label}” on the page {errors}".strip())

    def fill(self, label: str, text: str) -> None:
        """Type ``text`` into the text box labelled ``label`` (sent with the next run)."""
        widget_id = self.widget(label, "text_input").id
        self.states[widget_id] = WidgetState(id=widget_id, string_value=text)

    def click(self, label: str) -> Run:
        """Press the button labelled ``label`` (a form's submit button sends the form)."""
        return self.rerun(triggers=(self.widget(label, "button").id,))

    def edit_table(self, editor_id: str, edited_rows: dict[int, dict]) -> None:
        """Edit cells of the data editor ``editor_id``: {row position: {column: value}}."""
        value = {"edited_rows": edited_rows, "added_rows": [], "deleted_rows": []}
        self.states[editor_id] = WidgetState(id=editor_id, string_value=json.dumps(value))

    def data_editors(self) -> list:
        """The data editors (editable tables) of the last run, in the order drawn."""
        return [p for kind, p in self.last.elements if kind == "dataframe" and p.editing_mode]

    def upload(self, label: str, filename: str, data: bytes) -> Run:
        """Upload ``data`` as ``filename`` into the file uploader labelled ``label``, as the
        frontend does: ask for an upload URL, PUT the file there, then rerun naming it."""
        widget_id = self.widget(label, "file_uploader").id
        request = BackMsg()
        request.file_urls_request.request_id = str(next(self._request_ids))
        request.file_urls_request.session_id = self.session_id
        request.file_urls_request.file_names.append(filename)
        self.ws.send(request.SerializeToString())
        urls = self._file_urls(request.file_urls_request.request_id)
        token = self.http.cookies.get(XSRF_COOKIE, "")
        answer = self.http.put(
            f"{self.base_url}{urls.upload_url}",
            files={"UploadedFile": (filename, data, "text/csv")},
            headers={"X-Xsrftoken": token},
            timeout=self.timeout,
        )
        if answer.status_code >= 300:
            raise SessionError(f"the upload was refused: {answer.status_code} {answer.text}")
        state = WidgetState(id=widget_id)
        state.file_uploader_state_value.uploaded_file_info.append(
            UploadedFileInfo(name=filename, size=len(data), file_id=urls.file_id, file_urls=urls)
        )
        self.states[widget_id] = state
        return self.rerun()

    def _file_urls(self, request_id: str) -> FileURLs:
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            msg = ForwardMsg()
            msg.ParseFromString(self.ws.recv(timeout=deadline - time.monotonic()))
            if msg.WhichOneof("type") == "file_urls_response":
                response = msg.file_urls_response
                if response.response_id == request_id:
                    if response.error_msg:
                        raise SessionError(f"no upload URL: {response.error_msg}")
                    return response.file_urls[0]
        raise SessionError(f"no upload URL within {self.timeout} s")

    # -- as a person ------------------------------------------------------------------------

    def form_fields(self, action: str) -> dict[str, str]:
        """The named inputs (hidden ones with their values) of the last run's HTML form that
        posts to ``action``, e.g. the sign-in form's ``csrf`` and ``next`` (ui/forms.py)."""
        for kind, proto in self.last.elements if self.last else ():
            if kind == "html":
                parser = _FormFields(action)
                parser.feed(proto.body)
                if parser.fields:
                    return parser.fields
        errors = " ".join(self.last.alerts("error")) if self.last else ""
        raise SessionError(f"no form posting to {action} on the page {errors}".strip())

    def post_sign_in(self, username: str, password: str) -> Run:
        """Send the sign-in form shown by the last run, as a browser does: POST it to the sign-in
        route from the app's own origin, keep the cookie of the 303 answer, then load the page
        it leads to in a new session. Its time covers the POST and that session's first run."""
        start = time.perf_counter()
        fields = self.form_fields(SIGN_IN_PATH)
        fields.update(username=username, password=password)
        fields.pop("kind", None)  # the meeting-display box, left unticked
        parts = urlsplit(self.base_url)
        answer = self.http.post(
            f"{self.base_url}{SIGN_IN_PATH}",
            data=fields,
            headers={"Origin": f"{parts.scheme}://{parts.netloc}"},
            allow_redirects=False,
            timeout=self.timeout,
        )
        if answer.status_code != 303:
            raise SessionError(f"the sign-in was refused: {answer.status_code} {answer.text}")
        self.query_string = urlsplit(answer.headers["location"]).query  # e.g. signin=refused
        self._connect()
        run = self.rerun()
        run.seconds = time.perf_counter() - start
        return run

    def sign_in(self, username: str, password: str) -> Run:
        """Open the app and sign in through its sign-in form (ui/forms.py)."""
        self.rerun()
        return self.post_sign_in(username, password)
