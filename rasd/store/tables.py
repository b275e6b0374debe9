"""The tables of a Rasd workspace (SQLAlchemy Core), one per record of rasd/model.py.

The schema is changed only through Alembic migrations (rasd/store/migrations/); this module is
the current shape, and a test checks that the migrations produce exactly it.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

sources = Table(
    "sources",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("name", Text, nullable=False),
    Column("kind", String(32), nullable=False, server_default="unknown"),
    Column("independence_group", String(64)),
)

reports = Table(
    "reports",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("sha256", String(64), nullable=False),
    Column("archive_path", Text, nullable=False),
    Column("media_type", String(100), nullable=False),
    Column("title", Text),
    Column("published", Date),
    Column("published_precision", Integer),
    Column("url", Text),
    Column("language", String(16)),
    Column("source_id", String(64), ForeignKey("sources.id")),
    Column("external_id", Text),
    Column("received_at", DateTime(timezone=True), nullable=False),
    Column("text", Text, nullable=False),
    Column("parent_id", String(64), ForeignKey("reports.id")),
    Column("original_name", Text),
    Column("protected", JSON, nullable=False),
    Column("fictional", Boolean, nullable=False, server_default="0"),
    Column("processed_by", String(64)),
    UniqueConstraint("sha256", name="uq_reports_sha256"),
)
Index("ix_reports_published", reports.c.published)
Index("ix_reports_source", reports.c.source_id)
Index("ix_reports_received", reports.c.received_at)  # "newest first" in search

entities = Table(
    "entities",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("kind", String(16), nullable=False),
    Column("name", Text, nullable=False),
    Column("aliases", JSON, nullable=False),
    Column("attributes", JSON, nullable=False),
    Column("extractor", String(64), nullable=False, server_default=""),
    Column("confidence", Float, nullable=False, server_default="1"),
)
Index("ix_entities_kind", entities.c.kind)

mentions = Table(
    "mentions",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("report_id", String(64), ForeignKey("reports.id"), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("value", JSON),
    Column("entity_id", String(64)),
    Column("reason", Text),
    Column("extractor", String(64), nullable=False, server_default=""),
    Column("confidence", Float, nullable=False, server_default="1"),
)
Index("ix_mentions_report", mentions.c.report_id)
Index("ix_mentions_entity", mentions.c.entity_id)

events = Table(
    "events",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("report_id", String(64), ForeignKey("reports.id"), nullable=False),
    Column("event_type", String(64), nullable=False),
    Column("sub_event_type", String(64), nullable=False),
    Column("violations", JSON, nullable=False),
    Column("date_start", Date),
    Column("date_end", Date),
    Column("time_precision", Integer),
    Column("place_id", String(64)),
    Column("place_name", Text),
    Column("lat", Float),
    Column("lon", Float),
    Column("geo_precision", Integer),
    Column("country", String(2)),
    Column("admin1", Text),
    Column("actors", JSON, nullable=False),
    Column("counts", JSON, nullable=False),
    Column("money", JSON, nullable=False),
    Column("fatalities_low", Integer),
    Column("fatalities_best", Integer),
    Column("fatalities_high", Integer),
    Column("modality", String(16), nullable=False, server_default="asserted"),
    Column("attributed_to", Text),
    Column("evidence", JSON, nullable=False),
    Column("background", Boolean, nullable=False, server_default="0"),
    Column("confidence", Float, nullable=False, server_default="0.5"),
    Column("status", String(16), nullable=False, server_default="suggested"),
    Column("extractor", String(64), nullable=False, server_default=""),
    Column("rules", JSON),  # why each value was taken (extraction rules), for the analyst
)
# search (rasd/web): facets read the hits' events, filters find reports, from the index alone
Index("ix_events_report", events.c.report_id, events.c.status, events.c.event_type,
      events.c.admin1)
Index("ix_events_date", events.c.date_start, events.c.date_end, events.c.status,
      events.c.report_id)
Index("ix_events_type", events.c.event_type, events.c.status, events.c.report_id)
Index("ix_events_admin1", events.c.admin1, events.c.status, events.c.report_id)
Index("ix_events_status", events.c.status)

event_actors = Table(  # the events' actors, one row each, kept in step with events.actors
    "event_actors",
    metadata,
    Column("event_id", String(64), ForeignKey("events.id"), primary_key=True),
    Column("role", String(16), primary_key=True),
    Column("actor", Text, primary_key=True),  # the entity id, else the name as reported
    Column("report_id", String(64), nullable=False),
)
Index("ix_event_actors_actor", event_actors.c.role, event_actors.c.actor,
      event_actors.c.report_id, event_actors.c.event_id)  # search's perpetrator filter

incidents = Table(
    "incidents",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("event_type", String(64)),
    Column("date_start", Date),
    Column("date_end", Date),
    Column("place_id", String(64)),
    Column("place_name", Text),
    Column("lat", Float),
    Column("lon", Float),
    Column("fatalities_low", Integer),
    Column("fatalities_best", Integer),
    Column("fatalities_high", Integer),
    Column("sources", JSON, nullable=False),
    Column("independent_sources", Integer, nullable=False),
    Column("conflicts", JSON, nullable=False),
    Column("explanation", JSON, nullable=False),
    Column("confidence", Float, nullable=False, server_default="0.5"),
)

incident_events = Table(
    "incident_events",
    metadata,
    Column("incident_id", String(64), ForeignKey("incidents.id"), primary_key=True),
    Column("event_id", String(64), ForeignKey("events.id"), primary_key=True),
    Column("report_id", String(64), nullable=False),
)
Index("ix_incident_events_event", incident_events.c.event_id)
Index("ix_incident_events_report", incident_events.c.report_id)  # corroboration filter

judgements = Table(
    "judgements",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("subject_kind", String(32), nullable=False),
    Column("subject", String(64), nullable=False),
    Column("other", String(64)),
    Column("decision", String(16), nullable=False),
    Column("user", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("deleted_at", DateTime(timezone=True)),
    Column("comment", Text),
)
Index("ix_judgements_subject", judgements.c.subject_kind, judgements.c.subject)

review_queue = Table(
    "review_queue",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("kind", String(32), nullable=False),
    Column("subject", String(64), nullable=False),
    Column("other", String(64)),
    Column("score", Float, nullable=False),
    Column("explanation", JSON, nullable=False),
)

audit = Table(
    "audit",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("user", Text, nullable=False),
    Column("action", String(32), nullable=False),
    Column("record_kind", String(32), nullable=False),
    Column("record_id", String(64), nullable=False),
    Column("before", JSON),
    Column("after", JSON),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
)
