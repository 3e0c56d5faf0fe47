"""Engine and session factory for SQLite (embedded default) and PostgreSQL.

SQLite runs in WAL mode with foreign keys on, and every transaction starts with
``BEGIN IMMEDIATE``: the audit chain and counters read-then-write, and a deferred SQLite
transaction that upgrades to a writer fails with SQLITE_BUSY instead of waiting.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker


def make_engine(url: str, **kwargs: Any) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        # Every thread-pool worker may wait on SQLite's single write lock while holding a
        # connection; a pool smaller than the thread pool then starves the lock holder.
        kwargs.setdefault("pool_size", 48)
        kwargs.setdefault("max_overflow", 16)
        engine = create_engine(url, connect_args={"timeout": 30}, **kwargs)
        _configure_sqlite(engine)
        return engine
    # No pool_pre_ping: it is a round trip (SELECT 1) on every checkout, i.e. on every
    # request and every kv call, to guard against a connection the server dropped. Instead
    # (optimistic disconnect handling): connections are recycled before any idle timeout a
    # server or proxy is likely to have, TCP keepalives find dead peers, and when a statement
    # does fail on a dead connection SQLAlchemy recognises the disconnect and invalidates
    # the whole pool, so only the requests in flight at a database restart fail (a 500 the
    # client may retry); the next checkout connects afresh.
    kwargs.setdefault("pool_recycle", 1800)
    kwargs.setdefault("pool_pre_ping", False)
    if parsed.get_backend_name() == "postgresql":
        kwargs.setdefault(
            "connect_args",
            {
                "keepalives": 1,
                "keepalives_idle": 60,
                "keepalives_interval": 10,
                "keepalives_count": 3,
            },
        )
    return create_engine(url, **kwargs)


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event emit BEGIN itself.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False)


def is_postgres(engine_or_session: Engine | Session) -> bool:
    bind = (
        engine_or_session.get_bind()
        if isinstance(engine_or_session, Session)
        else (engine_or_session)
    )
    return bind.dialect.name == "postgresql"
