"""Fuzzing the whole API: nothing a client sends may produce a 5xx.

``test_no_server_errors``: schemathesis generates requests for every operation in
``/openapi.json`` (valid and invalid bodies, query strings and path parameters) and sends
them to the app in-process (ASGI, no network) as the holder with a downloaded certificate
(console operations as a reviewer, relying-party operations signed with an RP's HMAC key),
so that requests get past authentication; on the routes that need the device proof
(``docs/protocol.md`` section 6) half the cases carry a valid one, made by the caller's
device for the exact bytes sent, and half leave the proof headers to the fuzzer. Half the
strategies use the ids of real records as path parameters, so that generated bodies reach
the code behind the ownership checks.
It fails on any 5xx, and on a JSON error answer without ``{"error": {"code", "message"}}``.

What the OpenAPI description does not describe is fuzzed with Hypothesis directly: raw
OCSP/TSA/notification bodies, mutated JPEG/PNG uploads (EXIF, ICC, palettes, truncation),
and bearer tokens and relying-party headers of arbitrary bytes.

Everything runs on SQLite and on PostgreSQL (NUL bytes only break the latter), against one
populated app per backend. Bounded: ``MCERT_FUZZ_EXAMPLES`` examples per operation (default
25, about a minute per backend on 2 cores), derandomised so that CI runs repeat; to look
harder locally: ``MCERT_FUZZ_EXAMPLES=500 MCERT_FUZZ_RANDOM=1 pytest -m fuzz``.

Derandomised, an operation's examples are the same on every backend: Hypothesis seeds them
from the test function, and only the real ids put into path parameters differ. Generating
them cost about half of each example (~14 of ~26 ms), so the first backend to run an
operation keeps the requests it sent, and the next backend in this process sends those
again, with its own real ids and its own bearer tokens, device proofs and RP signatures,
instead of generating them anew. Inputs are not fewer: it is the same list of requests.
``MCERT_FUZZ_STATS=1 pytest -s -m fuzz`` prints what each operation answered.
"""

from __future__ import annotations

import io
import os
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

import pytest
import requests
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image, ImageCms
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from tests.conftest import TEST_SECRET, Backend, _truncate
from tests.holders import FAST_PASSWORDS, face_jpeg, licence_png
from tests.world import Role, World, build_world, rp_headers

from mcert.account.devicekey import CHALLENGE_HEADER
from mcert.clock import FrozenClock
from mcert.main import create_app
from mcert.runtime import Runtime
from mcert.settings import Settings

pytestmark = pytest.mark.fuzz

EXAMPLES = int(os.environ.get("MCERT_FUZZ_EXAMPLES", "25"))
# Local hunts: MCERT_FUZZ_RANDOM=1 draws new examples every run (CI repeats the same ones).
DERANDOMIZE = os.environ.get("MCERT_FUZZ_RANDOM") != "1"
STATS = os.environ.get("MCERT_FUZZ_STATS") == "1"  # print answers per operation (pytest -s)
BASE_URL = "http://testserver"

# Operations left out, and why.
# The PKI request bodies are DER, documented with their own media types: send them as bytes.
schemathesis.serializer.alias(
    ["application/ocsp-request", "application/timestamp-query"], "application/octet-stream"
)

SKIPPED = {
    ("POST", "/api/app/v1/auth/logout"),  # would end the holder's session for the rest of the run
}

# Path parameter -> the World id that names a real record of the holder (or the RP).
REAL_IDS = {
    "cert_id": "cert_id",
    "order_id": "order_id",
    "attempt_id": "attempt_id",
    "message_id": "message_id",
    "session_id": "session_id",
    "document_id": "document_id",
    "seal_id": "seal_id",
}
CONSOLE_IDS = {"order_id": "company_order_id", "document_id": "document_id", "seal_id": "seal_id"}
COMPANY_IDS = {"org_id": "org_id", "member_id": "invited_member_id"}
# Path parameters that name something fixed rather than a record.
FIXED = {"provider": "sandbox", "name": "issuing"}


@dataclass
class Target:
    app: FastAPI
    client: TestClient
    schema: Any
    world: World
    clock: FrozenClock
    backend: str


