"""The schema of the database as numbered migrations, each applied once by :class:`Database`.

Each migration is applied once, in order, inside one transaction; never edit one that has shipped,
add a new one instead.
"""

from __future__ import annotations

from lipmetrics.categories import STATUS_CATEGORIES
from lipmetrics.store.later_migrations import LATER_MIGRATIONS

MIGRATIONS: list[tuple[int, str, list[str]]] = [
    (
        1,
        "plans, their hierarchy, schedules and status records",
        [
            "CREATE SEQUENCE plan_ids START 1",
            "CREATE SEQUENCE node_ids START 1",
            "CREATE SEQUENCE project_ids START 1",
            "CREATE SEQUENCE status_ids START 1",
            """CREATE TABLE plans (
                id INTEGER PRIMARY KEY DEFAULT nextval('plan_ids'),
                name VARCHAR NOT NULL UNIQUE,
                start_year INTEGER NOT NULL,
                years INTEGER NOT NULL CHECK (years BETWEEN 1 AND 50),
                top_level_name VARCHAR NOT NULL DEFAULT 'Pillar',
                source_file VARCHAR,
                as_of DATE NOT NULL,
                imported_at TIMESTAMP NOT NULL,
                imported_by VARCHAR,
                note VARCHAR
            )""",
            """CREATE TABLE pillars (
                id INTEGER PRIMARY KEY DEFAULT nextval('node_ids'),
                plan_id INTEGER NOT NULL REFERENCES plans (id),
                position INTEGER NOT NULL,
                code VARCHAR,
                name VARCHAR NOT NULL
            )""",
            """CREATE TABLE goals (
                id INTEGER PRIMARY KEY DEFAULT nextval('node_ids'),
                pillar_id INTEGER NOT NULL REFERENCES pillars (id),
                position INTEGER NOT NULL,
                code VARCHAR,
                name VARCHAR NOT NULL,
                description VARCHAR
            )""",
            """CREATE TABLE objectives (
                id INTEGER PRIMARY KEY DEFAULT nextval('node_ids'),
                pillar_id INTEGER NOT NULL REFERENCES pillars (id),
                goal_id INTEGER REFERENCES goals (id),
                position INTEGER NOT NULL,
                code VARCHAR,
                name VARCHAR NOT NULL,
                description VARCHAR
            )""",
            """CREATE TABLE projects (
                id INTEGER PRIMARY KEY DEFAULT nextval('project_ids'),
                plan_id INTEGER NOT NULL REFERENCES plans (id),
                pillar_id INTEGER NOT NULL REFERENCES pillars (id),
                goal_id INTEGER REFERENCES goals (id),
                objective_id INTEGER REFERENCES objectives (id),
                position INTEGER NOT NULL,
                code VARCHAR,
                name VARCHAR NOT NULL,
                working_group VARCHAR,
                years_text VARCHAR,
                schedule_parsed BOOLEAN NOT NULL,
                recurring BOOLEAN NOT NULL DEFAULT FALSE,
                source_line INTEGER
            )""",
            """CREATE TABLE working_group_members (
                project_id INTEGER NOT NULL REFERENCES projects (id),
                position INTEGER NOT NULL,
                member VARCHAR NOT NULL,
                PRIMARY KEY (project_id, position)
            )""",
            """CREATE TABLE project_years (
                project_id INTEGER NOT NULL REFERENCES projects (id),
                plan_year INTEGER NOT NULL,
                PRIMARY KEY (project_id, plan_year)
            )""",
            f"""CREATE TABLE status_records (
                id INTEGER PRIMARY KEY DEFAULT nextval('status_ids'),
                project_id INTEGER NOT NULL REFERENCES projects (id),
                category VARCHAR CHECK (category IN {STATUS_CATEGORIES!r}),
                original_text VARCHAR,
                status_date DATE,
                date_precision VARCHAR CHECK (date_precision IN ('year', 'month', 'day')),
                effective_date DATE NOT NULL,
                plan_year INTEGER NOT NULL,
                recorded_at TIMESTAMP NOT NULL,
                recorded_by VARCHAR,
                reason VARCHAR,
                note VARCHAR,
                source VARCHAR NOT NULL,
                illustrative BOOLEAN NOT NULL DEFAULT FALSE
            )""",
        ],
    ),
]

