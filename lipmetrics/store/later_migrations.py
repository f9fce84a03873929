"""Migrations 12 onwards: the schema's later steps, appended to :data:`lipmetrics.store.migrations.MIGRATIONS`.

The same rules hold: each is applied once, in order, inside one transaction; never edit one that
has shipped, add a new one at the end instead. The SQL runs on DuckDB and PostgreSQL alike
(docs/architecture.md "Two backends").
"""

from __future__ import annotations

LATER_MIGRATIONS: list[tuple[int, str, list[str]]] = []

# One row that every write transaction moves on; caches compare it (docs/architecture.md "Caching").
LATER_MIGRATIONS.append((12, "the data version every write transaction moves on", [
    "CREATE TABLE data_version (id INTEGER PRIMARY KEY CHECK (id = 1), version BIGINT NOT NULL)",
    "INSERT INTO data_version (id, version) VALUES (1, 0)",
]))  # fmt: skip

# The order categories were added in, kept through a rename (PostgreSQL has no stable row order).
LATER_MIGRATIONS.append((13, "the order breakdown categories were added in", [
    "CREATE SEQUENCE category_ids START 1",
    "ALTER TABLE breakdown_categories ADD COLUMN id INTEGER DEFAULT nextval('category_ids')",
]))  # fmt: skip

# Server-side sessions: only a hash of each token is kept (README "Accounts, roles and sign-in").
# The id is drawn in the INSERT, not as a column default: a copy leaves this table out
# (lipmetrics/store/copy.py OWN_TABLES), so no id sequence of the copy depends on it.
LATER_MIGRATIONS.append((14, "server-side sessions, kept as hashes of their tokens", [
    "CREATE SEQUENCE session_ids START 1",
    """CREATE TABLE sessions (
        id INTEGER PRIMARY KEY,
        token_hash VARCHAR UNIQUE NOT NULL,
        username VARCHAR NOT NULL,
        kind VARCHAR NOT NULL,
        created_at TIMESTAMP NOT NULL,
        last_seen_at TIMESTAMP NOT NULL,
        expires_at TIMESTAMP NOT NULL,
        user_agent VARCHAR NOT NULL,
        ended_at TIMESTAMP,
        end_reason VARCHAR
    )""",
    "CREATE INDEX sessions_by_user ON sessions (username)",
]))  # fmt: skip

# The versions of a partner's submissions, moved on instead of the data version by a submission
# (docs/architecture.md "Caching"): a partner's save leaves the plan's cached pages warm.
LATER_MIGRATIONS.append((15, "the values versions a partner's submission moves on", [
    "CREATE TABLE topic_versions (topic VARCHAR PRIMARY KEY, version BIGINT NOT NULL)",
]))  # fmt: skip

# The language an account chose in the app (README "Languages"); NULL until it chooses one.
LATER_MIGRATIONS.append((16, "the language each account chose", [
    "ALTER TABLE users ADD COLUMN language VARCHAR",
]))  # fmt: skip

# French versions of what people named (README "Languages"): NULL until someone writes one; the
# screens then show the original with a mark (lipmetrics/i18n/content.py).
LATER_MIGRATIONS.append((17, "French names and definitions of plans, their items and metrics", [
    "ALTER TABLE plans ADD COLUMN name_fr VARCHAR",
    "ALTER TABLE pillars ADD COLUMN name_fr VARCHAR",
    "ALTER TABLE goals ADD COLUMN name_fr VARCHAR",
    "ALTER TABLE goals ADD COLUMN description_fr VARCHAR",
    "ALTER TABLE objectives ADD COLUMN name_fr VARCHAR",
    "ALTER TABLE objectives ADD COLUMN description_fr VARCHAR",
    "ALTER TABLE projects ADD COLUMN name_fr VARCHAR",
    "ALTER TABLE metrics ADD COLUMN name_fr VARCHAR",
    "ALTER TABLE metrics ADD COLUMN definition_fr VARCHAR",
]))  # fmt: skip

# The audit log's sentences the app writes, shown in the reader's language (README "Languages"):
# the English sentence stays in `detail`; its msgid and placeholders (JSON) beside it, and the
# msgid of a reason the app wrote. NULL for older lines and texts people wrote (shown as written).
LATER_MIGRATIONS.append((18, "the keys of the audit log's sentences, to show them in each language", [
    "ALTER TABLE audit_log ADD COLUMN detail_key VARCHAR",
    "ALTER TABLE audit_log ADD COLUMN detail_args VARCHAR",
    "ALTER TABLE audit_log ADD COLUMN reason_key VARCHAR",
]))  # fmt: skip
