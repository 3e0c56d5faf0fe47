"""Scan to use (证书使用): relying-party sessions, animated QR codes, the phone's confirm
step for login, signing and decryption, and usage records (使用记录)."""
