"""Locked reads (``mcert.db.base.lock_row``): always fresh, and the only way code locks a row
by its key.

A ``Session.get(…, with_for_update=True)`` without ``populate_existing`` returns the object
an earlier read left in the session with the values it had then, so a check made "under the
lock" could read a status another transaction had changed in between. Every locked read by
key goes through ``lock_row``, which refreshes; the static check keeps it that way.
"""

from __future__ import annotations

import ast
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import create_engine, update

from mcert.db.base import Base, lock_row
from mcert.db.engine import make_sessionmaker
from mcert.main import create_app  # noqa: F401  (every model registered on Base)
from mcert.rp.models import RelyingParty

SRC = Path(__file__).resolve().parents[2] / "src" / "mcert"


def test_a_locked_read_sees_what_another_transaction_committed(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'lock.db'}")
    Base.metadata.create_all(engine)
    with make_sessionmaker(engine)() as db:  # the app's sessions: no expiry on commit
        rp = RelyingParty(
            client_id="c1", secret_enc="x", name="平台", ops="login", created_at=datetime.now(UTC)
        )
        db.add(rp)
        db.commit()
        seen = db.get(RelyingParty, rp.id)
        assert seen is not None
        assert seen.disabled is False
        db.commit()
        with engine.begin() as other:  # another request disables the RP meanwhile
            other.execute(update(RelyingParty).values(disabled=True))
        assert db.get(RelyingParty, rp.id) is seen
        assert seen.disabled is False
        locked = lock_row(db, RelyingParty, rp.id)
        assert locked is seen
        assert locked.disabled is True
        assert lock_row(db, RelyingParty, "no-such-id") is None
    engine.dispose()


def test_no_code_locks_a_row_through_session_get() -> None:
    found = []
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC).as_posix()
        if rel.startswith("db/migrations"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=rel)):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "get"
                and any(k.arg == "with_for_update" for k in node.keywords)
            ):
                found.append(f"{rel}:{node.lineno}")
    assert found == [], f"lock rows with mcert.db.base.lock_row: {found}"
