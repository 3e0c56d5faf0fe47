"""Real-name verification (实名认证): the ``RealnameVerifier`` protocol and its sandbox.

Two checks, as Chinese verification vendors sell them:

* **bank card four elements** (银行卡四要素): the bank confirms that the card belongs to the
  person named and that ``bank_phone`` is the phone it has on file for that card;
* **phone three elements** (运营商三要素): the carrier confirms that the phone number is
  registered to the person named.

Both first check name + ID number against the national ID database. Inputs are validated
with :mod:`mcert.ident` before anything is sent, so a typo is an ``InvalidInput`` error
with its own code, never a verification failure. A verification that ran returns a
:class:`RealnameResult`; callers that cannot go on without a pass call
:meth:`RealnameResult.raise_for_failure`.

Sandbox rules (also in ``docs/sandbox.md``), checked in this order; any structurally valid
input that matches none of them passes:

==============================================  =====================================
input                                           outcome
==============================================  =====================================
ID number with birth date 1900-01-01            ``provider_unavailable``
name containing ``错误`` (e.g. ``张错误``)          ``name_id_mismatch``
card number whose digits before the Luhn        ``card_invalid`` (bank card check)
check digit end in ``0406``
bank phone ending ``0405``                      ``card_phone_mismatch`` (bank card)
phone ending ``0404``                           ``phone_not_registered_to_person``
                                                (phone check)
==============================================  =====================================

This module must never log or put into errors a name, ID number, card number or phone
unmasked; results carry no personal data, only the outcome.
"""

from __future__ import annotations

import logging
import re
import unicodedata
import uuid
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Protocol

from mcert.clock import CHINA_TZ, Clock
from mcert.errors import InvalidInput, ServiceUnavailable
from mcert.ident import parse_resident_id, validate_bank_card, validate_mobile
from mcert.pii import mask_bank_card, mask_id_number, mask_name, mask_phone
from mcert.providers.registry import ProviderRegistry

__all__ = [
    "NameInvalid",
    "RealnameFailed",
    "RealnameReason",
    "RealnameResult",
    "RealnameUnavailable",
    "RealnameVerifier",
    "SandboxRealnameVerifier",
    "realname_providers",
    "validate_person_name",
]

log = logging.getLogger(__name__)


class RealnameReason(StrEnum):
    NAME_ID_MISMATCH = "name_id_mismatch"
    PHONE_NOT_REGISTERED_TO_PERSON = "phone_not_registered_to_person"
    CARD_PHONE_MISMATCH = "card_phone_mismatch"
    CARD_INVALID = "card_invalid"
    PROVIDER_UNAVAILABLE = "provider_unavailable"


REASON_MESSAGES: dict[RealnameReason, str] = {
    RealnameReason.NAME_ID_MISMATCH: "姓名与身份证号码不一致，请核对后重试",
    RealnameReason.PHONE_NOT_REGISTERED_TO_PERSON: (
        "该手机号未登记在您本人名下，请使用本人实名登记的手机号"
    ),
    RealnameReason.CARD_PHONE_MISMATCH: "手机号与银行预留手机号不一致，请填写办卡时预留的手机号",
    RealnameReason.CARD_INVALID: "银行卡无效（已注销、冻结或不支持认证），请更换银行卡",
    RealnameReason.PROVIDER_UNAVAILABLE: "实名认证服务暂不可用，请稍后再试",
}


class NameInvalid(InvalidInput):
    code = "name_invalid"
    default_message = "请输入正确的姓名"


class RealnameFailed(InvalidInput):
    """Verification ran and said no; ``code`` is the :class:`RealnameReason` value."""

    code = "realname_failed"
    default_message = "实名认证未通过"


class RealnameUnavailable(ServiceUnavailable):
    code = RealnameReason.PROVIDER_UNAVAILABLE.value
    default_message = REASON_MESSAGES[RealnameReason.PROVIDER_UNAVAILABLE]


@dataclass(frozen=True)
class RealnameResult:
    """Outcome of one verification; ``request_id`` is the provider's trace id for audit."""

    ok: bool
    reason: RealnameReason | None
    provider: str
    request_id: str

    @property
    def message(self) -> str | None:
        return REASON_MESSAGES[self.reason] if self.reason else None

    def raise_for_failure(self) -> None:
        """Raise :class:`RealnameFailed` (or :class:`RealnameUnavailable`) unless ``ok``."""
        if self.ok or self.reason is None:
            return
        details = {"request_id": self.request_id}
        if self.reason is RealnameReason.PROVIDER_UNAVAILABLE:
            raise RealnameUnavailable(details=details)
        raise RealnameFailed(REASON_MESSAGES[self.reason], code=self.reason.value, details=details)