MIGRATIONS.append(
    (
        2,
        "partners, accounts, the audit log and settings",
        [
            """CREATE TABLE partners (
                code VARCHAR PRIMARY KEY,
                name VARCHAR NOT NULL,
                kind VARCHAR,
                created_at TIMESTAMP NOT NULL
            )""",
            """CREATE TABLE users (
                username VARCHAR PRIMARY KEY,
                display_name VARCHAR NOT NULL,
                role VARCHAR NOT NULL CHECK (role IN ('admin', 'coordinator', 'partner', 'viewer')),
                partner_code VARCHAR,
                email VARCHAR,
                password_hash VARCHAR,
                active BOOLEAN NOT NULL DEFAULT TRUE,
                created_at TIMESTAMP NOT NULL
            )""",
            """CREATE TABLE sign_in_failures (
                username VARCHAR PRIMARY KEY,
                failed_attempts INTEGER NOT NULL,
                locked_until TIMESTAMP
            )""",
            "CREATE SEQUENCE audit_ids START 1",
            """CREATE TABLE audit_log (
                id INTEGER PRIMARY KEY DEFAULT nextval('audit_ids'),
                occurred_at TIMESTAMP NOT NULL,
                username VARCHAR,
                action VARCHAR NOT NULL,
                target VARCHAR,
                detail VARCHAR,
                reason VARCHAR
            )""",
            """CREATE TABLE settings (
                key VARCHAR PRIMARY KEY,
                value VARCHAR
            )""",
        ],
    )
)

MIGRATIONS.append(
    (
        3,
        "the metric catalogue, partner submissions and metric values",
        [
            """CREATE TABLE metrics (
                code VARCHAR PRIMARY KEY,
                name VARCHAR NOT NULL,
                definition VARCHAR,
                unit VARCHAR NOT NULL CHECK (unit IN ('count', 'percent', 'currency', 'rate')),
                direction VARCHAR NOT NULL CHECK (direction IN ('higher', 'lower')),
                frequency VARCHAR NOT NULL CHECK (frequency IN ('annual', 'quarterly', 'monthly')),
                kind VARCHAR NOT NULL CHECK (kind IN ('performance', 'population')),
                pillar VARCHAR,
                breakdowns VARCHAR NOT NULL DEFAULT '',
                baseline DOUBLE,
                baseline_period VARCHAR,
                target DOUBLE,
                target_period VARCHAR,
                updated_at TIMESTAMP NOT NULL
            )""",
            """CREATE TABLE metric_partners (
                metric_code VARCHAR NOT NULL,
                partner_code VARCHAR NOT NULL,
                PRIMARY KEY (metric_code, partner_code)
            )""",
            """CREATE TABLE breakdown_categories (
                breakdown VARCHAR NOT NULL,
                category VARCHAR NOT NULL,
                PRIMARY KEY (breakdown, category)
            )""",
            "CREATE SEQUENCE submission_ids START 1",
            "CREATE SEQUENCE value_ids START 1",
            """CREATE TABLE submissions (
                id INTEGER PRIMARY KEY DEFAULT nextval('submission_ids'),
                partner_code VARCHAR NOT NULL,
                username VARCHAR NOT NULL,
                submitted_at TIMESTAMP NOT NULL,
                file_name VARCHAR NOT NULL,
                sha256 VARCHAR NOT NULL,
                row_count INTEGER NOT NULL,
                stored_file VARCHAR NOT NULL,
                read_as VARCHAR,
                decimal_comma BOOLEAN NOT NULL DEFAULT FALSE
            )""",
            """CREATE TABLE submission_events (
                submission_id INTEGER NOT NULL,
                occurred_at TIMESTAMP NOT NULL,
                username VARCHAR NOT NULL,
                event VARCHAR NOT NULL CHECK (event IN ('committed', 'withdrawn', 'restored')),
                reason VARCHAR
            )""",
            """CREATE TABLE metric_values (
                id INTEGER PRIMARY KEY DEFAULT nextval('value_ids'),
                submission_id INTEGER NOT NULL,
                metric_code VARCHAR NOT NULL,
                partner_code VARCHAR NOT NULL,
                period VARCHAR NOT NULL,
                breakdown VARCHAR NOT NULL DEFAULT '',
                value DOUBLE NOT NULL,
                notes VARCHAR,
                line INTEGER NOT NULL
            )""",
        ],
    )
)

