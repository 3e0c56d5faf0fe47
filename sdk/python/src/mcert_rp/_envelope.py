"""Bids: encrypt to a holder's encryption certificate; decrypt with a scan session.

The RP keeps the envelope and a one-time key; the holder's phone performs only the key
agreement and seals its output to that key; the RP finishes here. Neither the mCert server
nor anyone but the RP ever holds the content key. Who decrypted is checked separately with
:meth:`~mcert_rp.Verifier.verify_decrypt` before the plaintext is trusted to anyone.
"""

from __future__ import annotations

from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec

from mcert_rp import _cms, _seal
from mcert_rp._client import SessionStatus
from mcert_rp._exceptions import DecryptionFailed


def encrypt_bid(content: bytes, encryption_certs: list[x509.Certificate]) -> bytes:
    """A CMS EnvelopedData (DER) for one or more holders' encryption certificates."""
    return _cms.encrypt(content, encryption_certs)


def prepare_decrypt(
    envelope: bytes, encryption_cert: x509.Certificate
) -> tuple[dict[str, Any], ec.EllipticCurvePrivateKey, dict[str, str]]:
    """What to send in a decrypt session: the recipient challenge, plus the RP's one-time key
    (keep the private half until the result arrives) and its public JWK."""
    challenge = _cms.recipient_challenge(envelope, encryption_cert)
    rp_key = ec.generate_private_key(ec.SECP256R1())
    return challenge, rp_key, _seal.public_key_jwk(rp_key)


def decrypt_with_session(
    envelope: bytes,
    recipient: dict[str, Any],
    status: SessionStatus,
    rp_key: ec.EllipticCurvePrivateKey,
) -> bytes:
    """Open the phone's sealed key-agreement output and decrypt the envelope.

    Raises :class:`~mcert_rp.SessionFailed`, :class:`~mcert_rp.DecryptionFailed` or
    :class:`~mcert_rp.EnvelopeMalformed`."""
    status.raise_for_failure()
    if status.result is None or "sealed_output" not in status.result:
        raise DecryptionFailed("the session has no sealed output")
    sealed = status.result["sealed_output"]
    if not isinstance(sealed, dict):
        raise DecryptionFailed("the sealed output is malformed")
    z = _seal.open_sealed(rp_key, sealed, _seal.output_aad(status.session_id))
    return _cms.finish(envelope, recipient, z)
