"""The runtime builds each provider lazily from its setting."""

from __future__ import annotations

from pathlib import Path

import pytest

from mcert.providers.face import SandboxFaceVerifier
from mcert.providers.payment_sandbox import SandboxPaymentGateway
from mcert.providers.realname import SandboxRealnameVerifier
from mcert.providers.registry import UnknownProvider
from mcert.providers.storage import LocalEncryptedStorage
from mcert.runtime import Runtime
from mcert.settings import Settings


def test_defaults_are_the_sandboxes_and_local_storage(runtime: Runtime, tmp_path: Path) -> None:
    # A data directory of its own: the test runtime's has the test process's merchant files.
    fresh = tmp_path / "fresh"
    rt = Runtime(
        Settings(**{**runtime.settings.model_dump(), "data_dir": fresh}),
        clock=runtime.clock,
        engine=runtime.engine,
    )
    assert isinstance(rt.realname, SandboxRealnameVerifier)
    assert isinstance(rt.face, SandboxFaceVerifier)
    assert isinstance(rt.storage, LocalEncryptedStorage)
    assert isinstance(rt.payment, SandboxPaymentGateway)
    assert rt.payment is rt.payment
    # Nothing is written until the gateway is first used; then the merchant key is made.
    assert not (fresh / "sandbox").exists()
    assert rt.payment.app_id.startswith("2021")
    assert (fresh / "sandbox" / "payment_gateway_key.pem").exists()


@pytest.mark.parametrize("kind", ["realname", "face", "storage", "payment"])
def test_unknown_provider_names_are_refused(runtime: Runtime, kind: str) -> None:
    settings = Settings(**{**runtime.settings.model_dump(), f"{kind}_provider": "acme"})
    other = Runtime(settings, clock=runtime.clock, engine=runtime.engine)
    with pytest.raises(UnknownProvider):
        getattr(other, kind)
