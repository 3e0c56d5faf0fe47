"""Writing and verifying the audit chain.

``record`` adds an entry inside the caller's transaction, so the entry commits or rolls
back with the state change it describes. Each entry's hash is
``SHA-256(prev_hash ‖ canonical JSON of the entry)``; ``verify`` recomputes the chain and
names the first entry that was edited, deleted or moved. Details never hold raw personal
data: string values pass through :func:`mcert.pii.redact` as a last line of defence.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
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
# Built once: every state change reads the tail, and a statement object reused keeps its
# cache key (SQLAlchemy computes it anew for each freshly built one).
_TAIL = select(AuditEntry.seq, AuditEntry.hash).order_by(AuditEntry.seq.desc()).limit(1)
_PG_LOCK = text("SELECT pg_advisory_xact_lock(:k)").bindparams(k=_PG_LOCK_KEY)


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
            db.execute(_PG_LOCK)
        tail = db.execute(_TAIL).first()
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


# ----------------------------------------------------------------------------- browsing


@dataclass(frozen=True)
class AuditFilter:
    """What the console's audit browser and export select.

    ``action`` is exact, or a prefix when it ends with ``.`` or ``*`` (``order.`` — every
    order action); ``actor`` is an actor id, or ``type:id`` / ``type:`` (``operator:``);
    ``target`` is a target id, or ``type:id`` / ``type:``; ``since`` inclusive, ``until``
    exclusive.
    """

    action: str | None = None
    actor: str | None = None
    target: str | None = None
    since: datetime | None = None
    until: datetime | None = None

    def where(self) -> list[Any]:
        out: list[Any] = []
        if self.action:
            if self.action.endswith(("*", ".")):
                prefix = self.action.rstrip("*")
                out.append(AuditEntry.action.startswith(prefix, autoescape=True))
            else:
                out.append(AuditEntry.action == self.action)
        for value, type_col, id_col in (
            (self.actor, AuditEntry.actor_type, AuditEntry.actor_id),
            (self.target, AuditEntry.target_type, AuditEntry.target_id),
        ):
            if not value:
                continue
            kind, sep, ident = value.partition(":")
            if sep:
                out.append(type_col == kind)
                if ident:
                    out.append(id_col == ident)
            else:
                out.append(id_col == value)
        if self.since is not None:
            out.append(AuditEntry.at >= _utc(self.since))
        if self.until is not None:
            out.append(AuditEntry.at < _utc(self.until))
        return out


def _utc(value: datetime) -> datetime:
    """A time typed without a zone is UTC (the log's own zone)."""
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def page(
    db: Session, f: AuditFilter, *, limit: int = 50, before_seq: int | None = None
) -> tuple[list[AuditEntry], int | None]:
    """Newest first, keyset-paged on ``seq``: the entries and the ``before_seq`` of the next
    page (None at the end). A page costs the same however deep it is."""
    q = select(AuditEntry).where(*f.where())
    if before_seq is not None:
        q = q.where(AuditEntry.seq < before_seq)
    rows = list(db.scalars(q.order_by(AuditEntry.seq.desc()).limit(limit + 1)).all())
    more = len(rows) > limit
    rows = rows[:limit]
    return rows, (rows[-1].seq if more and rows else None)


def select_all(db: Session, f: AuditFilter, batch: int = 1000) -> Iterator[AuditEntry]:
    """Every matching entry in ``seq`` order, fetched in batches (for streaming exports)."""
    last = 0
    while True:
        rows = db.scalars(
            select(AuditEntry)
            .where(*f.where(), AuditEntry.seq > last)
            .order_by(AuditEntry.seq)
            .limit(batch)
        ).all()
        if not rows:
            return
        yield from rows
        last = rows[-1].seq
        db.expunge_all()  # an export of a million entries must not keep them all


EXPORT_FIELDS = (
    "seq",
    "at",
    "action",
    "actor_type",
    "actor_id",
    "actor_name",
    "target_type",
    "target_id",
    "details",
    "ip",
    "request_id",
    "prev_hash",
    "hash",
)
NameLookup = Callable[[list[AuditEntry]], dict[str, str]]


def _row(e: AuditEntry, names: dict[str, str]) -> dict[str, Any]:
    return {
        "seq": e.seq,
        "at": e.at.isoformat(),
        "action": e.action,
        "actor_type": e.actor_type,
        "actor_id": e.actor_id,
        "actor_name": names.get(e.actor_id or "") if e.actor_type == "operator" else None,
        "target_type": e.target_type,
        "target_id": e.target_id,
        "details": json.loads(e.details or "{}"),
        "ip": e.ip,
        "request_id": e.request_id,
        "prev_hash": e.prev_hash,
        "hash": e.hash,
    }


def _encode(batch: list[AuditEntry], names: dict[str, str], fmt: str) -> str:
    out = io.StringIO()
    if fmt == "jsonl":
        for e in batch:
            line = json.dumps(_row(e, names), ensure_ascii=False, separators=(",", ":"))
            out.write(line + "\n")
        return out.getvalue()
    writer = csv.writer(out)
    for e in batch:
        row = _row(e, names)
        row["details"] = e.details  # as stored (and hashed)
        writer.writerow(["" if row[k] is None else row[k] for k in EXPORT_FIELDS])
    return out.getvalue()


def export_lines(
    db: Session, f: AuditFilter, fmt: str, names: NameLookup | None = None
) -> Iterator[str]:
    """The matching entries as JSON Lines or CSV (with a BOM and a header), oldest first,
    in chunks of a few hundred entries; ``names`` gives operators' display names."""
    if fmt == "csv":
        out = io.StringIO()
        csv.writer(out).writerow(EXPORT_FIELDS)
        yield "\ufeff" + out.getvalue()  # Excel then reads the UTF-8 Chinese correctly
    batch: list[AuditEntry] = []
    for entry in select_all(db, f):
        batch.append(entry)
        if len(batch) >= 500:
            yield _encode(batch, names(batch) if names else {}, fmt)
            batch = []
    if batch:
        yield _encode(batch, names(batch) if names else {}, fmt)