MIGRATIONS.append(
    (
        4,
        "scorecards: how metrics combine, targets and baselines with history, notes, "
        "third-party indicator values",
        [
            # How values combine across partners and breakdowns (sum, ratio of a numerator and a
            # denominator metric, or none) and across periods (sum, average, latest).
            "ALTER TABLE metrics ADD COLUMN aggregation VARCHAR DEFAULT 'sum'",
            "ALTER TABLE metrics ADD COLUMN numerator VARCHAR",
            "ALTER TABLE metrics ADD COLUMN denominator VARCHAR",
            "ALTER TABLE metrics ADD COLUMN rollup VARCHAR DEFAULT 'sum'",
            "UPDATE metrics SET aggregation = 'none', rollup = 'average' "
            "WHERE unit IN ('percent', 'rate')",
            "CREATE SEQUENCE target_ids START 1",
            # Append-only: the record in force for a metric, kind and period is the latest one;
            # a NULL value removes a period's own target.
            """CREATE TABLE metric_targets (
                id INTEGER PRIMARY KEY DEFAULT nextval('target_ids'),
                metric_code VARCHAR NOT NULL,
                kind VARCHAR NOT NULL CHECK (kind IN ('target', 'baseline')),
                period VARCHAR NOT NULL DEFAULT '',
                value DOUBLE,
                set_at TIMESTAMP NOT NULL,
                username VARCHAR NOT NULL,
                reason VARCHAR NOT NULL
            )""",
            "CREATE SEQUENCE note_ids START 1",
            """CREATE TABLE metric_notes (
                id INTEGER PRIMARY KEY DEFAULT nextval('note_ids'),
                metric_code VARCHAR NOT NULL,
                period VARCHAR NOT NULL,
                note VARCHAR NOT NULL,
                written_at TIMESTAMP NOT NULL,
                username VARCHAR NOT NULL
            )""",
            "CREATE SEQUENCE indicator_import_ids START 1",
            """CREATE TABLE indicator_imports (
                id INTEGER PRIMARY KEY DEFAULT nextval('indicator_import_ids'),
                metric_code VARCHAR NOT NULL,
                file_name VARCHAR NOT NULL,
                sha256 VARCHAR NOT NULL,
                source VARCHAR NOT NULL,
                series VARCHAR NOT NULL,
                imported_at TIMESTAMP NOT NULL,
                username VARCHAR NOT NULL
            )""",
            # A value withheld by the source (suppressed, too unreliable) is a NULL value with the
            # source's flag and its meaning, never a zero.
            """CREATE TABLE indicator_values (
                import_id INTEGER NOT NULL,
                metric_code VARCHAR NOT NULL,
                period VARCHAR NOT NULL,
                value DOUBLE,
                flag VARCHAR NOT NULL DEFAULT '',
                flag_meaning VARCHAR NOT NULL DEFAULT '',
                vector VARCHAR
            )""",
        ],
    )
)

