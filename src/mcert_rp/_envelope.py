"""Bids: encrypt to a holder's encryption certificate; decrypt with a scan session.

The RP keeps the envelope and a one-time key; the holder's phone performs only the key
agreement and seals its output to that key; the RP finishes here. Neither the mCert server
nor anyone but the RP ever holds the content key.
"""

from __future__ import annotations

import json
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec

from mcert.pki import cms
from mcert_device.crypto import open_sealed, public_key_jwk, scan_output_aad
from mcert_rp._client import SessionStatus


def encrypt_bid(content: bytes, encryption_certs: list[x509.Certificate]) -> bytes:
    """A CMS EnvelopedData (DER) for one or more holders' encryption certificates."""
    return cms.encrypt(content, encryption_certs)


def prepare_decrypt(
    envelope: bytes, encryption_cert: x509.Certificate
) -> tuple[dict[str, Any], ec.EllipticCurvePrivateKey, dict[str, str]]:
    """What to send in a decrypt session: the recipient challenge, plus the RP's one-time key
    (keep the private half until the result arrives)."""
    challenge = cms.extract_recipient(envelope, encryption_cert)
    rp_key = ec.generate_private_key(ec.SECP256R1())
    return json.loads(challenge.to_json()), rp_key, public_key_jwk(rp_key)


def decrypt_with_session(
    envelope: bytes,
    recipient: dict[str, Any],
    status: SessionStatus,
    rp_key: ec.EllipticCurvePrivateKey,
) -> bytes:
    """Open the phone's sealed key-agreement output and decrypt the envelope."""
    status.raise_for_failure()
    assert status.result is not None
    output = open_sealed(rp_key, status.result["sealed_output"], scan_output_aad(status.session_id))
    challenge = cms.challenge_from_json(json.dumps(recipient))
    return cms.finish_decrypt(envelope, challenge, output)
