"""Encrypted local object storage: round trip, nothing readable on disk, no escaping the root."""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

import pytest

from mcert.providers.storage import (
    InvalidObjectKey,
    LocalEncryptedStorage,
    ObjectCorrupt,
    ObjectNotFound,
)
from mcert.runtime import Runtime

SECRET_TEXT = b"%PDF-1.7 business licence of 110101199001010015 phone 13800138000 %%EOF"


def on_disk(runtime: Runtime, key: str) -> Path:
    purpose, name = key.split("/")
    return runtime.settings.data_dir / "objects" / purpose / name[:2] / name


def test_round_trip_and_ciphertext_hides_the_plaintext(runtime: Runtime) -> None:
    storage = runtime.storage
    stored = storage.put(SECRET_TEXT, "application/pdf", "licence")

    assert stored.key.startswith("licence/")
    assert stored.size == len(SECRET_TEXT)
    assert stored.sha256 == hashlib.sha256(SECRET_TEXT).hexdigest()
    assert stored.content_type == "application/pdf"
    assert storage.get(stored.key) == SECRET_TEXT

    raw = on_disk(runtime, stored.key).read_bytes()
    assert raw.startswith(b"MCO1")
    for fragment in (SECRET_TEXT, b"110101199001010015", b"13800138000", b"%PDF", b"licence"):
        assert fragment not in raw
    mode = stat.S_IMODE(os.stat(on_disk(runtime, stored.key)).st_mode)
    assert mode == 0o600


def test_equal_uploads_get_unrelated_keys_and_ciphertexts(runtime: Runtime) -> None:
    a = runtime.storage.put(SECRET_TEXT, "application/pdf", "licence")
    b = runtime.storage.put(SECRET_TEXT, "application/pdf", "licence")
    assert a.key != b.key
    assert a.sha256 == b.sha256
    assert on_disk(runtime, a.key).read_bytes() != on_disk(runtime, b.key).read_bytes()


def test_tampered_or_moved_objects_do_not_decrypt(runtime: Runtime) -> None:
    storage = runtime.storage
    a = storage.put(b"face capture A", "image/jpeg", "face")
    b = storage.put(b"face capture B", "image/jpeg", "face")
    path_a, path_b = on_disk(runtime, a.key), on_disk(runtime, b.key)

    path_b.write_bytes(path_a.read_bytes())  # a copied under b's key
    with pytest.raises(ObjectCorrupt):
        storage.get(b.key)

    blob = bytearray(path_a.read_bytes())
    blob[-1] ^= 1
    path_a.write_bytes(bytes(blob))
    with pytest.raises(ObjectCorrupt):
        storage.get(a.key)


def test_another_secret_cannot_read(runtime: Runtime) -> None:
    stored = runtime.storage.put(SECRET_TEXT, "application/pdf", "licence")
    other = LocalEncryptedStorage.from_secret(runtime.settings.data_dir / "objects", "other" * 8)
    with pytest.raises(ObjectCorrupt):
        other.get(stored.key)


def test_delete_is_idempotent_and_get_after_delete_is_not_found(runtime: Runtime) -> None:
    stored = runtime.storage.put(b"seal scan", "image/png", "seal")
    runtime.storage.delete(stored.key)
    runtime.storage.delete(stored.key)
    with pytest.raises(ObjectNotFound) as exc:
        runtime.storage.get(stored.key)
    assert exc.value.code == "object_not_found"


@pytest.mark.parametrize(
    "key",
    [
        "../../etc/passwd",
        "licence/../../../etc/passwd",
        "/etc/passwd",
        "licence/" + "a" * 31,
        "licence/" + "A" * 32,
        "Licence/" + "a" * 32,
        "licence/" + "a" * 32 + "/..",
        "licence\\" + "a" * 32,
        "licence/" + "a" * 31 + "\x00",
        "",
    ],
)
def test_keys_that_could_escape_the_root_are_refused(runtime: Runtime, key: str) -> None:
    with pytest.raises(InvalidObjectKey):
        runtime.storage.get(key)
    with pytest.raises(InvalidObjectKey):
        runtime.storage.delete(key)


def test_purpose_must_be_a_plain_name(runtime: Runtime) -> None:
    for purpose in ("../x", "", "Face", "a/b", "x" * 33):
        with pytest.raises(ValueError, match="purpose"):
            runtime.storage.put(b"x", "image/png", purpose)


def test_no_plaintext_temp_files_are_left(runtime: Runtime) -> None:
    stored = runtime.storage.put(SECRET_TEXT, "application/pdf", "licence")
    files = [p for p in (runtime.settings.data_dir / "objects").rglob("*") if p.is_file()]
    assert files == [on_disk(runtime, stored.key)]
