"""The company side of the app with two phones (issue #11, manual parts 2.1 and 9).

The admin's phone: 我的 › 我的单位 › 授权管理 → 添加成员 (the ID checksum is checked as typed)
→ the member is 待申领. The member's phone, logged in with the invited number: 证书 ›
待申领的证书 → 申领 → real-name + face (fake camera) → a fresh face check → the claim →
the sandbox cashier → download with a password → scan-login with the camera. Back on the
admin's phone: 使用记录 › 单位 shows the member's login, filtered by member, and exports the
server's CSV; 取消授权 asks first and says the certificate will be revoked. The member sees
no 授权管理 and the route refuses. A second employee applying for the verified company gets
the panel naming its admins instead of a dead end.

The company and its first admin are made in-process (tests/companies.py): the browser part
starts where an admin opens the app.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from mcert.clock import FrozenClock
from mcert.ident import make_resident_id
from mcert.org.models import OrgMember
from mcert.providers.sms import SandboxSMSSender
from mcert.rp import service as rp_service
from mcert.runtime import Runtime
from mcert_rp import Client
from tests.companies import Company, verified_company
from tests.conftest import last_code
from tests.e2e.app import agree_and_log_in, consent, watch
from tests.e2e.camera import qr_frame, write_y4m
from tests.e2e.conftest import PHONE, phone_context, skip_reason
from tests.holders import licence_png, make_holder

pytestmark = pytest.mark.skipif(skip_reason() is not None, reason=str(skip_reason()))

MEMBER_PHONE = "13900000702"
MEMBER_NAME = "李四"
MEMBER_ID = make_resident_id(seq=702)
PASSWORD = "Org#2026use"
RP_NAME = "某某公共资源交易平台"


def field(page: Any, testid: str) -> Any:
    return page.locator(f"[data-testid={testid}] input")


def toast(page: Any, text: str) -> None:
    page.locator(".van-toast", has_text=text).first.wait_for()


@pytest.fixture
def phones(driver: Any, chromium: Any, tmp_path: Path) -> Iterator[Callable[..., Any]]:
    """``phones(name, video=None, relaunched=False)``: open that phone; asking for it again
    relaunches it, and the other phones stay open. A phone that will be relaunched
    (``relaunched=True`` at its first opening) or whose camera is fed ``video`` has a
    persistent profile in a browser of its own, so its keys and session survive the relaunch;
    any other is a new context of the test process's Chromium."""
    open_: dict[str, Any] = {}

    def phone(name: str, video: Path | None = None, relaunched: bool = False) -> Any:
        if name in open_:
            open_.pop(name).close()
        if relaunched or video is not None:
            ctx = phone_context(driver, tmp_path / f"profile-{name}", video)
        else:
            ctx = chromium.new_context(**PHONE)
            ctx.set_default_timeout(15_000)
        open_[name] = ctx
        return ctx

    try:
        yield phone
    finally:
        for ctx in open_.values():
            ctx.close()


def login(page: Any, base: str, rt: Runtime, clock: FrozenClock, phone: str) -> None:
    clock.advance(61)  # past the resend interval of an earlier code to this phone
    page.goto(base + "/")
    page.wait_for_url(re.compile(r"/login"))
    field(page, "login-phone").fill(phone)
    page.get_by_test_id("login-send").click()
    toast(page, "验证码已发送")
    field(page, "login-code").fill(last_code(rt, phone))
    agree_and_log_in(page)
    page.wait_for_url(base + "/")


def face(page: Any) -> None:
    page.wait_for_function(
        "() => document.querySelector('[data-testid=face-video]')?.videoWidth > 0"
    )
    page.get_by_test_id("face-capture").click()


def outbox(rt: Runtime, phone: str) -> list[str]:
    sender = rt.sms
    assert isinstance(sender, SandboxSMSSender)
    return [m.body for m in sender.outbox(phone=phone, limit=50)]


def pick_member(page: Any, option: str) -> None:
    """The member filter of 使用记录 › 单位 (the first dropdown: one company)."""
    page.locator(".van-dropdown-menu__item").first.click()
    page.locator("[data-testid=usage-member] .van-dropdown-item__option", has_text=option).click()
    page.locator("[data-testid=usage-member] .van-dropdown-item__content").wait_for(state="hidden")


