"""Saved test worlds: what a set-up left behind, laid down again for the next test.

A set-up that walks the API (login, 实名认证, apply → pay → download) costs the same HTTP
calls before every test that needs it. :func:`save` takes what it left: every table's rows
(raw, as the database holds them: no type round trip, so hash chains and ciphertexts are
the bytes written), the data directory (CA keys, stored objects, and on SQLite the files of
the short-lived store and the sandboxes), this process's Redis keys and the clock.
:func:`load` empties the tables as :func:`tests.conftest._truncate` does and puts all of it
back under another test's runtime, which then starts where the set-up ended: the same
records, keys, counters and time. Only what lives in the memory of the set-up's own process
is not carried over (its runtime's metrics, caches), as with any new process.
"""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import redis
from sqlalchemy import make_url

from mcert.clock import FrozenClock
from mcert.db.models import Base
from mcert.runtime import Runtime
from tests.conftest import Backend, _truncate

# SQLite files (the short-lived store, the sandboxes) are copied through SQLite's backup,
# which includes what is still in the write-ahead log; the lock files are per data directory.
_SQLITE_FILES = ("*.db", "*.db-wal", "*.db-shm", "*.db-lock")


@dataclass(frozen=True)
class Saved:
    folder: Path  # the data directory's files and the SQLite databases
    tables: dict[str, bytes]  # PostgreSQL: each non-empty table as COPY text
    redis: list[tuple[bytes, int, bytes]]  # key, milliseconds to live (0: none), DUMP
    now: datetime


def _tables() -> list[str]:
    return [t.name for t in Base.metadata.sorted_tables]  # parents before children


def _sqlite_path(backend: Backend) -> Path:
    database = make_url(backend.url).database
    assert database
    return Path(database)


def _backup(source: Path, target: Path) -> None:
    """A consistent copy of a SQLite database, write-ahead log included."""
    src, dst = sqlite3.connect(source), sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()


def _copy_rows(target: Path, source: Path) -> None:
    """Replace the rows of every table ``source`` has in ``target`` with ``source``'s."""
    conn = sqlite3.connect(target)
    try:
        conn.execute("ATTACH DATABASE ? AS saved", (str(source),))
        names = [
            r[0]
            for r in conn.execute("SELECT name FROM saved.sqlite_master WHERE type = 'table'")
            if not r[0].startswith("sqlite_")
        ]
        order = [n for n in _tables() if n in names] + [n for n in names if n not in _tables()]
        with conn:  # a plain connection: foreign keys unchecked, the rows are consistent
            for name in reversed(order):
                conn.execute(f'DELETE FROM main."{name}"')
            for name in order:
                conn.execute(f'INSERT INTO main."{name}" SELECT * FROM saved."{name}"')
        conn.execute("DETACH DATABASE saved")
    finally:
        conn.close()


def save(runtime: Runtime, backend: Backend, folder: Path) -> Saved:
    """Take what the tests so far left in ``runtime``'s databases, files and Redis keys."""
    data_dir = runtime.settings.data_dir
    shutil.copytree(data_dir, folder / "data", ignore=shutil.ignore_patterns(*_SQLITE_FILES))
    for db in data_dir.glob("*.db"):
        _backup(db, folder / "data" / db.name)
    tables: dict[str, bytes] = {}
    if backend.name == "sqlite":
        _backup(_sqlite_path(backend), folder / "main.db")
    else:
        raw = backend.engine.raw_connection()
        try:
            with raw.driver_connection.cursor() as cur:  # type: ignore[union-attr]
                for name in _tables():
                    with cur.copy(f'COPY "{name}" TO STDOUT') as copy:
                        data = b"".join(bytes(block) for block in copy)
                    if data:
                        tables[name] = data
            raw.driver_connection.rollback()  # type: ignore[union-attr]
        finally:
            raw.close()
    keys: list[tuple[bytes, int, bytes]] = []
    if backend.redis_url:
        r = redis.Redis.from_url(backend.redis_url)
        try:
            for key in r.scan_iter(match=f"{backend.redis_prefix}*", count=1000):
                dumped = r.dump(key)
                if dumped is not None:
                    keys.append((key, max(int(r.pttl(key)), 0), dumped))  # type: ignore[arg-type]
        finally:
            r.close()
    return Saved(folder, tables, keys, runtime.clock.now())


def load(saved: Saved, runtime: Runtime, backend: Backend) -> None:
    """Put ``saved`` in place under ``runtime`` (a new test's): tables, files, keys, clock.

    Whatever the test did before is gone, as at the start of a test. The runtime forgets the
    per-process services it built (the CA's loaded keys and certificates): they are built
    again from what was laid down, on first use. A frozen clock is set to the saved time; a
    test on the system clock (a live server) goes on from the real time, moments later.
    """
    _truncate(backend)
    data_dir = runtime.settings.data_dir
    shutil.copytree(
        saved.folder / "data",
        data_dir,
        dirs_exist_ok=True,
        ignore=shutil.ignore_patterns(*_SQLITE_FILES),
    )
    for db in (saved.folder / "data").glob("*.db"):
        target = data_dir / db.name
        if target.exists():  # open already: its engine keeps its connections
            _copy_rows(target, db)
        else:
            shutil.copyfile(db, target)
    if backend.name == "sqlite":
        _copy_rows(_sqlite_path(backend), saved.folder / "main.db")
    else:
        raw = backend.engine.raw_connection()
        try:
            with raw.driver_connection.cursor() as cur:  # type: ignore[union-attr]
                cur.execute("SET CONSTRAINTS ALL DEFERRED")
                for name in _tables():
                    if name in saved.tables:
                        with cur.copy(f'COPY "{name}" FROM STDIN') as copy:
                            copy.write(saved.tables[name])
            raw.driver_connection.commit()  # type: ignore[union-attr]
        finally:
            raw.close()
    if saved.redis:
        r = redis.Redis.from_url(backend.redis_url or "")
        try:
            for key, ttl, dumped in saved.redis:
                r.restore(key, ttl, dumped, replace=True)
        finally:
            r.close()
    runtime._components.clear()  # built from the tables and keys just replaced
    if isinstance(runtime.clock, FrozenClock):
        runtime.clock.set(saved.now)
