"""privacy: data-subject requests (exports, cancellations); retention marks on face
captures and bank cards

Revision ID: 0014
Revises: 0012
Create Date: 2026-12-02 08:10:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import mcert.db.base

revision: str = "0014"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "privacy_requests",
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("format", sa.String(length=8), nullable=True),
        sa.Column("requested_at", mcert.db.base.UTCDateTime(), nullable=False),
        sa.Column("due_at", mcert.db.base.UTCDateTime(), nullable=True),
        sa.Column("withdrawn_at", mcert.db.base.UTCDateTime(), nullable=True),
        sa.Column("completed_at", mcert.db.base.UTCDateTime(), nullable=True),
        sa.Column("outcome", sa.Text(), nullable=True),
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_privacy_requests_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_privacy_requests")),
    )
    with op.batch_alter_table("privacy_requests", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_privacy_requests_due_at"), ["due_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_privacy_requests_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_privacy_requests_user_id"), ["user_id"], unique=False)

    with op.batch_alter_table("realname_attempts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("face_sha256", sa.String(length=64), nullable=True))
        batch_op.add_column(
            sa.Column("face_deleted_at", mcert.db.base.UTCDateTime(), nullable=True)
        )
        batch_op.add_column(
            sa.Column("card_deleted_at", mcert.db.base.UTCDateTime(), nullable=True)
        )
    with op.batch_alter_table("face_checks", schema=None) as batch_op:
        batch_op.add_column(sa.Column("face_sha256", sa.String(length=64), nullable=True))
        batch_op.add_column(
            sa.Column("face_deleted_at", mcert.db.base.UTCDateTime(), nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table("face_checks", schema=None) as batch_op:
        batch_op.drop_column("face_deleted_at")
        batch_op.drop_column("face_sha256")
    with op.batch_alter_table("realname_attempts", schema=None) as batch_op:
        batch_op.drop_column("card_deleted_at")
        batch_op.drop_column("face_deleted_at")
        batch_op.drop_column("face_sha256")
    with op.batch_alter_table("privacy_requests", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_privacy_requests_user_id"))
        batch_op.drop_index(batch_op.f("ix_privacy_requests_status"))
        batch_op.drop_index(batch_op.f("ix_privacy_requests_due_at"))
    op.drop_table("privacy_requests")
