"""Real-name attempt statuses (实名认证步骤) and the moves between them.

An attempt checks the elements first (bank card with an SMS code, or the account's phone),
then the face; its status tells which step is next.
"""

from __future__ import annotations

from enum import StrEnum

from mcert.realname.models import RealnameAttempt
from mcert.states import move


class RealnameAttemptStatus(StrEnum):
    # Also the first status of a phone (three-element) attempt, which sends no code: its
    # elements are checked in the same request, so it leaves this status at once.
    SMS_SENT = "sms_sent"  # 待验证短信验证码
    FACE_REQUIRED = "face_required"  # 待人脸识别
    VERIFIED = "verified"  # 已认证
    FAILED = "failed"  # 认证失败 (``failure_reason``)


LABELS = {
    RealnameAttemptStatus.SMS_SENT: "待验证短信验证码",
    RealnameAttemptStatus.FACE_REQUIRED: "待人脸识别",
    RealnameAttemptStatus.VERIFIED: "已认证",
    RealnameAttemptStatus.FAILED: "认证失败",
}

TRANSITIONS: dict[RealnameAttemptStatus, frozenset[RealnameAttemptStatus]] = {
    RealnameAttemptStatus.SMS_SENT: frozenset(
        {RealnameAttemptStatus.FACE_REQUIRED, RealnameAttemptStatus.FAILED}
    ),
    RealnameAttemptStatus.FACE_REQUIRED: frozenset(
        {RealnameAttemptStatus.VERIFIED, RealnameAttemptStatus.FAILED}
    ),
    RealnameAttemptStatus.VERIFIED: frozenset(),
    RealnameAttemptStatus.FAILED: frozenset(),
}


def move_attempt(attempt: RealnameAttempt, target: RealnameAttemptStatus) -> None:
    move(attempt, target, TRANSITIONS, LABELS)