@pytest.fixture
def company(client: TestClient, ca: Runtime, clock: FrozenClock) -> Company:
    return verified_company(make_holder(client, ca, clock, n=701), seq=701)


def test_admin_authorises_a_member_who_claims_pays_downloads_and_scans(
    phones: Callable[..., Any],
    live_url: str,
    ca: Runtime,
    clock: FrozenClock,
    company: Company,
    artifacts: Callable[..., Path],
    tmp_path: Path,
) -> None:
    problems: list[str] = []
    admin = watch(phones("admin").new_page(), problems)
    login(admin, live_url, ca, clock, company.admin.phone)

    # 我的 › 我的单位: the admin's company with 单位信息 and 授权管理.
    admin.goto(live_url + "/me")
    card = admin.get_by_test_id("company-admin")
    card.wait_for()
    assert company.name in card.inner_text()
    assert "证书管理员" in card.inner_text()
    artifacts(admin, "01-admin-me")
    admin.get_by_test_id("company-info").click()
    admin.wait_for_url(re.compile(rf"/company/{company.org_id}$"))
    basics = admin.get_by_test_id("company-basics")
    basics.wait_for()
    assert company.uscc in basics.inner_text()
    assert "张*" in basics.inner_text()  # the legal representative, masked
    assert "已审核通过" in admin.get_by_test_id("company-documents").inner_text()
    assert admin.get_by_test_id("company-cert").count() == 1
    artifacts(admin, "02-company-info")

    # 授权管理 → 添加成员: a wrong check digit is caught as typed, the form keeps the rest.
    admin.goto(f"{live_url}/company/{company.org_id}/members")
    admin.get_by_test_id("member-active").wait_for()
    assert "张*" in admin.get_by_test_id("member-active").inner_text()
    admin.get_by_test_id("members-invite").click()
    admin.wait_for_url(re.compile(r"/invite$"))
    field(admin, "invite-name").fill(MEMBER_NAME)
    wrong = MEMBER_ID[:17] + ("0" if MEMBER_ID[17] != "0" else "1")
    field(admin, "invite-id").fill(wrong)
    field(admin, "invite-phone").fill("139 0000 0702")
    admin.get_by_test_id("invite-submit").click()
    admin.get_by_test_id("invite-id").filter(has_text="校验位不正确").wait_for()
    assert field(admin, "invite-name").input_value() == MEMBER_NAME
    artifacts(admin, "03-invite-checksum")
    field(admin, "invite-id").fill(MEMBER_ID)
    admin.get_by_test_id("invite-role-user").click()
    admin.get_by_test_id("invite-payer-member").click()
    artifacts(admin, "04-invite-filled")
    admin.get_by_test_id("invite-submit").click()
    toast(admin, "已授权")
    admin.wait_for_url(re.compile(r"/members$"))
    invited = admin.get_by_test_id("member-invited")
    invited.wait_for()
    text = invited.inner_text()
    assert "李*" in text
    assert "139****0702" in text
    assert "证书使用人" in text
    assert "待申领" in text
    assert MEMBER_ID not in text
    artifacts(admin, "05-members-invited")

    # The member's phone: log in with the invited number → 证书 › 待申领的证书.
    user = watch(phones("member", relaunched=True).new_page(), problems)
    login(user, live_url, ca, clock, MEMBER_PHONE)
    user.get_by_test_id("tab-certs").click()
    user.get_by_test_id("certs-claims-count").filter(has_text="1").wait_for()
    user.get_by_test_id("certs-claims").click()
    user.wait_for_url(re.compile(r"/claims$"))
    item = user.get_by_test_id("claim-item")
    item.wait_for()
    assert company.name in item.inner_text()
    assert "张*" in item.inner_text()
    artifacts(user, "06-claims")
    user.get_by_test_id("claim-start").click()
    user.wait_for_url(re.compile(r"/claims/[^/]+$"))
    assert user.get_by_test_id("claim-company").inner_text().endswith(company.name)
    user.get_by_test_id("claim-years-1").click()
    artifacts(user, "07-claim")
    user.get_by_test_id("claim-next").click()

    # Real-name (the invited identity) + face, then the claim's own face check.
    field(user, "rn-name").fill(MEMBER_NAME)
    field(user, "rn-id").fill(MEMBER_ID)
    user.get_by_test_id("rn-submit").click()
    consent(user, "身份证件与银行卡信息单独同意")
    consent(user, "人脸信息处理单独同意")
    face(user)
    toast(user, "实名认证通过")
    artifacts(user, "08-claim-face", hide_toasts=True)
    face(user)
    toast(user, "申领成功")
    user.wait_for_url(re.compile(r"/orders/[^/?]+$"))
    user.get_by_test_id("order-pay").wait_for()
    assert "单位证书申领" in user.locator(".page").inner_text()
    artifacts(user, "09-claim-order")

    # The sandbox cashier, then download with a certificate password.
    user.get_by_test_id("order-pay").click()
    user.wait_for_url(re.compile(r"/sandbox/pay/"))
    user.get_by_role("button", name="确认支付").click()
    user.wait_for_url(re.compile(r"/orders/"))
    user.get_by_test_id("order-download").click()
    user.wait_for_url(re.compile(r"/certs/[^/]+/download"))
    field(user, "password").fill(PASSWORD)
    field(user, "password-confirm").fill(PASSWORD)
    user.get_by_test_id("download-submit").click()
    user.wait_for_url(re.compile(r"/certs/[^/]+$"))
    toast(user, "证书下载成功")
    info = user.get_by_test_id("cert-info")
    info.wait_for()
    for shown in ("单位证书", company.name, MEMBER_NAME, "本机"):
        assert shown in info.inner_text()
    artifacts(user, "09b-member-cert", hide_toasts=True)

    # A 证书使用人 has no authorisation screen, and the route refuses.
    user.goto(live_url + "/me")
    member_card = user.get_by_test_id("company-user")
    member_card.wait_for()
    assert "证书使用人" in member_card.inner_text()
    assert user.get_by_text("授权管理").count() == 0
    assert user.get_by_test_id("company-members").count() == 0
    artifacts(user, "10-member-me")
    user.goto(f"{live_url}/company/{company.org_id}/members")
    toast(user, "仅单位的证书管理员")
    user.wait_for_url(live_url + "/me")
    assert user.get_by_test_id("members-invite").count() == 0
    # 使用记录 has no 本人/单位 switch for a user.
    user.goto(live_url + "/usage")
    user.get_by_text("暂无使用记录").wait_for()
    assert user.get_by_test_id("usage-scope").count() == 0

    # Scan-login with the camera: the RP's QR fed to the member's fake camera.
    with ca.sessions() as db:
        rp, secret = rp_service.create(db, ca, name=RP_NAME, ops=["login"], callback_url=None)
    rp_client = Client(live_url, rp.client_id, secret, clock=lambda: clock.now().timestamp())
    handle = rp_client.start_login(display_text=f"登录 {RP_NAME}")
    video = write_y4m(qr_frame(handle.qr_text(0)), tmp_path / "qr.y4m")
    user = watch(phones("member", video).new_page(), problems)
    user.goto(live_url + "/")
    user.get_by_test_id("home-scan").click()
    user.wait_for_url(re.compile(r"/scan/confirm\?qr="), timeout=20_000)
    user.get_by_test_id("scan-view").wait_for()
    field(user, "scan-password").fill(PASSWORD)
    user.get_by_test_id("scan-confirm").click()
    user.get_by_test_id("scan-result").filter(has_text="登录成功").wait_for()
    artifacts(user, "11-member-scan")
    assert rp_client.collect(handle.session_id).status == "complete"

    # The admin's 使用记录 › 单位: the member's login, by member, and the CSV.
    admin.goto(live_url + "/usage")
    admin.get_by_test_id("usage-scope").wait_for()
    admin.get_by_text("暂无使用记录").wait_for()  # the admin's own: none
    admin.get_by_role("tab", name="单位").click()
    record = admin.get_by_test_id("usage-item").first
    record.wait_for()
    assert MEMBER_NAME in record.inner_text()
    assert RP_NAME in record.inner_text()
    assert "登录" in record.inner_text()
    artifacts(admin, "12-usage-company")
    with ca.sessions() as db:
        member_id = db.scalars(
            select(OrgMember.id).where(OrgMember.org_id == company.org_id, OrgMember.role == "user")
        ).one()
    pick_member(admin, "李*")
    admin.get_by_test_id("usage-total").filter(has_text="共 1 条").wait_for()
    artifacts(admin, "13-usage-member-filter")
    pick_member(admin, "张*")
    admin.get_by_text("暂无使用记录").wait_for()
    pick_member(admin, "全部成员")
    admin.get_by_test_id("usage-item").first.wait_for()
    with admin.expect_download() as download:
        admin.get_by_test_id("usage-export").click()
    assert download.value.suggested_filename == "单位使用记录.csv"
    data = Path(download.value.path()).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # the server's bytes: Excel reads the BOM
    rows = data.decode("utf-8-sig").splitlines()
    assert rows[0].startswith("时间（北京时间）")
    assert len(rows) == 2
    assert MEMBER_NAME in rows[1]
    assert company.name in rows[1]

    # 授权管理: the member is 已授权 with their certificate and last use.
    admin.goto(f"{live_url}/company/{company.org_id}/members")
    active = admin.get_by_test_id("member-active").filter(has_text="李*")
    active.wait_for()
    assert "已授权" in active.inner_text()
    assert "有效期至" in active.inner_text()
    assert "最近使用 —" not in active.inner_text()
    artifacts(admin, "14-members-active")

    # The last admin cannot revoke themself: the server's message, nothing changes.
    me = admin.get_by_test_id("member-active").filter(has_text="（我）")
    me.get_by_test_id("member-revoke").click()
    admin.locator(".van-dialog").get_by_role("button", name="取消授权").click()
    toast(admin, "管理员")
    assert admin.get_by_test_id("member-active").count() == 2

    # 取消授权 asks first, saying the member's company certificate will be revoked.
    admin.locator(".van-dialog").wait_for(state="hidden")
    active.get_by_test_id("member-revoke").click()
    dialog = admin.locator(".van-dialog")
    dialog.wait_for()
    admin.wait_for_timeout(400)  # the dialog's opening animation, for the screenshot
    assert "吊销" in dialog.inner_text()
    artifacts(admin, "15-revoke-confirm")
    dialog.get_by_role("button", name="暂不").click()
    assert admin.get_by_test_id("member-active").count() == 2
    active.get_by_test_id("member-revoke").click()
    admin.locator(".van-dialog").get_by_role("button", name="取消授权").click()
    toast(admin, "已取消授权")
    revoked = admin.get_by_test_id("member-revoked")
    revoked.wait_for()
    assert "已取消授权" in revoked.inner_text()
    assert "已吊销" in revoked.inner_text()
    artifacts(admin, "16-members-revoked")
    with ca.sessions() as db:
        assert db.get(OrgMember, member_id).status == "revoked"  # type: ignore[union-attr]
    assert problems == []


