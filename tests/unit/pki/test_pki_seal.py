"""The electronic seal structure (GB/T 38540 SESeal), judged by decoders we did not write:
asn1crypto with definitions written here from the standard's text, ``openssl asn1parse``,
and ``openssl dgst -verify`` against the seal-maker certificate."""

from __future__ import annotations

import hashlib
import io
import shutil
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from asn1crypto import core
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from PIL import Image

from mcert.pki.issue import SubjectInfo
from mcert.pki.seal import (
    ECDSA_SHA256_OID,
    EXT_HOLDER_CERT_SERIAL_OID,
    EXT_SEAL_KIND_OID,
    SealContent,
    build_seseal,
)

# --- the standard's ASN.1, written out independently of the encoder ------------------------


class SESHeader(core.Sequence):
    _fields = [  # noqa: RUF012 - asn1crypto's declarative schema
        ("id", core.IA5String),
        ("version", core.Integer),
        ("vid", core.IA5String),
    ]


class CertDigestObj(core.Sequence):
    _fields = [  # noqa: RUF012 - asn1crypto's declarative schema
        ("type", core.PrintableString),
        ("value", core.OctetString),
    ]


class CertDigestList(core.SequenceOf):
    _child_spec = CertDigestObj


class SESESPropertyInfo(core.Sequence):
    _fields = [  # noqa: RUF012 - asn1crypto's declarative schema
        ("type", core.Integer),
        ("name", core.UTF8String),
        ("cert_list_type", core.Integer),
        ("cert_list", CertDigestList),
        ("create_date", core.GeneralizedTime),
        ("valid_start", core.GeneralizedTime),
        ("valid_end", core.GeneralizedTime),
    ]


class SESESPictureInfo(core.Sequence):
    _fields = [  # noqa: RUF012 - asn1crypto's declarative schema
        ("type", core.IA5String),
        ("data", core.OctetString),
        ("width", core.Integer),
        ("height", core.Integer),
    ]


class ExtData(core.Sequence):
    _fields = [  # noqa: RUF012 - asn1crypto's declarative schema
        ("extn_id", core.ObjectIdentifier),
        ("critical", core.Boolean, {"default": False}),
        ("extn_value", core.OctetString),
    ]


class ExtensionDatas(core.SequenceOf):
    _child_spec = ExtData


class SESSealInfo(core.Sequence):
    _fields = [  # noqa: RUF012 - asn1crypto's declarative schema
        ("header", SESHeader),
        ("es_id", core.IA5String),
        ("property", SESESPropertyInfo),
        ("picture", SESESPictureInfo),
        ("ext_datas", ExtensionDatas, {"optional": True}),
    ]


class SESeal(core.Sequence):
    _fields = [  # noqa: RUF012 - asn1crypto's declarative schema
        ("e_seal_info", SESSealInfo),
        ("cert", core.OctetString),
        ("sign_alg_id", core.ObjectIdentifier),
        ("signed_value", core.OctetBitString),
    ]


# --- fixtures ----------------------------------------------------------------------------


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", (40, 40), (230, 0, 18, 255)).save(out, format="PNG")
    return out.getvalue()


def _holder_cert(pki: Any, hierarchy: Any) -> x509.Certificate:
    from mcert.pki.issue import issue_certificate
    from mcert.pki.profiles import get_profile

    return issue_certificate(
        issuer_cert=hierarchy.issuing,
        issuer_key=hierarchy.issuing_key,
        public_key=ec.generate_private_key(ec.SECP256R1()).public_key(),
        profile=get_profile("org-sign"),
        subject=SubjectInfo(
            common_name="王五",
            organization="福州某某建设工程有限公司",
            organization_identifier="NTRCN-91350100MA2XXXXX0X",
            pseudonym_id="p-0123456789abcdef",
        ),
        not_before=pki.now() - timedelta(minutes=5),
        urls=pki.ISSUING_URLS,
    )


T = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)


def _content(holder: x509.Certificate) -> SealContent:
    return SealContent(
        es_id="MCS20261201ABCDEF0123456789",
        organisational=True,
        name="福州某某建设工程有限公司合同专用章",
        kind="company_contract",
        holder_certs=[holder.public_bytes(serialization.Encoding.DER)],
        holder_serial=format(holder.serial_number, "x"),
        created=T,
        valid_start=T,
        valid_end=T + timedelta(days=365),
        picture_png=_png(),
        width_mm=40,
        height_mm=40,
    )


def _openssl() -> str:
    found = shutil.which("openssl")
    if found is None:
        pytest.skip("openssl is not installed")
    return found


# --- tests -------------------------------------------------------------------------------


