"""account: device keys (a device is the key pair it proved at login)

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 05:50:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("devices", schema=None) as batch_op:
        batch_op.add_column(sa.Column("public_key", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("key_thumbprint", sa.String(length=64), nullable=True))
        # The same declared id with another key is another device: the key joins the
        # uniqueness (the convention names it uq_devices_user_id either way).
        batch_op.drop_constraint("uq_devices_user_id", type_="unique")
        batch_op.create_unique_constraint(
            "uq_devices_user_id", ["user_id", "device_key", "key_thumbprint"]
        )


def downgrade() -> None:
    with op.batch_alter_table("devices", schema=None) as batch_op:
        batch_op.drop_constraint("uq_devices_user_id", type_="unique")
        batch_op.create_unique_constraint("uq_devices_user_id", ["user_id", "device_key"])
        batch_op.drop_column("key_thumbprint")
        batch_op.drop_column("public_key")