def test_a_second_employee_is_shown_whom_to_ask(
    phones: Callable[..., Any],
    live_url: str,
    ca: Runtime,
    clock: FrozenClock,
    company: Company,
    artifacts: Callable[..., Path],
    tmp_path: Path,
) -> None:
    problems: list[str] = []
    page = watch(phones("employee").new_page(), problems)
    login(page, live_url, ca, clock, MEMBER_PHONE)
    page.get_by_test_id("home-apply").click()
    page.get_by_test_id("type-org").click()
    page.get_by_test_id("apply-next").click()
    field(page, "rn-name").fill(MEMBER_NAME)
    field(page, "rn-id").fill(MEMBER_ID)
    page.get_by_test_id("rn-submit").click()
    consent(page, "身份证件与银行卡信息单独同意")
    consent(page, "人脸信息处理单独同意")
    face(page)
    toast(page, "实名认证通过")
    field(page, "company-name").fill(company.name)
    field(page, "company-uscc").fill(company.uscc)
    field(page, "company-legal-rep").fill(MEMBER_NAME)  # as if they were: the company decides
    licence = tmp_path / "licence.png"
    licence.write_bytes(licence_png())
    page.locator("[data-testid=company-licence] input[type=file]").set_input_files(str(licence))
    page.locator("[data-testid=company-licence] .van-uploader__preview-image").wait_for()
    page.get_by_test_id("apply-next").click()
    page.get_by_test_id("apply-submit").click()
    consent(page, "单位证明材料单独同意")

    panel = page.get_by_test_id("org-verified")
    panel.wait_for()
    assert "已完成单位认证" in panel.inner_text()
    assert "张*" in page.get_by_test_id("org-verified-admins").inner_text()
    assert "授权管理" in panel.inner_text()
    assert "139****0702" in panel.inner_text()
    assert page.get_by_test_id("apply-error").count() == 0
    artifacts(page, "01-whom-to-ask", hide_toasts=True)

    # Once an admin has authorised this phone, the same submission points to 待申领.
    company.admin.device.invite(
        company.org_id, name=MEMBER_NAME, id_number=MEMBER_ID, phone=MEMBER_PHONE, role="user"
    )
    page.get_by_role("button", name="返回").click()
    page.get_by_test_id("apply-next").click()  # verified already: to the company details
    assert field(page, "company-uscc").input_value() == company.uscc  # kept
    page.get_by_test_id("apply-next").click()
    page.get_by_test_id("apply-submit").click()
    page.get_by_test_id("org-verified-claims").click()
    page.wait_for_url(re.compile(r"/claims$"))
    assert company.name in page.get_by_test_id("claim-item").inner_text()
    assert problems == []


