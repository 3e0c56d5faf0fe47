"""Device binding (issue #9 item 3): a device is the key pair it proved at login, and every
binding-sensitive call carries its signature over a fresh, single-use server challenge.

The attacker here has a copy of the phone's state — device id, device secret, wrapped keys,
tokens — but not the device key (another key, or none)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fastapi.dependencies.models import Dependant
from fastapi.routing import iter_route_contexts
from fastapi.testclient import TestClient
from sqlalchemy import select, update
from tests.companies import authorise, verified_company
from tests.conftest import agreed, device, device_key, last_code
from tests.holders import Certified, Holder, face_jpeg, make_holder

from mcert.account.models import Device
from mcert.cert.models import HolderCertificate
from mcert.clock import FrozenClock
from mcert.http.device_proof import require_device_proof
from mcert.ident import make_resident_id
from mcert.order.models import Order
from mcert.org.models import OrgMember
from mcert.providers.sms import SandboxSMSSender
from mcert.runtime import Runtime
from mcert_device.client import DeviceClient, DeviceError
from mcert_device.crypto import Keystore, generate_transport_key, public_key_jwk
from mcert_device.devicekey import generate_device_key, proof_message, sign_raw
from mcert_rp import Client

PASSWORD = "Bid#2026go"
RPFactory = Callable[..., Client]


def copy_of(holder: Holder, *, key: Any = None) -> DeviceClient:
    """Everything the phone's storage holds, with ``key`` in place of the device key."""
    ks = holder.device.keystore
    return DeviceClient(
        http=holder.client,
        keystore=Keystore(
            device_id=ks.device_id,
            device_secret=ks.device_secret,
            entries=dict(ks.entries),
            device_key=key or generate_device_key(),
        ),
        access_token=holder.device.access_token,
        refresh_token=holder.device.refresh_token,
    )


def refused(code: str, call: Callable[[], Any]) -> None:
    with pytest.raises(DeviceError) as err:
        call()
    assert (err.value.status, err.value.code) == (403, code), err.value
    assert err.value.message  # Chinese, for the holder


def sensitive_calls(holder: Holder, cert_id: str, session_id: str) -> dict[str, tuple[str, Any]]:
    """Every binding-sensitive endpoint with a body that would otherwise be acceptable."""
    transport = public_key_jwk(generate_transport_key())
    prehash = "A" * 43
    return {
        "download": (
            f"/api/app/v1/certificates/{cert_id}/download",
            {"csr": "x", "transport_key": transport},
        ),
        "unlock": (
            f"/api/app/v1/certificates/{cert_id}/unlock",
            {"prehash": prehash, "transport_key": transport},
        ),
        "password": (
            f"/api/app/v1/certificates/{cert_id}/password",
            {"old_prehash": prehash, "new_password": "New#2026pass"},
        ),
        "password-reset": (
            f"/api/app/v1/certificates/{cert_id}/password-reset",
            {"face_check_id": holder.device.face_check(face_jpeg()), "new_password": "N#2026pw"},
        ),
        "renewal": (
            f"/api/app/v1/certificates/{cert_id}/renewal",
            {"years": 1, "prehash": prehash},
        ),
        "reissue": (
            f"/api/app/v1/certificates/{cert_id}/reissue",
            {"face_check_id": holder.device.face_check(face_jpeg())},
        ),
        "scan-prepare": (
            f"/api/app/v1/scan/{session_id}/prepare",
            {"cert_id": cert_id, "prehash": prehash, "transport_key": transport},
        ),
        "scan-complete": (f"/api/app/v1/scan/{session_id}/complete", {"signature": "AAAA"}),
    }


@pytest.fixture
def bound(
    certified: Certified, rp_factory: RPFactory, clock: FrozenClock
) -> tuple[Holder, dict[str, Any], str]:
    holder, cert = certified.holder, certified.cert
    rp = rp_factory()
    handle = rp.start_login(display_text="登录")
    holder.device.scan(handle.qr_text(int((clock.now() - handle.created_at).total_seconds())))
    return holder, cert, handle.session_id


