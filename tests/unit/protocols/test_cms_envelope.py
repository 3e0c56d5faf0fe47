"""mcert.pki.cms digital envelopes checked against ``openssl cms`` in both directions."""

from __future__ import annotations

import dataclasses
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from asn1crypto import cms as a_cms
from hypothesis import given, settings
from hypothesis import strategies as st

from mcert.pki import cms

from .conftest import Entity, ProtocolPKI

Run = Callable[..., subprocess.CompletedProcess[bytes]]
BID = "第一标段投标文件：报价 1,234,567.89 元\n".encode() * 300


def _openssl_decrypt(openssl: Run, tmp: Path, envelope: bytes, who: Entity) -> bytes:
    env = tmp / "env.der"
    env.write_bytes(envelope)
    proc = openssl(
        "cms",
        "-decrypt",
        "-inform",
        "DER",
        "-in",
        env,
        "-recip",
        who.cert_path,
        "-inkey",
        who.key_path,
    )
    return proc.stdout


def _openssl_encrypt(openssl: Run, tmp: Path, content: bytes, *opts: str | Path) -> bytes:
    src, out = tmp / "bid.bin", tmp / "env.der"
    src.write_bytes(content)
    openssl(
        "cms", "-encrypt", "-binary", "-aes256", "-outform", "DER", "-in", src, "-out", out, *opts
    )
    return out.read_bytes()


def _three_steps(envelope: bytes, who: Entity) -> bytes:
    challenge = cms.extract_recipient(envelope, who.cert)
    # The challenge travels to the phone and back as JSON.
    on_phone = cms.challenge_from_json(challenge.to_json())
    assert on_phone == challenge
    output = cms.key_holder_step(on_phone, who.key)
    return cms.finish_decrypt(envelope, challenge, output)


# --------------------------------------------------------------------------- ours → openssl


@pytest.mark.parametrize(
    ("who", "padding"),
    [
        ("ee_ec", cms.RsaPadding.OAEP),
        ("ee_rsa", cms.RsaPadding.OAEP),
        ("ee_rsa", cms.RsaPadding.PKCS1V15),
    ],
)
def test_openssl_decrypts_ours(
    openssl: Run, pki: ProtocolPKI, tmp_path: Path, who: str, padding: cms.RsaPadding
) -> None:
    ent: Entity = getattr(pki, who)
    envelope = cms.encrypt(BID, [ent.cert], rsa_padding=padding)
    assert _openssl_decrypt(openssl, tmp_path, envelope, ent) == BID
    assert cms.decrypt(envelope, ent.cert, ent.key) == BID


def test_two_recipients_each_decrypt(openssl: Run, pki: ProtocolPKI, tmp_path: Path) -> None:
    envelope = cms.encrypt(BID, [pki.ee_ec.cert, pki.ee_rsa.cert, pki.ee_ec2.cert])
    for ent in (pki.ee_ec, pki.ee_rsa, pki.ee_ec2):
        assert _openssl_decrypt(openssl, tmp_path, envelope, ent) == BID
        assert _three_steps(envelope, ent) == BID
    # RecipientInfos is a SET OF, sorted by DER encoding: indexes need not follow our order.
    indexes = {
        cms.extract_recipient(envelope, e.cert).recipient_index
        for e in (pki.ee_ec, pki.ee_rsa, pki.ee_ec2)
    }
    assert indexes == {0, 1, 2}
    with pytest.raises(cms.EnvelopeNoRecipient):
        cms.extract_recipient(envelope, pki.ee_rsa2.cert)


def test_openssl_prints_our_structure(openssl: Run, pki: ProtocolPKI, tmp_path: Path) -> None:
    env = tmp_path / "env.der"
    env.write_bytes(cms.encrypt(b"x", [pki.ee_ec.cert, pki.ee_rsa.cert]))
    text = openssl("cms", "-cmsout", "-print", "-inform", "DER", "-in", env).stdout.decode()
    assert "dhSinglePass-stdDH-sha256kdf-scheme" in text
    assert "id-aes256-wrap" in text
    assert "rsaesOaep" in text
    assert "aes-256-cbc" in text


