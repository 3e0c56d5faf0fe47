"""Holder certificates on devices: download with a protected key, password, lock, renewal.

A *holder certificate* pairs a signing certificate (key made on the device) with an
encryption certificate (key escrowed by the server's key management). The server keeps
the password verifier and the server share, never the signing key.
"""
