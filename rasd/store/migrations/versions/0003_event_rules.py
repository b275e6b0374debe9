"""Events keep the extraction rules that explain them (why this type, perpetrator, date);
indexes for search: reports newest first, incidents by report.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("rules", sa.JSON))
    op.create_index("ix_reports_received", "reports", ["received_at"])
    op.create_index("ix_incident_events_report", "incident_events", ["report_id"])


def downgrade() -> None:
    op.drop_index("ix_incident_events_report", "incident_events")
    op.drop_index("ix_reports_received", "reports")
    with op.batch_alter_table("events") as batch:
        batch.drop_column("rules")
