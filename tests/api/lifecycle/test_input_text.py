"""Text that a holder approves or an operator reviews is what it looks like (issue 9,
item 9): every free-text field a client sends refuses controls, bidi overrides and
invisible characters with 422 ``text_invalid`` (or the field's own code), and is bounded."""

from __future__ import annotations

import hashlib
import json
from typing import Any

import pytest
from fastapi.testclient import TestClient
from tests.conftest import agreed, mcert_cli
from tests.holders import USCC, Holder, licence_png
from tests.operators import console_login

from mcert.clock import FrozenClock
from mcert.operator.models import Operator
from mcert.runtime import Runtime
from mcert.text import forbidden_char
from mcert_device.client import DeviceError
from mcert_rp import APIError

SPOOFS = [
    "登录\x00平台",
    "登录\x1b[31m平台",
    "登录\x9b平台",
    "签署\u202e合同",
    "签署\u2067合同\u2069",
    "签署\u200b合同",
    "签署\ufeff合同",
    "签署\u2060合同",
    "签署\u3164合同",
]
DIGEST = hashlib.sha256(b"bid").digest()


@pytest.mark.parametrize("text", SPOOFS)
def test_display_text_and_sign_labels_refuse_spoofs(rp_factory: Any, text: str) -> None:
    rp = rp_factory()
    with pytest.raises(APIError) as shown:
        rp.start_login(display_text=text)
    assert shown.value.status == 422
    assert shown.value.code in ("text_invalid", "nul_not_allowed")
    with pytest.raises(APIError) as label:
        rp.start_sign(display_text="签署投标文件", digests=[(text, DIGEST)])
    assert label.value.status == 422
    assert label.value.code in ("text_invalid", "nul_not_allowed")


def test_sign_labels_are_bounded_and_normalised(
    rp_factory: Any, holder: Holder, clock: FrozenClock
) -> None:
    rp = rp_factory()
    with pytest.raises(APIError) as long:
        rp.start_sign(display_text="签署", digests=[("文" * 101, DIGEST)])
    assert long.value.code == "text_invalid"
    with pytest.raises(APIError) as long_text:
        rp.start_login(display_text="字" * 201)
    assert long_text.value.code == "text_invalid"
    handle = rp.start_sign(
        display_text="  签署\n投标文件 ",
        digests=[("Cafe\u0301  报价.pdf", DIGEST), ("", DIGEST)],
    )
    view = holder.device.scan(
        handle.qr_text(int((clock.now() - handle.created_at).total_seconds()))
    )
    assert view["display_text"] == "签署 投标文件"
    assert view["documents"] == ["Caf\u00e9 报价.pdf", "文件2"]


def test_rp_name_from_the_cli_is_checked(ca: Runtime) -> None:
    bad = mcert_cli(ca, "rp", "create", "--name", "某平台\u202e", "--ops", "login")
    assert bad.returncode != 0
    assert "text_invalid" in bad.stderr
    ok = mcert_cli(ca, "rp", "create", "--name", " 某某  交易平台 ", "--ops", "login", "--json")
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["name"] == "某某 交易平台"


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("某某\u202e公司", "company_name_invalid"),
        ("某某\u200b公司", "company_name_invalid"),
        ("某" * 65, "invalid_request"),  # over the form field's maxLength
        ("某某\x00公司", "company_name_invalid"),
    ],
)
def test_company_names_refuse_spoofs(holder: Holder, name: str, code: str) -> None:
    holder.verify_by_phone()
    with pytest.raises(DeviceError) as exc:
        holder.device.apply_company(
            years=1,
            company_name=name,
            uscc=USCC(5),
            legal_rep_name="王五",
            applicant_is_legal_rep=False,
            licence=("l.png", licence_png()),
            authorization=("a.png", licence_png()),
        )
    assert exc.value.code == code
    assert holder.device.orders()["total"] == 0


def test_company_names_are_normalised_like_person_names(holder: Holder) -> None:
    holder.verify_by_phone()
    order = holder.device.apply_company(
        years=1,
        company_name=" （北京）ＡＢＣ　科技有限公司 ",
        uscc=USCC(6),
        legal_rep_name="王五",
        applicant_is_legal_rep=False,
        licence=("l.png", licence_png()),
        authorization=("a.png", licence_png()),
    )
    assert order["company_name"] == "(北京)ABC 科技有限公司"


def test_reject_reason_and_device_name_refuse_spoofs(
    client: TestClient, holder: Holder, operator: Operator
) -> None:
    token = console_login(client, holder.runtime, "reviewer1")
    resp = client.post(
        "/api/console/v1/reviews/none/reject",
        json={"reason": "执照\u202e不清晰"},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert resp.status_code == 422
    assert resp.json()["error"]["code"] == "text_invalid"
    assert resp.json()["error"]["details"]["fields"][0]["field"] == "reason"
    resp = client.post(
        "/api/app/v1/auth/login",
        json={
            "phone": holder.phone,
            "code": "123456",
            "agreements": agreed(),
            "device": {"id": "test-device-0099", "name": "我的\u202e手机"},
        },
    )
    assert resp.status_code == 422
    assert resp.json()["error"]["code"] == "text_invalid"


def test_nul_in_multipart_fields_and_file_names_never_reaches_the_database(
    holder: Holder,
) -> None:
    holder.verify_by_phone()
    base: dict[str, Any] = dict(
        years=1,
        company_name="某某科技有限公司",
        uscc=USCC(7),
        legal_rep_name="王五",
        applicant_is_legal_rep=False,
        licence=("l.png", licence_png()),
        authorization=("a.png", licence_png()),
    )
    for field, value, code in [
        ("legal_rep_name", "王\x00五", "name_invalid"),
        ("uscc", USCC(7)[:-1] + "\x00", "uscc_invalid"),
    ]:
        with pytest.raises(DeviceError) as exc:
            holder.device.apply_company(**{**base, field: value})
        assert exc.value.code == code
    order = holder.device.apply_company(
        **{**base, "licence": ("执照\x00\u202e.png", licence_png())}
    )
    # (httpx sends the NUL of a file name as %00; the bidi override is dropped)
    [name] = [d["filename"] for d in order["documents"] if d["filename"].startswith("执照")]
    assert not any(forbidden_char(c) for c in name)
    assert name.endswith(".png")
