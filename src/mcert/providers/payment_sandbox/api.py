"""The sandbox gateway's cashier pages: ``GET /sandbox/pay/{trade_no}`` and its two buttons.

A small mobile cashier in Chinese, like the page Alipay shows in a phone browser: merchant,
subject, amount in yuan, 确认支付 / 取消支付. Paying or cancelling redirects (303) to the
merchant's ``return_url``; a declined payment stays on the page with the reason.

Served only while ``MCERT_PAYMENT_PROVIDER=sandbox`` (404 otherwise). It must never be
mounted in production and never shows or accepts personal data.
"""

from __future__ import annotations

from html import escape

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from mcert.http.deps import RuntimeDep
from mcert.providers.payment import TradeNotFound, TradeState, fen_to_yuan
from mcert.providers.payment_sandbox.gateway import SandboxPaymentGateway
from mcert.providers.payment_sandbox.models import SandboxTrade

router = APIRouter(prefix="/sandbox/pay", tags=["sandbox"], include_in_schema=False)

_PAGE = """<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>收银台 - 沙箱支付</title>
<style>
body {{ margin: 0; background: #f5f5f5; color: #333;
  font-family: -apple-system, "PingFang SC", "Microsoft YaHei", sans-serif; }}
header {{ background: #1677ff; color: #fff; text-align: center; padding: 14px; font-size: 17px; }}
.badge {{ font-size: 12px; background: #ff9500; border-radius: 3px; padding: 1px 5px;
  margin-left: 6px; }}
.card {{ background: #fff; margin: 12px; border-radius: 8px; padding: 20px; text-align: center; }}
.amount {{ font-size: 36px; font-weight: 600; margin: 8px 0 4px; }}
.row {{ display: flex; justify-content: space-between; padding: 10px 0; font-size: 15px;
  border-top: 1px solid #eee; text-align: left; }}
.row span:first-child {{ color: #888; margin-right: 16px; white-space: nowrap; }}
.msg {{ margin: 12px; padding: 12px; border-radius: 8px; font-size: 15px; }}
.error {{ background: #fff1f0; color: #cf1322; }}
form {{ margin: 12px; }}
button {{ width: 100%; border: 0; border-radius: 8px; padding: 14px; font-size: 17px; }}
.pay {{ background: #1677ff; color: #fff; }}
.cancel {{ background: #fff; color: #666; margin-top: 4px; }}
footer {{ color: #aaa; font-size: 12px; text-align: center; margin: 24px 12px; }}
</style>
</head>
<body>
<header>收银台<span class="badge">沙箱</span></header>
<div class="card">
<div>{merchant}</div>
<div class="amount" data-testid="amount">¥{amount}</div>
<div class="row"><span>订单信息</span><span data-testid="subject">{subject}</span></div>
<div class="row"><span>交易号</span><span>{trade_no}</span></div>
<div class="row"><span>交易状态</span><span data-testid="status">{status}</span></div>
</div>
{message}
{actions}
<footer>沙箱支付网关：不会产生真实扣款</footer>
</body>
</html>
"""

_STATUS_TEXT = {
    TradeState.WAIT_BUYER_PAY: "待支付",
    TradeState.TRADE_SUCCESS: "支付成功",
    TradeState.TRADE_CLOSED: "交易已关闭",
}


def _gateway(rt: RuntimeDep) -> SandboxPaymentGateway:
    gateway = rt.payment
    if not isinstance(gateway, SandboxPaymentGateway):
        raise TradeNotFound()
    return gateway


def _render(
    gateway: SandboxPaymentGateway, trade: SandboxTrade, message: str | None = None
) -> HTMLResponse:
    state = TradeState(trade.status)
    base = f"/sandbox/pay/{trade.trade_no}"
    if state is TradeState.WAIT_BUYER_PAY:
        actions = (
            f'<form method="post" action="{base}/pay">'
            '<button class="pay" type="submit">确认支付</button></form>'
            f'<form method="post" action="{base}/cancel">'
            '<button class="cancel" type="submit">取消支付</button></form>'
        )
    else:
        actions = (
            f'<form method="post" action="{base}/cancel">'
            '<button class="cancel" type="submit">返回商户</button></form>'
        )
    note = message or trade.decline_reason
    html = _PAGE.format(
        merchant=escape(gateway.merchant_name),
        amount=fen_to_yuan(trade.amount_fen),
        subject=escape(trade.subject),
        trade_no=escape(trade.trade_no),
        status=_STATUS_TEXT[state],
        message=f'<div class="msg error" role="alert">{escape(note)}</div>' if note else "",
        actions=actions,
    )
    return HTMLResponse(html, headers={"Cache-Control": "no-store"})


@router.get("/{trade_no}", response_class=HTMLResponse)
def cashier(trade_no: str, rt: RuntimeDep) -> HTMLResponse:
    gateway = _gateway(rt)
    return _render(gateway, gateway.trade(trade_no))


@router.post("/{trade_no}/pay", response_model=None)
def pay(trade_no: str, rt: RuntimeDep) -> Response:
    gateway = _gateway(rt)
    outcome = gateway.pay(trade_no)
    if outcome.ok and outcome.redirect_url:
        return RedirectResponse(outcome.redirect_url, status_code=303)
    return _render(gateway, gateway.trade(trade_no), outcome.message)


@router.post("/{trade_no}/cancel", response_model=None)
def cancel(trade_no: str, rt: RuntimeDep) -> Response:
    gateway = _gateway(rt)
    return RedirectResponse(gateway.cancel(trade_no), status_code=303)