MIGRATIONS.append(
    (
        5,
        "the LIP's own status vocabulary; retracted status records",
        [
            # Phrases coordinators taught (README "Definitions"), compared folded: lower case,
            # accents dropped, spaces collapsed; ``written`` keeps the phrase as typed.
            f"""CREATE TABLE status_vocabulary (
                phrase VARCHAR PRIMARY KEY,
                written VARCHAR NOT NULL,
                category VARCHAR NOT NULL CHECK (category IN {STATUS_CATEGORIES!r}),
                added_at TIMESTAMP NOT NULL,
                added_by VARCHAR NOT NULL
            )""",
            # A retracted status record stays in the history, marked, and leaves the figures.
            """CREATE TABLE status_retractions (
                status_id INTEGER PRIMARY KEY,
                retracted_at TIMESTAMP NOT NULL,
                retracted_by VARCHAR NOT NULL,
                reason VARCHAR NOT NULL
            )""",
        ],
    )
)

MIGRATIONS.append(
    (
        6,
        "a re-sent total withdraws the earlier breakdown values of its metric and period",
        [
            # A NULL value is a withdrawal: the submission that re-sent the total supersedes the
            # breakdown key, and nothing is in force for it (docs/file-formats.md "Partner
            # submission files"); its line is the total's.
            "ALTER TABLE metric_values ALTER COLUMN value DROP NOT NULL",
        ],
    )
)

MIGRATIONS.append(
    (
        7,
        "partner organisations and breakdown categories can be retired",
        [
            # A retired partner or category stays in the history and in the values sent with it,
            # and is no longer offered for new submissions or catalogue lists (README "Partner
            # organisations and breakdowns").
            "ALTER TABLE partners ADD COLUMN retired_at TIMESTAMP",
            "ALTER TABLE breakdown_categories ADD COLUMN retired_at TIMESTAMP",
        ],
    )
)

MIGRATIONS.append(
    (
        8,
        "retired metrics",
        [
            # A retired metric keeps its values and history but leaves the templates and the
            # scorecard (docs/file-formats.md "Metric catalogue"); NULL while it is in use.
            "ALTER TABLE metrics ADD COLUMN retired_at TIMESTAMP",
        ],
    )
)

MIGRATIONS.append(
    (
        9,
        "plan edits after import: moved and retired goals, objectives and projects; the audit of each item",
        [
            # A retired item stays (its history, its status records) but leaves the figures
            # (docs/definitions.md "Editing the plan").
            """CREATE TABLE plan_retirements (
                kind VARCHAR NOT NULL CHECK (kind IN ('goal', 'objective', 'project')),
                item_id INTEGER NOT NULL,
                retired_at TIMESTAMP NOT NULL,
                retired_by VARCHAR NOT NULL,
                reason VARCHAR NOT NULL,
                PRIMARY KEY (kind, item_id)
            )""",
            # Where a moved goal, objective or project is now (its own row keeps the place it was
            # imported with: DuckDB cannot update a column of a row that other tables refer to).
            """CREATE TABLE plan_places (
                kind VARCHAR NOT NULL CHECK (kind IN ('goal', 'objective', 'project')),
                item_id INTEGER NOT NULL,
                pillar_id INTEGER NOT NULL,
                goal_id INTEGER,
                objective_id INTEGER,
                PRIMARY KEY (kind, item_id)
            )""",
            # Which plan item each audit-log line of a plan edit is about: an item's edit history.
            """CREATE TABLE plan_edit_audit (
                audit_id INTEGER PRIMARY KEY,
                plan_id INTEGER NOT NULL,
                kind VARCHAR NOT NULL CHECK (kind IN ('goal', 'objective', 'project')),
                item_id INTEGER NOT NULL
            )""",
        ],
    )
)

MIGRATIONS.append(
    (
        10,
        "the note a partner confirms a file's unusual values with",
        [
            # docs/file-formats.md "Plausibility warnings": NULL when the file had none.
            "ALTER TABLE submissions ADD COLUMN note VARCHAR",
        ],
    )
)

# Migrations 12 onwards live in their own module (this one reached its size limit).
MIGRATIONS.extend(LATER_MIGRATIONS)

SCHEMA_VERSION = MIGRATIONS[-1][0]
