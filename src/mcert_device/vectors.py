"""Deterministic test vectors for the key protection protocol: ``docs/protocol-vectors.json``.

``python -m mcert_device.vectors`` rewrites the file; ``--check`` exits 1 if it is stale.
Every secret, salt, nonce and ephemeral key is fixed (derived from a SHA-256 of a label), so
a WebCrypto implementation can reproduce each value byte for byte, intermediate values
included. Values the server makes (the scrypt verifier, ECIES seals) come from
``mcert.keyprotect``; values the device makes from :mod:`mcert_device.crypto`; where both
sides compute the same thing (the pre-hash, the AAD) the build fails unless they agree, and
every sealed blob is opened again by the device code before it is written.

This is a development tool: the only module of ``mcert_device`` allowed to import the
server package, and it must never be imported by the device runtime (``crypto``). The
vector keys are public test keys; nothing here is a real secret.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from mcert import keyprotect
from mcert.account import devicekey as server_devicekey
from mcert_device import crypto, devicekey
from mcert_device.codec import b64u_encode

__all__ = ["DEFAULT_PATH", "build_vectors", "main", "render"]

DEFAULT_PATH = Path(__file__).resolve().parents[2] / "docs" / "protocol-vectors.json"

CERT_ID = "cert-2026-000001"
DEVICE_ID = "6f1c0f7e-3b7a-4c55-9d2e-0a4b8c1d2e3f"
OTHER_DEVICE_ID = "0d9a1b2c-4e5f-4a6b-8c7d-9e0f1a2b3c4d"


def _fixed(label: str, n: int = 32) -> bytes:
    return hashlib.sha256(b"mcert protocol vector: " + label.encode()).digest()[:n]


def _fixed_key(label: str) -> ec.EllipticCurvePrivateKey:
    return ec.derive_private_key(int.from_bytes(_fixed(label), "big"), ec.SECP256R1())


def _pkcs8(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


def _raw(key: ec.EllipticCurvePrivateKey) -> bytes:
    return crypto._raw_point(key.public_key())


def _private_jwk(key: ec.EllipticCurvePrivateKey) -> dict[str, str]:
    jwk = crypto.public_key_jwk(key)
    jwk["d"] = b64u_encode(key.private_numbers().private_value.to_bytes(32, "big"))
    return jwk


def _check(condition: bool, what: str) -> None:
    if not condition:
        raise RuntimeError(f"server and device implementations disagree: {what}")


def _prehash_vectors() -> list[dict[str, Any]]:
    out = []
    # ASCII; and Chinese with full-width digits, which NFKC folds to ASCII digits.
    for i, password in enumerate(["Zq8#bid-2026", "证书密码Ａ１２３"]):
        salt = _fixed(f"prehash salt {i}", 16)
        iterations = keyprotect.PREHASH_ITERATIONS
        device = crypto.password_prehash(password, salt, iterations)
        server = keyprotect.password_prehash(password, keyprotect.PrehashParams(salt, iterations))
        _check(device == server, "password pre-hash")
        nfkc = keyprotect.normalise_password(password).encode("utf-8")
        out.append(
            {
                "password": password,
                "password_nfkc_utf8_hex": nfkc.hex(),
                "salt_hex": salt.hex(),
                "iterations": iterations,
                "prehash_hex": device.hex(),
                "prehash_b64u": b64u_encode(device),
            }
        )
    return out


def _verifier_vectors(prehashes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for i, ph in enumerate(prehashes):
        pp = keyprotect.PrehashParams(bytes.fromhex(ph["salt_hex"]), ph["iterations"])
        sp = keyprotect.SCRYPT_PARAMS
        salt = _fixed(f"scrypt salt {i}", 16)
        prehash = bytes.fromhex(ph["prehash_hex"])
        stored = keyprotect._hash_password_verifier(prehash, pp, sp, salt)
        keyprotect.verify_password_verifier(stored, prehash)
        out.append(
            {
                "prehash_hex": ph["prehash_hex"],
                "prehash_salt_hex": ph["salt_hex"],
                "prehash_iterations": ph["iterations"],
                "scrypt": {"ln": sp.ln, "n": 2**sp.ln, "r": sp.r, "p": sp.p, "dklen": 32},
                "scrypt_salt_hex": salt.hex(),
                "verifier": stored,
            }
        )
    return out


def _device_binding_vectors() -> dict[str, Any]:
    """Section 6: the login and proof messages (both sides build them; they must agree) and
    one signature by a fixed device key that the server's verifier accepts."""
    key = _fixed_key("device-key")
    spki = crypto.public_key_der(key)
    code = "123456"
    challenge = b64u_encode(_fixed("device-challenge", 40))
    method, path, body = "POST", "/api/app/v1/certificates/cert-2026-000001/unlock", b'{"a":1}'
    login = devicekey.login_message(DEVICE_ID, code, key)
    _check(login == server_devicekey.login_message(DEVICE_ID, code, spki), "login message")
    proof = devicekey.proof_message(challenge, method, path, body)
    _check(proof == server_devicekey.proof_message(challenge, method, path, body), "proof message")
    # ECDSA is randomised: a signature is not a reproducible vector; the build checks that
    # the server verifies the device's (the web app's test checks its own the same way).
    server_devicekey.verify_signature(spki, proof, devicekey.sign_raw(key, proof))
    return {
        "device_key": _private_jwk(key),
        "public_key_spki_b64u": b64u_encode(spki),
        "device_id": DEVICE_ID,
        "login": {"code": code, "message_hex": login.hex()},
        "proof": {
            "challenge": challenge,
            "method": method,
            "path": path,
            "body_b64u": b64u_encode(body),
            "message_hex": proof.hex(),
        },
    }


