"""SQLite's write lock is handed over in-process by a Python lock (mcert.db.engine).

Each test turns SQLite's own busy timeout off on every connection: a second transaction that
reached SQLite while the first held the database would then fail at once with "database is
locked". That it waits instead, and goes on the moment the first ends, is the Python lock.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, event, text

from mcert.db.engine import make_engine


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    eng = make_engine(f"sqlite:///{tmp_path / 'lock.db'}")

    @event.listens_for(eng, "connect")
    def _no_busy_wait(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute("PRAGMA busy_timeout=0")

    with eng.begin() as conn:
        conn.execute(text("CREATE TABLE t (n INTEGER)"))
    yield eng
    eng.dispose()


def _insert_in_thread(
    engine: Engine, n: int
) -> tuple[threading.Thread, threading.Event, list[Any]]:
    done = threading.Event()
    errors: list[Any] = []

    def run() -> None:
        try:
            with engine.begin() as conn:
                conn.execute(text("INSERT INTO t VALUES (:n)"), {"n": n})
        except Exception as exc:
            errors.append(exc)
        finally:
            done.set()

    thread = threading.Thread(target=run)
    thread.start()
    return thread, done, errors


def _rows(engine: Engine) -> list[int]:
    with engine.begin() as conn:
        return [r[0] for r in conn.execute(text("SELECT n FROM t ORDER BY n"))]


@pytest.mark.parametrize("end", ["commit", "rollback", "close"])
def test_a_second_transaction_waits_for_the_first_and_then_runs(engine: Engine, end: str) -> None:
    first = engine.connect()
    tx = first.begin()
    first.execute(text("INSERT INTO t VALUES (1)"))

    thread, done, errors = _insert_in_thread(engine, 2)
    assert not done.wait(0.3), f"the second transaction did not wait: {errors}"

    if end == "commit":
        tx.commit()
    elif end == "rollback":
        tx.rollback()
    first.close()  # "close": returned to the pool mid-transaction, which rolls it back
    thread.join(10)
    assert done.is_set()
    assert errors == []
    assert _rows(engine) == ([1, 2] if end == "commit" else [2])


def test_a_failed_begin_frees_the_lock(engine: Engine, tmp_path: Path) -> None:
    # Another process's connection (no Python lock in common) holds SQLite's lock: BEGIN
    # IMMEDIATE fails at once with the busy timeout off, and must not keep the Python lock.
    import sqlite3

    other = sqlite3.connect(tmp_path / "lock.db", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    with pytest.raises(Exception, match="database is locked"), engine.begin() as conn:
        conn.execute(text("SELECT 1"))
    other.execute("ROLLBACK")
    other.close()

    thread, _, errors = _insert_in_thread(engine, 3)
    thread.join(10)
    assert errors == []
    assert _rows(engine) == [3]


def test_threads_writing_at_once_all_land(engine: Engine) -> None:
    threads = [_insert_in_thread(engine, n) for n in range(20)]
    for thread, _, _ in threads:
        thread.join(30)
    assert [e for _, _, errs in threads for e in errs] == []
    assert _rows(engine) == list(range(20))


_HOLDER = """
import sys
from sqlalchemy import text
from mcert.db.engine import make_engine

engine = make_engine(sys.argv[1])
with engine.connect() as conn:
    tx = conn.begin()
    conn.execute(text("INSERT INTO t VALUES (7)"))
    print("held", flush=True)
    sys.stdin.readline()
    tx.commit()
print("done", flush=True)
"""


def test_another_process_waits_for_the_file_lock_too(engine: Engine, tmp_path: Path) -> None:
    # A second worker process, or the CLI beside the server: the lock file beside the
    # database hands the write lock over between processes as well.
    import subprocess
    import sys

    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(engine.url)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdin is not None
        assert holder.stdout.readline().strip() == "held"
        thread, done, errors = _insert_in_thread(engine, 8)
        assert not done.wait(0.3), f"the second transaction did not wait: {errors}"
        holder.stdin.write("\n")
        holder.stdin.flush()
        assert holder.stdout.readline().strip() == "done"
        thread.join(10)
        assert errors == []
        assert _rows(engine) == [7, 8]
    finally:
        holder.kill()
        holder.wait()


def test_a_read_only_transaction_does_not_wait_for_the_writer(engine: Engine) -> None:
    from sqlalchemy.orm import Session

    from mcert.db.engine import read_only

    writer = engine.connect()
    tx = writer.begin()
    writer.execute(text("INSERT INTO t VALUES (1)"))
    # The writer holds the write lock; a reader sees the last committed state at once (a
    # plain transaction would wait for the lock here, see the tests above).
    with Session(engine) as db:
        read_only(db)
        assert db.execute(text("SELECT count(*) FROM t")).scalar_one() == 0
        db.commit()
    tx.commit()
    writer.close()


def test_a_write_in_a_read_only_transaction_is_refused(engine: Engine) -> None:
    from sqlalchemy.orm import Session

    from mcert.db.engine import read_only

    with Session(engine) as db:
        read_only(db)
        with pytest.raises(RuntimeError, match="read_only"):
            db.execute(text("INSERT INTO t VALUES (2)"))
    assert _rows(engine) == []
