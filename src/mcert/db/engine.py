"""Engine and session factory for SQLite (embedded default) and PostgreSQL.

SQLite runs in WAL mode with foreign keys on, and every transaction starts with
``BEGIN IMMEDIATE``: the audit chain and counters read-then-write, and a deferred SQLite
transaction that upgrades to a writer fails with SQLITE_BUSY instead of waiting.

Within one process the write lock is handed over by a Python lock per database file, taken
before ``BEGIN IMMEDIATE`` and released when the transaction ends, instead of by SQLite's
busy handler. That handler polls: a connection that finds the database locked sleeps 1, 2,
5, 10 … up to 100 ms between tries, so under load the lock stood free while every waiter
slept, requests queued behind naps, and the cores idled (issue #14 measured 66–79 % busy at
overload). A waiter on the Python lock is woken the moment the holder commits. Between
processes (the workers of ``mcert serve --workers N``, the CLI, the task worker) a file lock
beside the database does the same (:class:`_WriteLock`); SQLite's own lock and busy timeout
stay underneath for any other program that opens the file.

A transaction that only reads (the bearer-token check, the device proof, a relying party's
signature check) says so with :func:`read_only` before its first statement: on SQLite it
starts with a plain (deferred) ``BEGIN`` and takes no write lock — in WAL mode a reader never
waits for the writer — and a write inside it raises. Every request's authentication used to
queue for the one write lock behind every other request's whole transaction.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

try:
    import fcntl
except ImportError:  # not POSIX: processes meet through SQLite's busy timeout alone
    fcntl = None  # type: ignore[assignment]


def make_engine(url: str, **kwargs: Any) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        # Every thread-pool worker may wait on SQLite's single write lock while holding a
        # connection; a pool smaller than the thread pool then starves the lock holder.
        kwargs.setdefault("pool_size", 48)
        kwargs.setdefault("max_overflow", 16)
        engine = create_engine(
            url,
            connect_args={"timeout": BUSY_TIMEOUT_SECONDS, "factory": _WriteLockedConnection},
            **kwargs,
        )
        _configure_sqlite(engine)
        _refuse_writes_when_read_only(engine)
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
    engine = create_engine(url, **kwargs)
    _refuse_writes_when_read_only(engine)
    return engine


READ_ONLY = "mcert_read_only"
_WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")


def read_only(db: Session) -> Session:
    """Start ``db``'s next transaction as a reader (see the module docstring).

    Call it before the transaction's first statement; on a session already in a transaction
    it changes nothing. On PostgreSQL it only takes the connection a little earlier.
    """
    if not db.in_transaction():
        db.connection(execution_options={READ_ONLY: True})
    return db


BUSY_TIMEOUT_SECONDS = 30
# How long a process waiting for another's file lock sleeps between tries, at most.
_FLOCK_POLL_MAX = 0.002


class _WriteLock:
    """The write lock of one SQLite file, as this process takes it: a thread lock (one
    holder per process, woken at once), then ``flock`` on ``<file>-lock`` (one holder across
    processes: the workers of ``mcert serve --workers N``, the CLI, the task worker).

    The file lock is polled: the only process-wide waiter is the one thread that already
    holds the thread lock, and it retries within 2 ms of a release instead of SQLite's
    backoff of up to 100 ms. A process that dies holding it loses it (the kernel drops the
    lock with the descriptor).
    """

    def __init__(self, database: str | None) -> None:
        self._thread_lock = threading.Lock()
        self._path = None if database is None else f"{database}-lock"
        self._fd: int | None = None
        self._fd_pid = 0

    def _file(self) -> int | None:
        if self._path is None or fcntl is None:
            return None
        if self._fd is None or self._fd_pid != os.getpid():  # a forked child opens its own
            self._fd = os.open(self._path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
            self._fd_pid = os.getpid()
        return self._fd

    def acquire(self, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        if not self._thread_lock.acquire(timeout=timeout):
            return False
        try:
            fd = self._file()
            pause = 0.0001
            while fd is not None:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        self._thread_lock.release()
                        return False
                    time.sleep(pause)
                    pause = min(pause * 2, _FLOCK_POLL_MAX)
        except BaseException:
            self._thread_lock.release()
            raise
        return True

    def release(self) -> None:
        try:
            if self._fd is not None and self._fd_pid == os.getpid():
                fcntl.flock(self._fd, fcntl.LOCK_UN)
        finally:
            self._thread_lock.release()


_write_locks: dict[str, _WriteLock] = {}
_write_locks_guard = threading.Lock()


def _write_lock_for(database: str) -> _WriteLock:
    """One lock per database file in this process."""
    key = str(Path(database).resolve())
    with _write_locks_guard:
        lock = _write_locks.get(key)
        if lock is None:
            lock = _write_locks[key] = _WriteLock(key)
        return lock


class _WriteLockedConnection(sqlite3.Connection):
    """A pysqlite connection that holds its file's write lock from ``BEGIN`` to the end of
    the transaction (see the module docstring)."""

    def __init__(self, database: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(database, *args, **kwargs)
        name = database if isinstance(database, str) else os.fsdecode(database)
        in_memory = name in ("", ":memory:") or name.startswith("file:")
        self._write_lock = _WriteLock(None) if in_memory else _write_lock_for(name)
        self._holds_write_lock = False

    def acquire_write_lock(self) -> None:
        if not self._write_lock.acquire(timeout=BUSY_TIMEOUT_SECONDS):
            err = sqlite3.OperationalError("database is locked")
            raise OperationalError("BEGIN IMMEDIATE", None, err)
        self._holds_write_lock = True

    def release_write_lock(self) -> None:
        if getattr(self, "_holds_write_lock", False):
            self._holds_write_lock = False
            self._write_lock.release()

    def commit(self) -> None:
        try:
            super().commit()
        finally:
            if not self.in_transaction:
                self.release_write_lock()

    def rollback(self) -> None:
        try:
            super().rollback()
        finally:
            if not self.in_transaction:
                self.release_write_lock()

    def close(self) -> None:
        try:
            super().close()
        finally:
            self.release_write_lock()

    def __del__(self) -> None:  # a connection dropped without close() frees the lock too
        self.release_write_lock()


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
        if connection.get_execution_options().get(READ_ONLY):
            connection.exec_driver_sql("BEGIN")  # deferred: a WAL reader takes no lock
            return
        dbapi_connection = connection.connection.dbapi_connection
        if not isinstance(dbapi_connection, _WriteLockedConnection):
            connection.exec_driver_sql("BEGIN IMMEDIATE")  # a caller's own connect_args
            return
        dbapi_connection.acquire_write_lock()
        try:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        except BaseException:
            dbapi_connection.release_write_lock()
            raise


def _refuse_writes_when_read_only(engine: Engine) -> None:
    @event.listens_for(engine, "before_cursor_execute")
    def _check(connection: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if connection.get_execution_options().get(READ_ONLY) and statement.lstrip()[
            :7
        ].upper().startswith(_WRITES):
            raise RuntimeError(f"a write in a read_only() transaction: {statement[:60]}")


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False)


def is_postgres(engine_or_session: Engine | Session) -> bool:
    bind = (
        engine_or_session.get_bind()
        if isinstance(engine_or_session, Session)
        else (engine_or_session)
    )
    return bind.dialect.name == "postgresql"
