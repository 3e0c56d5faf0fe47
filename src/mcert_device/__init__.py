"""The reference implementation of the phone's side of mCert's key protection protocol.

Used by tests, benchmarks and desktop users; the web app implements the same protocol
(``docs/protocol.md``) in JavaScript with WebCrypto, and ``docs/protocol-vectors.json``
proves the two agree byte for byte.

* :mod:`mcert_device.crypto` — key generation, CSR, pre-hash, wrap key, wrap/unwrap, opening
  sealed blobs, and the on-disk :class:`~mcert_device.crypto.Keystore`.
* :mod:`mcert_device.vectors` — regenerates the test vectors (``python -m mcert_device.vectors``).

This package must never send a private key or the ``device_secret`` anywhere, and its runtime
modules never import the server package ``mcert``: the device side is an independent
implementation of the wire format, checked against the server's by the shared vectors.
"""
