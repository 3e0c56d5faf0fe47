"""tasks: the durable task queue (SMS, relying-party callbacks, periodic jobs)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01 15:00:00.000000

Callbacks not yet delivered (and not given up) become tasks, so an upgrade loses none: the
task takes the record's id and its next attempt time; attempts already made count.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import mcert.db.base

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CALLBACK_MAX_ATTEMPTS = 8  # mcert.scan.callbacks at this revision


def upgrade() -> None:
    op.create_table(
        "tasks",
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("max_attempts", sa.Integer(), nullable=False),
        sa.Column("run_after", mcert.db.base.UTCDateTime(), nullable=False),
        sa.Column("lease_until", mcert.db.base.UTCDateTime(), nullable=True),
        sa.Column("locked_by", sa.String(length=80), nullable=True),
        sa.Column("last_error", sa.String(length=500), nullable=True),
        sa.Column("dedupe_key", sa.String(length=80), nullable=True),
        sa.Column("created_at", mcert.db.base.UTCDateTime(), nullable=False),
        sa.Column("updated_at", mcert.db.base.UTCDateTime(), nullable=False),
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tasks")),
        sa.UniqueConstraint("dedupe_key", name=op.f("uq_tasks_dedupe_key")),
    )
    with op.batch_alter_table("tasks", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_tasks_kind"), ["kind"], unique=False)
        batch_op.create_index("ix_tasks_status_run_after", ["status", "run_after"], unique=False)
        batch_op.create_index(batch_op.f("ix_tasks_updated_at"), ["updated_at"], unique=False)
    op.execute(
        sa.text(
            "INSERT INTO tasks (id, kind, payload, status, attempts, max_attempts, run_after,"
            " created_at, updated_at)"
            " SELECT id, 'rp_callback', '{\"delivery_id\": \"' || id || '\"}', 'queued',"
            " attempts, :max, next_attempt_at, next_attempt_at, next_attempt_at"
            " FROM rp_callbacks WHERE delivered_at IS NULL AND attempts < :max"
        ).bindparams(max=CALLBACK_MAX_ATTEMPTS)
    )


def downgrade() -> None:
    with op.batch_alter_table("tasks", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_tasks_updated_at"))
        batch_op.drop_index("ix_tasks_status_run_after")
        batch_op.drop_index(batch_op.f("ix_tasks_kind"))
    op.drop_table("tasks")
