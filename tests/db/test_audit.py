"""The audit chain: appends link up, and any edit, deletion or reordering is named."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta

from sqlalchemy import event, text

from mcert.audit.service import Actor, record, verify
from mcert.clock import FrozenClock
from mcert.runtime import Runtime


def _write(runtime: Runtime, clock: FrozenClock, n: int) -> None:
    with runtime.sessions() as db:
        for i in range(n):
            clock.advance(timedelta(seconds=1))
            record(
                db,
                at=clock.now(),
                actor=Actor("user", f"u{i}"),
                action="test.action",
                target_type="thing",
                target_id=str(i),
                details={"i": i, "note": "中文"},
            )
            db.commit()


def test_chain_verifies(runtime: Runtime, clock: FrozenClock) -> None:
    _write(runtime, clock, 5)
    with runtime.sessions() as db:
        report = verify(db)
    assert report.ok, report.problem
    assert report.entries == 5


def test_edited_entry_is_named(runtime: Runtime, clock: FrozenClock) -> None:
    _write(runtime, clock, 5)
    with runtime.engine.begin() as conn:  # type: ignore[union-attr]
        conn.execute(text("UPDATE audit_entries SET details = :d WHERE seq = 3"), {"d": '{"i":99}'})
    with runtime.sessions() as db:
        report = verify(db)
    assert not report.ok
    assert report.bad_seq == 3
    assert "modified" in (report.problem or "")


def test_deleted_entry_is_named(runtime: Runtime, clock: FrozenClock) -> None:
    _write(runtime, clock, 5)
    with runtime.engine.begin() as conn:  # type: ignore[union-attr]
        conn.execute(text("DELETE FROM audit_entries WHERE seq = 2"))
    with runtime.sessions() as db:
        report = verify(db)
    assert not report.ok
    assert report.bad_seq == 2
    assert "missing" in (report.problem or "")


def test_reordered_entries_are_caught(runtime: Runtime, clock: FrozenClock) -> None:
    _write(runtime, clock, 5)
    with runtime.engine.begin() as conn:  # type: ignore[union-attr]
        conn.execute(text("UPDATE audit_entries SET seq = 100 WHERE seq = 2"))
        conn.execute(text("UPDATE audit_entries SET seq = 2 WHERE seq = 3"))
        conn.execute(text("UPDATE audit_entries SET seq = 3 WHERE seq = 100"))
    with runtime.sessions() as db:
        report = verify(db)
    assert not report.ok
    assert report.bad_seq == 2


def test_rehashed_forgery_is_caught_at_the_next_entry(runtime: Runtime, clock: FrozenClock) -> None:
    """An attacker who edits entry 3 and recomputes its hash still breaks entry 4's link."""
    from mcert.audit.models import AuditEntry
    from mcert.audit.service import chain_hash

    _write(runtime, clock, 5)
    with runtime.sessions() as db:
        entry = db.get(AuditEntry, 3)
        assert entry is not None
        entry.details = '{"i":99}'
        entry.hash = chain_hash(entry.prev_hash, entry)
        db.commit()
        report = verify(db)
    assert not report.ok
    assert report.bad_seq == 4


def test_details_are_redacted(runtime: Runtime, clock: FrozenClock) -> None:
    with runtime.sessions() as db:
        record(
            db,
            at=clock.now(),
            actor=Actor.system(),
            action="test.pii",
            details={"msg": "phone 13800138000 id 11010519491231002X"},
        )
        db.commit()
        stored = db.execute(text("SELECT details FROM audit_entries")).scalar_one()
    assert "13800138000" not in stored
    assert "11010519491231002X" not in stored


def test_cli_verify_passes_then_names_the_edited_entry(
    runtime: Runtime, clock: FrozenClock
) -> None:
    _write(runtime, clock, 3)
    env = {**os.environ, "MCERT_DATABASE_URL": runtime.settings.effective_database_url}
    cli = [sys.executable, "-m", "mcert.cli", "audit", "verify"]
    ok = subprocess.run(cli, env=env, capture_output=True, text=True, check=False)
    assert ok.returncode == 0, ok.stderr
    assert "OK: 3 entries" in ok.stdout
    with runtime.engine.begin() as conn:  # type: ignore[union-attr]
        conn.execute(text("UPDATE audit_entries SET action = 'forged' WHERE seq = 2"))
    bad = subprocess.run(cli, env=env, capture_output=True, text=True, check=False)
    assert bad.returncode == 1
    assert "entry 2" in bad.stderr


def test_several_appends_in_one_transaction_read_the_tail_once(
    runtime: Runtime, clock: FrozenClock
) -> None:
    """A step that writes several entries pays for one append (one lock, one tail read);
    the chain is the same as with separate transactions, and a rolled-back transaction's
    tail is not reused."""
    _write(runtime, clock, 2)
    statements: list[str] = []

    def seen(conn: object, cursor: object, statement: str, *args: object) -> None:
        statements.append(statement)

    engine = runtime.engine
    assert engine is not None
    event.listen(engine, "before_cursor_execute", seen)
    try:
        with runtime.sessions() as db:
            entries = [
                record(db, at=clock.now(), actor=Actor("user", "u"), action=f"test.batch{i}")
                for i in range(3)
            ]
            db.commit()
            assert [e.seq for e in entries] == [3, 4, 5]
            tail_reads = [s for s in statements if "FROM audit_entries ORDER BY" in s]
            assert len(tail_reads) == 1
            locks = [s for s in statements if "pg_advisory_xact_lock" in s]
            assert len(locks) == (1 if engine.dialect.name == "postgresql" else 0)
            # A rollback ends the transaction: the next append reads the real tail again.
            record(db, at=clock.now(), actor=Actor("user", "u"), action="test.rolled_back")
            db.rollback()
            again = record(db, at=clock.now(), actor=Actor("user", "u"), action="test.after")
            db.commit()
            assert again.seq == 6
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    with runtime.sessions() as db:
        report = verify(db)
    assert report.ok, report.problem
    assert report.entries == 6
