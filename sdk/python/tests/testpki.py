"""A small test PKI shaped like mCert's (root -> issuing CA -> holder signing / encryption
certificates, delegated OCSP responder, TSA), built with ``cryptography`` alone, and the
pieces of a scan result: OCSP responses and RFC 3161 tokens. Nothing of the server."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from asn1crypto import cms as a_cms
from asn1crypto import core as a_core
from asn1crypto import tsp as a_tsp
from asn1crypto import x509 as a_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509 import ocsp
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID, ObjectIdentifier

NOW = datetime(2026, 11, 29, 2, 0, 0, tzinfo=UTC)
DOCUMENT_SIGNING = ObjectIdentifier("1.3.6.1.5.5.7.3.36")
Key = ec.EllipticCurvePrivateKey


def _name(cn: str, org: str | None = "mCert 测试 CA") -> x509.Name:
    attrs = [x509.NameAttribute(NameOID.COUNTRY_NAME, "CN")]
    if org:
        attrs.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, org))
    attrs.append(x509.NameAttribute(NameOID.COMMON_NAME, cn))
    return x509.Name(attrs)


def _ku(**bits: bool) -> x509.KeyUsage:
    names = (
        "digital_signature",
        "content_commitment",
        "key_encipherment",
        "data_encipherment",
        "key_agreement",
        "key_cert_sign",
        "crl_sign",
        "encipher_only",
        "decipher_only",
    )
    return x509.KeyUsage(**{n: bits.get(n, False) for n in names})


def certificate(
    subject: x509.Name,
    key: Key,
    issuer: x509.Certificate | None,
    issuer_key: Key,
    *,
    ca: bool = False,
    path_length: int | None = None,
    ku: x509.KeyUsage,
    eku: list[ObjectIdentifier] | None = None,
    eku_critical: bool = False,
    not_before: datetime = NOW - timedelta(days=1),
    days: int = 365,
) -> x509.Certificate:
    ski = x509.SubjectKeyIdentifier.from_public_key(key.public_key())
    aki_key = issuer.public_key() if issuer is not None else key.public_key()
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer.subject if issuer is not None else subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_before + timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=path_length), critical=True)
        .add_extension(ku, critical=True)
        .add_extension(ski, critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(aki_key),  # type: ignore[arg-type]
            critical=False,
        )
    )
    if eku:
        builder = builder.add_extension(x509.ExtendedKeyUsage(eku), critical=eku_critical)
    return builder.sign(issuer_key, hashes.SHA256())


@dataclass
class PKI:
    root_key: Key = field(default_factory=lambda: ec.generate_private_key(ec.SECP384R1()))
    issuing_key: Key = field(default_factory=lambda: ec.generate_private_key(ec.SECP256R1()))
    holder_key: Key = field(default_factory=lambda: ec.generate_private_key(ec.SECP256R1()))
    enc_key: Key = field(default_factory=lambda: ec.generate_private_key(ec.SECP256R1()))
    ocsp_key: Key = field(default_factory=lambda: ec.generate_private_key(ec.SECP256R1()))
    tsa_key: Key = field(default_factory=lambda: ec.generate_private_key(ec.SECP256R1()))

    def __post_init__(self) -> None:
        ca_ku = _ku(key_cert_sign=True, crl_sign=True)
        self.root = certificate(
            _name("Test Root"), self.root_key, None, self.root_key, ca=True, path_length=1,
            ku=ca_ku, days=3650, not_before=NOW - timedelta(days=30),
        )  # fmt: skip
        self.issuing = certificate(
            _name("Test Issuing CA"), self.issuing_key, self.root, self.root_key, ca=True,
            path_length=0, ku=ca_ku, days=3650, not_before=NOW - timedelta(days=30),
        )  # fmt: skip
        holder = x509.Name(
            [
                x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"),
                x509.NameAttribute(NameOID.COMMON_NAME, "张三"),
                x509.NameAttribute(NameOID.SERIAL_NUMBER, "P0123456789"),
            ]
        )
        self.signing = self.leaf(
            holder, self.holder_key,
            ku=_ku(digital_signature=True, content_commitment=True),
            eku=[DOCUMENT_SIGNING, ExtendedKeyUsageOID.EMAIL_PROTECTION],
        )  # fmt: skip
        self.encryption = self.leaf(
            holder, self.enc_key, ku=_ku(key_agreement=True),
            eku=[ExtendedKeyUsageOID.EMAIL_PROTECTION],
        )  # fmt: skip
        self.responder = self.leaf(
            _name("Test OCSP"), self.ocsp_key, ku=_ku(digital_signature=True),
            eku=[ExtendedKeyUsageOID.OCSP_SIGNING],
        )  # fmt: skip
        self.tsa = self.leaf(
            _name("Test TSA"), self.tsa_key, ku=_ku(digital_signature=True),
            eku=[ExtendedKeyUsageOID.TIME_STAMPING], eku_critical=True,
        )  # fmt: skip

    def leaf(self, subject: x509.Name, key: Key, **kwargs: object) -> x509.Certificate:
        return certificate(subject, key, self.issuing, self.issuing_key, **kwargs)  # type: ignore[arg-type]

    @property
    def chain_pem(self) -> str:
        return "".join(
            c.public_bytes(serialization.Encoding.PEM).decode() for c in (self.issuing, self.root)
        )

    def ocsp(
        self,
        cert: x509.Certificate,
        *,
        revoked: bool = False,
        signer: x509.Certificate | None = None,
        signer_key: Key | None = None,
    ) -> bytes:
        signer = signer or self.responder
        signer_key = signer_key or self.ocsp_key
        builder = ocsp.OCSPResponseBuilder().add_response(
            cert=cert,
            issuer=self.issuing,
            algorithm=hashes.SHA1(),
            cert_status=ocsp.OCSPCertStatus.REVOKED if revoked else ocsp.OCSPCertStatus.GOOD,
            this_update=NOW - timedelta(minutes=1),
            next_update=NOW + timedelta(hours=1),
            revocation_time=NOW - timedelta(days=1) if revoked else None,
            revocation_reason=None,
        )
        builder = builder.responder_id(ocsp.OCSPResponderEncoding.HASH, signer)
        if signer is not self.issuing:
            builder = builder.certificates([signer])
        resp = builder.sign(signer_key, hashes.SHA256())
        return resp.public_bytes(serialization.Encoding.DER)

    def timestamp(
        self,
        digest: bytes,
        *,
        tsa: x509.Certificate | None = None,
        tsa_key: Key | None = None,
        gen_time: datetime = NOW,
        nonce: int | None = None,
    ) -> bytes:
        """An RFC 3161 token (ESSCertIDv2, SHA-256) over ``digest``."""
        tsa, tsa_key = tsa or self.tsa, tsa_key or self.tsa_key
        cert = a_x509.Certificate.load(tsa.public_bytes(serialization.Encoding.DER))
        tst = a_tsp.TSTInfo(
            {
                "version": "v1",
                "policy": "1.2.3.4",
                "message_imprint": {
                    "hash_algorithm": {"algorithm": "sha256"},
                    "hashed_message": digest,
                },
                "serial_number": 1,
                "gen_time": gen_time,
                **({"nonce": nonce} if nonce is not None else {}),
            }
        ).dump()
        ess = a_tsp.SigningCertificateV2(
            {"certs": [{"cert_hash": hashlib.sha256(cert.dump()).digest()}]}
        )
        attrs = a_cms.CMSAttributes(
            [
                {"type": "content_type", "values": [a_cms.ContentType("tst_info")]},
                {"type": "message_digest", "values": [hashlib.sha256(tst).digest()]},
                {"type": "signing_certificate_v2", "values": [ess]},
            ]
        )
        signature = tsa_key.sign(attrs.dump(), ec.ECDSA(hashes.SHA256()))
        signed = {
            "version": "v3",
            "digest_algorithms": [{"algorithm": "sha256"}],
            "encap_content_info": {
                "content_type": "tst_info",
                "content": a_core.ParsableOctetString(tst),
            },
            "certificates": [cert],
            "signer_infos": [
                {
                    "version": "v1",
                    "sid": a_cms.SignerIdentifier(
                        name="issuer_and_serial_number",
                        value={"issuer": cert.issuer, "serial_number": cert.serial_number},
                    ),
                    "digest_algorithm": {"algorithm": "sha256"},
                    "signed_attrs": attrs,
                    "signature_algorithm": {"algorithm": "sha256_ecdsa"},
                    "signature": signature,
                }
            ],
        }
        return bytes(a_cms.ContentInfo({"content_type": "signed_data", "content": signed}).dump())
