"""Electronic seals from the command line: the ``mcert-device`` commands and the operator's
``mcert`` (both in this process, :class:`~tests.contract.test_device_cli.Phone` and
:func:`tests.conftest.mcert_cli`) against a live server. A company admin previews and applies
for a contract seal from a photo and a signature from a pad capture; the reviewer approves one
and rejects the other with ``mcert review seals``; a claim before approval and a wrong password
are refused (the latter counted); then every other seal type is applied for, approved and
claimed on the same company certificate, and each claimed seal's data verifies with ``openssl``
against the seal-maker certificate inside it."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from asn1crypto import core
from tests import pkitools
from tests.contract.test_company_cli import COMPANY, PASSWORD, download, sign_in
from tests.contract.test_device_cli import Phone, cli
from tests.holders import FAST_PASSWORDS, USCC, face_jpeg, licence_png
from tests.seals import seal_photo, signature_capture

from mcert.ca.service import ca_service
from mcert.clock import SystemClock
from mcert.main import create_app
from mcert.runtime import Runtime

pytestmark = pytest.mark.slow


@pytest.fixture
def clock() -> SystemClock:
    return SystemClock()


@pytest.fixture
def settings_overrides() -> dict[str, object]:
    return dict(FAST_PASSWORDS)


@pytest.fixture
def server(runtime: Runtime) -> Iterator[str]:
    with runtime.sessions() as db:
        ca_service(runtime).init(db, runtime.clock.now())
    with pkitools.live_server(create_app(runtime=runtime)) as url:
        yield url


def _openssl_verifies(der: Path, tmp: Path) -> None:
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("openssl is not installed")
    seal = core.Sequence.load(der.read_bytes())
    (tmp / "info.der").write_bytes(seal[0].dump())
    (tmp / "sig.der").write_bytes(core.OctetBitString.load(seal[3].dump()).native)
    (tmp / "maker.der").write_bytes(seal[1].native)
    pub = subprocess.run(
        [openssl, "x509", "-inform", "DER", "-in", str(tmp / "maker.der"), "-pubkey", "-noout"],
        capture_output=True, check=True,
    ).stdout  # fmt: skip
    (tmp / "maker.pub").write_bytes(pub)
    ok = subprocess.run(
        [openssl, "dgst", "-sha256", "-verify", str(tmp / "maker.pub"),
         "-signature", str(tmp / "sig.der"), str(tmp / "info.der")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert ok.returncode == 0, ok.stderr
    parsed = subprocess.run(
        [openssl, "asn1parse", "-inform", "DER", "-in", str(der)],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert ":ES" in parsed


def test_every_seal_type_applied_reviewed_and_claimed(
    runtime: Runtime, server: str, tmp_path: Path
) -> None:
    face, licence = tmp_path / "face.jpg", tmp_path / "licence.png"
    face.write_bytes(face_jpeg())
    licence.write_bytes(licence_png())
    photo, pad, strokes = tmp_path / "seal.jpg", tmp_path / "pad.png", tmp_path / "strokes.json"
    photo.write_bytes(seal_photo("round", angle=20.0))
    png, drawn = signature_capture()
    pad.write_bytes(png)
    strokes.write_text(json.dumps(drawn), encoding="utf-8")

    admin = Phone(tmp_path / "admin", server)
    sign_in(runtime, admin, "13900000301", "张三", 301, face)
    order = admin.json(
        "apply", "company", "--years", "1", "--company-name", COMPANY, "--uscc", USCC(31),
        "--legal-rep", "张三", "--applicant-is-legal-rep", "--licence", licence,
    )  # fmt: skip
    cli(runtime, "operator", "create", "rev1", "--password", "review-pass-123", "--name", "审核")
    cli(runtime, "review", "approve", order["id"], "--operator", "rev1")
    admin.run("pay", order["id"])
    cert_id = download(admin)

    # the extracted preview first, then the application
    preview = tmp_path / "preview.png"
    admin.run("seal", "apply", cert_id, "company_contract", photo, "--preview", preview)
    assert preview.read_bytes().startswith(b"\x89PNG")
    contract = admin.json("seal", "apply", cert_id, "company_contract", photo)
    assert contract["status"] == "pending_review"
    signature = admin.json(
        "seal", "apply", cert_id, "personal_signature", pad, "--strokes", strokes
    )
    refused = admin.run("seal", "claim", contract["id"], "--password", PASSWORD, ok=False)
    assert refused.returncode == 1
    assert "seal_not_approved" in refused.stderr

    queue = cli(runtime, "review", "seals", "list")
    assert contract["id"] in queue
    assert "合同专用章" in queue
    shown = json.loads(
        cli(runtime, "review", "seals", "show", contract["id"], "--save", str(tmp_path / "rv"))
    )
    assert shown["company"] == COMPANY
    assert (tmp_path / "rv" / f"{contract['id']}-extracted.png").exists()
    assert (tmp_path / "rv" / f"{contract['id']}-original.jpg").exists()
    cli(runtime, "review", "seals", "approve", contract["id"], "--operator", "rev1")
    cli(
        runtime, "review", "seals", "reject", signature["id"], "--operator", "rev1",
        "--reason", "签名不完整",
    )  # fmt: skip

    listed = admin.run("seal", "list").stdout
    assert "已通过" in listed
    assert "未通过" in listed
    assert "签名不完整" in listed
    wrong = admin.run("seal", "claim", contract["id"], "--password", "Wrong#pass1", ok=False)
    assert "password_wrong" in wrong.stderr
    assert "4" in wrong.stderr  # attempts left
    claimed = admin.run("seal", "claim", contract["id"], "--password", PASSWORD).stdout
    assert "申领成功" in claimed
    der = tmp_path / "admin" / "seals" / f"{contract['id']}.der"
    assert (tmp_path / "admin" / "seals" / f"{contract['id']}.png").exists()
    _openssl_verifies(der, tmp_path)

    # every other type on the same (company) certificate, the signature applied again
    square = tmp_path / "square.jpg"
    square.write_bytes(seal_photo("square", angle=-6.0))
    uploads = {
        "company_official": [photo],
        "company_finance": [photo],
        "company_invoice": [photo],
        "personal_stamp": [square],
        "personal_signature": [pad, "--strokes", strokes],
    }
    for seal_type, args in uploads.items():
        applied = admin.json("seal", "apply", cert_id, seal_type, *args)
        cli(runtime, "review", "seals", "approve", applied["id"], "--operator", "rev1")
        admin.run("seal", "claim", applied["id"], "--password", PASSWORD)
        _openssl_verifies(tmp_path / "admin" / "seals" / f"{applied['id']}.der", tmp_path)
    company = admin.json("seal", "list", "--group", "company")
    assert sorted(s["seal_type"] for s in company) == sorted(
        ["company_contract", "company_official", "company_finance", "company_invoice"]
    )
    assert {s["status"] for s in company} == {"claimed"}
    personal = admin.json("seal", "list", "--group", "personal")
    assert sorted((s["seal_type"], s["status"]) for s in personal) == [
        ("personal_signature", "claimed"),
        ("personal_signature", "rejected"),
        ("personal_stamp", "claimed"),
    ]


@pytest.mark.parametrize("settings_overrides", [{**FAST_PASSWORDS, "seal_price_fen": 1500}])
def test_a_priced_seal_prints_its_order_and_pay_sends_it_to_review(
    runtime: Runtime, server: str, tmp_path: Path
) -> None:
    face, square = tmp_path / "face.jpg", tmp_path / "square.jpg"
    face.write_bytes(face_jpeg())
    square.write_bytes(seal_photo("square", angle=5.0))
    holder = Phone(tmp_path / "holder", server)
    sign_in(runtime, holder, "13900000302", "李四", 302, face)
    holder.run("pay", holder.json("apply", "personal", "--years", "1")["id"])
    cert_id = download(holder)

    applied = holder.run("seal", "apply", cert_id, "personal_stamp", square).stdout
    assert "待支付" in applied
    assert "¥15.00" in applied
    [seal] = holder.json("seal", "list")
    assert seal["status"] == "unpaid"
    order_id = seal["order"]["id"]
    assert f"mcert-device pay {order_id}" in applied
    assert "支付成功" in holder.run("pay", order_id).stdout
    assert holder.json("seal", "show", seal["id"])["status"] == "pending_review"
    assert seal["id"] in cli(runtime, "review", "seals", "list")
