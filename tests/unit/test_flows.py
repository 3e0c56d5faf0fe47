"""The flows between domains are wired by importing ``mcert.flows`` (no database needed)."""

from __future__ import annotations

from typing import Any

import pytest

import mcert.flows  # noqa: F401
from mcert.cert import members as cert_members
from mcert.cert import service as certs
from mcert.order import service as orders
from mcert.scan import phone
from mcert.seal import service as seals


def test_flows_register_every_listener_once() -> None:
    assert orders.paid_listeners.count(certs.fulfil) == 1
    assert orders.paid_listeners.count(cert_members.follow_rename) == 1
    assert certs.blocked_listeners.count(phone.fail_open_sessions) == 1
    assert certs.blocked_listeners.count(seals.void_on_revocation) == 1
    assert certs.supersede_listeners.count(seals.follow_certificate) == 1
    assert orders.paid_listeners.count(seals.void_on_rename) == 1
    # fulfilment first: a seal listener never runs before the certificate exists
    assert orders.paid_listeners.index(certs.fulfil) < orders.paid_listeners.index(
        seals.void_on_rename
    )


def test_completing_an_order_without_fulfilment_refuses(monkeypatch: pytest.MonkeyPatch) -> None:
    """Taking the money without making the certificate is a wiring bug: it raises before
    the order moves."""
    monkeypatch.setattr(orders, "paid_listeners", [])
    order: Any = object()
    with pytest.raises(RuntimeError, match="no fulfilment"):
        orders._complete(None, None, order, None, trade_no=None, source="test")  # type: ignore[arg-type]