def test_prepaid_by_the_admin_and_claimed_by_the_wrong_person(
    phones: Callable[..., Any],
    live_url: str,
    ca: Runtime,
    clock: FrozenClock,
    company: Company,
    artifacts: Callable[..., Path],
) -> None:
    """由我预付 goes through the cashier and back; the invited phone in the hands of someone
    whose real name is not the one entered gets the mismatch screen, and claims nothing."""
    problems: list[str] = []
    admin = watch(phones("admin").new_page(), problems)
    login(admin, live_url, ca, clock, company.admin.phone)
    admin.goto(f"{live_url}/company/{company.org_id}/invite")
    field(admin, "invite-name").fill(MEMBER_NAME)
    field(admin, "invite-id").fill(MEMBER_ID)
    field(admin, "invite-phone").fill(MEMBER_PHONE)
    admin.get_by_test_id("invite-payer-admin").click()
    admin.get_by_test_id("invite-years-2").click()
    admin.get_by_test_id("invite-submit").click()
    toast(admin, "请支付预付费用")
    admin.wait_for_url(re.compile(r"/orders/[^/?]+$"))
    admin.get_by_test_id("order-pay").click()
    admin.wait_for_url(re.compile(r"/sandbox/pay/"))
    admin.get_by_role("button", name="确认支付").click()
    admin.wait_for_url(re.compile(r"/orders/"))
    admin.get_by_test_id("order-status").filter(has_text="已完成").wait_for()
    assert "单位证书预付" in admin.locator(".page").inner_text()
    admin.goto(f"{live_url}/company/{company.org_id}/members")
    invited = admin.get_by_test_id("member-invited")
    invited.wait_for()
    assert "预付 2 年" in invited.inner_text()
    assert admin.get_by_test_id("member-prepay").count() == 0  # paid

    # 重发短信: once a minute — the server's refusal is shown, a minute later it goes.
    sent = len(outbox(ca, MEMBER_PHONE))
    invited.get_by_test_id("member-resend").click()
    toast(admin, "授权短信已重新发送")
    invited.get_by_test_id("member-resend").click()
    toast(admin, "授权短信发送过于频繁")
    clock.advance(61)
    invited.get_by_test_id("member-resend").click()
    toast(admin, "授权短信已重新发送")
    assert len(outbox(ca, MEMBER_PHONE)) == sent + 2

    # 设为管理员 and back, each confirmed first.
    invited.get_by_test_id("member-role-change").click()
    admin.locator(".van-dialog").get_by_role("button", name="确认").click()
    toast(admin, "已设为证书管理员")
    assert "证书管理员" in invited.get_by_test_id("member-role").inner_text()
    invited.get_by_test_id("member-role-change").click()
    admin.locator(".van-dialog").get_by_role("button", name="确认").click()
    toast(admin, "已设为证书使用人")
    assert "证书使用人" in invited.get_by_test_id("member-role").inner_text()

    # The same phone with another ID number: the server's 409, and nothing typed is lost.
    admin.goto(f"{live_url}/company/{company.org_id}/invite")
    other_id = make_resident_id(seq=705)
    field(admin, "invite-name").fill(MEMBER_NAME)
    field(admin, "invite-id").fill(other_id)
    field(admin, "invite-phone").fill(MEMBER_PHONE)
    admin.get_by_test_id("invite-role-admin").click()
    admin.get_by_test_id("invite-submit").click()
    admin.get_by_test_id("invite-error").filter(has_text="该手机号已是本单位的成员").wait_for()
    assert field(admin, "invite-name").input_value() == MEMBER_NAME
    assert field(admin, "invite-id").input_value() == other_id
    assert field(admin, "invite-phone").input_value() == MEMBER_PHONE
    checked = admin.get_by_test_id("invite-role-admin").locator(".van-radio__icon--checked")
    assert checked.count() == 1
    artifacts(admin, "00-invite-member-exists")

    # The phone's holder verifies as somebody else (same name, another ID number).
    user = watch(phones("member").new_page(), problems)
    login(user, live_url, ca, clock, MEMBER_PHONE)
    user.goto(live_url + "/claims")
    item = user.get_by_test_id("claim-item")
    item.wait_for()
    assert "管理员已预付 2 年" in item.inner_text()
    item.get_by_test_id("claim-start").click()
    user.get_by_test_id("claim-prepaid").wait_for()
    assert user.locator("[data-testid^=claim-years-]").count() == 0
    user.get_by_test_id("claim-next").click()
    field(user, "rn-name").fill(MEMBER_NAME)
    field(user, "rn-id").fill(make_resident_id(seq=704))
    user.get_by_test_id("rn-submit").click()
    consent(user, "身份证件与银行卡信息单独同意")
    consent(user, "人脸信息处理单独同意")
    face(user)
    toast(user, "实名认证通过")
    face(user)
    screen = user.get_by_test_id("claim-mismatch")
    screen.wait_for()
    text = screen.inner_text()
    assert "身份信息不一致" in text
    assert "请联系单位的证书管理员核对授权信息" in text
    assert "张*" in text
    artifacts(user, "01-claim-mismatch", hide_toasts=True)
    with ca.sessions() as db:
        member = db.scalars(select(OrgMember).where(OrgMember.role == "user")).one()
        assert member.status == "invited"
    assert problems == []


