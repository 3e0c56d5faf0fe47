"""A company's usage records (使用记录, issue #11) on PostgreSQL: pages and the CSV export.

The data: one company with ``--members`` members (500) and ``--rows`` records (1,000,000)
spread over twelve months in time order, as a live table grows, beside as many records of
other companies and personal certificates (the table is shared). Loaded with ``COPY`` into
a throwaway database migrated by the real Alembic migrations, then ``VACUUM ANALYZE``.

Measured through the product's own code (``mcert.scan.usage``), each query in a fresh
session as a request would:

- a filtered page: one member's records in one month, newest first, 20 a page, with the
  total (``usage`` with ``member_id``, ``from``, ``to``), random member and month each time;
- the company's records of one month, first page (no member filter): the total counts
  every record of the month;
- the CSV export of one month of the whole company (``export_csv``, keyset chunks in
  short transactions): wall time, and the peak memory of Python objects (tracemalloc) and
  of the process (``VmRSS`` sampled every 2 ms), beside the export of three months (streamed
  means the same peak) and beside a naive export that reads the month with one query.

Reference, same run: the same queries after the issue's two indexes (``(org_id,
created_at, id)`` and ``(org_id, user_id, created_at, id)``) are dropped and the single
``org_id`` index they replaced is back, as before migration 0008.

``MCERT_BENCH_DATABASE_URL`` names the server (default ``postgresql+psycopg://postgres@
127.0.0.1:5432/postgres``); a database ``mcert_bench_usage_<random>`` is created there and
dropped after. ``python -m bench company_usage [--quick]``; results also go to
``bench/results/company_usage.json``. Nothing here changes how the product behaves.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import secrets
import statistics
import sys
import threading
import time
import tracemalloc
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bench._common import Row, machine

OUT = Path(__file__).parent / "results" / "company_usage.json"
PG_DEFAULT = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
START = datetime(2025, 12, 1, tzinfo=UTC)
MONTHS = 12
PAGE_TARGET_MS = 50.0
MB = 1024 * 1024


@contextlib.contextmanager
def database() -> Iterator[str]:
    """A throwaway database on ``MCERT_BENCH_DATABASE_URL``'s server, dropped after."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    server = make_url(os.environ.get("MCERT_BENCH_DATABASE_URL") or PG_DEFAULT)
    name = f"mcert_bench_usage_{secrets.token_hex(4)}"
    admin = create_engine(server.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def month(i: int) -> tuple[datetime, datetime]:
    """The i-th month of the data as [start, end)."""

    def first(k: int) -> datetime:
        years, m = divmod(START.month - 1 + k, 12)
        return START.replace(year=START.year + years, month=m + 1)

    return first(i), first(i + 1)


def load(engine: Any, *, rows: int, members: int) -> dict[str, Any]:
    """The company, its members and ``rows`` records of theirs, as many of others."""
    from sqlalchemy import text

    t0 = time.perf_counter()
    org_id = "c" * 32
    users = [f"{i:032x}" for i in range(members)]
    others = [f"{i + members:032x}" for i in range(members * 10)]
    span = (month(MONTHS - 1)[1] - START).total_seconds()
    raw = engine.raw_connection()
    try:
        with raw.cursor() as cur:  # type: ignore[attr-defined]
            cur.execute(
                "INSERT INTO organizations (id, name, uscc, legal_rep_name_enc, verified_at, "
                "created_at) VALUES (%s, %s, %s, %s, %s, %s)",
                (org_id, "福州某某建设工程有限公司", "91350100MA2XXXXX1Q", "x", START, START),
            )
            with cur.copy(
                "COPY users (id, phone_bidx, phone_enc, status, created_at) FROM STDIN"
            ) as copy:
                for uid in users + others:
                    copy.write_row((uid, uid + "b", "x", "active", START))
            with cur.copy(
                "COPY org_members (id, org_id, user_id, role, status, phone_bidx, created_at, "
                "updated_at) FROM STDIN"
            ) as copy:
                for i, uid in enumerate(users):
                    role = "admin" if i == 0 else "user"
                    copy.write_row((uid, org_id, uid, role, "active", uid + "b", START, START))
            rnd = random.Random(11)
            total = rows * 2
            with cur.copy(
                "COPY usage_records (id, session_id, user_id, org_id, holder_cert_id, "
                "cert_serial, holder_name, rp_id, rp_name, operation, result, created_at) "
                "FROM STDIN"
            ) as copy:
                for i in range(total):
                    at = START + timedelta(seconds=span * i / total)
                    ours = rnd.random() < 0.5
                    user = rnd.choice(users) if ours else rnd.choice(others)
                    copy.write_row(
                        (
                            f"{i:032x}",
                            f"s{i:031x}",
                            user,
                            org_id if ours else (None if rnd.random() < 0.5 else "o" * 32),
                            "h" + user[1:],
                            f"{rnd.getrandbits(128):032x}",
                            "李四",
                            "r" * 32,
                            "某某公共资源交易平台",
                            rnd.choice(("login", "login", "login", "sign", "decrypt")),
                            "success" if rnd.random() < 0.95 else "user_cancel",
                            at,
                        )
                    )
        raw.commit()
    finally:
        raw.close()
    loaded = time.perf_counter() - t0
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM ANALYZE usage_records"))
        ours = conn.execute(
            text("SELECT count(*) FROM usage_records WHERE org_id = :o"), {"o": org_id}
        ).scalar_one()
        size = conn.execute(text("SELECT pg_total_relation_size('usage_records')")).scalar_one()
    return {
        "org_id": org_id,
        "users": users,
        "company_rows": int(ours),
        "table_rows": rows * 2,
        "table_mb": round(size / MB, 1),
        "load_s": round(loaded, 1),
    }


def use_old_indexes(engine: Any) -> None:
    """The indexes before migration 0008: one on ``org_id`` alone."""
    from sqlalchemy import text

    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("DROP INDEX ix_usage_records_org_id_created_at"))
        conn.execute(text("DROP INDEX ix_usage_records_org_id_user_id"))
        conn.execute(text("CREATE INDEX ix_usage_records_org_id ON usage_records (org_id)"))
        conn.execute(text("VACUUM ANALYZE usage_records"))


