"""Short-lived shared state (rate-limit counters, one-shot flags).

Two interchangeable stores with identical behaviour: Redis when ``MCERT_REDIS_URL`` is set,
the database otherwise, so several workers always share the same counters. Expiry is
driven by the runtime's clock in the database store and by Redis' own clock in Redis.
"""

from __future__ import annotations

from mcert.kv.store import DatabaseKV, KVStore, RedisKV

__all__ = ["DatabaseKV", "KVStore", "RedisKV"]
