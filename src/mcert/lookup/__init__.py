"""Operator look-ups: holders, companies, orders, usage (the console, masked by default)."""