def _percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return {
        "p50_ms": round(statistics.median(ordered), 2),
        "p99_ms": round(p99, 2),
        "max_ms": round(ordered[-1], 2),
        "n": len(ordered),
    }


def time_pages(sessions: Any, make: Callable[[random.Random], Any], n: int) -> dict[str, float]:
    """``n`` pages (each query in its own session), after 10 untimed warm-ups."""
    from mcert.scan.usage import usage

    rnd = random.Random(5)
    samples = []
    for i in range(n + 10):
        query = make(rnd)
        t0 = time.perf_counter()
        with sessions() as db:
            rows, total = usage(db, query, limit=20, offset=0)
        elapsed = (time.perf_counter() - t0) * 1000
        assert rows or total == 0
        if i >= 10:
            samples.append(elapsed)
    return _percentiles(samples)


class RSSPeak:
    """The process's resident memory, sampled every 2 ms: peak minus the start."""

    def __init__(self) -> None:
        self._stop = threading.Event()
        self.start = self.peak = _rss()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, _rss())
            time.sleep(0.002)

    def __enter__(self) -> RSSPeak:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def grown_mb(self) -> float:
        return round((self.peak - self.start) / MB, 1)


def _rss() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


def export(sessions: Any, query: Any, *, naive: bool = False) -> dict[str, Any]:
    """One export, drained as the HTTP response would be: time, bytes, rows, memory."""
    from mcert.scan.usage import export_csv

    def stream() -> Iterator[bytes]:
        if not naive:
            yield from export_csv(sessions, query)
            return
        # The reference: every row of the month in one query, the CSV built whole.
        from sqlalchemy import select

        from mcert.scan.models import UsageRecord
        from mcert.scan.usage import CSV_HEADER, _csv_lines, _csv_row

        with sessions() as db:
            rows = db.scalars(
                select(UsageRecord)
                .where(*query.where())
                .order_by(UsageRecord.created_at, UsageRecord.id)
            ).all()
            name = "福州某某建设工程有限公司"
            body = _csv_lines([CSV_HEADER, *(_csv_row(r, name) for r in rows)])
        yield b"\xef\xbb\xbf" + body

    size = lines = 0
    t0 = time.perf_counter()
    for chunk in stream():
        size += len(chunk)
        lines += chunk.count(b"\r\n")
    elapsed = time.perf_counter() - t0
    tracemalloc.start()
    with RSSPeak() as rss:
        for _chunk in stream():
            pass
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "seconds": round(elapsed, 2),
        "rows": lines - 1,
        "mb": round(size / MB, 1),
        "rows_per_s": round((lines - 1) / elapsed),
        "python_peak_mb": round(peak / MB, 1),
        "rss_growth_mb": rss.grown_mb,
    }


