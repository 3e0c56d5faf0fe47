"""Writing and verifying the audit chain.

``record`` adds an entry inside the caller's transaction, so the entry commits or rolls
back with the state change it describes. Each entry's hash is
``SHA-256(prev_hash ‖ canonical JSON of the entry)``; ``verify`` recomputes the chain and
names the first entry that was edited, deleted or moved. Details never hold raw personal
data: string values pass through :func:`mcert.pii.redact` as a last line of defence.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from mcert.audit.models import AuditEntry
from mcert.pii import redact
from mcert.requestctx import current_request

GENESIS = "0" * 64
# Any constant: serialises appends across PostgreSQL connections for the chain's tail.
_PG_LOCK_KEY = 0x6D63657274  # "mcert"
_TAIL_KEY = "mcert.audit.tail"


@dataclass(frozen=True)
class Actor:
    type: str  # user | operator | rp | system | device
    id: str | None = None

    @classmethod
    def system(cls, name: str = "system") -> Actor:
        return cls("system", name)


def _scrub(value: Any) -> Any:
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, dict):
        return {str(k): _scrub(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_scrub(v) for v in value]
    return value


def canonical(entry: AuditEntry) -> bytes:
    body = {
        "seq": entry.seq,
        "at": entry.at.isoformat(timespec="microseconds"),
        "actor_type": entry.actor_type,
        "actor_id": entry.actor_id,
        "action": entry.action,
        "target_type": entry.target_type,
        "target_id": entry.target_id,
        "details": entry.details,
        "ip": entry.ip,
        "request_id": entry.request_id,
    }
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def chain_hash(prev_hash: str, entry: AuditEntry) -> str:
    return hashlib.sha256(bytes.fromhex(prev_hash) + canonical(entry)).hexdigest()


def record(
    db: Session,
    *,
    at: datetime,
    actor: Actor,
    action: str,
    target_type: str | None = None,
    target_id: str | None = None,
    details: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append one entry to the chain, in the caller's transaction.

    The first append of a transaction takes the chain's lock (an advisory lock on
    PostgreSQL; on SQLite the transaction already holds the write lock) and reads the tail;
    later appends in the same transaction reuse both, so a step that writes several entries
    pays for one append.
    """
    tx = db.get_transaction()
    cached = db.info.get(_TAIL_KEY)
    if tx is not None and cached is not None and cached[0] is tx:
        seq, prev = cached[1] + 1, cached[2]
    else:
        if db.get_bind().dialect.name == "postgresql":
            db.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK_KEY})
        tail = db.execute(
            select(AuditEntry.seq, AuditEntry.hash).order_by(AuditEntry.seq.desc()).limit(1)
        ).first()
        seq, prev = (tail[0] + 1, tail[1]) if tail else (1, GENESIS)
        tx = db.get_transaction()
    req = current_request()
    entry = AuditEntry(
        seq=seq,
        at=at,
        actor_type=actor.type,
        actor_id=actor.id,
        action=action,
        target_type=target_type,
        target_id=target_id,
        details=json.dumps(
            _scrub(details or {}), sort_keys=True, separators=(",", ":"), ensure_ascii=False
        ),
        ip=req.client_ip if req else None,
        request_id=req.request_id if req else None,
        prev_hash=prev,
    )
    entry.hash = chain_hash(prev, entry)
    db.add(entry)
    db.flush()
    # Valid while this transaction lasts: the lock is held until it ends, and a commit or
    # rollback starts another transaction object, which misses the cache.
    db.info[_TAIL_KEY] = (tx, seq, entry.hash)
    return entry


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    entries: int
    head: str
    problem: str | None = None
    bad_seq: int | None = None


def iter_entries(db: Session, batch: int = 1000) -> Iterator[AuditEntry]:
    last = 0
    while True:
        rows = db.scalars(
            select(AuditEntry).where(AuditEntry.seq > last).order_by(AuditEntry.seq).limit(batch)
        ).all()
        if not rows:
            return
        yield from rows
        last = rows[-1].seq


def verify(db: Session) -> ChainReport:
    prev, expected_seq, count = GENESIS, 1, 0
    for entry in iter_entries(db):
        if entry.seq != expected_seq:
            return ChainReport(
                False,
                count,
                prev,
                f"entry {expected_seq} is missing (next present is {entry.seq})",
                expected_seq,
            )
        if entry.prev_hash != prev:
            return ChainReport(
                False,
                count,
                prev,
                f"entry {entry.seq} does not follow entry {entry.seq - 1} "
                "(deleted, reordered or altered predecessor)",
                entry.seq,
            )
        if chain_hash(prev, entry) != entry.hash:
            return ChainReport(
                False,
                count,
                prev,
                f"entry {entry.seq} was modified after it was written",
                entry.seq,
            )
        prev, expected_seq, count = entry.hash, expected_seq + 1, count + 1
    return ChainReport(True, count, prev)


def count(db: Session) -> int:
    return int(db.execute(select(func.count()).select_from(AuditEntry)).scalar_one())
