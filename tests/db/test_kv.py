"""The short-lived store behaves the same on the database and on Redis."""

from __future__ import annotations

from mcert.clock import FrozenClock
from mcert.kv import DatabaseKV
from mcert.runtime import Runtime


def test_incr_counts_and_set_if_absent_is_one_shot(runtime: Runtime) -> None:
    kv = runtime.kv
    assert [kv.incr("c", 60) for _ in range(3)] == [1, 2, 3]
    assert kv.set_if_absent("flag", 60) is True
    assert kv.set_if_absent("flag", 60) is False
    ttl = kv.ttl("flag")
    assert ttl is not None
    assert 0 < ttl <= 60
    kv.delete("flag")
    assert kv.ttl("flag") is None
    assert kv.set_if_absent("flag", 60) is True


def test_store_expires_on_the_runtime_clock(runtime: Runtime, clock: FrozenClock) -> None:
    kv = runtime.kv
    assert kv.incr("c", 10) == 1
    assert kv.incr("c", 10) == 2
    assert kv.set_if_absent("f", 10)
    clock.advance(11)
    assert kv.ttl("c") is None
    assert kv.incr("c", 10) == 1
    assert kv.set_if_absent("f", 10)


def test_database_store_purges_expired_rows(runtime: Runtime, clock: FrozenClock) -> None:
    kv = DatabaseKV(runtime.sessions, clock)
    kv.incr("a", 10)
    kv.set_if_absent("b", 10)
    assert kv.purge_expired() == 0
    clock.advance(11)
    assert kv.purge_expired() == 2


def test_get_reads_a_counter_without_changing_it(runtime: Runtime, clock: FrozenClock) -> None:
    kv = runtime.kv
    assert kv.get("g") == 0
    kv.incr("g", 10)
    kv.incr("g", 10)
    assert kv.get("g") == 2
    assert kv.get("g") == 2
    clock.advance(11)
    assert kv.get("g") == 0
