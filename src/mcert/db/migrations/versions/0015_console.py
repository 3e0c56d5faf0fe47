"""console: operators' TOTP second factor, console sessions, two-person approvals

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-02 08:10:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import mcert.db.base

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("operators", schema=None) as batch_op:
        batch_op.add_column(sa.Column("totp_secret_enc", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("totp_pending_enc", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("totp_last_step", sa.BigInteger(), nullable=True))
        batch_op.add_column(
            sa.Column("totp_enrolled_at", mcert.db.base.UTCDateTime(), nullable=True)
        )

    op.create_table(
        "console_sessions",
        sa.Column("operator_id", sa.String(length=32), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", mcert.db.base.UTCDateTime(), nullable=False),
        sa.Column("last_seen_at", mcert.db.base.UTCDateTime(), nullable=False),
        sa.Column("expires_at", mcert.db.base.UTCDateTime(), nullable=False),
        sa.Column("ended_at", mcert.db.base.UTCDateTime(), nullable=True),
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["operator_id"],
            ["operators.id"],
            name=op.f("fk_console_sessions_operator_id_operators"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_console_sessions")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_console_sessions_token_hash")),
    )
    with op.batch_alter_table("console_sessions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_console_sessions_operator_id"), ["operator_id"], unique=False
        )

    op.create_table(
        "approvals",
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("summary", sa.String(length=300), nullable=False),
        sa.Column("params", sa.Text(), nullable=False),
        sa.Column("target_type", sa.String(length=20), nullable=False),
        sa.Column("target_id", sa.String(length=64), nullable=False),
        sa.Column("proposer_id", sa.String(length=32), nullable=False),
        sa.Column("created_at", mcert.db.base.UTCDateTime(), nullable=False),
        sa.Column("expires_at", mcert.db.base.UTCDateTime(), nullable=False),
        sa.Column("decided_by_id", sa.String(length=32), nullable=True),
        sa.Column("decided_at", mcert.db.base.UTCDateTime(), nullable=True),
        sa.Column("decision_reason", sa.String(length=200), nullable=True),
        sa.Column("result", sa.Text(), nullable=True),
        sa.Column("secret_enc", sa.Text(), nullable=True),
        sa.Column("secret_taken_at", mcert.db.base.UTCDateTime(), nullable=True),
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["decided_by_id"], ["operators.id"], name=op.f("fk_approvals_decided_by_id_operators")
        ),
        sa.ForeignKeyConstraint(
            ["proposer_id"], ["operators.id"], name=op.f("fk_approvals_proposer_id_operators")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_approvals")),
    )
    with op.batch_alter_table("approvals", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_approvals_created_at"), ["created_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_approvals_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_approvals_target_id"), ["target_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("approvals", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_approvals_target_id"))
        batch_op.drop_index(batch_op.f("ix_approvals_status"))
        batch_op.drop_index(batch_op.f("ix_approvals_created_at"))
    op.drop_table("approvals")
    with op.batch_alter_table("console_sessions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_console_sessions_operator_id"))
    op.drop_table("console_sessions")
    with op.batch_alter_table("operators", schema=None) as batch_op:
        batch_op.drop_column("totp_enrolled_at")
        batch_op.drop_column("totp_last_step")
        batch_op.drop_column("totp_pending_enc")
        batch_op.drop_column("totp_secret_enc")
