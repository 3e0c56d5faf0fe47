"""``mcert-device invoice …`` as a holder runs it: save titles, apply for a paid order,
list, download the PDF (the real command, in this process, against a live server)."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.contract.test_device_cli import (  # noqa: F401  (the fixtures)
    Phone,
    clock,
    server,
    settings_overrides,
    sign_in_and_verify,
)
from tests.holders import face_jpeg

from mcert.clock import FrozenClock
from mcert.ident import make_resident_id, make_uscc
from mcert.runtime import Runtime
from mcert.tasks.queue import task_queue

pytestmark = pytest.mark.slow


def test_invoice_commands(
    runtime: Runtime,
    server: str,  # noqa: F811  (the live server fixture imported above)
    clock: FrozenClock,  # noqa: F811
    tmp_path: Path,
) -> None:
    phone, number = Phone(tmp_path / "phone", server), "13900000131"
    face = tmp_path / "face.jpg"
    face.write_bytes(face_jpeg())
    sign_in_and_verify(runtime, phone, number, make_resident_id(seq=131), face)
    order = phone.json("apply", "personal", "--years", "1")
    phone.run("pay", order["id"])

    uscc = make_uscc(seq=131)
    bad = phone.run("invoice", "title", "add", "company", "某公司", ok=False)
    assert bad.returncode != 0
    assert "invoice_title_invalid" in bad.stdout + bad.stderr
    title = phone.json(
        "invoice", "title", "add", "company", "北京数安科技有限公司", "--tax-no", uscc
    )
    assert uscc in phone.run("invoice", "title", "list").stdout

    applied = phone.run(
        "invoice", "apply", order["id"], "--title", title["id"], "--email", "a@example.com"
    ).stdout
    assert "开票中" in applied
    again = phone.run("invoice", "apply", order["id"], "--title", title["id"], ok=False)
    assert "invoice_exists" in again.stdout + again.stderr

    # The callback goes to MCERT_PUBLIC_URL, not this test server: the query recovers it.
    runtime.invoice.drop_callbacks()  # type: ignore[attr-defined]
    task_queue(runtime).drain()
    clock.advance(runtime.settings.invoice_query_after_seconds + 1)
    task_queue(runtime).drain()
    [inv] = phone.json("invoice", "list")
    assert inv["status"] == "issued"
    assert "已开票" in phone.run("invoice", "list").stdout

    out = tmp_path / "invoice.pdf"
    phone.run("invoice", "download", inv["id"], out)
    assert out.read_bytes().startswith(b"%PDF")
    xml = tmp_path / "invoice.xml"
    phone.run("invoice", "download", inv["id"], xml, "--xml")
    assert inv["invoice_no"] in xml.read_text(encoding="utf-8")

    refused = phone.run("invoice", "withdraw", inv["id"], ok=False)
    assert "invoice_not_withdrawable" in refused.stdout + refused.stderr