def build_vectors() -> dict[str, Any]:
    """Every vector, as the JSON-ready dictionary written to the file."""
    prehashes = _prehash_vectors()

    device_secret = _fixed("device_secret")
    server_share = _fixed("server_share")
    wrap_salt = _fixed("wrap salt", 16)
    info = crypto.wrap_info(CERT_ID, DEVICE_ID)
    k = crypto.derive_wrap_key(
        device_secret, server_share, cert_id=CERT_ID, device_id=DEVICE_ID, salt=wrap_salt
    )
    wrap_key = {
        "device_secret_hex": device_secret.hex(),
        "server_share_hex": server_share.hex(),
        "ikm_hex": (device_secret + server_share).hex(),
        "salt_hex": wrap_salt.hex(),
        "cert_id": CERT_ID,
        "device_id": DEVICE_ID,
        "info_hex": info.hex(),
        "wrap_key_hex": k.hex(),
    }

    signing_key = _fixed_key("signing key")
    encryption_key = _fixed_key("encryption key")
    wraps = []
    for purpose, key in (("sign-key", signing_key), ("enc-key", encryption_key)):
        iv = _fixed(f"wrap iv {purpose}", 12)
        aad = crypto.wrap_aad(CERT_ID, DEVICE_ID, purpose)
        token = crypto._wrap_with_iv(_pkcs8(key), k, aad, iv)
        unwrapped = crypto.unwrap_private_key(token, k, aad)
        _check(unwrapped.private_numbers() == key.private_numbers(), "wrap round trip")
        wraps.append(
            {
                "purpose": purpose,
                "pkcs8_der_b64u": b64u_encode(_pkcs8(key)),
                "private_jwk": _private_jwk(key),
                "wrap_key_hex": k.hex(),
                "aad_hex": aad.hex(),
                "iv_hex": iv.hex(),
                "token": token,
            }
        )

    transport = _fixed_key("transport key")
    seals = []
    for purpose, plaintext in (("server-share", server_share), ("enc-key", _pkcs8(encryption_key))):
        ephemeral = _fixed_key(f"ephemeral key {purpose}")
        iv = _fixed(f"seal iv {purpose}", 12)
        aad = keyprotect.context_aad(CERT_ID, DEVICE_ID, purpose)
        _check(aad == crypto.seal_aad(CERT_ID, DEVICE_ID, purpose), "seal AAD")
        blob = keyprotect._seal_with(transport.public_key(), plaintext, aad, ephemeral, iv)
        _check(crypto.open_sealed(transport, blob.to_json(), aad) == plaintext, "seal/open")
        shared = ephemeral.exchange(ec.ECDH(), transport.public_key())
        ecies_info = crypto.ECIES_INFO_LABEL + b"\x00" + _raw(ephemeral) + _raw(transport)
        seals.append(
            {
                "purpose": purpose,
                "recipient_private_jwk": _private_jwk(transport),
                "recipient_pkcs8_der_b64u": b64u_encode(_pkcs8(transport)),
                "recipient_public_raw_hex": _raw(transport).hex(),
                "recipient_spki_der_b64u": b64u_encode(crypto.public_key_der(transport)),
                "ephemeral_private_jwk": _private_jwk(ephemeral),
                "ephemeral_public_raw_hex": _raw(ephemeral).hex(),
                "shared_secret_hex": shared.hex(),
                "hkdf_info_hex": ecies_info.hex(),
                "key_hex": crypto._ecies_key(shared, _raw(ephemeral), _raw(transport)).hex(),
                "aad_hex": aad.hex(),
                "iv_hex": iv.hex(),
                "plaintext_hex": plaintext.hex(),
                "sealed": blob.to_json(),
            }
        )

    return {
        "about": (
            "mCert key protection protocol test vectors (docs/protocol.md). Regenerate with "
            "`python -m mcert_device.vectors`. *_hex: lowercase hex; *_b64u and tokens: "
            "base64url without padding. All keys here are public test keys."
        ),
        "version": 1,
        "password_prehash": prehashes,
        "password_verifier": _verifier_vectors(prehashes),
        "wrap_key": wrap_key,
        "wrap": wraps,
        "ecies": seals,
        "device_binding": _device_binding_vectors(),
        "context_mismatch": {
            "note": "the sign-key token above must not unwrap with this AAD (other device)",
            "aad_hex": crypto.wrap_aad(CERT_ID, OTHER_DEVICE_ID, "sign-key").hex(),
        },
    }


def render(vectors: dict[str, Any]) -> str:
    return json.dumps(vectors, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m mcert_device.vectors", description=__doc__)
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT_PATH)
    parser.add_argument("--check", action="store_true", help="exit 1 if the file is stale")
    args = parser.parse_args(argv)
    text = render(build_vectors())
    path: Path = args.path
    if args.check:
        current = path.read_text(encoding="utf-8") if path.exists() else ""
        if current != text:
            print(f"{path} is stale; run python -m mcert_device.vectors", file=sys.stderr)
            return 1
        return 0
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