def test_copied_state_with_another_key_is_refused_on_every_sensitive_call(
    bound: tuple[Holder, dict[str, Any], str],
) -> None:
    holder, cert, session_id = bound
    copy = copy_of(holder)
    for name, (path, body) in sensitive_calls(holder, cert["id"], session_id).items():
        with pytest.raises(DeviceError) as err:
            copy.request("POST", path, json=body, proof=True)
        assert (err.value.status, err.value.code) == (403, "device_proof_invalid"), name
    # The high-level flows too: nothing released, no password attempt counted.
    refused("device_proof_invalid", lambda: copy.unlock(cert["id"], PASSWORD))
    refused("device_proof_invalid", lambda: copy.confirm(session_id, cert["id"], PASSWORD))
    refused("device_proof_invalid", lambda: copy.change_password(cert["id"], "wrong", "x"))
    after = holder.device.certificate(cert["id"])
    assert after["attempts_left"] == 5
    assert after["on_this_device"] is True
    # The phone itself still does all of it.
    holder.device.unlock(cert["id"], PASSWORD)
    holder.device.confirm(session_id, cert["id"], PASSWORD)


def test_copied_state_without_a_key_is_refused_on_every_sensitive_call(
    bound: tuple[Holder, dict[str, Any], str],
) -> None:
    holder, cert, session_id = bound
    copy = copy_of(holder)
    for name, (path, body) in sensitive_calls(holder, cert["id"], session_id).items():
        with pytest.raises(DeviceError) as err:
            copy.request("POST", path, json=body)  # no proof headers at all
        assert (err.value.status, err.value.code) == (403, "device_proof_required"), name
        assert "设备" in err.value.message


def test_proofs_are_single_use_and_bound_to_the_request(
    bound: tuple[Holder, dict[str, Any], str],
    client: TestClient,
    ca: Runtime,
    clock: FrozenClock,
) -> None:
    holder, cert, _ = bound
    dev = holder.device
    path = f"/api/app/v1/certificates/{cert['id']}/unlock"

    def unlock_body() -> bytes:
        return json.dumps(
            {
                "prehash": dev._prehash(cert["id"], PASSWORD),
                "transport_key": public_key_jwk(generate_transport_key()),
            }
        ).encode()

    def post(url: str, body: bytes, proof: dict[str, str]) -> Any:
        headers = {**dev._headers(), **proof, "Content-Type": "application/json"}
        return client.post(url, content=body, headers=headers)

    body = unlock_body()
    proof = dev.proof_headers("POST", path, body)
    assert post(path, body, proof).status_code == 200
    replay = post(path, body, proof)
    assert replay.status_code == 403
    assert replay.json()["error"]["code"] == "device_proof_invalid"

    # Signed for one request, sent with another body or to another path.
    proof = dev.proof_headers("POST", path, body)
    assert post(path, unlock_body(), proof).json()["error"]["code"] == "device_proof_invalid"
    other = f"/api/app/v1/certificates/{cert['id']}/password"
    assert post(other, body, proof).json()["error"]["code"] == "device_proof_invalid"

    # Expired: a challenge lives two minutes.
    proof = dev.proof_headers("POST", path, body)
    clock.advance(121)
    assert post(path, body, proof).json()["error"]["code"] == "device_proof_invalid"

    # Another session's challenge, signed with this device's key.
    other_holder = make_holder(client, ca, clock, n=5, name="李四")
    foreign = other_holder.device.request("POST", "/api/app/v1/device/challenge")["challenge"]
    forged = {
        "X-Mcert-Device-Challenge": foreign,
        "X-Mcert-Device-Signature": sign_raw(
            dev.keystore.device_key, proof_message(foreign, "POST", path, body)
        ),
    }
    assert post(path, body, forged).json()["error"]["code"] == "device_proof_invalid"
    # A tampered challenge.
    proof = dev.proof_headers("POST", path, body)
    bad = {**proof, "X-Mcert-Device-Challenge": proof["X-Mcert-Device-Challenge"][:-2] + "AA"}
    assert post(path, body, bad).json()["error"]["code"] == "device_proof_invalid"
    # And the genuine call still works.
    assert post(path, body, dev.proof_headers("POST", path, body)).status_code == 200


