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
