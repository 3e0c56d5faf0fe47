"""consents: agreements (用户协议, 隐私政策) and separate consents, with withdrawals

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-02 08:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import mcert.db.base

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "consents",
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("document", sa.String(length=40), nullable=False),
        sa.Column("version", sa.String(length=40), nullable=False),
        sa.Column("granted_at", mcert.db.base.UTCDateTime(), nullable=False),
        sa.Column("device_id", sa.String(length=32), nullable=True),
        sa.Column("client_ip_enc", sa.Text(), nullable=True),
        sa.Column("withdrawn_at", mcert.db.base.UTCDateTime(), nullable=True),
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["device_id"], ["devices.id"], name=op.f("fk_consents_device_id_devices")
        ),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_consents_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consents")),
    )
    with op.batch_alter_table("consents", schema=None) as batch_op:
        batch_op.create_index("ix_consents_user_document", ["user_id", "document"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("consents", schema=None) as batch_op:
        batch_op.drop_index("ix_consents_user_document")
    op.drop_table("consents")