@pytest.fixture(scope="module")
def target(backend: Backend, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Target]:
    """One populated app per backend for the whole run (state accumulates, as in production)."""
    _truncate(backend)
    clock = FrozenClock(datetime.now(UTC).replace(microsecond=0))
    data_dir: Path = tmp_path_factory.mktemp("fuzz")
    settings_ = Settings(
        env="test",  # type: ignore[arg-type]
        data_dir=data_dir,
        database_url=backend.url,
        redis_url=backend.redis_url,
        redis_key_prefix=backend.redis_prefix,
        secret_key=TEST_SECRET,
        ca_key_passphrase="test-ca-passphrase",
        realname_daily_attempts=1_000_000,  # keep face uploads reaching the image code
        **FAST_PASSWORDS,  # type: ignore[arg-type]
    )
    runtime = Runtime(settings_, clock=clock, engine=backend.engine)
    app = create_app(runtime=runtime)
    with TestClient(app) as client:
        world = build_world(client, runtime, clock)
        api = schemathesis.openapi.from_asgi("/openapi.json", app)
        yield Target(app, client, api, world, clock, backend.name)


def error_body_shape(ctx: Any, response: Any, case: Any) -> bool | None:
    """A JSON error answer carries ``{"error": {"code": str, "message": str}}``."""
    if not 400 <= response.status_code < 500:
        return None
    if not response.headers.get("content-type", [""])[0].startswith("application/json"):
        return None
    body = response.json()
    error = body.get("error") if isinstance(body, dict) else None
    assert isinstance(error, dict), f"error body without an 'error' object: {body!r}"[:300]
    assert isinstance(error.get("code"), str), f"error without a code: {body!r}"[:300]
    assert isinstance(error.get("message"), str), f"error without a message: {body!r}"[:300]
    return None


def _prepared(case: Any) -> tuple[bytes, str, str]:
    """The bytes the case sends, its decoded path (Starlette's ``url.path``) and raw query."""
    kwargs = case.as_transport_kwargs(base_url=BASE_URL)
    allowed = ("method", "url", "headers", "params", "json", "data", "files", "cookies")
    prepared = requests.Request(**{k: v for k, v in kwargs.items() if k in allowed}).prepare()
    body = prepared.body or b""
    if isinstance(body, str):
        body = body.encode()
    path, _, query = str(prepared.path_url).partition("?")
    return body, unquote(path), query


def _signed_headers(case: Any, target: Target, role: Role) -> dict[str, str]:
    body, path, query = _prepared(case)
    # The server signs the decoded path and the raw query string.
    signed_path = path + (f"?{query}" if query else "")
    return rp_headers(
        *target.world.rp_keys[role],
        case.method.upper(),
        signed_path,
        body,
        target.clock.now().timestamp(),
    )


def _error_code(response: Any) -> str | None:
    try:
        body = response.json()
    except ValueError:
        return None
    error = body.get("error") if isinstance(body, dict) else None
    return error.get("code") if isinstance(error, dict) else None


def _operations() -> list[tuple[str, str]]:
    app = create_app(Settings(env="test", secret_key=TEST_SECRET))  # type: ignore[arg-type]
    paths = app.openapi()["paths"]
    return sorted((m.upper(), p) for p, ops in paths.items() for m in ops)


OPERATIONS = [op for op in _operations() if op not in SKIPPED]


def _strategy(operation: Any, real_ids: dict[str, str]) -> st.SearchStrategy[Any]:
    """Valid and invalid requests, with generated path parameters and with real ids."""
    options = []
    for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
        for fixed in ({}, real_ids) if real_ids else ({},):
            try:
                options.append(operation.as_strategy(mode, path_parameters=fixed or None))
            except Exception:
                continue
    return st.one_of(options)


@dataclass
class Sent:
    """The requests one backend's run of an operation sent: its cases (as sent: the long-poll
    wait already zeroed), whether each carried a valid device proof, and the real ids its
    path parameters were given."""

    backend: str
    real: dict[str, str]
    cases: list[tuple[Any, bool]]

    def replayed(self, operation: Any, real: dict[str, str]) -> Iterator[tuple[Any, bool]]:
        """The same requests for another backend's ``operation``: a real id of the first
        backend becomes the same record's id on this one."""
        swap = {name: (self.real[name], real[name]) for name in real if name in self.real}
        for case, prove in self.cases:
            path_parameters = dict(case.path_parameters or {})
            for name, (theirs, ours) in swap.items():
                if path_parameters.get(name) == theirs:
                    path_parameters[name] = ours
            yield (
                operation.Case(
                    method=case.method,
                    path_parameters=path_parameters,
                    headers=case.headers,
                    cookies=case.cookies,
                    query=case.query,
                    body=case.body,  # NOT_SET is compared by identity: not a copy
                    media_type=case.media_type,
                    multipart_content_types=case.multipart_content_types,
                    _meta=case._meta,
                ),
                prove,
            )


