"""Shared fixtures.

The ``db/`` and ``api/`` suites run once per backend: SQLite always, and PostgreSQL (+ Redis
for the short-lived store) when ``MCERT_TEST_DATABASE_URL`` / ``MCERT_TEST_REDIS_URL`` are
set. Each backend's schema is built once by the real Alembic migrations; every test starts
from empty tables and a frozen clock.
"""

from __future__ import annotations

import base64
import gc
import logging
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
import redis
from click.testing import CliRunner
from cryptography.hazmat.primitives.asymmetric import ec
from fastapi.testclient import TestClient
from sqlalchemy import Connection, Engine, create_engine, make_url, text
from sqlalchemy.exc import ProgrammingError
from sqlalchemy.pool import NullPool

from mcert.clock import FrozenClock
from mcert.consent import documents
from mcert.db.engine import make_engine
from mcert.db.migrate import upgrade
from mcert.db.models import Base
from mcert.kv import RedisKV
from mcert.main import create_app
from mcert.pki.keys import find_softhsm2_module
from mcert.providers.payment_sandbox import gateway as sandbox_gateway
from mcert.providers.payment_sandbox.gateway import SandboxPaymentGateway
from mcert.providers.sms import SandboxSMSSender
from mcert.runtime import Runtime
from mcert.settings import Settings
from mcert_device.crypto import public_key_der
from mcert_device.devicekey import login_message, sign_raw
from tests import onehop, routecache

routecache.install()  # every app of the tests shares its routes' FastAPI state

T0 = datetime(2026, 11, 29, 2, 0, 0, tzinfo=UTC)  # 10:00 in Beijing
TEST_SECRET = "test-secret-key-0123456789abcdef-0123456789"
# Cheap password hashes: the PBKDF2 pre-hash (production 310 000 iterations, the floor is
# 1 000), the scrypt of password verifiers (production 2**14), of the CA's file-sealed
# secret keys (production 2**15) and of operator passwords (production 2**14) at 2**10. The
# default of every test runtime; a module's ``settings_overrides`` may still set its own.
FAST_PASSWORDS: dict[str, object] = {
    "password_prehash_iterations": 1000,
    "password_scrypt_ln": 10,
    "ca_key_scrypt_ln": 10,
    "operator_password_scrypt_ln": 10,
}


@dataclass
class Backend:
    name: str
    url: str
    engine: Engine
    redis_url: str | None
    # Every Redis key of this test process starts with it (``MCERT_REDIS_KEY_PREFIX``):
    # pytest-xdist workers share the one Redis database and clean only their own keys.
    redis_prefix: str = "mcert:"


def _pg_url() -> str | None:
    return os.environ.get("MCERT_TEST_DATABASE_URL") or None


def xdist_worker() -> str | None:
    """``gw0``, ``gw1`` … under pytest-xdist, None in a plain run."""
    return os.environ.get("PYTEST_XDIST_WORKER") or None


def redis_test_prefix() -> str:
    return f"mcert-test:{xdist_worker() or 'main'}:"


def _admin_engine(url: str) -> Engine:
    return create_engine(make_url(url), isolation_level="AUTOCOMMIT", poolclass=NullPool)


@contextmanager
def worker_database(url: str) -> Iterator[str]:
    """The PostgreSQL database of this test process.

    A plain run uses ``url`` itself. Each pytest-xdist worker gets its own database,
    ``<name>_<worker>``, created beside it and dropped at the end: two workers on one
    database would deadlock (one rebuilding the schema while the other is in a transaction).
    Either way its commits skip the flush to disk (:func:`_no_commit_flush`).
    """
    worker = xdist_worker()
    base = make_url(url)
    admin = _admin_engine(url)
    if worker is None:
        try:
            with admin.connect() as conn:
                _no_commit_flush(conn, str(base.database))
        finally:
            admin.dispose()
        yield url
        return
    name = f"{base.database}_{worker}"
    try:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{name}"'))
            _no_commit_flush(conn, name)
        yield base.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _no_commit_flush(conn: Connection, database: str) -> None:
    """Commits to the test database return without waiting for the write-ahead log to reach
    the disk (``synchronous_commit = off``), for every connection to it: the engines of the
    tests, live servers and ``mcert`` subprocesses alike. A test commits dozens of times and
    each commit waited for an fdatasync; a crash of the database server could lose the last
    few hundred milliseconds of commits, which a test database never needs. Nothing else
    changes: transactions, isolation and constraints behave as before. The database is the
    test suite's own (its schema is dropped and rebuilt), so the setting may stay on it; a
    role that may not alter it runs the tests with flushed commits."""
    try:
        conn.execute(text(f'ALTER DATABASE "{database}" SET synchronous_commit TO off'))
    except ProgrammingError:  # not the database's owner
        pass


