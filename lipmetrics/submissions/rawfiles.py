"""The raw files of committed submissions and the check that the folder and the database agree
(docs/file-formats.md "The raw-file store").

A submission's bytes are kept in ``LIPMETRICS_SUBMISSIONS_DIR`` as ``<sha256>.<ext>``. They are
written and flushed to a partial file (``.partial-<sha256>.<ext>.<pid>``) while the database
transaction writes the values (:func:`lipmetrics.submissions.commit.commit_submission`); the
transaction commits only once the partial file is flushed, and only then is the partial file
renamed into place: a raw file exists only for a committed submission. An import killed in between leaves a partial file; the next commit, and
``lipmetrics check``, finish it (its submission committed) or remove it (it did not).
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import time
from dataclasses import dataclass
from pathlib import Path

from lipmetrics.accounts import User, sees_every_partner
from lipmetrics.errors import PermissionDeniedError, UnusableInputError
from lipmetrics.i18n import _
from lipmetrics.store import Database, queries

PARTIAL_PREFIX = ".partial-"
SUFFIXES = (".csv", ".xlsx", ".txt")
RAW_NAME = re.compile(r"^[0-9a-f]{64}\.(csv|xlsx|txt|bin)$")
PARTIAL_NAME = re.compile(r"^\.partial-([0-9a-f]{64}\.(?:csv|xlsx|txt|bin))\.\d+$")
PROCESS_STARTED = time.time()


@dataclass(frozen=True)
class StoreDifference:
    """One way the folder and the database disagree: the file, its submission (if any), what to do."""

    file: str
    submission_id: int | None
    message: str

    def __str__(self) -> str:
        return self.message


def raw_file_name(sha: str, file_name: str) -> str:
    """The name a submission's bytes are kept under: its SHA-256 and the file's kind."""
    suffix = Path(file_name).suffix.lower()
    return f"{sha}{suffix if suffix in SUFFIXES else '.bin'}"


def cannot_write(folder: Path, exc: OSError) -> str:
    """The sentence for a folder the raw files cannot be written to (full disk, read-only)."""
    if exc.errno == errno.ENOSPC:
        message = _(
            "The disk holding the submissions folder {folder} is full ({error}); nothing was "
            "saved. Free some space on it and send the file again."
        )
    else:
        message = _(
            "The submissions folder {folder} cannot be written: {error}; nothing was saved. Make "
            "it writable for the user running lipmetrics (LIPMETRICS_SUBMISSIONS_DIR names it) "
            "and send the file again."
        )
    return message.format(folder=folder, error=exc.strerror)


def write_partial(store_dir: Path, data: bytes, name: str) -> Path:
    """Write ``data`` to a partial file beside where ``name`` will be, flushed to the disk; a
    failure (full disk, read-only folder) leaves nothing behind and is unusable input."""
    partial = store_dir / f"{PARTIAL_PREFIX}{name}.{os.getpid()}"
    try:
        store_dir.mkdir(parents=True, exist_ok=True)
        try:
            with open(partial, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise UnusableInputError(cannot_write(store_dir, exc)) from exc
    return partial


def put_in_place(partial: Path, name: str) -> None:
    """Rename a partial file to its raw-file name (once its submission is committed)."""
    target = partial.parent / name
    if target.exists():  # the same bytes, kept already for another partner's submission
        partial.unlink()
    else:
        os.replace(partial, target)
    _sync_folder(partial.parent)


def _sync_folder(folder: Path) -> None:
    """Flush a folder's entries (the rename) to the disk, where the system allows it."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def finish_interrupted(db: Database, store_dir: Path) -> list[str]:
    """Finish or remove the partial files that imports killed before this process began left
    (newer ones belong to this process's own commits); return a sentence for each.

    A partial file whose submission committed, with its raw file missing and the right SHA-256,
    is renamed into place; any other is removed. A partial file gone between listing the folder
    and looking at it was put in place by its own commit, running beside this one: no error.
    """
    if not store_dir.is_dir():
        return []
    with db.cursor() as cur:
        kept = set(queries.stored_files(cur)["stored_file"])
    done = []
    for partial in sorted(store_dir.iterdir()):
        match = PARTIAL_NAME.match(partial.name)
        if not match:
            continue
        name = match.group(1)
        try:
            if partial.stat().st_mtime >= PROCESS_STARTED:
                continue
            if name in kept and not (store_dir / name).exists() and _sha256(partial) == name[:64]:
                put_in_place(partial, name)
                done.append(
                    _("{name}: finished the raw file an interrupted import left.").format(name=name)
                )
            else:
                partial.unlink()
                message = _("{name}: removed a partial file an interrupted import left.")
                done.append(message.format(name=partial.name))
        except FileNotFoundError:  # put in place meanwhile by a commit running beside this one
            continue
        except OSError as exc:
            raise UnusableInputError(cannot_write(store_dir, exc)) from exc
    return done


def check_store(db: Database, user: User, store_dir: Path) -> list[StoreDifference]:
    """Compare the folder with the database: every submission's raw file is there with the
    SHA-256 recorded for it, and every file in the folder is the raw file of a submission. Only
    for an account that sees every partner's submissions (the differences name them)."""
    if not sees_every_partner(user):
        message = _(
            "The account “{user}” may not check the submissions folder, because the check names "
            "every partner's files; run it as a coordinator or an administrator."
        )
        raise PermissionDeniedError(message.format(user=user.username))
    with db.cursor() as cur:
        ledger = queries.stored_files(cur)
    files = {p.name for p in store_dir.iterdir()} if store_dir.is_dir() else set()
    differences = []
    for row in ledger.itertuples():
        path = store_dir / row.stored_file
        named = {"id": row.id, "partner": row.partner_code, "file": row.file_name,
                 "stored": row.stored_file, "folder": store_dir}  # fmt: skip
        if row.stored_file not in files:
            message = _(
                "submission {id} ({partner}, “{file}”): its raw file {stored} is missing from "
                "{folder}; restore it from a backup."
            ).format(**named)
        elif (found := _sha256(path)) != row.sha256:
            message = _(
                "submission {id} ({partner}, “{file}”): its raw file {stored} has SHA-256 {found}, "
                "not {recorded} as recorded; the file was changed after it was received: restore "
                "it from a backup."
            ).format(**named, found=found, recorded=row.sha256)
        else:
            continue
        differences.append(StoreDifference(row.stored_file, int(row.id), message))
    for name in sorted(files - set(ledger["stored_file"])):
        message = _(
            "{name}: a file in {folder} that is the raw file of no submission in this database; "
            "move it away (or point LIPMETRICS_SUBMISSIONS_DIR at the folder of its own database)."
        ).format(name=name, folder=store_dir)
        differences.append(StoreDifference(name, None, message))
    return differences