_sent: dict[tuple[str, str], Sent] = {}


@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_no_server_errors(method: str, path: str, target: Target) -> None:
    w = target.world
    operation = target.schema[path][method]
    names = [p.name for p in operation.path_parameters]
    if path.startswith("/api/rp/"):
        role, mapping = Role.RP, {"session_id": "session_id"}
    elif path.startswith("/api/console/"):
        role, mapping = Role.REVIEWER, CONSOLE_IDS
    elif path.startswith("/api/app/v1/companies"):
        role, mapping = Role.COMPANY_ADMIN, COMPANY_IDS
    else:
        role, mapping = Role.HOLDER, REAL_IDS
    real = {name: w.ids[mapping[name]] for name in names if name in mapping}
    real |= {name: FIXED[name] for name in names if name in FIXED}

    # Routes that need the device proof (docs/protocol.md section 6): half the cases carry a
    # valid one, so that generated bodies reach the endpoint; the other half fuzz the check.
    needs_proof = any(p.name == CHALLENGE_HEADER for p in operation.headers)

    def send(case: Any, prove: bool) -> None:
        if role is Role.RP:
            headers = _signed_headers(case, target, role)
        else:
            headers = {"Authorization": f"Bearer {w.bearer[role]}"}
            if needs_proof and prove:
                body, path, _ = _prepared(case)
                headers |= w.devices[role].proof_headers(method, path, body)
        response = case.call_and_validate(
            base_url=BASE_URL, headers=headers, checks=[not_a_server_error, error_body_shape]
        )
        if STATS:
            seen[f"{response.status_code} {_error_code(response)}"] += 1

    sent = Sent(target.backend, real, [])

    @given(case=_strategy(operation, real), prove=st.booleans())
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=DERANDOMIZE,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def run(case: Any, prove: bool) -> None:
        query = case.query or {}
        if role is Role.RP and isinstance(query.get("wait"), int | float) and query["wait"] > 0:
            query["wait"] = 0  # a long poll waits in real time: not what is tested here
        sent.cases.append((case, prove))
        send(case, prove)

    seen: Counter[str] = Counter()
    earlier = _sent.get((method, path))
    if DERANDOMIZE and earlier is not None and earlier.backend != target.backend:
        assert earlier.cases, f"{method} {path}: {earlier.backend} sent nothing to send again"
        for case, prove in earlier.replayed(operation, real):
            send(case, prove)
    else:
        run()
        _sent[(method, path)] = sent
    if STATS:
        print(f"\n{method} {path}: {dict(seen.most_common())}")


# Bodies the OpenAPI description does not describe (the endpoints read them raw): DER for
# OCSP and TSA, the gateway's form for payment notifications.
RAW = {
    "POST /pki/ocsp": st.builds(
        lambda b: ("POST", "/pki/ocsp", {"content": b}), st.binary(max_size=600)
    ),
    "POST /pki/tsa": st.builds(
        lambda b: ("POST", "/pki/tsa", {"content": b}), st.binary(max_size=600)
    ),
    "GET /pki/ocsp/{encoded}": st.builds(
        lambda t: ("GET", "/pki/ocsp/" + quote(t, safe=""), {}), st.text(max_size=200)
    ),
    "POST /api/payments/notify/sandbox": st.builds(
        lambda form: ("POST", "/api/payments/notify/sandbox", {"data": form}),
        st.dictionaries(
            st.sampled_from(
                [
                    "out_trade_no",
                    "trade_no",
                    "trade_status",
                    "total_amount",
                    "sign",
                    "sign_type",
                    "notify_id",
                    "gmt_payment",
                    "app_id",
                ]
            ),
            st.text(max_size=40),
        ),
    ),
}


