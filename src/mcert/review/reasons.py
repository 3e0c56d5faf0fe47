"""Standard rejection reasons per queue (审核驳回常用原因), offered in the console beside a
free text. A reject body names ``reason_code`` and/or ``reason``; what the holder reads is
the standard text, followed by the reviewer's own words when both are given."""

from __future__ import annotations

from mcert.errors import InvalidInput
from mcert.text import clean_text

_COMMON = [
    ("other", "其他原因"),
]

REASONS: dict[str, list[tuple[str, str]]] = {
    "application": [
        ("licence_unclear", "营业执照不清晰"),
        ("uscc_mismatch", "统一社会信用代码与营业执照不符"),
        ("name_mismatch", "单位名称与营业执照不符"),
        ("legal_rep_mismatch", "法定代表人与营业执照不符"),
        ("authorization_missing", "授权委托书缺失或未加盖公章"),
        ("authorization_invalid", "授权委托书内容不完整或已过期"),
        ("licence_expired", "营业执照已过期或已注销"),
        *_COMMON,
    ],
    "name_change": [
        ("change_proof_missing", "缺少名称变更证明材料"),
        ("change_proof_unclear", "名称变更证明材料不清晰"),
        ("new_name_mismatch", "变更后名称与证明材料不符"),
        ("licence_unclear", "营业执照不清晰"),
        *_COMMON,
    ],
    "seal": [
        ("seal_unclear", "印章图像不清晰"),
        ("seal_mismatch", "印章图像与印模不符"),
        ("seal_name_mismatch", "印章名称与单位名称不符"),
        ("seal_background", "印章图像背景不干净，请在白纸上盖章后拍照"),
        ("signature_unclear", "手写签名不清晰或不完整"),
        *_COMMON,
    ],
}
REASONS["resubmission"] = REASONS["application"]


class UnknownReason(InvalidInput):
    code = "reject_reason_code_invalid"
    default_message = "驳回原因代码无效"


class ReasonRequired(InvalidInput):
    code = "reject_reason_required"
    default_message = "请填写驳回原因"


def reasons(kind: str) -> list[tuple[str, str]]:
    """The standard reasons of a queue (none for invoices: they are retried or voided)."""
    return REASONS.get(kind, [])


def compose(kind: str, reason_code: str | None, reason: str | None) -> str:
    """The text the holder reads: the standard reason, then the reviewer's words, if any.

    ``other`` needs the reviewer's own words; a code of another queue is refused.
    """
    free = clean_text(reason or "", max_length=200, min_length=0, field="reason")
    if not reason_code:
        if len(free) < 2:
            raise ReasonRequired()
        return free
    table = dict(reasons(kind))
    if reason_code not in table:
        raise UnknownReason(details={"reason_code": reason_code, "kind": kind})
    if reason_code == "other":
        if len(free) < 2:
            raise ReasonRequired()
        return free
    return f"{table[reason_code]}：{free}" if free else table[reason_code]
