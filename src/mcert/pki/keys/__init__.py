"""Where CA private keys and escrow secrets live: one interface, several key stores.

A :class:`KeyBackend` creates and looks up keys by *label*. Private keys come back as objects
that ``cryptography`` accepts as ``private_key`` for certificate, CRL and OCSP builders and
for raw ``.sign()``; on a PKCS#11 token they are thin wrappers whose ``sign()`` runs on the
token, so the key material never enters this process. Each backend can also hold AES-256
keys used to seal blobs (key escrow) with AES-GCM.

* :mod:`mcert.pki.keys.base` — the interface (:class:`KeyBackend`, :class:`KeyAlgorithm`,
  labels, the sealed-blob layout);
* :mod:`mcert.pki.keys.file` — :class:`FileKeyBackend`, encrypted PKCS#8 PEM files, for
  development and small installs;
* :mod:`mcert.pki.keys.pkcs11` — :class:`PKCS11KeyBackend`, any PKCS#11 module (SoftHSM2 in
  tests, a real HSM in production), and :func:`find_softhsm2_module`.

Import from this package; the backend is chosen from settings in :mod:`mcert.ca.keys`. A new
backend is one more module here implementing :class:`KeyBackend`.

This package must never export a private key in the clear, overwrite an existing key, or
know about databases, HTTP or settings: the caller passes paths, PINs and passphrases in.
"""

from mcert.pki.keys.base import (
    BLOB_VERSION,
    KeyAlgorithm,
    KeyBackend,
    PrivateKey,
    PublicKey,
    check_label,
)
from mcert.pki.keys.file import FileKeyBackend
from mcert.pki.keys.pkcs11 import PKCS11KeyBackend, find_softhsm2_module

__all__ = [
    "BLOB_VERSION",
    "FileKeyBackend",
    "KeyAlgorithm",
    "KeyBackend",
    "PKCS11KeyBackend",
    "PrivateKey",
    "PublicKey",
    "check_label",
    "find_softhsm2_module",
]