# --------------------------------------------------------------------------- openssl → ours


@pytest.mark.parametrize(
    ("who", "opts", "expect"),
    [
        ("ee_ec", [], {"kind": "ecdh", "kdf_hash": "sha1"}),  # openssl's default KDF is SHA-1
        ("ee_rsa", [], {"kind": "rsa", "padding": cms.RsaPadding.PKCS1V15}),
        (
            "ee_rsa",
            ["-keyopt", "rsa_padding_mode:oaep"],
            {"kind": "rsa", "padding": cms.RsaPadding.OAEP, "oaep_hash": "sha1"},
        ),
        (
            "ee_rsa",
            ["-keyopt", "rsa_padding_mode:oaep", "-keyopt", "rsa_oaep_md:sha256"],
            {"kind": "rsa", "padding": cms.RsaPadding.OAEP, "oaep_hash": "sha256"},
        ),
    ],
)
def test_ours_decrypts_openssl_in_three_steps(
    openssl: Run,
    pki: ProtocolPKI,
    tmp_path: Path,
    who: str,
    opts: list[str],
    expect: dict[str, object],
) -> None:
    ent: Entity = getattr(pki, who)
    envelope = _openssl_encrypt(openssl, tmp_path, BID, "-recip", ent.cert_path, *opts)
    challenge = cms.extract_recipient(envelope, ent.cert)
    for field, value in expect.items():
        assert getattr(challenge, field) == value
    assert _three_steps(envelope, ent) == BID


def test_ours_decrypts_openssl_two_recipients(
    openssl: Run, pki: ProtocolPKI, tmp_path: Path
) -> None:
    envelope = _openssl_encrypt(
        openssl, tmp_path, BID, "-recip", pki.ee_rsa.cert_path, "-recip", pki.ee_ec.cert_path
    )
    assert _three_steps(envelope, pki.ee_ec) == BID
    assert _three_steps(envelope, pki.ee_rsa) == BID


# --------------------------------------------------------------------------- failures


def test_ecdh_challenge_contents(pki: ProtocolPKI) -> None:
    challenge = cms.extract_recipient(cms.encrypt(BID, [pki.ee_ec.cert]), pki.ee_ec.cert)
    assert isinstance(challenge, cms.EcdhChallenge)
    assert challenge.curve == "secp256r1"
    assert challenge.kdf_hash == "sha256"
    assert challenge.key_wrap_algorithm == "aes256_wrap"
    assert len(challenge.ephemeral_public_key) == 65
    assert len(challenge.wrapped_key) == 40
    assert challenge.ephemeral_public_key_spki().startswith(b"\x30\x59")


@pytest.mark.parametrize(
    ("who", "wrong"), [("ee_ec", "ee_ec2"), ("ee_rsa", "ee_rsa2"), ("ee_ec", "ee_rsa")]
)
def test_wrong_key(pki: ProtocolPKI, who: str, wrong: str) -> None:
    ent: Entity = getattr(pki, who)
    envelope = cms.encrypt(BID, [ent.cert])
    challenge = cms.extract_recipient(envelope, ent.cert)
    with pytest.raises(cms.EnvelopeKeyMismatch) as exc:
        cms.key_holder_step(challenge, getattr(pki, wrong).key)
    assert exc.value.code == "envelope_key_mismatch"


def test_wrong_shared_secret(pki: ProtocolPKI) -> None:
    envelope = cms.encrypt(BID, [pki.ee_ec.cert])
    challenge = cms.extract_recipient(envelope, pki.ee_ec.cert)
    with pytest.raises(cms.EnvelopeKeyMismatch):
        cms.finish_decrypt(envelope, challenge, b"\x00" * 32)


def _flip(envelope: bytes, needle: bytes) -> bytes:
    i = envelope.index(needle)
    return envelope[:i] + bytes([needle[0] ^ 0x01]) + envelope[i + 1 :]