def test_each_authenticated_answer_carries_the_next_challenge(
    bound: tuple[Holder, dict[str, Any], str],
    client: TestClient,
    ca: Runtime,
    clock: FrozenClock,
) -> None:
    holder, cert, _ = bound
    dev = holder.device
    auth = dev._headers()
    answer = client.get("/api/app/v1/certificates", headers=auth)
    challenge = answer.headers["X-Mcert-Next-Device-Challenge"]
    assert answer.headers["X-Mcert-Next-Device-Challenge-Expires-In"] == "120"
    # Unauthenticated answers carry none.
    assert "X-Mcert-Next-Device-Challenge" not in client.get("/api/app/v1/agreements").headers

    path = f"/api/app/v1/certificates/{cert['id']}/unlock"
    body = json.dumps(
        {
            "prehash": dev._prehash(cert["id"], PASSWORD),
            "transport_key": public_key_jwk(generate_transport_key()),
        }
    ).encode()
    proof = {
        "X-Mcert-Device-Challenge": challenge,
        "X-Mcert-Device-Signature": sign_raw(
            dev.keystore.device_key, proof_message(challenge, "POST", path, body)
        ),
        "Content-Type": "application/json",
    }
    assert client.post(path, content=body, headers={**auth, **proof}).status_code == 200
    again = client.post(path, content=body, headers={**auth, **proof})
    assert again.json()["error"]["code"] == "device_proof_invalid"  # single use, as before

    # Another holder's piggybacked challenge does not prove this session.
    other = make_holder(client, ca, clock, n=6, name="王五")
    foreign = client.get("/api/app/v1/certificates", headers=other.device._headers()).headers[
        "X-Mcert-Next-Device-Challenge"
    ]
    forged = {
        **proof,
        "X-Mcert-Device-Challenge": foreign,
        "X-Mcert-Device-Signature": sign_raw(
            dev.keystore.device_key, proof_message(foreign, "POST", path, body)
        ),
    }
    refusal = client.post(path, content=body, headers={**auth, **forged})
    assert refusal.json()["error"]["code"] == "device_proof_invalid"


def test_the_device_proves_with_the_piggybacked_challenge_and_asks_only_when_it_is_stale(
    bound: tuple[Holder, dict[str, Any], str], rp_factory: RPFactory, clock: FrozenClock
) -> None:
    holder, cert, _ = bound
    dev = holder.device
    sent: list[str] = []
    dev.http.event_hooks["request"].append(lambda r: sent.append(f"{r.method} {r.url.path}"))
    rp = rp_factory()
    handle = rp.start_login(display_text="登录")
    dev.scan(handle.qr_text(int((clock.now() - handle.created_at).total_seconds())))
    dev.confirm(handle.session_id, cert["id"], PASSWORD)
    assert rp.collect(handle.session_id).status == "complete"
    # Scan, pre-hash parameters, prepare, complete: no round trip for a challenge.
    assert "POST /api/app/v1/device/challenge" not in sent
    assert [p for p in sent if "/scan" in p][-2:] == [
        f"POST /api/app/v1/scan/{handle.session_id}/prepare",
        f"POST /api/app/v1/scan/{handle.session_id}/complete",
    ]

    # Too little of its lifetime left (or none): the device asks for a fresh one first.
    body = {
        "prehash": dev._prehash(cert["id"], PASSWORD),
        "transport_key": public_key_jwk(generate_transport_key()),
    }
    sent.clear()
    dev.next_challenge_until = 0.0
    dev.request("POST", f"/api/app/v1/certificates/{cert['id']}/unlock", json=body, proof=True)
    assert sent == [
        "POST /api/app/v1/device/challenge",
        f"POST /api/app/v1/certificates/{cert['id']}/unlock",
    ]

    # Expired by the server's clock although the device thought it fresh (a phone that
    # slept): the refused proof ran nothing, the device asks for a fresh one and resends.
    body["prehash"] = dev._prehash(cert["id"], PASSWORD)
    clock.advance(121)
    sent.clear()
    dev.request("POST", f"/api/app/v1/certificates/{cert['id']}/unlock", json=body, proof=True)
    unlock = f"POST /api/app/v1/certificates/{cert['id']}/unlock"
    assert sent == [unlock, "POST /api/app/v1/device/challenge", unlock]


