from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, Protocol, cast

from sqlalchemy import BindParameter, Table, bindparam, case, delete, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session, sessionmaker

from mcert.clock import Clock
from mcert.kv.models import KVEntry


class KVStore(Protocol):
    def incr(self, key: str, ttl_seconds: int) -> int:
        """Add one and return the new value; a new key lives ``ttl_seconds``."""

    def set_if_absent(self, key: str, ttl_seconds: int) -> bool:
        """Create the key if absent (or expired); True when this call created it."""

    def ttl(self, key: str) -> int | None:
        """Seconds left, or None for a missing key."""

    def get(self, key: str) -> int:
        """The counter's value, 0 for a missing or expired key."""

    def delete(self, key: str) -> None: ...

    def ping(self) -> None: ...


_INCR = """
local now = tonumber(ARGV[1])
local exp = tonumber(redis.call('HGET', KEYS[1], 'e') or '0')
if exp <= now then
  redis.call('HSET', KEYS[1], 'v', 1, 'e', now + tonumber(ARGV[2]))
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
return redis.call('HINCRBY', KEYS[1], 'v', 1)
"""

_SET_IF_ABSENT = """
local now = tonumber(ARGV[1])
local exp = tonumber(redis.call('HGET', KEYS[1], 'e') or '0')
if exp > now then
  return 0
end
redis.call('HSET', KEYS[1], 'v', 1, 'e', now + tonumber(ARGV[2]))
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1
"""


class RedisKV:
    """Redis store whose expiry follows the runtime clock, like :class:`DatabaseKV`.

    Each key is a hash holding the value and its expiry in the runtime clock's
    milliseconds, evaluated atomically by a Lua script; Redis' own expiry only collects
    the garbage. With the system clock both agree; with a test's frozen clock the
    behaviour is the same as on the database store.
    """

    def __init__(self, url: str, clock: Clock, prefix: str = "mcert:") -> None:
        import redis  # ~90 ms to import: only when Redis is configured

        self._redis = redis.Redis.from_url(url)
        self._clock = clock
        self._prefix = prefix
        self._incr = self._redis.register_script(_INCR)
        self._set_if_absent = self._redis.register_script(_SET_IF_ABSENT)

    def _k(self, key: str) -> str:
        return self._prefix + key

    def _now_ms(self) -> int:
        return int(self._clock.now().timestamp() * 1000)

    def incr(self, key: str, ttl_seconds: int) -> int:
        return int(self._incr(keys=[self._k(key)], args=[self._now_ms(), ttl_seconds * 1000]))

    def set_if_absent(self, key: str, ttl_seconds: int) -> bool:
        args = [self._now_ms(), ttl_seconds * 1000]
        return bool(self._set_if_absent(keys=[self._k(key)], args=args))

    def ttl(self, key: str) -> int | None:
        raw = self._redis.hget(self._k(key), "e")
        if raw is None:
            return None
        left_ms = int(raw) - self._now_ms()
        return None if left_ms <= 0 else max(1, (left_ms + 999) // 1000)

    def get(self, key: str) -> int:
        raw = self._redis.hmget(self._k(key), ["v", "e"])
        if raw[0] is None or raw[1] is None or int(raw[1]) <= self._now_ms():
            return 0
        return int(raw[0])

    def delete(self, key: str) -> None:
        self._redis.delete(self._k(key))

    def ping(self) -> None:
        self._redis.ping()


class DatabaseKV:
    """The same semantics as :class:`RedisKV` on one table, each call its own transaction.

    The two upserts are built once per store (with bound parameters): these run on every
    device proof and RP request, and building and keying a statement costs more than
    running it.
    """

    def __init__(self, sessions: sessionmaker[Session], clock: Clock) -> None:
        self._sessions = sessions
        self._clock = clock
        with sessions() as db:
            dialect = db.get_bind().dialect.name
        insert = pg_insert if dialect == "postgresql" else sqlite_insert
        table = cast(Table, KVEntry.__table__)
        now: BindParameter[datetime] = bindparam("now")
        expires: BindParameter[datetime] = bindparam("expires")
        new_row = insert(table).values(key=bindparam("key"), value=1, expires_at=expires)
        expired = table.c.expires_at <= now
        self._incr = new_row.on_conflict_do_update(
            index_elements=[table.c.key],
            set_={
                "value": case((expired, 1), else_=table.c.value + 1),
                "expires_at": case((expired, expires), else_=table.c.expires_at),
            },
        ).returning(table.c.value)
        self._set_if_absent = new_row.on_conflict_do_update(
            index_elements=[table.c.key],
            set_={"value": 1, "expires_at": expires},
            where=expired,
        ).returning(table.c.value)

    def _upsert(self, stmt: Any, key: str, ttl_seconds: int) -> int | None:
        now = self._clock.now()
        params = {"key": key, "now": now, "expires": now + timedelta(seconds=ttl_seconds)}
        with self._sessions() as db:
            value = db.execute(stmt, params).scalar()
            db.commit()
            return value

    def incr(self, key: str, ttl_seconds: int) -> int:
        value = self._upsert(self._incr, key, ttl_seconds)
        assert value is not None
        return int(value)

    def set_if_absent(self, key: str, ttl_seconds: int) -> bool:
        return self._upsert(self._set_if_absent, key, ttl_seconds) is not None

    def ttl(self, key: str) -> int | None:
        now = self._clock.now()
        with self._sessions() as db:
            expires = db.execute(
                select(KVEntry.expires_at).where(KVEntry.key == key)
            ).scalar_one_or_none()
            db.rollback()
        if expires is None or expires <= now:
            return None
        return max(1, int((expires - now).total_seconds() + 0.999))

    def get(self, key: str) -> int:
        now = self._clock.now()
        with self._sessions() as db:
            row = db.execute(
                select(KVEntry.value, KVEntry.expires_at).where(KVEntry.key == key)
            ).first()
            db.rollback()
        if row is None or row.expires_at <= now:
            return 0
        return int(row.value)

    def delete(self, key: str) -> None:
        with self._sessions() as db:
            db.execute(delete(KVEntry).where(KVEntry.key == key))
            db.commit()

    def ping(self) -> None:
        """The database store is as healthy as the database."""

    def purge_expired(self) -> int:
        with self._sessions() as db:
            result = db.execute(delete(KVEntry).where(KVEntry.expires_at <= self._clock.now()))
            db.commit()
            return int(result.rowcount)  # type: ignore[attr-defined]
