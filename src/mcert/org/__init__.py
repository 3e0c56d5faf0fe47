"""Verified organisations (单位), their name history and members."""