@pytest.mark.parametrize("name", sorted(RAW))
def test_raw_bodies_no_server_errors(name: str, target: Target) -> None:
    @given(request=RAW[name])
    @settings(
        max_examples=EXAMPLES * 2,
        deadline=None,
        derandomize=DERANDOMIZE,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def run(request: tuple[str, str, dict[str, Any]]) -> None:
        method, path, kwargs = request
        response = target.client.request(method, path, **kwargs)
        assert response.status_code < 500, f"{method} {path} {kwargs!r:.300}: {response.text:.300}"

    run()


def _exif_jpeg() -> bytes:
    """A JPEG with EXIF (orientation, maker) and an ICC profile: the metadata paths."""
    img = Image.new("RGB", (64, 48), (120, 130, 140))
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate
    exif[0x010F] = "mCert"
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    out = io.BytesIO()
    img.save(out, format="JPEG", exif=exif.tobytes(), icc_profile=icc)
    return out.getvalue()


def _palette_png() -> bytes:
    """A palette PNG with transparency and EXIF: the PNG mode and chunk paths."""
    img = Image.new("P", (64, 48), 3)
    img.putpalette([i % 256 for i in range(768)])
    exif = Image.Exif()
    exif[0x0112] = 3
    out = io.BytesIO()
    img.save(out, format="PNG", transparency=3, exif=exif.tobytes())
    return out.getvalue()


def _mutate(data: bytes, flips: list[tuple[int, int]], cut: int | None) -> bytes:
    out = bytearray(data)
    for position, value in flips:
        out[position % len(out)] = value
    return bytes(out[: cut % len(out) + 1] if cut is not None else out)


# Real images with bytes overwritten and cut short: the decoder's error paths (headers,
# chunk lengths, EXIF, ICC profiles, palettes), reached through an upload endpoint.
MUTATED_IMAGES = st.builds(
    _mutate,
    st.sampled_from([face_jpeg(), licence_png(), _exif_jpeg(), _palette_png()]),
    st.lists(
        st.tuples(st.integers(0, 300) | st.integers(0, 1_000_000), st.integers(0, 255)),
        min_size=1,
        max_size=8,
    ),
    st.none() | st.integers(0, 1_000_000),
)


def test_mutated_images_no_server_errors(target: Target) -> None:
    token = target.world.bearer[Role.HOLDER]

    @given(image=MUTATED_IMAGES)
    @settings(
        max_examples=EXAMPLES * 4,
        deadline=None,
        derandomize=DERANDOMIZE,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def run(image: bytes) -> None:
        response = target.client.post(
            "/api/app/v1/face-checks",
            files={"image": ("face.jpg", image, "application/octet-stream")},
            headers={"authorization": f"Bearer {token}"},
        )
        assert response.status_code < 500, response.text[:300]

    run()


# Header values as a client may send them: any byte but CR, LF and NUL (HTTP forbids those).
HEADER_BYTES = st.binary(min_size=1, max_size=80).filter(
    lambda b: not any(c in b for c in b"\r\n\x00") and b.strip() == b
)


def _rp_header_sets(world_keys: tuple[str, str]) -> st.SearchStrategy[list[tuple[bytes, bytes]]]:
    client_id = world_keys[0].encode()
    return st.builds(
        lambda cid, ts, nonce, sig: [
            (b"X-MCert-Client-Id", cid),
            (b"X-MCert-Timestamp", ts),
            (b"X-MCert-Nonce", nonce),
            (b"X-MCert-Signature", sig),
        ],
        st.just(client_id) | HEADER_BYTES,
        st.just(b"NOW") | HEADER_BYTES,
        st.just(b"n" * 22) | HEADER_BYTES,
        st.just(b"0" * 64) | HEADER_BYTES,
    )


def test_auth_headers_no_server_errors(target: Target) -> None:
    """Bearer tokens and relying-party headers of any bytes are refused, never a 5xx."""
    now = str(int(target.clock.now().timestamp())).encode()
    strategy = st.one_of(
        st.builds(lambda v: ("/api/app/v1/me", [(b"Authorization", b"Bearer " + v)]), HEADER_BYTES),
        st.builds(
            lambda v: ("/api/console/v1/reviews", [(b"Authorization", b"Bearer " + v)]),
            HEADER_BYTES,
        ),
        st.builds(
            lambda h: ("/api/rp/v1/sessions/x", h), _rp_header_sets(target.world.rp_keys[Role.RP])
        ),
    )

    @given(request=strategy)
    @settings(
        max_examples=EXAMPLES * 4,
        deadline=None,
        derandomize=DERANDOMIZE,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def run(request: tuple[str, list[tuple[bytes, bytes]]]) -> None:
        path, headers = request
        headers = [(k, now if v == b"NOW" else v) for k, v in headers]
        response = target.client.get(path, headers=headers)
        assert response.status_code < 500, f"{path} {headers!r:.300}: {response.text:.300}"

    run()
