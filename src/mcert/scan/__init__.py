"""Scan to use (证书使用): relying-party sessions, animated QR codes, the phone's confirm
step for login, signing and decryption, and usage records (使用记录).

``relying`` is the relying party's side (its HTTP API is ``mcert.rp.api``), ``phone`` the
holder's (``scan.api``); both end sessions through ``common.fail``, which writes the usage
record (``usage``) and queues the callback (``callbacks``). ``qr`` is the animated QR
algorithm, ``errors`` the error codes both sides raise."""
