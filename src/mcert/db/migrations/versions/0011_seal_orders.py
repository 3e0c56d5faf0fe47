"""seal: priced seals carry the order that pays for them

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02 03:40:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("seals", schema=None) as batch_op:
        batch_op.add_column(sa.Column("order_id", sa.String(length=32), nullable=True))
        batch_op.create_index(batch_op.f("ix_seals_order_id"), ["order_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_seals_order_id_orders"), "orders", ["order_id"], ["id"]
        )


def downgrade() -> None:
    with op.batch_alter_table("seals", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_seals_order_id_orders"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_seals_order_id"))
        batch_op.drop_column("order_id")
