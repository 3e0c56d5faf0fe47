"""The scan domain's errors, and the reasons a session fails as a holder reads them.

Every class carries the stable ``code`` the phone and the relying party see; the Chinese
``default_message`` is what the holder reads.
"""

from __future__ import annotations

from mcert.errors import Conflict, InvalidInput, NotFound


class SessionNotFound(NotFound):
    code = "session_not_found"
    default_message = "会话不存在或已过期"


class QRInvalid(InvalidInput):
    code = "qr_invalid"
    default_message = "二维码无效，请刷新页面后重新扫码"


class QRStale(InvalidInput):
    code = "qr_stale"
    default_message = "二维码已过期，请扫描页面上最新的二维码"


class SessionNotPending(Conflict):
    code = "session_not_pending"
    default_message = "该业务已结束，请在网页上重新发起"


class SessionBound(Conflict):
    code = "session_already_bound"
    default_message = "该二维码已被其他设备扫描"


class SignatureInvalid(InvalidInput):
    code = "signature_invalid"
    default_message = "签名验证失败"


class SessionFailed(Conflict):
    """The holder's attempt ended the session; ``code`` is the reason the RP sees."""

    default_message = "业务失败"


class SealRequired(InvalidInput):
    code = "seal_required"
    default_message = "请选择要使用的印章"


class SealNotUsable(Conflict):
    code = "seal_not_usable"
    default_message = "该印章不能用于本次签章（类型不符、未申领或不属于所选证书）"


class DigestNotReady(Conflict):
    code = "digest_not_ready"
    default_message = "平台正在准备文件，请稍候"


class SelectionChanged(Conflict):
    code = "selection_changed"
    default_message = "持证人已改选证书或印章，请按新的选择重新准备文件"


class NotASealSession(Conflict):
    code = "session_not_seal"
    default_message = "该会话不是签章会话"


REASON_MESSAGES = {
    "cert_locked": "证书已锁定，请通过实名认证重置证书密码",
    "cert_revoked": "证书已吊销，不能使用",
    "cert_expired": "证书已过期，不能使用",
    "not_eligible": "该证书不符合本次业务要求",
    "no_seal": "该证书没有本次签章所需类型的已申领印章",
    "expired": "操作超时，请在网页上重新发起",
}

# Reasons a session failed because of its certificate: the phone is told the reason itself.
CERT_REASONS = frozenset({"cert_revoked", "cert_locked", "cert_expired"})