def test_members_page_by_page(
    phones: Callable[..., Any],
    live_url: str,
    ca: Runtime,
    clock: FrozenClock,
    company: Company,
) -> None:
    """授权管理 shows 20 members a page and loads the next as the list is scrolled."""
    surnames = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕"
    for i, surname in enumerate(surnames):
        company.admin.device.invite(
            company.org_id,
            name=f"{surname}某",
            id_number=make_resident_id(seq=800 + i),
            phone=f"1390000{800 + i:04d}",
            role="user",
        )
    problems: list[str] = []
    admin = watch(phones("admin").new_page(), problems)
    login(admin, live_url, ca, clock, company.admin.phone)
    admin.goto(f"{live_url}/company/{company.org_id}/members")
    cards = admin.locator("[data-testid^=member-]").filter(has=admin.get_by_test_id("member-role"))
    cards.nth(19).wait_for()
    assert cards.count() == 20
    assert f"共 {len(surnames) + 1} 名成员" in admin.locator(".head").inner_text()
    cards.nth(19).scroll_into_view_if_needed()
    admin.get_by_text("没有更多了").scroll_into_view_if_needed()
    cards.nth(len(surnames)).wait_for()
    assert cards.count() == len(surnames) + 1
    names = [t.split("\n")[0] for t in cards.all_inner_texts()]
    assert len(set(names)) == len(names)  # no member twice across the pages
    assert names[0].startswith("张*")  # admins first
    assert problems == []
