"""The first schema: sources, reports, entities, mentions, events, incidents, judgements, audit.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

ID = sa.String(64)


def _sources_reports() -> None:
    op.create_table(
        "sources",
        sa.Column("id", ID, primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("kind", sa.String(32), nullable=False, server_default="unknown"),
        sa.Column("independence_group", ID),
    )
    op.create_table(
        "reports",
        sa.Column("id", ID, primary_key=True),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("archive_path", sa.Text, nullable=False),
        sa.Column("media_type", sa.String(100), nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("published", sa.Date),
        sa.Column("published_precision", sa.Integer),
        sa.Column("url", sa.Text),
        sa.Column("language", sa.String(16)),
        sa.Column("source_id", ID, sa.ForeignKey("sources.id")),
        sa.Column("external_id", sa.Text),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("parent_id", ID, sa.ForeignKey("reports.id")),
        sa.Column("original_name", sa.Text),
        sa.Column("protected", sa.JSON, nullable=False),
        sa.Column("fictional", sa.Boolean, nullable=False, server_default="0"),
        sa.UniqueConstraint("sha256", name="uq_reports_sha256"),
    )
    op.create_index("ix_reports_published", "reports", ["published"])
    op.create_index("ix_reports_source", "reports", ["source_id"])


def _entities_mentions() -> None:
    op.create_table(
        "entities",
        sa.Column("id", ID, primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("aliases", sa.JSON, nullable=False),
        sa.Column("attributes", sa.JSON, nullable=False),
        sa.Column("extractor", sa.String(64), nullable=False, server_default=""),
        sa.Column("confidence", sa.Float, nullable=False, server_default="1"),
    )
    op.create_index("ix_entities_kind", "entities", ["kind"])
    op.create_table(
        "mentions",
        sa.Column("id", ID, primary_key=True),
        sa.Column("report_id", ID, sa.ForeignKey("reports.id"), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("value", sa.JSON),
        sa.Column("entity_id", ID),
        sa.Column("reason", sa.Text),
        sa.Column("extractor", sa.String(64), nullable=False, server_default=""),
        sa.Column("confidence", sa.Float, nullable=False, server_default="1"),
    )
    op.create_index("ix_mentions_report", "mentions", ["report_id"])
    op.create_index("ix_mentions_entity", "mentions", ["entity_id"])


def _events() -> None:
    op.create_table(
        "events",
        sa.Column("id", ID, primary_key=True),
        sa.Column("report_id", ID, sa.ForeignKey("reports.id"), nullable=False),
        sa.Column("event_type", sa.String(64), nullable=False),
        sa.Column("sub_event_type", sa.String(64), nullable=False),
        sa.Column("violations", sa.JSON, nullable=False),
        sa.Column("date_start", sa.Date),
        sa.Column("date_end", sa.Date),
        sa.Column("time_precision", sa.Integer),
        sa.Column("place_id", ID),
        sa.Column("place_name", sa.Text),
        sa.Column("lat", sa.Float),
        sa.Column("lon", sa.Float),
        sa.Column("geo_precision", sa.Integer),
        sa.Column("country", sa.String(2)),
        sa.Column("admin1", sa.Text),
        sa.Column("actors", sa.JSON, nullable=False),
        sa.Column("counts", sa.JSON, nullable=False),
        sa.Column("money", sa.JSON, nullable=False),
        sa.Column("fatalities_low", sa.Integer),
        sa.Column("fatalities_best", sa.Integer),
        sa.Column("fatalities_high", sa.Integer),
        sa.Column("modality", sa.String(16), nullable=False, server_default="asserted"),
        sa.Column("attributed_to", sa.Text),
        sa.Column("evidence", sa.JSON, nullable=False),
        sa.Column("background", sa.Boolean, nullable=False, server_default="0"),
        sa.Column("confidence", sa.Float, nullable=False, server_default="0.5"),
        sa.Column("status", sa.String(16), nullable=False, server_default="suggested"),
        sa.Column("extractor", sa.String(64), nullable=False, server_default=""),
    )
    op.create_index("ix_events_report", "events", ["report_id"])
    op.create_index("ix_events_date", "events", ["date_start"])


def _incidents() -> None:
    op.create_table(
        "incidents",
        sa.Column("id", ID, primary_key=True),
        sa.Column("event_type", sa.String(64)),
        sa.Column("date_start", sa.Date),
        sa.Column("date_end", sa.Date),
        sa.Column("place_id", ID),
        sa.Column("place_name", sa.Text),
        sa.Column("lat", sa.Float),
        sa.Column("lon", sa.Float),
        sa.Column("fatalities_low", sa.Integer),
        sa.Column("fatalities_best", sa.Integer),
        sa.Column("fatalities_high", sa.Integer),
        sa.Column("sources", sa.JSON, nullable=False),
        sa.Column("independent_sources", sa.Integer, nullable=False),
        sa.Column("conflicts", sa.JSON, nullable=False),
        sa.Column("explanation", sa.JSON, nullable=False),
        sa.Column("confidence", sa.Float, nullable=False, server_default="0.5"),
    )
    op.create_table(
        "incident_events",
        sa.Column("incident_id", ID, sa.ForeignKey("incidents.id"), primary_key=True),
        sa.Column("event_id", ID, sa.ForeignKey("events.id"), primary_key=True),
        sa.Column("report_id", ID, nullable=False),
    )
    op.create_index("ix_incident_events_event", "incident_events", ["event_id"])


def _judgements_audit() -> None:
    op.create_table(
        "judgements",
        sa.Column("id", ID, primary_key=True),
        sa.Column("subject_kind", sa.String(32), nullable=False),
        sa.Column("subject", ID, nullable=False),
        sa.Column("other", ID),
        sa.Column("decision", sa.String(16), nullable=False),
        sa.Column("user", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True)),
        sa.Column("comment", sa.Text),
    )
    op.create_index("ix_judgements_subject", "judgements", ["subject_kind", "subject"])
    op.create_table(
        "audit",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("user", sa.Text, nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("record_kind", sa.String(32), nullable=False),
        sa.Column("record_id", ID, nullable=False),
        sa.Column("before", sa.JSON),
        sa.Column("after", sa.JSON),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
    )


def upgrade() -> None:
    _sources_reports()
    _entities_mentions()
    _events()
    _incidents()
    _judgements_audit()


def downgrade() -> None:
    for table in ("audit", "judgements", "incident_events", "incidents", "events", "mentions",
                  "entities", "reports", "sources"):
        op.drop_table(table)
