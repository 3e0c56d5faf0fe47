"""The SDK against the app in-process: each refusal of the RP API arrives as the SDK's own
exception class for its code (``mcert_rp.ERROR_CODES``), not as a bare status."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

from mcert.clock import FrozenClock
from mcert_rp import (
    ChallengeInvalid,
    Client,
    ClockSkewed,
    CredentialsRejected,
    DigestsInvalid,
    OperationNotAllowed,
    RecipientInvalid,
    RequirementsInvalid,
    SessionNotFound,
    SessionNotPending,
    TextInvalid,
)

RPFactory = Callable[..., Client]


def test_refusals_map_to_precise_classes(
    rp_factory: RPFactory, client: TestClient, clock: FrozenClock
) -> None:
    rp = rp_factory(ops=("login", "sign"))
    with pytest.raises(TextInvalid):
        rp.start_login(display_text="登录\u202e")  # a bidi override in what the holder reads
    with pytest.raises(ChallengeInvalid):
        rp.start_login(display_text="登录", challenge=b"short")
    with pytest.raises(DigestsInvalid):
        rp.start_sign(display_text="签", digests=[("a", b"not 32 bytes")])
    with pytest.raises(RequirementsInvalid):
        rp.start_login(display_text="登录", requirements={"cert_type": "robot"})
    with pytest.raises(OperationNotAllowed) as denied:
        rp.start_decrypt(display_text="解密", recipient={}, rp_public_key={})
    assert denied.value.status == 403
    with pytest.raises(SessionNotFound):
        rp.collect("no-such-session")
    handle = rp.start_login(display_text="登录")
    rp.cancel(handle.session_id)
    with pytest.raises(SessionNotPending):
        rp.cancel(handle.session_id)
    # Credentials and clocks.
    wrong = Client(str(client.base_url), rp.client_id, "wrong-secret", http=client,
                   clock=lambda: clock.now().timestamp())  # fmt: skip
    with pytest.raises(CredentialsRejected):
        wrong.collect(handle.session_id)
    skewed = Client(str(client.base_url), rp.client_id, "x", http=client,
                    clock=lambda: clock.now().timestamp() - 3600)  # fmt: skip
    with pytest.raises(ClockSkewed):
        skewed.collect(handle.session_id)


def test_a_bad_recipient_challenge(rp_factory: RPFactory) -> None:
    rp = rp_factory()
    with pytest.raises(RecipientInvalid):
        rp.start_decrypt(
            display_text="解密", recipient={"kind": "nope"}, rp_public_key={"kty": "EC"}
        )
