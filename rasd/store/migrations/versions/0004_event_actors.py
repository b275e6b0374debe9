"""The events' actors in a table of their own (``event_actors``: the search's perpetrator filter
and facet become index lookups instead of parsing every event's JSON), and full text that
ignores Arabic vowel marks and tatweel, so that ``كتب`` finds ``كَتَبَ`` and the other way round.

SQLite: the FTS5 index reads the reports through a view that drops the marks, and the triggers
feed it the same folded text. PostgreSQL: the generated ``search`` column drops them before
``to_tsvector``. The query side folds the same characters (``rasd.store.search.MARKS``).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

#: Arabic marks dropped by full text: honorifics and Quranic signs above letters, harakat
#: (tanwin, fatha, damma, kasra, shadda, sukun, madda, hamza marks...), tatweel, dagger alef.
MARKS = ("".join(chr(c) for c in range(0x0610, 0x061B)) + "\u0640"
         + "".join(chr(c) for c in range(0x064B, 0x0660)) + "\u0670")


#: SQLite has no translate(): the marks are dropped by nested replace() calls, a dozen to a view
#: (deeper nesting overflows SQLite's parser), the views stacked.
FOLD_VIEWS = ("reports_fts_fold1", "reports_fts_fold2", "reports_fts_source")
TRIGGERS = ("reports_fts_ai", "reports_fts_ad", "reports_fts_au", "reports_fts_bd",
            "reports_fts_bu")


def _fold_sqlite(expr: str, marks: str) -> str:
    for mark in marks:
        expr = f"replace({expr}, '{mark}', '')"
    return expr


def _fold_views() -> list[str]:
    made, below = [], "(SELECT rowid AS rid, title, text FROM reports)"
    for at, name in enumerate(FOLD_VIEWS):
        marks = MARKS[at * 12:(at + 1) * 12]
        made.append(f"CREATE VIEW {name} AS SELECT rid, {_fold_sqlite('title', marks)} AS "
                    f"title, {_fold_sqlite('text', marks)} AS text FROM {below}")
        below = name
    return made


FOLDED_FTS = [
    "CREATE VIRTUAL TABLE reports_fts USING fts5(title, text, content='reports_fts_source', "
    "content_rowid='rid', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER reports_fts_ai AFTER INSERT ON reports BEGIN "
    "INSERT INTO reports_fts(rowid, title, text) SELECT rid, title, text "
    "FROM reports_fts_source WHERE rid = new.rowid; END",
    "CREATE TRIGGER reports_fts_bd BEFORE DELETE ON reports BEGIN "
    "INSERT INTO reports_fts(reports_fts, rowid, title, text) SELECT 'delete', rid, title, "
    "text FROM reports_fts_source WHERE rid = old.rowid; END",
    "CREATE TRIGGER reports_fts_bu BEFORE UPDATE OF title, text ON reports BEGIN "
    "INSERT INTO reports_fts(reports_fts, rowid, title, text) SELECT 'delete', rid, title, "
    "text FROM reports_fts_source WHERE rid = old.rowid; END",
    "CREATE TRIGGER reports_fts_au AFTER UPDATE OF title, text ON reports BEGIN "
    "INSERT INTO reports_fts(rowid, title, text) SELECT rid, title, text "
    "FROM reports_fts_source WHERE rid = new.rowid; END",
    "INSERT INTO reports_fts(reports_fts) VALUES ('rebuild')",
]

PLAIN_FTS = [  # as migration 0002 made it
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


def _sqlite_search(fold: bool) -> list[str]:
    drop = [f"DROP TRIGGER IF EXISTS {name}" for name in TRIGGERS]
    drop += ["DROP TABLE IF EXISTS reports_fts"]
    drop += [f"DROP VIEW IF EXISTS {name}" for name in reversed(FOLD_VIEWS)]
    return drop + (_fold_views() + FOLDED_FTS if fold else PLAIN_FTS)


def _postgres_search(fold: bool) -> list[str]:
    body = "coalesce(title, '') || ' ' || text"
    if fold:
        body = f"translate({body}, '{MARKS}', '')"
    return [
        "DROP INDEX IF EXISTS ix_reports_search",
        "ALTER TABLE reports DROP COLUMN IF EXISTS search",
        "ALTER TABLE reports ADD COLUMN search tsvector GENERATED ALWAYS AS "
        f"(to_tsvector('rasd_simple'::regconfig, {body})) STORED",
        "CREATE INDEX ix_reports_search ON reports USING gin (search)",
    ]


def _search(fold: bool) -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for statement in _sqlite_search(fold) if sqlite else _postgres_search(fold):
        op.execute(statement)


BACKFILL = {
    "sqlite": "SELECT DISTINCT e.id AS event_id, json_extract(a.value, '$.role') AS role, "
              "coalesce(json_extract(a.value, '$.entity'), json_extract(a.value, '$.name')) "
              "AS actor, e.report_id FROM events e, json_each(e.actors) a",
    "postgresql": "SELECT DISTINCT e.id AS event_id, a->>'role' AS role, "
                  "coalesce(a->>'entity', a->>'name') AS actor, e.report_id "
                  "FROM events e, json_array_elements(e.actors) a",
}


def upgrade() -> None:
    op.create_table(
        "event_actors",
        sa.Column("event_id", sa.String(64), sa.ForeignKey("events.id"), primary_key=True),
        sa.Column("role", sa.String(16), primary_key=True),
        sa.Column("actor", sa.Text, primary_key=True),
        sa.Column("report_id", sa.String(64), nullable=False),
    )
    op.create_index("ix_event_actors_actor", "event_actors",
                    ["role", "actor", "report_id", "event_id"])
    found = BACKFILL["sqlite" if op.get_bind().dialect.name == "sqlite" else "postgresql"]
    op.execute("INSERT INTO event_actors (event_id, role, actor, report_id) SELECT f.event_id, "
               f"f.role, f.actor, f.report_id FROM ({found}) f "
               "WHERE f.role IS NOT NULL AND f.actor IS NOT NULL")
    _search(fold=True)
    _search_indexes()


def _search_indexes() -> None:
    op.drop_index("ix_events_report", "events")
    op.create_index("ix_events_report", "events", ["report_id", "status", "event_type",
                                                   "admin1"])
    op.drop_index("ix_events_date", "events")
    op.create_index("ix_events_date", "events", ["date_start", "date_end", "status",
                                                 "report_id"])
    op.create_index("ix_events_type", "events", ["event_type", "status", "report_id"])
    op.create_index("ix_events_admin1", "events", ["admin1", "status", "report_id"])
    op.create_index("ix_events_status", "events", ["status"])


def downgrade() -> None:
    for name in ("ix_events_status", "ix_events_admin1", "ix_events_type", "ix_events_report"):
        op.drop_index(name, "events")
    op.create_index("ix_events_report", "events", ["report_id"])
    op.drop_index("ix_events_date", "events")
    op.create_index("ix_events_date", "events", ["date_start"])
    _search(fold=False)
    op.drop_index("ix_event_actors_actor", "event_actors")
    op.drop_table("event_actors")
