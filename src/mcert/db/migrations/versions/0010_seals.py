"""seal: electronic seals (电子印章) bound to holder certificates

Revision ID: 0010
Revises: 0008
Create Date: 2026-12-01 15:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import mcert.db.base

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "seals",
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("cert_id", sa.String(length=32), nullable=False),
        sa.Column("org_id", sa.String(length=32), nullable=True),
        sa.Column("seal_type", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("es_id", sa.String(length=40), nullable=False),
        sa.Column("original_key", sa.String(length=200), nullable=False),
        sa.Column("original_type", sa.String(length=40), nullable=False),
        sa.Column("strokes_key", sa.String(length=200), nullable=True),
        sa.Column("image_key", sa.String(length=200), nullable=False),
        sa.Column("image_width", sa.Integer(), nullable=False),
        sa.Column("image_height", sa.Integer(), nullable=False),
        sa.Column("width_mm", sa.Integer(), nullable=False),
        sa.Column("height_mm", sa.Integer(), nullable=False),
        sa.Column("price_fen", sa.Integer(), nullable=False),
        sa.Column("reject_reason", sa.Text(), nullable=True),
        sa.Column("void_reason", sa.Text(), nullable=True),
        sa.Column("reviewer_id", sa.String(length=32), nullable=True),
        sa.Column("seseal_der", sa.LargeBinary(), nullable=True),
        sa.Column("valid_start", mcert.db.base.UTCDateTime(), nullable=True),
        sa.Column("valid_end", mcert.db.base.UTCDateTime(), nullable=True),
        sa.Column("claimed_device_id", sa.String(length=32), nullable=True),
        sa.Column("created_at", mcert.db.base.UTCDateTime(), nullable=False),
        sa.Column("updated_at", mcert.db.base.UTCDateTime(), nullable=False),
        sa.Column("reviewed_at", mcert.db.base.UTCDateTime(), nullable=True),
        sa.Column("claimed_at", mcert.db.base.UTCDateTime(), nullable=True),
        sa.Column("voided_at", mcert.db.base.UTCDateTime(), nullable=True),
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["cert_id"],
            ["holder_certificates.id"],
            name=op.f("fk_seals_cert_id_holder_certificates"),
        ),
        sa.ForeignKeyConstraint(
            ["org_id"], ["organizations.id"], name=op.f("fk_seals_org_id_organizations")
        ),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_seals_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_seals")),
        sa.UniqueConstraint("es_id", name=op.f("uq_seals_es_id")),
    )
    with op.batch_alter_table("seals", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_seals_cert_id"), ["cert_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_seals_org_id"), ["org_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_seals_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_seals_user_id"), ["user_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("seals", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_seals_user_id"))
        batch_op.drop_index(batch_op.f("ix_seals_status"))
        batch_op.drop_index(batch_op.f("ix_seals_org_id"))
        batch_op.drop_index(batch_op.f("ix_seals_cert_id"))
    op.drop_table("seals")
