"""The certificate authority as a service: stores what :mod:`mcert.pki` issues and serves it.

Holds the hierarchy (root, issuing CA, delegated OCSP signer, TSA), issued certificates,
revocations and CRLs; answers OCSP and timestamp requests. Keys stay in the key backend.
"""
