"""Agreements (用户协议, 隐私政策) and separate consents to sensitive data (PIPL art. 29-30)."""
