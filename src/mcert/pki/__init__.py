"""Pure PKI protocol code: certificates, CRLs, OCSP, time-stamps, CMS envelopes.

Everything under ``mcert.pki`` is pure: it depends on ``cryptography``, ``asn1crypto``,
``pkcs11``, ``pydantic`` and :mod:`mcert.errors` only, takes every URL, key, PIN and time
as an argument, and returns objects for the service layer to persist and serve. It must
never import a database, HTTP, or settings module. Import the submodules directly
(``mcert.pki.issue``, ``mcert.pki.crl``, ``mcert.pki.keys``, ``mcert.pki.profiles``); this
package re-exports nothing so that importing it stays cheap.
"""
