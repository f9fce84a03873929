"""Signing in is bookkeeping no cached read shows: it leaves the data version where it was, so
the caches of every app process stay warm; a write of data still moves it on
(docs/architecture.md "Caching")."""

from __future__ import annotations

import contextlib

import pytest

from lipmetrics.accounts import OPERATOR, authenticate, create_user
from lipmetrics.errors import SignInError
from lipmetrics.store import data_version


@pytest.mark.parametrize(("moves_version", "moves"), [(True, 1), (False, 0)])
def test_a_transaction_moves_the_version_unless_told_not_to(db, moves_version, moves) -> None:
    before = data_version(db)
    with db.transaction(moves_version=moves_version) as cur:
        cur.execute("UPDATE settings SET value = value WHERE key = ?", ["nothing"])
    assert data_version(db) == before + moves


@pytest.mark.parametrize(
    ("password", "signed_in"), [("a-long-password", True), ("not-the-password", False)]
)
def test_signing_in_leaves_the_data_version(db, password, signed_in) -> None:
    create_user(db, OPERATOR, "someone", "viewer", password="a-long-password")
    before = data_version(db)
    with contextlib.suppress(SignInError):
        user = authenticate(db, "someone", password)
        assert user.username == "someone"
        assert signed_in
    assert data_version(db) == before


def test_adding_an_account_moves_the_data_version(db) -> None:
    before = data_version(db)
    create_user(db, OPERATOR, "someone", "viewer", password="a-long-password")
    assert data_version(db) == before + 1
