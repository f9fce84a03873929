"""Typed errors that carry what a person needs to fix the problem.

Pages catch only these and show them with ``st.error``; the command line prints them and exits with
``exit_code`` (1: the input is invalid, 2: the input is unusable or something it needs is missing).
"""

from __future__ import annotations

from dataclasses import dataclass

from lipmetrics.i18n import N_, gettext


class LipmetricsError(Exception):
    """Base class of every error a user can be shown as-is."""

    exit_code = 2


SHOWN = 80  # characters of a value a problem's line shows (a cell may hold 10,000)


@dataclass(frozen=True)
class Problem:
    """One problem found in an input file: where it is, what was found and what to do.

    ``message`` says what is wrong and what to do without repeating ``value``: a problem's line
    shows the value as written, ``line 3, column metric: "EMP-99" — unknown metric code: use a
    code from the template`` (a page shows it in a column of its own)."""

    line: int | None
    column: str | None
    value: str | None
    message: str

    def __str__(self) -> str:
        value = self.value or ""
        value = value if len(value) <= SHOWN else value[: SHOWN - 1] + "…"
        where = (self.line is not None, bool(self.column), bool(value))
        if where == (False, False, False):
            return self.message
        return gettext(PROBLEM_LINES[where]).format(
            line=self.line, column=self.column, value=value, message=self.message
        )


# A problem's line as one whole sentence for each of what it has: a line number, a column, a value.
PROBLEM_LINES = {
    (True, True, True): N_('line {line}, column {column}: "{value}" — {message}'),
    (True, True, False): N_("line {line}, column {column}: {message}"),
    (True, False, True): N_('line {line}: "{value}" — {message}'),
    (True, False, False): N_("line {line}: {message}"),
    (False, True, True): N_('column {column}: "{value}" — {message}'),
    (False, True, False): N_("column {column}: {message}"),
    (False, False, True): N_('"{value}" — {message}'),
}


class InvalidInputError(LipmetricsError):
    """The input was read but breaks one or more rules; nothing was written."""

    exit_code = 1

    def __init__(self, summary: str, problems: list[Problem]):
        self.summary = summary
        self.problems = list(problems)
        super().__init__(summary)

    def __str__(self) -> str:
        return "\n".join([self.summary, *(str(p) for p in self.problems)])


class UnusableInputError(LipmetricsError):
    """The input cannot be read at all (wrong format, unreadable, empty)."""

    exit_code = 2


class NotFoundError(LipmetricsError):
    """Something named by the user (a plan, a project) does not exist."""

    exit_code = 2


class DuplicateError(LipmetricsError):
    """Something the user asked to create already exists."""

    exit_code = 1


class PermissionDeniedError(LipmetricsError):
    """The acting account's role does not allow this; nothing was written."""

    exit_code = 1


class SignInError(LipmetricsError):
    """A sign-in was refused (wrong user name or password, or too many attempts)."""

    exit_code = 1


class SignInLockedError(SignInError):
    """A sign-in refused because failed attempts keep the user name locked for a while."""


class SessionEndedError(SignInError):
    """A signed-in session can no longer be used: ``reason`` says why (one of
    :data:`SESSION_END_REASONS`), and the message is a whole sentence for the sign-in page."""

    def __init__(self, reason: str, message: str):
        self.reason = reason
        super().__init__(message)


SESSION_END_REASONS = (
    "unknown", "expired", "signed out", "revoked", "password changed", "account removed",
)  # fmt: skip


class DatabaseInUseError(LipmetricsError):
    """Another program holds the database file open for writing."""

    exit_code = 2


def problems_table(problems: list[Problem]):
    """Return problems as a DataFrame a page can show as-is: line, column, value, what to do."""
    import pandas as pd  # kept local: the rest of this module is plain Python

    return pd.DataFrame(
        [(p.line, p.column or "", p.value or "", p.message) for p in problems],
        columns=["line", "column", "value found", "what to do"],
    ).astype({"line": "Int64"})


class NotCombinableError(LipmetricsError):
    """Values were asked to be combined that must not be (percentages added up, for example)."""

    exit_code = 1
