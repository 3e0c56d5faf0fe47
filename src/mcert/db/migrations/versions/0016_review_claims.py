"""review: claims on console review queue items

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-02 08:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import mcert.db.base

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "review_claims",
        sa.Column("subject", sa.String(length=10), nullable=False),
        sa.Column("item_id", sa.String(length=32), nullable=False),
        sa.Column("operator_id", sa.String(length=32), nullable=False),
        sa.Column("claimed_at", mcert.db.base.UTCDateTime(), nullable=False),
        sa.Column("expires_at", mcert.db.base.UTCDateTime(), nullable=False),
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["operator_id"],
            ["operators.id"],
            name=op.f("fk_review_claims_operator_id_operators"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_claims")),
        sa.UniqueConstraint("subject", "item_id", name="uq_review_claims_item"),
    )
    with op.batch_alter_table("review_claims", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_review_claims_operator_id"), ["operator_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("review_claims", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_review_claims_operator_id"))
    op.drop_table("review_claims")
