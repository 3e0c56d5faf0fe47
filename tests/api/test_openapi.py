"""The served /openapi.json tells an integrator the truth (mcert.http.openapi): named and
unique operation ids, described operations and tags, the real error body, the security each
operation enforces; it validates as OpenAPI, and the front end's generated types match it."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from fastapi.testclient import TestClient
from openapi_spec_validator import validate
from tests.conftest import T0, Backend, make_runtime

import mcert
from mcert.clock import FrozenClock
from mcert.main import create_app
from mcert.settings import Settings

REPO = Path(__file__).resolve().parents[2]
FRONTEND = REPO / "frontend"
METHODS = ("get", "put", "post", "delete", "patch")


@pytest.fixture(scope="module")
def served(
    backend: Backend, sandbox_merchant: Path, tmp_path_factory: pytest.TempPathFactory
) -> str:
    """The served document, fetched once per backend: building it (every route's schemas)
    took ~1 s per test. Its app is built as ``client``'s is, on a runtime of the same
    settings; the tests that send requests get their own ``client``."""
    data_dir = tmp_path_factory.mktemp("openapi")
    runtime = make_runtime(backend, FrozenClock(T0), data_dir, {}, sandbox_merchant)
    with TestClient(create_app(runtime=runtime)) as client:
        resp = client.get("/openapi.json")
    assert resp.status_code == 200
    return resp.text


@pytest.fixture
def doc(served: str) -> dict[str, Any]:
    """Parsed afresh for every test: what one test does to it cannot reach another."""
    spec: dict[str, Any] = json.loads(served)
    return spec


def operations(doc: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, item in doc["paths"].items():
        for method in METHODS:
            if method in item:
                yield method, path, item[method]


def error_body_validator(doc: dict[str, Any]) -> jsonschema.Draft202012Validator:
    schema = {"$ref": "#/components/schemas/ErrorBody", "components": doc["components"]}
    return jsonschema.Draft202012Validator(schema)


def test_the_document_validates_as_openapi(doc: dict[str, Any]) -> None:
    assert doc["openapi"].startswith("3.")
    validate(doc)


def test_operation_ids_are_unique_names(doc: dict[str, Any]) -> None:
    ids = [op["operationId"] for _, _, op in operations(doc)]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    assert all(re.fullmatch(r"[a-z][a-zA-Z0-9]*", i) for i in ids), ids
    by_route = {(m, p): op["operationId"] for m, p, op in operations(doc)}
    assert by_route["post", "/api/rp/v1/sessions"] == "createSession"
    assert by_route["get", "/api/rp/v1/sessions/{session_id}"] == "collectSession"
    assert by_route["post", "/api/app/v1/certificates/{cert_id}/download"] == (
        "downloadCertificate"
    )
    assert by_route["post", "/api/console/v1/auth/login"] == "consoleLogin"
    assert by_route["post", "/api/console/v1/auth/totp/enrol"] == "consoleEnrolTotp"
    assert by_route["post", "/api/console/v1/approvals/{approval_id}/approve"] == (
        "approveApproval"
    )
    assert by_route["post", "/api/console/v1/relying-parties/{rp_id}/rotate-secret"] == (
        "proposeRpSecretRotation"
    )


def test_the_console_operations_of_issue_16_are_named_and_tagged(doc: dict[str, Any]) -> None:
    """The console UI is written against these names (CONSOLE_API.md): renaming one breaks it."""
    by_route = {(m, p): op for m, p, op in operations(doc)}
    c = "/api/console/v1"
    named = {
        ("get", f"{c}/queues"): ("listQueues", "console"),
        ("get", f"{c}/queue"): ("listQueueItems", "console"),
        ("post", f"{c}/queue/{{kind}}/{{item_id}}/claim"): ("claimQueueItem", "console"),
        ("post", f"{c}/queue/{{kind}}/{{item_id}}/release"): ("releaseQueueItem", "console"),
        ("get", f"{c}/rejection-reasons"): ("listRejectionReasons", "console"),
        ("get", f"{c}/reviews/{{order_id}}/documents/{{document_id}}/pages/{{n}}"): (
            "getReviewDocumentPage",
            "console",
        ),
        ("get", f"{c}/holders"): ("lookupHolders", "console: look-up"),
        ("get", f"{c}/holders/{{holder_id}}"): ("lookupHolder", "console: look-up"),
        ("post", f"{c}/holders/{{holder_id}}/unmask"): ("unmaskHolder", "console: look-up"),
        ("get", f"{c}/companies"): ("lookupCompanies", "console: look-up"),
        ("get", f"{c}/companies/{{org_id}}"): ("lookupCompany", "console: look-up"),
        ("get", f"{c}/orders"): ("lookupOrders", "console: look-up"),
        ("get", f"{c}/orders/{{order_id}}"): ("lookupOrder", "console: look-up"),
        ("get", f"{c}/usage"): ("lookupUsage", "console: look-up"),
        ("get", f"{c}/audit"): ("listAudit", "console: audit"),
        ("post", f"{c}/audit/verify"): ("verifyAudit", "console: audit"),
        ("get", f"{c}/audit/export"): ("exportAudit", "console: audit"),
        ("get", f"{c}/dashboard"): ("getDashboard", "console: dashboard"),
    }
    for route, (operation_id, tag) in named.items():
        assert route in by_route, route
        assert by_route[route]["operationId"] == operation_id, route
        assert by_route[route]["tags"] == [tag], route
    schemas = doc["components"]["schemas"]
    queue_item = "kind id title subject_name submitted_at age_seconds sla_seconds overdue"
    assert set(f"{queue_item} claimed_by claim_expires_at".split()) <= set(
        schemas["QueueItem"]["properties"]
    )
    holder_row = "id name_masked phone_masked id_number_masked realname_status created_at"
    assert set(holder_row.split()) <= set(schemas["HolderRow"]["properties"])
    extracted = {"company_name", "uscc", "uscc_valid", "legal_rep"}
    assert extracted <= set(schemas["Extracted"]["properties"])
    for path in (f"{c}/reviews/{{order_id}}/reject", f"{c}/seals/{{seal_id}}/reject"):
        body = by_route["post", path]["requestBody"]["content"]["application/json"]["schema"]
        ref = body["$ref"].rsplit("/", 1)[-1]
        assert {"reason_code", "reason"} <= set(schemas[ref]["properties"]), path


def test_every_operation_has_a_summary_and_a_description(doc: dict[str, Any]) -> None:
    missing = [
        f"{m.upper()} {p}"
        for m, p, op in operations(doc)
        if not op.get("summary") or not op.get("description") or op["summary"] == op["description"]
    ]
    assert not missing, f"give these endpoints a docstring (summary, blank line, more): {missing}"


def test_every_tag_is_declared_with_a_description(doc: dict[str, Any]) -> None:
    declared = {t["name"]: t.get("description") for t in doc["tags"]}
    assert all(declared.values()), declared
    for m, p, op in operations(doc):
        assert op.get("tags"), f"{m} {p}"
        assert set(op["tags"]) <= set(declared), (m, p, op["tags"])


def test_errors_are_documented_with_the_body_the_api_sends(doc: dict[str, Any]) -> None:
    assert "HTTPValidationError" not in json.dumps(doc)
    for m, p, op in operations(doc):
        responses = op["responses"]
        assert {"500", "503"} <= set(responses), (m, p)
        if op["security"]:
            assert "401" in responses, (m, p)
        if "{" in p:
            assert "404" in responses, (m, p)
        if m != "get":
            assert "413" in responses, (m, p)
        for status, response in responses.items():
            if status[0] not in "45" or (p, status) == ("/readyz", "503"):
                continue
            schema = response["content"].get("application/json", {}).get("schema")
            if schema is None:  # the payment gateways' plain-text answers
                assert "text/plain" in response["content"], (m, p, status)
                continue
            assert schema == {"$ref": "#/components/schemas/ErrorBody"}, (m, p, status)


def test_the_documented_error_body_is_what_a_422_and_a_413_answer(
    client: TestClient, doc: dict[str, Any]
) -> None:
    validator = error_body_validator(doc)
    resp = client.post("/api/app/v1/auth/sms-code", json={"phone": 1})
    assert resp.status_code == 422
    validator.validate(resp.json())
    assert resp.json()["error"]["details"]["fields"]
    resp = client.post("/api/app/v1/auth/login", content=b"{" + b" " * 20000 + b"}")
    assert resp.status_code == 413
    validator.validate(resp.json())


def _call_without_credentials(client: TestClient, method: str, path: str) -> Any:
    url = re.sub(r"\{[^}]+\}", "x", path)
    if method == "get":
        return client.get(url)
    return client.request(method.upper(), url, json={})


def test_security_requirements_are_what_the_api_enforces(
    client: TestClient, doc: dict[str, Any]
) -> None:
    schemes = doc["components"]["securitySchemes"]
    assert schemes["appBearer"] == schemes["appBearer"] | {"type": "http", "scheme": "bearer"}
    assert schemes["consoleBearer"]["scheme"] == "bearer"
    rp_headers = {schemes[k]["name"] for k in ("rpClientId", "rpTimestamp", "rpNonce")}
    assert rp_headers | {schemes["rpSignature"]["name"]} == {
        "X-MCert-Client-Id",
        "X-MCert-Timestamp",
        "X-MCert-Nonce",
        "X-MCert-Signature",
    }
    expected = {
        "/api/app/v1/": [{"appBearer": []}],
        "/api/console/v1/": [{"consoleBearer": []}],
        "/api/rp/v1/": [{k: [] for k in ("rpClientId", "rpTimestamp", "rpNonce", "rpSignature")}],
    }
    public = {
        "sendSmsCode",
        "login",
        "refreshTokens",
        "getPrices",
        "consoleLogin",
        "consoleEnrolTotp",
        "listAgreements",
        "getConsentNotice",
    }
    validator = error_body_validator(doc)
    secured = 0
    for m, p, op in operations(doc):
        prefix = next((k for k in expected if p.startswith(k)), None)
        if prefix is None or op["operationId"] in public:
            assert op["security"] == [], (m, p)
            continue
        assert op["security"] == expected[prefix], (m, p)
        resp = _call_without_credentials(client, m, p)
        assert resp.status_code == 401, (m, p, resp.status_code, resp.text)
        validator.validate(resp.json())
        secured += 1
    assert secured > 40


def _node_and_openapi_typescript() -> str | None:
    node = shutil.which("node")
    if node is None or not (FRONTEND / "node_modules" / "openapi-typescript").is_dir():
        return None
    return node


def test_the_front_end_types_are_generated_from_this_document(tmp_path: Path) -> None:
    node = _node_and_openapi_typescript()
    if node is None:
        pytest.skip("node or frontend/node_modules (make install) absent: cannot regenerate")
    fresh = tmp_path / "schema.d.ts"
    env = {
        **os.environ,
        "PYTHON": sys.executable,
        "PYTHONPATH": str(Path(mcert.__file__).resolve().parents[1]),
    }
    subprocess.run(
        [node, "scripts/gen-api.mjs", "--out", str(fresh)],
        cwd=FRONTEND,
        env=env,
        check=True,
        capture_output=True,
        timeout=120,
    )
    committed = (FRONTEND / "src" / "api" / "schema.d.ts").read_text(encoding="utf-8")
    assert fresh.read_text(encoding="utf-8") == committed, (
        "frontend/src/api/schema.d.ts is stale: run `cd frontend && npm run gen:api`"
    )


def test_the_console_types_are_generated_from_this_document(tmp_path: Path) -> None:
    """The operator console's schema.d.ts holds the `console…` operations of this document.

    The document is built in this process as ``gen-api.mjs`` builds it (the test above runs
    that path, a Python process of its own) and given to the script as a saved file."""
    node = _node_and_openapi_typescript()
    if node is None:
        pytest.skip("node or frontend/node_modules (make install) absent: cannot regenerate")
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    settings = Settings(
        env="test",  # type: ignore[arg-type]
        data_dir=data_dir,
        database_url=f"sqlite:///{data_dir}/x.db",
    )
    document = tmp_path / "openapi.json"
    document.write_text(json.dumps(create_app(settings).openapi(), ensure_ascii=False))
    fresh = tmp_path / "schema.d.ts"
    subprocess.run(
        [node, "scripts/gen-api.mjs", "--console", "--out", str(fresh), str(document)],
        cwd=FRONTEND,
        check=True,
        capture_output=True,
        timeout=120,
    )
    text = fresh.read_text(encoding="utf-8")
    assert '"/api/console/v1/reviews/{order_id}/reject"' in text
    assert '"/api/app/v1/' not in text  # the holder app's operations stay out
    committed = (FRONTEND / "console" / "src" / "api" / "schema.d.ts").read_text(encoding="utf-8")
    assert text == committed, (
        "frontend/console/src/api/schema.d.ts is stale: run `cd frontend && npm run gen:api`"
    )
