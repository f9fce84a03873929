"""First run: the first administrator made in the browser, guarded by a one-time set-up code
(README "Accounts, roles and sign-in", The first administrator).

While the database has no administrator, the server prints a set-up code where it was started (its
terminal or log), as Jupyter prints its token. Whoever can read that log can make the first
administrator on the Set up page; whoever merely reaches the address cannot. Only a hash of the code
is kept, a guess is compared in constant time, and after :data:`MAX_WRONG_CODES` wrong codes a new
code replaces the old one (and is printed again). Once the administrator exists the code is spent.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
from collections.abc import Callable

from lipmetrics.accounts.auth import NOT_CREATED, User, _account_problems, hash_password
from lipmetrics.errors import InvalidInputError, PermissionDeniedError, Problem, SignInError
from lipmetrics.i18n import N_, _
from lipmetrics.store import Database, audit_text, queries, utcnow

# No 0/O, 1/I/L: a code read off a terminal is typed without guessing which letter it was.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
MAX_WRONG_CODES = 5
# Who the audit log names for the account the set-up page creates (there is no administrator yet).
SETUP_ACTOR = "set-up code"


def normalise_code(text: str) -> str:
    """A code as typed, read the forgiving way: case, spaces and dashes ignored."""
    return "".join(ch for ch in text.upper() if ch not in " -\t")


def _digest(code: str) -> bytes:
    return hashlib.sha256(normalise_code(code).encode()).digest()


class SetupCode:
    """The one-time set-up code of one server process.

    ``announce`` is called with each new code as ``XXXX-XXXX`` (the app prints it to the server's
    log); only its SHA-256 is kept here. Safe to share between the sessions of a server (a lock
    guards the count of wrong codes).
    """

    def __init__(self, announce: Callable[[str], None]) -> None:
        self._announce = announce
        self._lock = threading.Lock()
        self._spent = False
        self._new_code()

    def _new_code(self) -> None:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))
        self._digest = _digest(code)
        self._wrong = 0
        self._announce(f"{code[:4]}-{code[4:]}")

    @property
    def spent(self) -> bool:
        """True once the administrator was made with this code (it opens nothing any more)."""
        return self._spent

    def check(self, entered: str) -> None:
        """Return when ``entered`` is the code; else raise :class:`SignInError` with a sentence.

        The fifth wrong code in a row replaces the code with a new one, printed again.
        """
        with self._lock:
            if self._spent:
                raise SignInError(_("The set-up code was used already: sign in instead."))
            if hmac.compare_digest(_digest(entered), self._digest):
                return
            self._wrong += 1
            if self._wrong >= MAX_WRONG_CODES:
                self._new_code()
                raise SignInError(
                    _(
                        "The set-up code “{code}” is not right, and after {count} wrong codes it "
                        "was replaced: read the new code where the server was started and type "
                        "it again."
                    ).format(code=entered, count=MAX_WRONG_CODES)
                )
        raise SignInError(
            _(
                "The set-up code “{code}” is not right. Copy it from where the server was started "
                "(its terminal or log) and try again."
            ).format(code=entered)
        )

    def spend(self) -> None:
        """Mark the code used: it never opens the Set up page again."""
        with self._lock:
            self._spent = True


def create_first_admin(
    db: Database, code: SetupCode, entered: str, username: str, display_name: str,
    password: str, repeated: str,
) -> User:  # fmt: skip
    """Create the first administrator with the set-up code ``entered``; audited like any account.

    Refused with a sentence when the code is wrong (:meth:`SetupCode.check`), when an administrator
    exists already, or when the user name or password break the rules every account follows (the
    passwords as typed twice must agree). The code is spent once the account exists.
    """
    code.check(entered)
    username = username.strip().lower()
    problems = _account_problems(username, "admin", None, password)
    if password != repeated:
        problems.append(Problem(None, "password", None, _("type the same password twice")))
    if problems:
        raise InvalidInputError(_(NOT_CREATED).format(username=username), problems)
    with db.transaction() as cur:
        accounts = queries.users(cur)
        if ((accounts["role"] == "admin") & accounts["active"]).any():
            raise PermissionDeniedError(
                _("An administrator account exists already: sign in, or ask that administrator.")
            )
        if username in set(accounts["username"]):
            raise InvalidInputError(
                _(NOT_CREATED).format(username=username),
                [Problem(None, "username", username, _("this name is taken; choose another"))],
            )
        name = display_name.strip() or username
        queries.insert_user(
            cur, username, name, "admin", None, None, hash_password(password), utcnow()
        )
        queries.insert_audit(
            cur, utcnow(), SETUP_ACTOR, "account created", username,
            audit_text(N_("role admin, the first administrator, made on the Set up page")), None,
        )  # fmt: skip
    code.spend()
    return User(username, name, "admin")