class RealnameVerifier(Protocol):
    name: str

    def verify_bank_card(
        self, name: str, id_number: str, card_number: str, bank_phone: str
    ) -> RealnameResult: ...

    def verify_phone(self, name: str, id_number: str, phone: str) -> RealnameResult: ...


realname_providers: ProviderRegistry[RealnameVerifier] = ProviderRegistry("realname")

# Han characters, the middle dots of transliterated names, and Latin letters with spaces for
# the few foreign permanent residents with Chinese resident IDs. Han means every block GB
# 18030-2022 requires: the URO, extension A, compatibility ideographs, and extensions B-G
# in the supplementary planes (𠮷 U+20BB7 is in B), which rare-character names need.
_HAN = (
    "\u3400-\u4dbf"  # extension A
    "\u4e00-\u9fff"  # unified ideographs
    "\uf900-\ufaff"  # compatibility ideographs (NFKC maps most to unified ones)
    "\U00020000-\U0002a6df"  # extension B
    "\U0002a700-\U0002ebef"  # extensions C, D, E, F
    "\U00030000-\U0003134f"  # extension G
)
_NAME_RE = re.compile(f"[{_HAN}·•A-Za-z ]{{2,30}}")


def validate_person_name(s: str) -> str:
    """Return the normalised name (NFKC, trimmed, ``•`` and ``・`` as ``·``) or raise."""
    if not isinstance(s, str):
        raise NameInvalid()
    t = unicodedata.normalize("NFKC", s).strip().replace("•", "·").replace("・", "·")
    if not _NAME_RE.fullmatch(t) or t.startswith("·") or t.endswith("·"):
        raise NameInvalid()
    return t


# --------------------------------------------------------------------------- sandbox


class SandboxRealnameVerifier:
    """Deterministic outcomes from documented test data; see the module docstring."""

    name = "sandbox"
    UNAVAILABLE_BIRTH_DATE = date(1900, 1, 1)
    MISMATCH_NAME_MARK = "错误"
    PHONE_NOT_REGISTERED_SUFFIX = "0404"
    CARD_PHONE_MISMATCH_SUFFIX = "0405"
    CARD_INVALID_SUFFIX = "0406"  # before the Luhn check digit

    def __init__(self, *, clock: Clock) -> None:
        self._clock = clock

    def _today(self) -> date:
        return self._clock.now().astimezone(CHINA_TZ).date()

    def _identity(self, name: str, id_number: str) -> tuple[str, str, RealnameReason | None]:
        clean_name = validate_person_name(name)
        rid = parse_resident_id(id_number, today=self._today())
        if rid.birth_date == self.UNAVAILABLE_BIRTH_DATE:
            return clean_name, rid.number, RealnameReason.PROVIDER_UNAVAILABLE
        if self.MISMATCH_NAME_MARK in clean_name:
            return clean_name, rid.number, RealnameReason.NAME_ID_MISMATCH
        return clean_name, rid.number, None

    def _result(self, check: str, reason: RealnameReason | None, masked: str) -> RealnameResult:
        result = RealnameResult(
            ok=reason is None, reason=reason, provider=self.name, request_id=uuid.uuid4().hex
        )
        log.info(
            "realname %s via sandbox for %s: %s request_id=%s",
            check,
            masked,
            reason.value if reason else "ok",
            result.request_id,
        )
        return result

    def verify_bank_card(
        self, name: str, id_number: str, card_number: str, bank_phone: str
    ) -> RealnameResult:
        clean_name, number, reason = self._identity(name, id_number)
        card = validate_bank_card(card_number)
        phone = validate_mobile(bank_phone)
        if reason is None and card[:-1].endswith(self.CARD_INVALID_SUFFIX):
            reason = RealnameReason.CARD_INVALID
        if reason is None and phone.endswith(self.CARD_PHONE_MISMATCH_SUFFIX):
            reason = RealnameReason.CARD_PHONE_MISMATCH
        masked = (
            f"{mask_name(clean_name)} {mask_id_number(number)} "
            f"{mask_bank_card(card)} {mask_phone(phone)}"
        )
        return self._result("bank_card", reason, masked)

    def verify_phone(self, name: str, id_number: str, phone: str) -> RealnameResult:
        clean_name, number, reason = self._identity(name, id_number)
        mobile = validate_mobile(phone)
        if reason is None and mobile.endswith(self.PHONE_NOT_REGISTERED_SUFFIX):
            reason = RealnameReason.PHONE_NOT_REGISTERED_TO_PERSON
        masked = f"{mask_name(clean_name)} {mask_id_number(number)} {mask_phone(mobile)}"
        return self._result("phone", reason, masked)


@realname_providers.register("sandbox")
def _sandbox(*, clock: Clock, **_: object) -> RealnameVerifier:
    return SandboxRealnameVerifier(clock=clock)