def test_relogin_with_the_same_device_id_and_another_key_is_another_device(
    bound: tuple[Holder, dict[str, Any], str], ca: Runtime, clock: FrozenClock
) -> None:
    holder, cert, _ = bound
    copy = copy_of(holder)
    copy.access_token = copy.refresh_token = None
    clock.advance(61)
    copy.request_code(holder.phone)
    copy.login(holder.phone, last_code(ca, holder.phone), agree=True)
    devices = copy.me()["devices"]
    assert [d["device_key"] for d in devices] == [holder.device.keystore.device_id] * 2
    assert len({d["id"] for d in devices}) == 2
    [seen] = copy.certificates()
    assert seen["on_this_device"] is False
    assert seen["bound_elsewhere"] is True
    with pytest.raises(DeviceError) as err:
        copy.unlock(cert["id"], PASSWORD)
    assert err.value.code == "cert_bound_to_another_device"
    # The phone logs in again with its own key: still the same device, still bound.
    holder.login()
    [mine] = holder.device.certificates()
    assert mine["on_this_device"] is True
    holder.device.unlock(cert["id"], PASSWORD)


def test_login_proof_must_be_made_by_the_key_presented(
    client: TestClient, ca: Runtime, clock: FrozenClock
) -> None:
    phone = "13900000321"
    client.post("/api/app/v1/auth/sms-code", json={"phone": phone})
    code = last_code(ca, phone)
    forged = device(3, code=code)
    forged["public_key"] = device(4, code=code)["public_key"]  # proof by another key
    resp = client.post(
        "/api/app/v1/auth/login",
        json={"phone": phone, "code": code, "agreements": agreed(), "device": forged},
    )
    assert resp.status_code == 403
    assert resp.json()["error"]["code"] == "device_proof_invalid"
    stale = device(3, code="000000" if code != "000000" else "111111")  # over another code
    resp = client.post(
        "/api/app/v1/auth/login",
        json={"phone": phone, "code": code, "agreements": agreed(), "device": stale},
    )
    assert resp.json()["error"]["code"] == "device_proof_invalid"
    bad_key = {**device(3, code=code), "public_key": "bm90IGEga2V5"}
    resp = client.post(
        "/api/app/v1/auth/login",
        json={"phone": phone, "code": code, "agreements": agreed(), "device": bad_key},
    )
    assert resp.status_code == 422
    assert resp.json()["error"]["code"] == "device_key_invalid"
    # None of this used the code up.
    resp = client.post(
        "/api/app/v1/auth/login",
        json={
            "phone": phone,
            "code": code,
            "agreements": agreed(),
            "device": device(3, code=code, key=device_key(3)),
        },
    )
    assert resp.status_code == 200, resp.text


def test_a_device_from_before_device_keys_adopts_its_first_key(
    bound: tuple[Holder, dict[str, Any], str], ca: Runtime
) -> None:
    holder, cert, _ = bound
    with ca.sessions() as db:
        db.execute(update(Device).values(public_key=None, key_thumbprint=None))
        db.commit()
    refused("device_proof_required", lambda: holder.device.unlock(cert["id"], PASSWORD))
    holder.login()
    devices = holder.device.me()["devices"]
    assert len(devices) == 1
    assert holder.device.certificates()[0]["on_this_device"] is True
    holder.device.unlock(cert["id"], PASSWORD)


# ----------------------------------------------------------------------------- the company side

Call = tuple[Holder, str, dict[str, Any] | None]


@pytest.fixture
def org_calls(
    holder: Holder, client: TestClient, ca: Runtime, clock: FrozenClock
) -> dict[str, Call]:
    """The company's admin actions and the invited person's claim, each with a body the
    server would otherwise accept (the invitation is past its one-minute resend wait), in
    an order in which each succeeds once."""
    company = verified_company(holder)
    li = make_holder(client, ca, clock, n=2, name="李四")
    member = authorise(company, li)
    li.verify_by_phone()
    face = li.device.face_check(face_jpeg(5))
    clock.advance(61)
    members = f"/api/app/v1/companies/{company.org_id}/members"
    invitee = {"name": "王五", "id_number": make_resident_id(seq=3), "phone": "13900000003"}
    return {
        "invite": (holder, members, {**invitee, "role": "user", "prepay_years": 1}),
        "resend": (holder, f"{members}/{member['id']}/resend", None),
        "role": (holder, f"{members}/{member['id']}/role", {"role": "admin"}),
        "claim": (li, f"/api/app/v1/claims/{member['id']}", {"face_check_id": face, "years": 1}),
        "revoke": (holder, f"{members}/{member['id']}/revoke", None),
    }


