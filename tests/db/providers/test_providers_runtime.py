"""The runtime builds each provider lazily from its setting."""

from __future__ import annotations

import pytest

from mcert.providers.face import SandboxFaceVerifier
from mcert.providers.payment_sandbox import SandboxPaymentGateway
from mcert.providers.realname import SandboxRealnameVerifier
from mcert.providers.registry import UnknownProvider
from mcert.providers.storage import LocalEncryptedStorage
from mcert.runtime import Runtime
from mcert.settings import Settings


def test_defaults_are_the_sandboxes_and_local_storage(runtime: Runtime) -> None:
    assert isinstance(runtime.realname, SandboxRealnameVerifier)
    assert isinstance(runtime.face, SandboxFaceVerifier)
    assert isinstance(runtime.storage, LocalEncryptedStorage)
    assert isinstance(runtime.payment, SandboxPaymentGateway)
    assert runtime.payment is runtime.payment
    # Nothing is written until the gateway is first used.
    assert not (runtime.settings.data_dir / "sandbox").exists()


@pytest.mark.parametrize("kind", ["realname", "face", "storage", "payment"])
def test_unknown_provider_names_are_refused(runtime: Runtime, kind: str) -> None:
    settings = Settings(**{**runtime.settings.model_dump(), f"{kind}_provider": "acme"})
    other = Runtime(settings, clock=runtime.clock, engine=runtime.engine)
    with pytest.raises(UnknownProvider):
        getattr(other, kind)