@pytest.mark.parametrize(
    ("who", "padding"),
    [
        ("ee_ec", cms.RsaPadding.OAEP),
        ("ee_rsa", cms.RsaPadding.OAEP),
        ("ee_rsa", cms.RsaPadding.PKCS1V15),
    ],
)
def test_tampered_wrapped_key(pki: ProtocolPKI, who: str, padding: cms.RsaPadding) -> None:
    ent: Entity = getattr(pki, who)
    envelope = cms.encrypt(BID, [ent.cert], rsa_padding=padding)
    challenge = cms.extract_recipient(envelope, ent.cert)
    key = (
        challenge.wrapped_key
        if isinstance(challenge, cms.EcdhChallenge)
        else challenge.encrypted_key
    )
    tampered = _flip(envelope, key[5:])
    with pytest.raises(cms.EnvelopeKeyMismatch):
        cms.decrypt(tampered, ent.cert, ent.key)


def test_tampered_challenge_is_caught(pki: ProtocolPKI) -> None:
    envelope = cms.encrypt(BID, [pki.ee_ec.cert])
    good = cms.extract_recipient(envelope, pki.ee_ec.cert)
    assert isinstance(good, cms.EcdhChallenge)
    other = cms.extract_recipient(cms.encrypt(BID, [pki.ee_ec.cert]), pki.ee_ec.cert)
    z = cms.key_holder_step(other, pki.ee_ec.key)
    with pytest.raises(cms.EnvelopeMalformed):
        cms.finish_decrypt(envelope, other, z)
    with pytest.raises(cms.EnvelopeMalformed):
        cms.finish_decrypt(envelope, dataclasses.replace(good, recipient_index=3), z)


@pytest.mark.parametrize(
    "bad",
    [
        b"",
        b"garbage",
        b"\x30\x03\x06\x01\x00",
        "not json",
        '{"kind": "ecdh"}',
        '{"kind": "rsa", "padding": "oaep", "encrypted_key": 5}',
        "[1, 2]",
    ],
)
def test_malformed_inputs(pki: ProtocolPKI, bad: bytes | str) -> None:
    if isinstance(bad, bytes):
        with pytest.raises(cms.EnvelopeMalformed) as exc:
            cms.extract_recipient(bad, pki.ee_ec.cert)
        assert exc.value.code == "envelope_malformed"
    else:
        with pytest.raises(cms.EnvelopeMalformed):
            cms.challenge_from_json(bad)


def test_truncated_and_non_enveloped(pki: ProtocolPKI) -> None:
    envelope = cms.encrypt(BID, [pki.ee_ec.cert])
    with pytest.raises(cms.EnvelopeMalformed):
        cms.extract_recipient(envelope[:-10], pki.ee_ec.cert)
    signed = bytes(a_cms.ContentInfo({"content_type": "data", "content": b"x"}).dump())
    with pytest.raises(cms.EnvelopeMalformed):
        cms.extract_recipient(signed, pki.ee_ec.cert)


def test_no_recipient(pki: ProtocolPKI) -> None:
    envelope = cms.encrypt(BID, [pki.ee_ec.cert])
    with pytest.raises(cms.EnvelopeNoRecipient) as exc:
        cms.extract_recipient(envelope, pki.ee_rsa.cert)
    assert exc.value.code == "envelope_no_recipient"
    with pytest.raises(cms.EnvelopeNoRecipient):
        cms.extract_recipient(envelope, pki.ee_ec2.cert)


def test_unsuitable_recipients(pki: ProtocolPKI) -> None:
    # The OCSP responder certificate is digitalSignature-only: no keyAgreement.
    with pytest.raises(cms.EnvelopeRecipientUnsupported):
        cms.encrypt(BID, [pki.responder.cert])
    with pytest.raises(cms.EnvelopeRecipientUnsupported):
        cms.encrypt(BID, [])


@settings(max_examples=25, deadline=None)
@given(content=st.binary(max_size=2048))
def test_roundtrip_any_content(pki: ProtocolPKI, content: bytes) -> None:
    envelope = cms.encrypt(content, [pki.ee_ec.cert, pki.ee_rsa.cert])
    assert cms.decrypt(envelope, pki.ee_ec.cert, pki.ee_ec.key) == content
    assert _three_steps(envelope, pki.ee_rsa) == content