def measure(engine: Any, data: dict[str, Any], pages: int) -> dict[str, Any]:
    from sqlalchemy.orm import sessionmaker

    from mcert.scan.usage import UsageQuery

    sessions = sessionmaker(engine, expire_on_commit=False)
    org_id, users = data["org_id"], data["users"]

    def member_month(rnd: random.Random) -> Any:
        since, until = month(rnd.randrange(MONTHS))
        return UsageQuery(org_id=org_id, user_id=rnd.choice(users), since=since, until=until)

    def company_month(rnd: random.Random) -> Any:
        since, until = month(rnd.randrange(MONTHS))
        return UsageQuery(org_id=org_id, since=since, until=until)

    one = UsageQuery(org_id=org_id, since=month(6)[0], until=month(6)[1])
    three = UsageQuery(org_id=org_id, since=month(6)[0], until=month(8)[1])
    result = {
        "page_member_month": time_pages(sessions, member_month, pages),
        "page_company_month": time_pages(sessions, company_month, max(20, pages // 5)),
        "export_month": export(sessions, one),
        "export_3_months": export(sessions, three),
    }
    print(f"  {json.dumps(result, ensure_ascii=False)}", file=sys.stderr, flush=True)
    return result


def run(args: argparse.Namespace) -> tuple[list[Row], dict[str, Any]]:
    """Entry point for ``bench/__main__.py``: ``args`` needs only ``quick``."""
    from mcert.db.engine import make_engine
    from mcert.db.migrate import upgrade

    rows_n = 100_000 if args.quick else 1_000_000
    members = 50 if args.quick else 500
    pages = 100 if args.quick else 300
    with database() as url:
        engine = make_engine(url)
        try:
            upgrade(engine)
            print(f"loading {rows_n:,} company records (+ as many others)", file=sys.stderr)
            data = load(engine, rows=rows_n, members=members)
            print(f"  loaded in {data['load_s']} s, {data['table_mb']} MB", file=sys.stderr)
            print("with the company indexes", file=sys.stderr)
            new = measure(engine, data, pages)
            from sqlalchemy.orm import sessionmaker

            from mcert.scan.usage import UsageQuery

            sessions = sessionmaker(engine, expire_on_commit=False)
            naive = export(
                sessions,
                UsageQuery(org_id=data["org_id"], since=month(6)[0], until=month(6)[1]),
                naive=True,
            )
            print(f"  naive export: {naive}", file=sys.stderr)
            print("with the indexes before migration 0008", file=sys.stderr)
            use_old_indexes(engine)
            old = measure(engine, data, pages)
        finally:
            engine.dispose()
    details = {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "data": {k: v for k, v in data.items() if k != "users"} | {"members": members},
        "with_indexes": new,
        "without_indexes": old,
        "naive_export_month": naive,
        "target_page_ms": PAGE_TARGET_MS,
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(details, indent=2, ensure_ascii=False) + "\n")
    ref = "without the new indexes"
    rows = [
        Row(
            "company_usage",
            "page: one member, one month (p99)",
            new["page_member_month"]["p99_ms"],
            "ms",
            ref,
            old["page_member_month"]["p99_ms"],
            f"p50 {new['page_member_month']['p50_ms']} ms; target < {PAGE_TARGET_MS:.0f} ms",
        ),
        Row(
            "company_usage",
            "page: whole company, one month (p99)",
            new["page_company_month"]["p99_ms"],
            "ms",
            ref,
            old["page_company_month"]["p99_ms"],
            f"p50 {new['page_company_month']['p50_ms']} ms; the total counts the month",
        ),
        Row(
            "company_usage",
            "CSV export of a month",
            new["export_month"]["seconds"],
            "s",
            ref,
            old["export_month"]["seconds"],
            f"{new['export_month']['rows']:,} rows, {new['export_month']['mb']} MB",
        ),
        Row(
            "company_usage",
            "CSV export of a month: peak Python memory",
            new["export_month"]["python_peak_mb"],
            "MB",
            "read in one query",
            naive["python_peak_mb"],
            f"3 months: {new['export_3_months']['python_peak_mb']} MB (streamed: the same)",
        ),
    ]
    return rows, details


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.company_usage", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="100,000 rows, 50 members")
    args = parser.parse_args(argv)
    from bench._common import table

    rows, _ = run(args)
    print(table(rows))
    print(f"\nsaved to {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