def test_the_seal_decodes_field_by_field(pki: Any, hierarchy: Any, seal_maker: Any) -> None:
    holder = _holder_cert(pki, hierarchy)
    der = build_seseal(_content(holder), maker_cert=seal_maker.cert, maker_key=seal_maker.key)
    seal = SESeal.load(der, strict=True)
    info = seal["e_seal_info"]
    assert info["header"]["id"].native == "ES"
    assert info["header"]["version"].native == 4
    assert info["header"]["vid"].native == "mCert"
    assert info["es_id"].native == "MCS20261201ABCDEF0123456789"
    prop = info["property"]
    assert prop["type"].native == 1
    assert prop["name"].native == "福州某某建设工程有限公司合同专用章"
    assert prop["cert_list_type"].native == 2
    [digest] = prop["cert_list"]
    assert digest["type"].native == "sha256"
    holder_der = holder.public_bytes(serialization.Encoding.DER)
    assert digest["value"].native == hashlib.sha256(holder_der).digest()
    assert prop["valid_start"].native == T
    assert prop["valid_end"].native == T + timedelta(days=365)
    pic = info["picture"]
    assert pic["type"].native == "PNG"
    assert pic["data"].native == _png()
    assert (pic["width"].native, pic["height"].native) == (40, 40)
    exts = {e["extn_id"].dotted: e["extn_value"].native for e in info["ext_datas"]}
    assert core.UTF8String.load(exts[EXT_SEAL_KIND_OID]).native == "company_contract"
    serial = core.PrintableString.load(exts[EXT_HOLDER_CERT_SERIAL_OID]).native
    assert int(serial, 16) == holder.serial_number
    maker = x509.load_der_x509_certificate(seal["cert"].native)
    assert maker == seal_maker.cert
    assert seal["sign_alg_id"].dotted == ECDSA_SHA256_OID
    # the seal-maker's signature over DER(eSealInfo), checked here with cryptography too
    seal_maker.cert.public_key().verify(
        seal["signed_value"].native, info.dump(), ec.ECDSA(hashes.SHA256())
    )


def test_openssl_parses_the_seal_and_verifies_its_signature(
    pki: Any, hierarchy: Any, seal_maker: Any, tmp_path: Path
) -> None:
    openssl = _openssl()
    holder = _holder_cert(pki, hierarchy)
    der = build_seseal(_content(holder), maker_cert=seal_maker.cert, maker_key=seal_maker.key)
    (tmp_path / "seal.der").write_bytes(der)
    parsed = subprocess.run(
        [openssl, "asn1parse", "-inform", "DER", "-in", str(tmp_path / "seal.der"), "-i"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    out = parsed.stdout
    assert ":ES" in out
    assert "ecdsa-with-SHA256" in out
    assert "GENERALIZEDTIME" in out
    assert "UTF8STRING" in out
    assert "BIT STRING" in out
    # eSealInfo is the first element: its DER is what was signed
    seal = SESeal.load(der)
    (tmp_path / "info.der").write_bytes(seal["e_seal_info"].dump())
    (tmp_path / "sig.der").write_bytes(seal["signed_value"].native)
    pki.write(tmp_path / "maker.pem", x509.load_der_x509_certificate(seal["cert"].native))
    pub = subprocess.run(
        [openssl, "x509", "-in", str(tmp_path / "maker.pem"), "-pubkey", "-noout"],
        capture_output=True, check=True,
    ).stdout  # fmt: skip
    (tmp_path / "maker.pub").write_bytes(pub)
    verified = subprocess.run(
        [openssl, "dgst", "-sha256", "-verify", str(tmp_path / "maker.pub"),
         "-signature", str(tmp_path / "sig.der"), str(tmp_path / "info.der")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert verified.returncode == 0, verified.stderr
    assert "Verified OK" in verified.stdout
    # one changed byte of the seal information and openssl refuses it
    tampered = bytearray(seal["e_seal_info"].dump())
    tampered[-1] ^= 1
    (tmp_path / "info.der").write_bytes(bytes(tampered))
    refused = subprocess.run(
        [openssl, "dgst", "-sha256", "-verify", str(tmp_path / "maker.pub"),
         "-signature", str(tmp_path / "sig.der"), str(tmp_path / "info.der")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert refused.returncode != 0


def test_the_seal_maker_certificate_chains_and_signs_nothing_else(
    pki: Any, hierarchy: Any, seal_maker: Any, tmp_path: Path
) -> None:
    proc = pki.openssl_verify(tmp_path, hierarchy, seal_maker.cert, hierarchy.issuing_crl())
    assert proc.returncode == 0, proc.stderr
    ku = seal_maker.cert.extensions.get_extension_for_class(x509.KeyUsage).value
    assert ku.digital_signature
    assert ku.content_commitment
    assert not ku.key_cert_sign
    assert not ku.crl_sign
    with pytest.raises(x509.ExtensionNotFound):
        seal_maker.cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage)
    bc = seal_maker.cert.extensions.get_extension_for_class(x509.BasicConstraints).value
    assert not bc.ca


def test_a_non_ec_maker_key_is_refused(pki: Any, hierarchy: Any, seal_maker: Any) -> None:
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    with pytest.raises(TypeError):
        build_seseal(
            _content(_holder_cert(pki, hierarchy)), maker_cert=seal_maker.cert, maker_key=key
        )
