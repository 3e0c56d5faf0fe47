"""The runtime: everything a request, a CLI command or a job needs, built once from settings.

Holds the engine and session factory, the clock, the shared short-lived store, the
personal-data ciphers and the providers. ``create_app`` and the CLI each build one;
tests build their own with a frozen clock.

It never imports a domain (``tests/unit/test_layers.py``): a domain that needs one object
per process builds it itself and keeps it here through :meth:`Runtime.component`, as the CA
does with :func:`mcert.ca.service.ca_service`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TypeVar, cast

from sqlalchemy import Engine, Table
from sqlalchemy.orm import Session, sessionmaker

from mcert.clock import Clock, SystemClock
from mcert.db.base import Base
from mcert.db.engine import make_engine, make_sessionmaker
from mcert.kv import DatabaseKV, KVStore, RedisKV
from mcert.kv.models import KVEntry
from mcert.metrics import Metrics
from mcert.pii import BlindIndex, FieldCipher
from mcert.providers import invoice_sandbox, payment_sandbox
from mcert.providers.email import EmailSender, email_providers
from mcert.providers.face import FaceVerifier, face_providers
from mcert.providers.invoice import InvoiceProvider, Party, invoice_providers
from mcert.providers.payment import PaymentGateway, payment_providers
from mcert.providers.realname import RealnameVerifier, realname_providers
from mcert.providers.sms import SMSSender, sms_providers
from mcert.providers.storage import ObjectStorage, storage_providers
from mcert.settings import Settings

_T = TypeVar("_T")


@dataclass
class Runtime:
    settings: Settings
    clock: Clock = field(default_factory=SystemClock)
    engine: Engine | None = None

    def __post_init__(self) -> None:
        self._aux: dict[str, sessionmaker[Session]] = {}
        self._components: dict[Callable[[Runtime], object], object] = {}
        self._components_lock = threading.RLock()
        if self.engine is None:
            self.engine = make_engine(self.settings.effective_database_url)

    @cached_property
    def sessions(self) -> sessionmaker[Session]:
        assert self.engine is not None
        return make_sessionmaker(self.engine)

    def aux_sessions(self, name: str, tables: list[Table]) -> sessionmaker[Session]:
        """Sessions for state that lives beside ours: the short-lived store and sandboxes of
        outside services (a payment gateway's own books).

        On PostgreSQL that is the main database. On SQLite it is a file of its own under the
        data directory: SQLite locks a whole database per writer, and a request holding a
        transaction must not wait on itself while "the gateway" or the counter store writes.
        """
        assert self.engine is not None
        if self.engine.dialect.name != "sqlite":
            return self.sessions
        if name not in self._aux:
            engine = make_engine(f"sqlite:///{(self.settings.data_dir / f'{name}.db').as_posix()}")
            Base.metadata.create_all(engine, tables=tables)
            self._aux[name] = make_sessionmaker(engine)
        return self._aux[name]

    @cached_property
    def kv(self) -> KVStore:
        if self.settings.redis_url:
            return RedisKV(
                self.settings.redis_url, self.clock, prefix=self.settings.redis_key_prefix
            )
        return DatabaseKV(self.aux_sessions("kv", [KVEntry.__table__]), self.clock)  # type: ignore[list-item]

    @cached_property
    def metrics(self) -> Metrics:
        return Metrics(self.settings.secret_key.encode())

    @cached_property
    def cipher(self) -> FieldCipher:
        return FieldCipher.from_secret(self.settings.secret_key.encode(), key_id="k1")

    @cached_property
    def blind_index(self) -> BlindIndex:
        return BlindIndex.from_secret(self.settings.secret_key.encode())

    @cached_property
    def sms(self) -> SMSSender:
        sender = sms_providers.create(
            self.settings.sms_provider,
            sessions=self.sessions,
            clock=self.clock,
            cipher=self.cipher,
            blind_index=self.blind_index,
            product_name=self.settings.product_name,
        )
        return self.metrics.count_sms(sender)  # type: ignore[no-any-return]

    @cached_property
    def realname(self) -> RealnameVerifier:
        return realname_providers.create(self.settings.realname_provider, clock=self.clock)

    @cached_property
    def face(self) -> FaceVerifier:
        return face_providers.create(self.settings.face_provider, clock=self.clock)

    @cached_property
    def image_slots(self) -> threading.Semaphore:
        """Images decoded at once (``MCERT_IMAGE_DECODE_CONCURRENCY``): bounds their memory."""
        return threading.BoundedSemaphore(self.settings.image_decode_concurrency)

    @cached_property
    def storage(self) -> ObjectStorage:
        return storage_providers.create(
            self.settings.storage_provider,
            data_dir=self.settings.data_dir,
            secret_key=self.settings.secret_key,
        )

    @cached_property
    def payment(self) -> PaymentGateway:
        return payment_providers.create(
            self.settings.payment_provider,
            sessions=self.aux_sessions("sandbox", payment_sandbox.sandbox_tables()),
            clock=self.clock,
            data_dir=self.settings.data_dir,
            public_url=self.settings.public_url,
            product_name=self.settings.product_name,
            timeout_minutes=self.settings.payment_timeout_minutes,
        )

    @cached_property
    def invoice(self) -> InvoiceProvider:
        return invoice_providers.create(
            self.settings.invoice_provider,
            sessions=self.aux_sessions("invoice_sandbox", invoice_sandbox.sandbox_invoice_tables()),
            clock=self.clock,
            data_dir=self.settings.data_dir,
            seller=Party(
                name=self.settings.invoice_seller_name,
                tax_no=self.settings.invoice_seller_tax_no,
            ),
        )

    @cached_property
    def email(self) -> EmailSender:
        return email_providers.create(
            self.settings.email_provider, sessions=self.sessions, clock=self.clock
        )

    def component(self, build: Callable[[Runtime], _T]) -> _T:
        """The one object ``build(self)`` makes for this runtime, made on first use.

        A domain's per-process service (the CA's key handles and caches) lives here without
        the runtime importing the domain; ``build`` itself is the key, so two domains cannot
        take each other's slot.
        """
        with self._components_lock:
            if build not in self._components:
                self._components[build] = build(self)
            return cast(_T, self._components[build])

    def dispose(self) -> None:
        for aux in self._aux.values():
            bind = aux.kw.get("bind")
            if bind is not None:
                bind.dispose()
        if self.engine is not None:
            self.engine.dispose()