@pytest.fixture(
    scope="session",
    params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)],
)
def backend(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Backend]:
    with ExitStack() as stack:
        if request.param == "sqlite":
            url = f"sqlite:///{tmp_path_factory.mktemp('sqlite') / 'mcert.db'}"
            redis_url = None
        else:
            configured = _pg_url() or ""
            if not configured:
                pytest.skip("MCERT_TEST_DATABASE_URL is not set: PostgreSQL runs skipped")
            url = stack.enter_context(worker_database(configured))
            redis_url = os.environ.get("MCERT_TEST_REDIS_URL") or None
        engine = make_engine(url)
        stack.callback(engine.dispose)
        if request.param == "postgresql":
            with engine.begin() as conn:
                conn.execute(text("DROP SCHEMA public CASCADE"))
                conn.execute(text("CREATE SCHEMA public"))
        upgrade(engine)
        result = Backend(request.param, url, engine, redis_url, redis_test_prefix())
        stack.callback(_clear_redis, result)
        yield result


def _clear_redis(backend: Backend) -> None:
    """Delete this process's keys only: other workers (or CI jobs) may share the database."""
    if backend.redis_url:
        r = redis.Redis.from_url(backend.redis_url)
        keys = list(r.scan_iter(match=f"{backend.redis_prefix}*", count=1000))
        if keys:
            r.delete(*keys)
        r.close()


def _truncate(backend: Backend) -> None:
    """Empty every table the last test wrote (in-process, a live server or a subprocess)."""
    tables = [t.name for t in reversed(Base.metadata.sorted_tables)]  # children first
    with backend.engine.begin() as conn:
        # Asking which tables hold a row costs ~5 ms on PostgreSQL, ~0.5 ms on SQLite, and a
        # test writes a handful; only those are emptied (a DELETE of each of the 46 tables
        # cost ~3.7 ms on SQLite when they were all empty already). DELETE, not TRUNCATE:
        # on PostgreSQL TRUNCATE makes new files for every table and index it empties and
        # cost ~150 ms after a lifecycle test (~20 tables), DELETE of their few rows a few
        # ms. No table has a sequence to reset.
        probe = " UNION ALL ".join(
            f"SELECT '{name}' WHERE EXISTS (SELECT 1 FROM {name})" for name in tables
        )
        written = set(conn.execute(text(probe)).scalars().all())
        for name in (name for name in tables if name in written):
            conn.execute(text(f"DELETE FROM {name}"))
    _clear_redis(backend)


