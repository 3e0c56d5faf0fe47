"""Sandbox real-name verification: every documented outcome, input validation, masking."""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime

import pytest

from mcert.clock import FrozenClock
from mcert.errors import InvalidInput, ServiceUnavailable
from mcert.ident import make_bank_card, make_mobile, make_resident_id
from mcert.providers.realname import (
    RealnameFailed,
    RealnameReason,
    RealnameVerifier,
    SandboxRealnameVerifier,
    realname_providers,
    validate_person_name,
)
from mcert.providers.registry import UnknownProvider

NAME = "张三"
ID = make_resident_id()  # 110101199001010015
CARD = make_bank_card(seq=1)  # 6222020000000000018
PHONE = make_mobile(seq=138000)  # 13800138000


@pytest.fixture
def verifier() -> RealnameVerifier:
    return realname_providers.create(
        "sandbox", clock=FrozenClock(datetime(2026, 11, 29, 2, tzinfo=UTC))
    )


def test_registry_builds_the_sandbox_and_refuses_unknown_names() -> None:
    clock = FrozenClock(datetime(2026, 11, 29, tzinfo=UTC))
    assert isinstance(realname_providers.create("sandbox", clock=clock), SandboxRealnameVerifier)
    with pytest.raises(UnknownProvider):
        realname_providers.create("acme", clock=clock)


def test_valid_identity_passes_both_checks(verifier: RealnameVerifier) -> None:
    for result in (
        verifier.verify_bank_card(NAME, ID, CARD, PHONE),
        verifier.verify_phone(NAME, ID, PHONE),
    ):
        assert result.ok
        assert result.reason is None
        assert result.message is None
        assert result.provider == "sandbox"
        assert len(result.request_id) == 32
        result.raise_for_failure()  # no exception


def test_inputs_are_normalised_before_checking(verifier: RealnameVerifier) -> None:
    assert verifier.verify_bank_card(
        " 张三 ", ID.lower(), "6222 0200 0000 0000 018", "+86 13800138000"
    ).ok


@pytest.mark.parametrize(
    ("check", "args", "reason"),
    [
        ("card", ("张错误", ID, CARD, PHONE), RealnameReason.NAME_ID_MISMATCH),
        ("phone", ("李错误", ID, PHONE), RealnameReason.NAME_ID_MISMATCH),
        ("phone", (NAME, ID, "13800000404"), RealnameReason.PHONE_NOT_REGISTERED_TO_PERSON),
        ("card", (NAME, ID, CARD, "13900000405"), RealnameReason.CARD_PHONE_MISMATCH),
        ("card", (NAME, ID, make_bank_card(seq=406), PHONE), RealnameReason.CARD_INVALID),
        (
            "card",
            (NAME, make_resident_id(birth=date(1900, 1, 1)), CARD, PHONE),
            RealnameReason.PROVIDER_UNAVAILABLE,
        ),
        (
            "phone",
            (NAME, make_resident_id(birth=date(1900, 1, 1)), PHONE),
            RealnameReason.PROVIDER_UNAVAILABLE,
        ),
    ],
)
def test_documented_test_data_reaches_every_reason(
    verifier: RealnameVerifier, check: str, args: tuple[str, ...], reason: RealnameReason
) -> None:
    result = verifier.verify_bank_card(*args) if check == "card" else verifier.verify_phone(*args)
    assert not result.ok
    assert result.reason is reason
    assert result.message


def test_rules_belong_to_their_check(verifier: RealnameVerifier) -> None:
    # A phone ending 0404 only matters to the carrier check, 0405 only to the bank's.
    assert verifier.verify_bank_card(NAME, ID, CARD, "13800000404").ok
    assert verifier.verify_phone(NAME, ID, "13900000405").ok


def test_raise_for_failure_carries_the_reason_as_code(verifier: RealnameVerifier) -> None:
    with pytest.raises(RealnameFailed) as exc:
        verifier.verify_phone(NAME, ID, "13800000404").raise_for_failure()
    assert exc.value.code == "phone_not_registered_to_person"
    assert "手机号" in exc.value.message
    with pytest.raises(ServiceUnavailable) as down:
        verifier.verify_phone(
            NAME, make_resident_id(birth=date(1900, 1, 1)), PHONE
        ).raise_for_failure()
    assert down.value.code == "provider_unavailable"


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (("张", ID, CARD, PHONE), "name_invalid"),
        (("张3", ID, CARD, PHONE), "name_invalid"),
        ((NAME, ID[:-1] + ("0" if ID[-1] != "0" else "1"), CARD, PHONE), "id_number_invalid"),
        ((NAME, ID, CARD[:-1] + str((int(CARD[-1]) + 1) % 10), PHONE), "bank_card_invalid"),
        ((NAME, ID, CARD, "12800138000"), "phone_invalid"),
    ],
)
def test_invalid_inputs_raise_with_codes_before_any_check(
    verifier: RealnameVerifier, args: tuple[str, str, str, str], code: str
) -> None:
    with pytest.raises(InvalidInput) as exc:
        verifier.verify_bank_card(*args)
    assert exc.value.code == code


def test_unavailable_identity_still_validates_the_card(verifier: RealnameVerifier) -> None:
    with pytest.raises(InvalidInput) as exc:
        verifier.verify_bank_card(NAME, make_resident_id(birth=date(1900, 1, 1)), "123", PHONE)
    assert exc.value.code == "bank_card_invalid"


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("张三", "张三"),
        (" 欧阳娜娜 ", "欧阳娜娜"),
        ("买买提•艾力", "买买提·艾力"),
        ("Ｊｏｈｎ Smith", "John Smith"),
    ],
)
def test_person_names_are_normalised(raw: str, clean: str) -> None:
    assert validate_person_name(raw) == clean


def test_logs_show_only_masked_personal_data(
    verifier: RealnameVerifier, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="mcert.providers.realname"):
        verifier.verify_bank_card("张三丰", ID, CARD, PHONE)
    text = caplog.text
    assert "张**" in text
    for secret in (ID, CARD, PHONE, "张三丰"):
        assert secret not in text
