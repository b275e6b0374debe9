"""Full-text search over reports, the review queue, and the report's processing mark.

SQLite: an FTS5 index over reports (external content, kept in step by triggers).
PostgreSQL: a generated tsvector column with a GIN index, under a text search configuration
``rasd_simple`` (the ``simple`` one plus ``unaccent``: the extension ships with PostgreSQL's
contrib; a database user who may not create extensions needs an administrator to run
``CREATE EXTENSION unaccent`` once). Both tokenise without stemming and fold case and
diacritics, so a query means the same on either backend.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

SQLITE_FTS = [
    "CREATE VIRTUAL TABLE reports_fts USING fts5(title, text, content='reports', "
    "content_rowid='rowid', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER reports_fts_ai AFTER INSERT ON reports BEGIN "
    "INSERT INTO reports_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text); END",
    "CREATE TRIGGER reports_fts_ad AFTER DELETE ON reports BEGIN "
    "INSERT INTO reports_fts(reports_fts, rowid, title, text) "
    "VALUES ('delete', old.rowid, old.title, old.text); END",
    "CREATE TRIGGER reports_fts_au AFTER UPDATE OF title, text ON reports BEGIN "
    "INSERT INTO reports_fts(reports_fts, rowid, title, text) "
    "VALUES ('delete', old.rowid, old.title, old.text); "
    "INSERT INTO reports_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text); END",
    "INSERT INTO reports_fts(reports_fts) VALUES ('rebuild')",
]

POSTGRES_FTS = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE TEXT SEARCH CONFIGURATION rasd_simple (COPY = simple)",
    "ALTER TEXT SEARCH CONFIGURATION rasd_simple ALTER MAPPING FOR hword, hword_part, word "
    "WITH unaccent, simple",
    "ALTER TABLE reports ADD COLUMN search tsvector GENERATED ALWAYS AS "
    "(to_tsvector('rasd_simple'::regconfig, coalesce(title, '') || ' ' || text)) STORED",
    "CREATE INDEX ix_reports_search ON reports USING gin (search)",
]


def upgrade() -> None:
    op.add_column("reports", sa.Column("processed_by", sa.String(64)))
    op.create_table(
        "review_queue",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("subject", sa.String(64), nullable=False),
        sa.Column("other", sa.String(64)),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("explanation", sa.JSON, nullable=False),
    )
    dialect = op.get_bind().dialect.name
    for statement in SQLITE_FTS if dialect == "sqlite" else POSTGRES_FTS:
        op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for name in ("reports_fts_ai", "reports_fts_ad", "reports_fts_au"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS reports_fts")
    else:
        op.execute("ALTER TABLE reports DROP COLUMN search")
        op.execute("DROP TEXT SEARCH CONFIGURATION IF EXISTS rasd_simple")
    op.drop_table("review_queue")
    with op.batch_alter_table("reports") as batch:
        batch.drop_column("processed_by")