@pytest.fixture(scope="session")
def sandbox_merchant(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sandbox payment gateway's merchant files (an RSA-2048 key and its ids), made once
    per test process: each test's data directory gets a copy instead of a new key."""
    folder = tmp_path_factory.mktemp("merchant")
    gateway = SandboxPaymentGateway(
        sessions=None,  # type: ignore[arg-type]  (only the merchant files are asked for)
        clock=FrozenClock(T0),
        data_dir=folder,
        public_url="http://127.0.0.1",
        merchant_name="测试商户",
    )
    assert gateway.app_id.startswith("2021")  # made the key and the ids
    return folder / "sandbox"


_load_merchant = sandbox_gateway._load_merchant
_merchants: dict[tuple[bytes, bytes], Any] = {}


def _load_known_merchant(folder: Path) -> Any:
    """The sandbox gateway's merchant as its files describe it, parsed once per test process
    for the same files: loading the RSA key checks it (~55 ms), and every test's data
    directory holds a copy of the same ``sandbox_merchant`` files. A ``_Merchant`` is frozen
    and its key immutable."""
    key, ids = folder / "payment_gateway_key.pem", folder / "payment_merchant.json"
    if not (key.exists() and ids.exists()):
        return _load_merchant(folder)  # makes them
    files = (key.read_bytes(), ids.read_bytes())
    if files not in _merchants:
        _merchants[files] = _load_merchant(folder)
    return _merchants[files]


sandbox_gateway._load_merchant = _load_known_merchant


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(T0)


@pytest.fixture
def settings_overrides() -> dict[str, object]:
    """Override in a test module to change settings for its tests."""
    return {}


@pytest.fixture
def runtime(
    backend: Backend,
    clock: FrozenClock,
    tmp_path: Path,
    settings_overrides: dict[str, object],
    sandbox_merchant: Path,
) -> Runtime:
    _truncate(backend)
    return make_runtime(backend, clock, tmp_path, settings_overrides, sandbox_merchant)


def make_runtime(
    backend: Backend,
    clock: FrozenClock,
    data_dir: Path,
    settings_overrides: dict[str, object],
    sandbox_merchant: Path,
) -> Runtime:
    """The ``runtime`` fixture's runtime on ``data_dir``, without emptying the tables."""
    shutil.copytree(sandbox_merchant, data_dir / "sandbox")
    values: dict[str, object] = {
        "env": "test",
        "data_dir": data_dir,
        "database_url": backend.url,
        "redis_url": backend.redis_url,
        "redis_key_prefix": backend.redis_prefix,
        "secret_key": TEST_SECRET,
        "ca_key_passphrase": "test-ca-passphrase",
        # Tasks (SMS, callbacks) run as their transaction commits: tests read the SMS outbox
        # right after a request, with no worker and no sleep. tests/db/test_tasks.py turns
        # it off to test the queue itself.
        "tasks_eager": True,
        **FAST_PASSWORDS,
    }
    values.update(settings_overrides)
    return Runtime(Settings(**values), clock=clock, engine=backend.engine)  # type: ignore[arg-type]


@pytest.fixture
def client(runtime: Runtime) -> Iterator[TestClient]:
    with onehop.install(TestClient(create_app(runtime=runtime))) as c:
        yield c


def last_code(runtime: Runtime, phone: str) -> str:
    sender = runtime.sms
    assert isinstance(sender, SandboxSMSSender)
    messages = sender.outbox(phone=phone, limit=1)
    assert messages, f"no SMS in the outbox for {phone}"
    match = re.search(r"验证码为(\d{6})", messages[0].body)
    assert match, messages[0].body
    return match.group(1)


def mcert_cli(runtime: Runtime, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the `mcert` command against the same database, keys and secrets as ``runtime``.

    In this process, as ``python -m mcert.cli`` runs with ``cli_env(runtime)``: click's
    runner with that environment, stdout and stderr apart, the exit code of a
    :class:`SystemExit` or a :class:`click.ClickException`. A process would spend ~1.5 s
    importing before the command starts. An unexpected exception is raised here rather than
    printed as a traceback. Whatever the command leaves behind is undone: the runtimes it
    built are disposed of (their engines' connections closed), and the environment and the
    root logger (``worker`` configures logging) are as before. Tests about the process
    itself (the entry point, its exit on a bad configuration, signals) start one.
    """
    import mcert.cli as command

    built: list[Runtime] = []
    build = command._runtime

    def tracked() -> Runtime:
        rt: Runtime = build()
        built.append(rt)
        return rt

    environ = dict(os.environ)
    root, access = logging.getLogger(), logging.getLogger("uvicorn.access")
    handlers, level, access_disabled = list(root.handlers), root.level, access.disabled
    try:
        with mock.patch.object(command, "_runtime", tracked):
            result = CliRunner().invoke(
                command.main,
                list(args),
                env=cli_env(runtime),
                catch_exceptions=False,
                prog_name="python -m mcert.cli",
            )
    finally:
        for rt in built:
            kv = rt.__dict__.get("kv")  # built on first use (cached_property)
            if isinstance(kv, RedisKV):
                kv._redis.close()
            rt.dispose()
        for name in set(os.environ) - set(environ):
            del os.environ[name]
        os.environ.update(environ)
        root.handlers[:] = handlers
        root.setLevel(level)
        access.disabled = access_disabled
    return subprocess.CompletedProcess(
        [sys.executable, "-m", "mcert.cli", *args], result.exit_code, result.stdout, result.stderr
    )


def cli_env(runtime: Runtime) -> dict[str, str]:
    """The environment of an `mcert` command using ``runtime``'s database, keys, secrets."""
    s = runtime.settings
    env = {
        **os.environ,
        "MCERT_ENV": "test",
        "MCERT_DATABASE_URL": s.effective_database_url,
        "MCERT_DATA_DIR": str(s.data_dir),
        "MCERT_SECRET_KEY": s.secret_key,
        "MCERT_CA_KEY_BACKEND": s.ca_key_backend,
        "MCERT_CA_KEY_PASSPHRASE": s.ca_key_passphrase,
        "MCERT_PUBLIC_URL": s.public_url,
    }
    names = ("pkcs11_module", "pkcs11_user_pin", "pkcs11_token_label", "redis_url", "tasks_eager")
    fast = tuple(FAST_PASSWORDS)
    for name in (*names, "redis_key_prefix", *fast):
        value = getattr(s, name)
        if value:
            env[f"MCERT_{name.upper()}"] = str(value)
    return env


def agreed() -> dict[str, str]:
    """The ``agreements`` of a login request: the packaged 用户协议 and 隐私政策 versions, as a
    holder who ticked 我已阅读并同意 sends them."""
    return {d.value: documents.packaged(d).version for d in documents.AGREEMENTS}


def device_key(n: int = 1) -> ec.EllipticCurvePrivateKey:
    """Test device ``n``'s key: the same ``n`` is the same device (deterministic)."""
    return ec.derive_private_key(10_000 + n, ec.SECP256R1())


def device(
    n: int = 1, *, code: str, key: ec.EllipticCurvePrivateKey | None = None
) -> dict[str, Any]:
    """The ``device`` of a login request: id, key and the key's signature over the code."""
    key = key or device_key(n)
    device_id = f"test-device-{n:04d}"
    return {
        "id": device_id,
        "name": f"测试手机{n}",
        "platform": "android",
        "public_key": base64.urlsafe_b64encode(public_key_der(key)).rstrip(b"=").decode(),
        "proof": sign_raw(key, login_message(device_id, code, key)),
    }


@dataclass(frozen=True)
class SoftHSMToken:
    module: Path
    label: str
    user_pin: str


@pytest.fixture(scope="session")
def softhsm_token(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SoftHSMToken]:
    """A throwaway SoftHSM2 token, one per test session.

    A PKCS#11 module reads ``SOFTHSM2_CONF`` once, at C_Initialize, and python-pkcs11 keeps
    one loaded module per process, so every HSM test shares this token (labels differ).
    """
    util = shutil.which("softhsm2-util")
    module = find_softhsm2_module()
    if util is None or module is None:
        pytest.skip("SoftHSM2 is not installed (apt-get install softhsm2)")
    base = tmp_path_factory.mktemp("softhsm")
    (base / "tokens").mkdir()
    conf = base / "softhsm2.conf"
    conf.write_text(
        f"directories.tokendir = {base / 'tokens'}\nobjectstore.backend = file\nlog.level = ERROR\n"
    )
    old = os.environ.get("SOFTHSM2_CONF")
    os.environ["SOFTHSM2_CONF"] = str(conf)
    label, pin = "mcert-test", "123456"
    subprocess.run(
        [util, "--init-token", "--free", "--label", label, "--so-pin", "12345678", "--pin", pin],
        check=True,
        capture_output=True,
    )
    try:
        yield SoftHSMToken(module, label, pin)
    finally:
        if old is None:
            os.environ.pop("SOFTHSM2_CONF", None)
        else:
            os.environ["SOFTHSM2_CONF"] = old


def pytest_collection_finish(session: pytest.Session) -> None:
    """Garbage collection for a process that builds an app and a runtime per test: what the
    imports and the collection made is kept out of every later collection (``gc.freeze``),
    and the youngest generation is collected every 10 000 allocations rather than 700.
    Each test's app and runtime are reference cycles that reach the old generation before
    they are freed; with the defaults, collections took ~10 of 48 s in three lifecycle
    modules (test_apply, test_console_ops, test_invoices), ~4 s after."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(10_000, 10, 10)


@pytest.hookimpl(trylast=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> None:
    routecache.forget_apps()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Without a PostgreSQL URL, drop the PostgreSQL copies and say so once at the end."""
    if _pg_url():
        return
    kept, dropped = [], []
    for item in items:
        params = getattr(item, "callspec", None)
        is_pg = params is not None and params.params.get("backend") == "postgresql"
        (dropped if is_pg else kept).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept
        config.stash[_PG_SKIPPED] = len(dropped)


_PG_SKIPPED = pytest.StashKey[int]()


def pytest_terminal_summary(
    terminalreporter: pytest.TerminalReporter, config: pytest.Config
) -> None:
    dropped = config.stash.get(_PG_SKIPPED, 0)
    if dropped:
        terminalreporter.write_line(
            f"mcert: {dropped} PostgreSQL + Redis runs not collected: "
            "MCERT_TEST_DATABASE_URL is not set",
            yellow=True,
        )
