"""SMS: the ``SMSSender`` protocol, Chinese templates and the sandbox outbox.

The sandbox stores every message in the ``sms_outbox`` table (read it with
``mcert sms outbox``) and logs it masked. A real vendor adapter implements ``send`` and
registers itself with ``sms_providers.register("vendor")``; templates stay here.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Protocol

from sqlalchemy import String, Text, select
from sqlalchemy.orm import Mapped, Session, mapped_column, sessionmaker

from mcert.clock import Clock
from mcert.db.base import Base, IdMixin, UTCDateTime, new_id
from mcert.ident import validate_mobile
from mcert.pii import BlindIndex, FieldCipher, mask_phone
from mcert.providers.registry import ProviderRegistry

log = logging.getLogger(__name__)


class SMSTemplate(StrEnum):
    LOGIN_CODE = "login_code"
    VERIFY_CODE = "verify_code"
    ORDER_APPROVED = "order_approved"
    ORDER_REJECTED = "order_rejected"
    PAYMENT_RECEIVED = "payment_received"
    CERT_READY = "cert_ready"
    CERT_EXPIRING = "cert_expiring"
    PAYMENT_REFUNDING = "payment_refunding"
    REFUND_SUCCEEDED = "refund_succeeded"
    ORG_INVITED = "org_invited"
    ORG_ROLE_CHANGED = "org_role_changed"
    ORG_MEMBER_REVOKED = "org_member_revoked"
    ORG_RENAMED = "org_renamed"
    INVOICE_ISSUED = "invoice_issued"
    INVOICE_REVERSED = "invoice_reversed"
    ACCOUNT_CANCEL_REQUESTED = "account_cancel_requested"
    ACCOUNT_CANCEL_WITHDRAWN = "account_cancel_withdrawn"
    ACCOUNT_CANCELLED = "account_cancelled"


TEMPLATES: dict[SMSTemplate, str] = {
    SMSTemplate.LOGIN_CODE: "【{product}】您的登录验证码为{code}，{minutes}分钟内有效。"
    "如非本人操作，请忽略本短信。",
    SMSTemplate.VERIFY_CODE: "【{product}】您正在进行身份验证，验证码为{code}，"
    "{minutes}分钟内有效。请勿将验证码告知他人。",
    SMSTemplate.ORDER_APPROVED: "【{product}】您的{what}申请（订单号{order_no}）已审核通过，"
    "请在“订单管理-待支付”中完成支付。",
    SMSTemplate.ORDER_REJECTED: "【{product}】您的{what}申请（订单号{order_no}）未通过审核，"
    "原因：{reason}。请在“订单管理-未通过”中修改后重新提交。",
    SMSTemplate.PAYMENT_RECEIVED: "【{product}】订单{order_no}已支付成功，金额{amount}元。",
    SMSTemplate.CERT_READY: "【{product}】您的{what}已可下载，请在“证书-待下载”中设置证书密码"
    "并下载到手机。",
    SMSTemplate.CERT_EXPIRING: "【{product}】您的{what}将于{date}到期（剩余{days}天），"
    "请在“证书管理-证书延期”中办理延期。",
    SMSTemplate.PAYMENT_REFUNDING: "【{product}】订单{order_no}{why}，您支付的{amount}元"
    "将原路退回，无需操作。",
    SMSTemplate.REFUND_SUCCEEDED: "【{product}】订单{order_no}的{amount}元已原路退回，请注意查收。",
    SMSTemplate.ORG_INVITED: "【{product}】{admin}已授权您作为“{company}”的{role}。请使用本手机号"
    "登录{product}，在“证书-待申领的证书”中完成身份认证后申领单位证书。",
    SMSTemplate.ORG_ROLE_CHANGED: "【{product}】您在“{company}”的角色已变更为{role}。",
    SMSTemplate.ORG_MEMBER_REVOKED: "【{product}】您在“{company}”的证书授权已被取消{certs}。"
    "如有疑问请联系单位的证书管理员。",
    SMSTemplate.ORG_RENAMED: "【{product}】单位名称已变更为“{company}”，请在“证书-待下载”中"
    "输入原证书密码，下载新名称的单位证书。",
    SMSTemplate.INVOICE_ISSUED: "【{product}】您申请的发票（{amount}元）已开具，"
    "发票号码{invoice_no}，请在“我的-我的发票”中查看下载。",
    SMSTemplate.INVOICE_REVERSED: "【{product}】因订单{order_no}已退款，您的发票{invoice_no}已开具"
    "红字发票冲销，请在“我的-我的发票”中查看。",
    SMSTemplate.ACCOUNT_CANCEL_REQUESTED: "【{product}】您已申请注销账号，将于{date}完成注销。"
    "在此之前可在“我的-注销账号”中撤销注销。如非本人操作，请立即登录撤销。",
    SMSTemplate.ACCOUNT_CANCEL_WITHDRAWN: "【{product}】您已撤销注销账号申请，账号可继续正常使用。",
    SMSTemplate.ACCOUNT_CANCELLED: "【{product}】您的账号已注销，证书已吊销，个人信息已删除。"
    "感谢您的使用。",
}


def render(template: SMSTemplate, product: str, params: dict[str, str]) -> str:
    return TEMPLATES[template].format(product=product, **params)


@dataclass(frozen=True)
class SendResult:
    message_id: str
    provider: str


class SMSSendFailed(Exception):
    """The provider did not accept the message."""


class SMSSender(Protocol):
    name: str

    def send(self, phone: str, template: SMSTemplate, params: dict[str, str]) -> SendResult: ...


class SMSOutboxMessage(IdMixin, Base):
    __tablename__ = "sms_outbox"

    phone_bidx: Mapped[str] = mapped_column(String(64), index=True, nullable=False)
    phone_enc: Mapped[str] = mapped_column(Text, nullable=False)
    phone_masked: Mapped[str] = mapped_column(String(20), nullable=False)
    template: Mapped[str] = mapped_column(String(40), nullable=False)
    body: Mapped[str] = mapped_column(Text, nullable=False)
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, index=True)


sms_providers: ProviderRegistry[SMSSender] = ProviderRegistry("sms")


class SandboxSMSSender:
    """Delivers into the outbox table instead of a phone network.

    The phone number is encrypted at rest and looked up by blind index, like every other
    stored phone number. Phones starting with ``1340000`` are treated as unreachable, so
    the failure path is testable (a real gateway rejects numbers it cannot route).
    """

    name = "sandbox"
    UNREACHABLE_PREFIX = "1340000"

    def __init__(
        self,
        *,
        sessions: sessionmaker[Session],
        clock: Clock,
        cipher: FieldCipher,
        blind_index: BlindIndex,
        product_name: str,
    ) -> None:
        self._sessions = sessions
        self._clock = clock
        self._cipher = cipher
        self._bidx = blind_index
        self._product = product_name

    def send(self, phone: str, template: SMSTemplate, params: dict[str, str]) -> SendResult:
        if phone.startswith(self.UNREACHABLE_PREFIX):
            raise SMSSendFailed(f"sandbox: {mask_phone(phone)} is unreachable")
        body = render(template, self._product, params)
        message_id = new_id()
        with self._sessions() as db:
            db.add(
                SMSOutboxMessage(
                    id=message_id,
                    phone_bidx=self._bidx.compute(phone),
                    phone_enc=self._cipher.encrypt(phone, aad=b"sms_outbox.phone"),
                    phone_masked=mask_phone(phone),
                    template=template.value,
                    body=body,
                    sent_at=self._clock.now(),
                )
            )
            db.commit()
        log.info("sms sent via sandbox to %s template=%s", mask_phone(phone), template.value)
        return SendResult(message_id=message_id, provider=self.name)

    def outbox(self, phone: str | None = None, limit: int = 20) -> list[SMSOutboxMessage]:
        with self._sessions() as db:
            query = select(SMSOutboxMessage).order_by(SMSOutboxMessage.sent_at.desc())
            if phone:
                bidx = self._bidx.compute(validate_mobile(phone))
                query = query.where(SMSOutboxMessage.phone_bidx == bidx)
            return list(db.scalars(query.limit(limit)).all())


sms_providers.register("sandbox")(SandboxSMSSender)