def org_state(rt: Runtime) -> tuple[Any, ...]:
    """What any of the company calls would change: members, orders, the SMS sent."""
    sender = rt.sms
    assert isinstance(sender, SandboxSMSSender)
    with rt.sessions() as db:
        members = sorted(
            (m.id, m.role, m.status, m.revoked_at, m.prepaid_order_id)
            for m in db.scalars(select(OrgMember)).all()
        )
        orders = sorted((o.id, o.status) for o in db.scalars(select(Order)).all())
        certs = sorted((c.id, c.status) for c in db.scalars(select(HolderCertificate)).all())
    return members, orders, certs, len(sender.outbox(limit=1000))


def send(dev: DeviceClient, path: str, body: dict[str, Any] | None, **kw: Any) -> Any:
    if body is None:
        return dev.request("POST", path, **kw)
    return dev.request("POST", path, json=body, **kw)


def test_company_actions_need_the_device_proof(org_calls: dict[str, Call], ca: Runtime) -> None:
    """A stolen bearer token alone — or with another key — invites, re-roles, revokes,
    resends and claims nothing."""
    before = org_state(ca)
    for name, (who, path, body) in org_calls.items():
        copy = copy_of(who)
        with pytest.raises(DeviceError) as err:
            send(copy, path, body)  # the bearer token, no proof headers
        assert (err.value.status, err.value.code) == (403, "device_proof_required"), name
        assert "设备" in err.value.message
        with pytest.raises(DeviceError) as err:
            send(copy, path, body, proof=True)  # signed by another device's key
        assert (err.value.status, err.value.code) == (403, "device_proof_invalid"), name
    assert org_state(ca) == before
    # The phone itself, signing, still does it.
    admin, path, body = org_calls["invite"]
    assert send(admin.device, path, body, proof=True)["status"] == "invited"
    assert org_state(ca) != before


def test_company_proofs_are_single_use_and_bound_to_the_request(
    org_calls: dict[str, Call], client: TestClient, ca: Runtime
) -> None:
    def post(dev: DeviceClient, path: str, body: bytes, proof: dict[str, str]) -> Any:
        headers = {**dev._headers(), **proof, "Content-Type": "application/json"}
        return client.post(path, content=body, headers=headers)

    for name, (who, path, payload) in org_calls.items():
        dev = who.device
        body = json.dumps(payload).encode() if payload is not None else b""
        before = org_state(ca)
        # Signed by the right device for another company call (another path or body).
        other_path = next(p for n, (_, p, _) in org_calls.items() if n != name)
        moved = dev.proof_headers("POST", other_path, body)
        resp = post(dev, path, body, moved)
        assert (resp.status_code, resp.json()["error"]["code"]) == (403, "device_proof_invalid")
        assert org_state(ca) == before, name
        # The genuine call once, then its proof replayed.
        proof = dev.proof_headers("POST", path, body)
        first = post(dev, path, body, proof)
        assert first.status_code in (200, 201), (name, first.text)
        after = org_state(ca)
        replay = post(dev, path, body, proof)
        assert (replay.status_code, replay.json()["error"]["code"]) == (
            403,
            "device_proof_invalid",
        ), name
        assert org_state(ca) == after, name


def _needs_proof(dependant: Dependant) -> bool:
    return any(d.call is require_device_proof or _needs_proof(d) for d in dependant.dependencies)


def test_the_routes_that_need_a_proof_are_the_documented_ones(client: TestClient) -> None:
    """docs/protocol.md section 6 lists every route that asks for a proof, and only those."""
    text = (Path(__file__).parents[3] / "docs" / "protocol.md").read_text(encoding="utf-8")
    section = text[text.index("The routes that require a proof") : text.index("Not signed")]
    documented = set(re.findall(r"^\| `(POST /\S+)` \|", section, flags=re.M))
    served = {
        f"{method} {str(route.path).removeprefix('/api/app/v1')}"
        for route in iter_route_contexts(client.app.routes)
        if isinstance(dependant := getattr(route, "dependant", None), Dependant)
        and _needs_proof(dependant)
        for method in route.methods or ()
    }
    assert len(served) >= 14
    assert served == documented
