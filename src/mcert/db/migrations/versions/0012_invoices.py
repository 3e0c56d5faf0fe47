"""invoice: invoice titles, invoices and their orders; the email outbox; the sandbox e-invoice book

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02 04:11:14.274757
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import mcert.db.base

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "email_outbox",
        sa.Column("recipient", sa.String(length=254), nullable=False),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("attachment_names", sa.Text(), nullable=False),
        sa.Column("attachment_pdf", sa.LargeBinary(), nullable=True),
        sa.Column("sent_at", mcert.db.base.UTCDateTime(), nullable=False),
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_email_outbox")),
    )
    with op.batch_alter_table("email_outbox", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_email_outbox_recipient"), ["recipient"], unique=False)
        batch_op.create_index(batch_op.f("ix_email_outbox_sent_at"), ["sent_at"], unique=False)

    op.create_table(
        "sandbox_invoices",
        sa.Column("request_no", sa.String(length=64), nullable=False),
        sa.Column("request", sa.Text(), nullable=False),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.Column("invoice_no", sa.String(length=20), nullable=True),
        sa.Column("reason", sa.String(length=200), nullable=True),
        sa.Column("pdf", sa.LargeBinary(), nullable=True),
        sa.Column("xml", sa.LargeBinary(), nullable=True),
        sa.Column("notify_url", sa.String(length=500), nullable=True),
        sa.Column("callback_state", sa.String(length=12), nullable=False),
        sa.Column("callback_attempts", sa.Integer(), nullable=False),
        sa.Column("next_callback_at", mcert.db.base.UTCDateTime(), nullable=True),
        sa.Column("issued_at", mcert.db.base.UTCDateTime(), nullable=True),
        sa.Column("created_at", mcert.db.base.UTCDateTime(), nullable=False),
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sandbox_invoices")),
        sa.UniqueConstraint("invoice_no", name=op.f("uq_sandbox_invoices_invoice_no")),
        sa.UniqueConstraint("request_no", name=op.f("uq_sandbox_invoices_request_no")),
    )
    op.create_table(
        "invoice_titles",
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("name_enc", sa.Text(), nullable=False),
        sa.Column("tax_no", sa.String(length=18), nullable=True),
        sa.Column("address", sa.String(length=120), nullable=True),
        sa.Column("phone", sa.String(length=30), nullable=True),
        sa.Column("bank", sa.String(length=60), nullable=True),
        sa.Column("bank_account", sa.String(length=40), nullable=True),
        sa.Column("created_at", mcert.db.base.UTCDateTime(), nullable=False),
        sa.Column("updated_at", mcert.db.base.UTCDateTime(), nullable=False),
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_invoice_titles_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invoice_titles")),
    )
    with op.batch_alter_table("invoice_titles", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_invoice_titles_user_id"), ["user_id"], unique=False)

    op.create_table(
        "invoices",
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("amount_fen", sa.Integer(), nullable=False),
        sa.Column("buyer_kind", sa.String(length=10), nullable=False),
        sa.Column("buyer_name_enc", sa.Text(), nullable=False),
        sa.Column("buyer_tax_no", sa.String(length=18), nullable=True),
        sa.Column("buyer_address", sa.String(length=120), nullable=True),
        sa.Column("buyer_phone", sa.String(length=30), nullable=True),
        sa.Column("buyer_bank", sa.String(length=60), nullable=True),
        sa.Column("buyer_account", sa.String(length=40), nullable=True),
        sa.Column("email_enc", sa.Text(), nullable=True),
        sa.Column("provider", sa.String(length=20), nullable=False),
        sa.Column("attempt", sa.Integer(), nullable=False),
        sa.Column("failure_reason", sa.String(length=200), nullable=True),
        sa.Column("invoice_no", sa.String(length=20), nullable=True),
        sa.Column("pdf_key", sa.String(length=128), nullable=True),
        sa.Column("xml_key", sa.String(length=128), nullable=True),
        sa.Column("red_invoice_no", sa.String(length=20), nullable=True),
        sa.Column("red_pdf_key", sa.String(length=128), nullable=True),
        sa.Column("reverse_reason", sa.String(length=200), nullable=True),
        sa.Column("void_reason", sa.String(length=200), nullable=True),
        sa.Column("created_at", mcert.db.base.UTCDateTime(), nullable=False),
        sa.Column("updated_at", mcert.db.base.UTCDateTime(), nullable=False),
        sa.Column("issued_at", mcert.db.base.UTCDateTime(), nullable=True),
        sa.Column("reverse_requested_at", mcert.db.base.UTCDateTime(), nullable=True),
        sa.Column("reversed_at", mcert.db.base.UTCDateTime(), nullable=True),
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_invoices_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invoices")),
        sa.UniqueConstraint("invoice_no", name=op.f("uq_invoices_invoice_no")),
        sa.UniqueConstraint("red_invoice_no", name=op.f("uq_invoices_red_invoice_no")),
    )
    with op.batch_alter_table("invoices", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_invoices_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_invoices_user_id"), ["user_id"], unique=False)

    op.create_table(
        "invoice_items",
        sa.Column("invoice_id", sa.String(length=32), nullable=False),
        sa.Column("order_id", sa.String(length=32), nullable=False),
        sa.Column("live_order_id", sa.String(length=32), nullable=True),
        sa.Column("order_no", sa.String(length=32), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("amount_fen", sa.Integer(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["invoice_id"], ["invoices.id"], name=op.f("fk_invoice_items_invoice_id_invoices")
        ),
        sa.ForeignKeyConstraint(
            ["order_id"], ["orders.id"], name=op.f("fk_invoice_items_order_id_orders")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invoice_items")),
        sa.UniqueConstraint("live_order_id", name=op.f("uq_invoice_items_live_order_id")),
    )
    with op.batch_alter_table("invoice_items", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_invoice_items_invoice_id"), ["invoice_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_invoice_items_order_id"), ["order_id"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("invoice_items", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_invoice_items_order_id"))
        batch_op.drop_index(batch_op.f("ix_invoice_items_invoice_id"))

    op.drop_table("invoice_items")
    with op.batch_alter_table("invoices", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_invoices_user_id"))
        batch_op.drop_index(batch_op.f("ix_invoices_status"))

    op.drop_table("invoices")
    with op.batch_alter_table("invoice_titles", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_invoice_titles_user_id"))

    op.drop_table("invoice_titles")
    op.drop_table("sandbox_invoices")
    with op.batch_alter_table("email_outbox", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_email_outbox_sent_at"))
        batch_op.drop_index(batch_op.f("ix_email_outbox_recipient"))

    op.drop_table("email_outbox")
