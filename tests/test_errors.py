"""How a problem reads on the command line (docs/cli.md "Exit codes"): where, the value as
written, then what is wrong and what to do."""

from __future__ import annotations

import pytest

from lipmetrics.errors import InvalidInputError, Problem

CASES = [
    (Problem(3, "metric", "EMP-99", "unknown metric code: use a code from the template"),
     'line 3, column metric: "EMP-99" — unknown metric code: use a code from the template'),
    (Problem(4, "value", "", "the value is missing: write a number, or delete the line if you are not sending it now"),
     "line 4, column value: the value is missing: write a number, or delete the line if you "
     "are not sending it now"),
    (Problem(None, "reason", "", "say why the target is set or changed"),
     "column reason: say why the target is set or changed"),
    (Problem(2, None, "x", "keep one of the two lines"), 'line 2: "x" — keep one of the two lines'),
    (Problem(None, "GEO", "Ontario", "no row has this GEO: pick one from the file"),
     'column GEO: "Ontario" — no row has this GEO: pick one from the file'),
    (Problem(None, None, None, "nothing to do"), "nothing to do"),
    # a long cell is cut at 80 characters (the page shows it whole)
    (Problem(5, "notes", "a" * 100, "retype it"), f'line 5, column notes: "{"a" * 79}…" — retype it'),
    (Problem(5, "notes", "a" * 80, "retype it"), f'line 5, column notes: "{"a" * 80}" — retype it'),
]  # fmt: skip


@pytest.mark.parametrize(("problem", "text"), CASES)
def test_problem_text(problem, text) -> None:
    assert str(problem) == text


def test_invalid_input_lists_its_problems() -> None:
    error = InvalidInputError("The file has 2 problem(s).", [CASES[0][0], CASES[5][0]])
    assert str(error) == "\n".join(["The file has 2 problem(s).", CASES[0][1], "nothing to do"])
