"""Migration 0005 (payment attempts, refunds): an order that already had a trade keeps it
as its first attempt, under its order number; the schema matches the models."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text
from tests.conftest import T0

from mcert.db.engine import make_engine
from mcert.db.migrate import alembic_config, upgrade
from mcert.db.models import Base


def test_existing_trades_become_first_attempts_and_schema_matches(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'm.db'}")
    upgrade(engine, "0004")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO users (id, phone_bidx, phone_enc, status, created_at)"
                " VALUES ('u1', 'b', 'e', 'active', :t)"
            ),
            {"t": T0},
        )
        for n, (status, trade) in enumerate(
            [("pending_payment", "T1"), ("completed", "T2"), ("closed", "T3"), ("closed", None)]
        ):
            conn.execute(
                text(
                    "INSERT INTO orders (id, order_no, user_id, kind, cert_type, years,"
                    " amount_fen, status, version, trade_no, created_at, updated_at)"
                    " VALUES (:id, :no, 'u1', 'new', 'personal', 1, 3000, :s, 1, :trade, :t, :t)"
                ),
                {"id": f"o{n}", "no": f"MC{n}", "s": status, "trade": trade, "t": T0},
            )
    upgrade(engine)
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT order_id, seq, out_trade_no, trade_no, status, duplicate_notifications"
                " FROM payment_attempts ORDER BY order_id"
            )
        ).all()
        assert [tuple(r) for r in rows] == [
            ("o0", 1, "MC0", "T1", "open", 0),
            ("o1", 1, "MC1", "T2", "paid", 0),
            ("o2", 1, "MC2", "T3", "closed", 0),
        ]
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []
    command.downgrade(alembic_config(engine), "0004")
    with engine.connect() as conn:
        tables = {r[0] for r in conn.execute(text("SELECT name FROM sqlite_master"))}
    assert "payment_attempts" not in tables
    assert "refunds" not in tables
    engine.dispose()
