"""The same CA with its keys in a PKCS#11 token (SoftHSM2): issuance, CRL and OCSP."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from cryptography import x509
from fastapi.testclient import TestClient
from tests import pkitools
from tests.api.test_pki import PERSON, cert_pem, fetch_material, openssl_verify
from tests.conftest import SoftHSMToken, mcert_cli

from mcert.audit.service import Actor
from mcert.ca.service import ca_service
from mcert.clock import FrozenClock
from mcert.main import create_app
from mcert.pki.keys import PKCS11KeyBackend
from mcert.runtime import Runtime

pytestmark = pytest.mark.hsm


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(datetime.now(UTC).replace(microsecond=0))


@pytest.fixture
def settings_overrides(softhsm_token: SoftHSMToken) -> dict[str, object]:
    return {
        "ca_key_backend": "pkcs11",
        "pkcs11_module": str(softhsm_token.module),
        "pkcs11_token_label": softhsm_token.label,
        "pkcs11_user_pin": softhsm_token.user_pin,
    }


@pytest.fixture
def hsm_runtime(runtime: Runtime) -> Iterator[Runtime]:
    keys = ca_service(runtime).keys
    assert isinstance(keys, PKCS11KeyBackend)
    yield runtime
    # Closing the last session logs the process out of the token (PKCS#11 semantics).
    keys.close()


def test_hsm_ca_issues_and_answers_ocsp(hsm_runtime: Runtime, tmp_path: Path) -> None:
    runtime = hsm_runtime
    with runtime.sessions() as db:
        ca_service(runtime).init(db, runtime.clock.now())
        row = ca_service(runtime).issue(
            db,
            now=runtime.clock.now(),
            profile="personal-sign",
            subject=PERSON,
            csr=pkitools.openssl_csr(tmp_path).read_bytes(),
            actor=Actor("operator", "test"),
        )
        db.commit()
    # Nothing secret on disk: the file key backend's directory was never created.
    assert not (runtime.settings.data_dir / "ca-keys").exists()
    with TestClient(create_app(runtime=runtime)) as client:
        m = fetch_material(client, tmp_path)
    leaf = cert_pem(tmp_path, row)
    assert openssl_verify(m, leaf).returncode == 0
    assert pkitools.pkilint("lint_pkix_cert", leaf) == ""
    openssl = pkitools.need_openssl()
    with pkitools.live_server(create_app(runtime=runtime)) as base:

        def ask() -> str:
            out = pkitools.run(
                openssl,
                "ocsp",
                "-url",
                f"{base}/pki/ocsp",
                "-issuer",
                m["issuing"],
                "-CAfile",
                m["root"],
                "-cert",
                leaf,
            )
            return out.stdout + out.stderr

        assert re.search(r"leaf.pem: good", ask())
        revoked = mcert_cli(runtime, "ca", "revoke", row.serial, "--reason", "superseded")
        assert revoked.returncode == 0, revoked.stderr
        assert re.search(r"leaf.pem: revoked", ask())
    issuing = x509.load_pem_x509_certificate(m["issuing"].read_bytes())
    assert issuing.signature_hash_algorithm is not None


def test_hsm_certificate_password_verifier_is_an_hmac_inside_the_token(
    hsm_runtime: Runtime, clock: FrozenClock
) -> None:
    """The v2 verifier key is a non-extractable HMAC key on the token: nothing on disk, and
    the holder's unlock counts wrong passwords exactly as with the file backend."""
    from tests.holders import make_holder, personal_certificate

    from mcert import keyprotect
    from mcert.ca.service import PASSWORD_MAC_LABEL
    from mcert.cert.models import HolderCertificate
    from mcert_device.client import DeviceError

    runtime = hsm_runtime
    with runtime.sessions() as db:
        ca_service(runtime).init(db, runtime.clock.now())
    keys = ca_service(runtime).keys
    assert keys.has_mac_key(PASSWORD_MAC_LABEL)
    with TestClient(create_app(runtime=runtime)) as client:
        holder = make_holder(client, runtime, clock)
        cert = personal_certificate(holder, "Bid#2026go")
        with runtime.sessions() as db:
            row = db.get(HolderCertificate, cert["id"])
            assert row is not None
            assert row.verifier is not None
            stored = row.verifier
        assert stored.startswith("$mcert-pw$v=2$")
        assert f"key={PASSWORD_MAC_LABEL}," in stored
        holder.device.unlock(cert["id"], "Bid#2026go")
        with pytest.raises(DeviceError) as wrong:
            holder.device.unlock(cert["id"], "Wrong#pass1")
        assert wrong.value.code == "password_wrong"
        assert wrong.value.details["attempts_left"] == 4
    # The same pre-hash checks against the token's key; a file key would be another key.
    pp = keyprotect.prehash_params(stored)
    prehash = keyprotect.password_prehash("Bid#2026go", pp)
    keyprotect.verify_password_verifier(
        stored, prehash, key=ca_service(runtime).verifier_key(), context=row.user_id
    )
    assert not (runtime.settings.data_dir / "ca-keys").exists()
