"""due_template with the partner's reports already read (as the app passes its cached ones) gives
the lines it reads for itself; reports of another day give that day's lines."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from lipmetrics.submissions import due_template, partner_reports
from tests.test_due import WDB, wdb_db  # noqa: F401  (the fixture: WDB's database)

D = date.fromisoformat


@pytest.mark.parametrize(("read_on", "asked_on", "lines"), [
    ("2021-01-20", "2021-01-20", 9),  # the same day: the same 9 lines as read here
    ("2020-01-01", "2021-01-20", 0),  # reports read when nothing had ended: they decide
])  # fmt: skip
def test_the_reports_given_decide_the_lines(wdb_db, read_on, asked_on, lines) -> None:  # noqa: F811
    reports = partner_reports(wdb_db, WDB, "WDB", D(read_on), 30)
    given = due_template(wdb_db, WDB, "WDB", D(asked_on), 30, reports)
    assert len(given) == lines
    if read_on == asked_on:
        pd.testing.assert_frame_equal(given, due_template(wdb_db, WDB, "WDB", D(asked_on), 30))
