"""org: members as a lifecycle (invited → active → revoked), invitations keyed by phone;
usage records indexed for a company's queries

Revision ID: 0008
Revises: 0006
Create Date: 2026-12-01 09:00:00.000000

Existing members (each company's first applicant, its admin) become active; their phone's
blind index comes from their account and their ID number's from their real-name identity
(the same keyed hashes), so nothing needs the application secret here.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import mcert.db.base

revision: str = "0008"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _new_columns() -> list[sa.Column]:  # type: ignore[type-arg]
    return [
        sa.Column("status", sa.String(length=10), nullable=True),
        sa.Column("phone_bidx", sa.String(length=64), nullable=True),
        sa.Column("phone_enc", sa.Text(), nullable=True),
        sa.Column("name_enc", sa.Text(), nullable=True),
        sa.Column("id_number_enc", sa.Text(), nullable=True),
        sa.Column("id_number_bidx", sa.String(length=64), nullable=True),
        sa.Column("invited_by", sa.String(length=32), nullable=True),
        sa.Column("invited_at", mcert.db.base.UTCDateTime(), nullable=True),
        sa.Column("prepaid_order_id", sa.String(length=32), nullable=True),
        sa.Column("joined_at", mcert.db.base.UTCDateTime(), nullable=True),
        sa.Column("revoked_at", mcert.db.base.UTCDateTime(), nullable=True),
        sa.Column("revoked_by", sa.String(length=32), nullable=True),
        sa.Column("updated_at", mcert.db.base.UTCDateTime(), nullable=True),
    ]


def upgrade() -> None:
    with op.batch_alter_table("org_members", schema=None) as batch_op:
        for column in _new_columns():
            batch_op.add_column(column)
        batch_op.alter_column("user_id", existing_type=sa.String(length=32), nullable=True)
    op.execute(
        "UPDATE org_members SET status = 'active', joined_at = created_at,"
        " updated_at = created_at,"
        " phone_bidx = (SELECT users.phone_bidx FROM users WHERE users.id = org_members.user_id),"
        " id_number_bidx = (SELECT identities.id_number_bidx FROM identities"
        " WHERE identities.user_id = org_members.user_id)"
    )
    with op.batch_alter_table("org_members", schema=None) as batch_op:
        batch_op.alter_column("status", existing_type=sa.String(length=10), nullable=False)
        batch_op.alter_column("phone_bidx", existing_type=sa.String(length=64), nullable=False)
        batch_op.alter_column(
            "updated_at", existing_type=mcert.db.base.UTCDateTime(), nullable=False
        )
        batch_op.create_index(batch_op.f("ix_org_members_phone_bidx"), ["phone_bidx"])
        batch_op.create_unique_constraint(
            "uq_org_members_org_id_phone_bidx", ["org_id", "phone_bidx"]
        )

    with op.batch_alter_table("usage_records", schema=None) as batch_op:
        batch_op.drop_index("ix_usage_records_org_id")  # the prefix of the two below
        batch_op.create_index("ix_usage_records_org_id_created_at", ["org_id", "created_at", "id"])
        batch_op.create_index(
            "ix_usage_records_org_id_user_id", ["org_id", "user_id", "created_at", "id"]
        )


def downgrade() -> None:
    with op.batch_alter_table("usage_records", schema=None) as batch_op:
        batch_op.drop_index("ix_usage_records_org_id_user_id")
        batch_op.drop_index("ix_usage_records_org_id_created_at")
        batch_op.create_index("ix_usage_records_org_id", ["org_id"])
    # The old table knows only members with an account and a role: invitations and revoked
    # members would read as members there.
    op.execute("DELETE FROM org_members WHERE status <> 'active' OR user_id IS NULL")
    with op.batch_alter_table("org_members", schema=None) as batch_op:
        batch_op.drop_constraint("uq_org_members_org_id_phone_bidx", type_="unique")
        batch_op.drop_index(batch_op.f("ix_org_members_phone_bidx"))
        batch_op.alter_column("user_id", existing_type=sa.String(length=32), nullable=False)
        for column in reversed(_new_columns()):
            batch_op.drop_column(column.name)
