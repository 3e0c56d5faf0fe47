"""Holder accounts: SMS-code login and registration, devices, token sessions."""
