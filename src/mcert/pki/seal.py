"""Electronic seal data (电子印章数据) modelled on GB/T 38540-2020 ``SESeal`` (version 4).

An approved seal becomes a DER structure signed by the platform's seal-maker (制章人) key::

    SESeal ::= SEQUENCE {
      eSealInfo    SES_SealInfo,        -- header, esID, property, picture, extDatas
      cert         OCTET STRING,        -- DER of the seal-maker's certificate
      signAlgID    OBJECT IDENTIFIER,   -- ecdsa-with-SHA256 here (the standard: SM2-with-SM3)
      signedValue  BIT STRING }         -- the seal-maker's signature over DER(eSealInfo)

Where this follows the standard and where it deviates is written down in ``docs/seals.md``
(the algorithm, the digest name in the certificate list, the extension OIDs).

Pure: this module encodes and signs; it never reads settings or touches a database. The
DER writer below is deliberately tiny (the few universal types the structure uses) so the
tests can decode the result with independent decoders (asn1crypto, ``openssl asn1parse``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec

from mcert.pki.keys import PrivateKey

__all__ = [
    "ECDSA_SHA256_OID",
    "EXT_HOLDER_CERT_SERIAL_OID",
    "EXT_SEAL_KIND_OID",
    "SEAL_VERSION",
    "SealContent",
    "build_seseal",
    "cert_digest",
    "seal_info_of",
]

SEAL_VERSION = 4
ECDSA_SHA256_OID = "1.2.840.10045.4.3.2"
# Our own extension OIDs, under the deployment's private arc (pki.profiles.DEFAULT_POLICY_ARC
# .3.x): the seal's kind in mCert (company_official, …) and the holder certificate's serial.
_ARC = "1.2.840.113556.1.8000.2554.34144.64011.26931.17152.41748.6950571.613525"
EXT_SEAL_KIND_OID = f"{_ARC}.3.1"
EXT_HOLDER_CERT_SERIAL_OID = f"{_ARC}.3.2"

ORG_SEAL, PERSONAL_SEAL = 1, 2  # SES_ESPropertyInfo.type
CERT_DIGEST_LIST = 2  # SES_ESPropertyInfo.certListType


# ----------------------------------------------------------------------------- DER


def _len(n: int) -> bytes:
    if n < 0x80:
        return bytes([n])
    body = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(body)]) + body


def _tlv(tag: int, value: bytes) -> bytes:
    return bytes([tag]) + _len(len(value)) + value


def _seq(*items: bytes) -> bytes:
    return _tlv(0x30, b"".join(items))


def _int(n: int) -> bytes:
    body = n.to_bytes(max(1, (n.bit_length() + 8) // 8), "big", signed=True)
    return _tlv(0x02, body)


def _ia5(text: str) -> bytes:
    return _tlv(0x16, text.encode("ascii"))


def _printable(text: str) -> bytes:
    return _tlv(0x13, text.encode("ascii"))


def _utf8(text: str) -> bytes:
    return _tlv(0x0C, text.encode("utf-8"))


def _octets(data: bytes) -> bytes:
    return _tlv(0x04, data)


def _bits(data: bytes) -> bytes:
    return _tlv(0x03, b"\x00" + data)


def _bool(value: bool) -> bytes:
    return _tlv(0x01, b"\xff" if value else b"\x00")


def _gtime(when: datetime) -> bytes:
    return _tlv(0x18, when.astimezone(UTC).strftime("%Y%m%d%H%M%SZ").encode())


def _oid(dotted: str) -> bytes:
    arcs = [int(a) for a in dotted.split(".")]
    out = bytearray([40 * arcs[0] + arcs[1]])
    for arc in arcs[2:]:
        chunk = [arc & 0x7F]
        arc >>= 7
        while arc:
            chunk.append(0x80 | (arc & 0x7F))
            arc >>= 7
        out.extend(reversed(chunk))
    return _tlv(0x06, bytes(out))


# ----------------------------------------------------------------------------- the seal


def cert_digest(cert_der: bytes) -> bytes:
    """The digest of a holder certificate as it goes into ``certList``."""
    return hashlib.sha256(cert_der).digest()


@dataclass(frozen=True)
class SealContent:
    """What the seal-maker signs."""

    es_id: str  # unique seal code, ASCII
    organisational: bool  # 单位印章 (type 1) or 个人印章 (type 2)
    name: str  # e.g. 福州某某建设工程有限公司合同专用章
    kind: str  # mCert's seal type, e.g. company_contract (an extension)
    holder_certs: Sequence[bytes]  # DER of the certificates allowed to use the seal
    holder_serial: str  # hex serial of the current holder certificate (an extension)
    created: datetime
    valid_start: datetime
    valid_end: datetime
    picture_png: bytes
    width_mm: int
    height_mm: int
    vendor_id: str = "mCert"


def seal_info_of(content: SealContent) -> bytes:
    """DER of ``SES_SealInfo``: header, esID, property, picture, extDatas (untagged)."""
    header = _seq(_ia5("ES"), _int(SEAL_VERSION), _ia5(content.vendor_id))
    cert_list = _seq(
        *(_seq(_printable("sha256"), _octets(cert_digest(der))) for der in content.holder_certs)
    )
    prop = _seq(
        _int(ORG_SEAL if content.organisational else PERSONAL_SEAL),
        _utf8(content.name),
        _int(CERT_DIGEST_LIST),
        cert_list,
        _gtime(content.created),
        _gtime(content.valid_start),
        _gtime(content.valid_end),
    )
    picture = _seq(
        _ia5("PNG"),
        _octets(content.picture_png),
        _int(content.width_mm),
        _int(content.height_mm),
    )
    ext = _seq(
        _seq(_oid(EXT_SEAL_KIND_OID), _bool(False), _octets(_utf8(content.kind))),
        _seq(
            _oid(EXT_HOLDER_CERT_SERIAL_OID),
            _bool(False),
            _octets(_printable(content.holder_serial.upper())),
        ),
    )
    return _seq(header, _ia5(content.es_id), prop, picture, ext)


def build_seseal(
    content: SealContent, *, maker_cert: x509.Certificate, maker_key: PrivateKey
) -> bytes:
    """The signed ``SESeal`` in DER. The maker key must be an EC key (ECDSA-with-SHA256)."""
    if not isinstance(maker_key, ec.EllipticCurvePrivateKey):
        raise TypeError("the seal-maker key must be an EC key")
    info = seal_info_of(content)
    signature = maker_key.sign(info, ec.ECDSA(hashes.SHA256()))
    return _seq(
        info,
        _octets(maker_cert.public_bytes(serialization.Encoding.DER)),
        _oid(ECDSA_SHA256_OID),
        _bits(signature),
    )
