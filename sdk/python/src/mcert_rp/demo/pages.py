"""The demo platform's pages: plain HTML, CSS and JavaScript, no build step, no CDN.

Text from outside (holder names, file names) is put into the page by JavaScript with
``textContent`` only, or escaped here with :func:`html.escape`.
"""

from __future__ import annotations

from html import escape
from typing import Any

NAV = (("home", "/", "首页"), ("login", "/login", "扫码登录"), ("sign", "/sign", "文件签章"),
       ("seal", "/seal", "投标文件签章"), ("verify", "/verify", "验章"),
       ("decrypt", "/decrypt", "开标解密"))  # fmt: skip

CSS = """
*{box-sizing:border-box}
body{margin:0;font:15px/1.6 "PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;
  color:#222;background:#f2f4f7}
header{background:#b3121b;color:#fff}
.bar{max-width:1040px;margin:0 auto;padding:14px 20px;display:flex;align-items:center;gap:16px}
.logo{font-size:22px;font-weight:700;letter-spacing:2px}
.sub{font-size:12px;opacity:.85}
.who{margin-left:auto;font-size:13px}
.who form{display:inline}
.who button{background:none;border:1px solid #fff8;color:#fff;padding:2px 8px;cursor:pointer}
nav{background:#8e0e15}
nav .bar{padding:0 20px;gap:0;flex-wrap:wrap}
nav a{color:#fff;text-decoration:none;padding:10px 22px;display:block;white-space:nowrap}
nav a.on,nav a:hover{background:#fff2;font-weight:600}
main{max-width:1040px;margin:20px auto;padding:0 20px}
.card{background:#fff;border:1px solid #e3e6ea;border-radius:4px;padding:20px 24px;
  margin-bottom:18px}
h1{font-size:20px;margin:0 0 12px;border-left:4px solid #b3121b;padding-left:10px}
h2{font-size:16px;margin:16px 0 8px}
.grid{display:grid;grid-template-columns:repeat(3,1fr);gap:16px}
.tile{display:block;border:1px solid #e3e6ea;padding:16px;border-radius:4px;color:#222;
  text-decoration:none;background:#fafbfc}
.tile:hover{border-color:#b3121b}
.tile b{display:block;color:#b3121b;font-size:17px;margin-bottom:4px}
button.primary{background:#b3121b;color:#fff;border:0;padding:8px 22px;border-radius:3px;
  font-size:15px;cursor:pointer}
button.primary:disabled{background:#c9a0a3;cursor:default}
textarea,input[type=text]{width:100%;border:1px solid #ccd;padding:6px;font:inherit}
textarea.pem{font:12px/1.3 monospace;height:120px}
label{display:block;margin:10px 0 4px;font-weight:600}
.scan{display:flex;gap:24px;align-items:flex-start;margin-top:16px}
.qrbox{width:240px;height:240px;border:1px solid #e3e6ea;background:#fff;padding:6px}
.qrbox img{width:100%;height:100%;image-rendering:pixelated}
.qrbox.dim img{opacity:.12}
.status{font-size:18px;font-weight:600;margin:6px 0}
.status.ok{color:#1a7f37}.status.bad{color:#b3121b}
.frame{font:11px/1.3 monospace;color:#667;word-break:break-all;max-width:520px}
table{border-collapse:collapse;width:100%;margin-top:8px}
th,td{border:1px solid #e3e6ea;padding:6px 8px;text-align:left;font-size:13px;
  vertical-align:top}
th{background:#f6f7f9;width:140px}
td.mono{font:12px monospace;word-break:break-all}
pre.bid{background:#fbfbf4;border:1px solid #e6e3c8;padding:12px;white-space:pre-wrap;
  max-height:320px;overflow:auto}
.muted{color:#778;font-size:13px}
.hidden{display:none}
.steps label{font-weight:400;display:flex;gap:8px;align-items:center;margin:6px 0}
.steps select{font:inherit}
td.ok{color:#1a7f37}td.bad{color:#b3121b}
code{background:#f3f3f3;padding:1px 4px}
footer{text-align:center;color:#99a;font-size:12px;margin:30px 0}
"""

JS = """
const $ = (s, el=document) => el.querySelector(s);
const sleep = ms => new Promise(r => setTimeout(r, ms));
function el(tag, text, cls) { const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = text; if (cls) e.className = cls;
  return e; }
function table(rows) { const t = el('table');
  for (const [k, v, mono] of rows) { const tr = el('tr'); tr.append(el('th', k));
    tr.append(el('td', v ?? '-', mono ? 'mono' : '')); t.append(tr); }
  return t; }
function holderRows(h) { return [['持证人', h.name], ['单位', h.organization],
  ['证书序列号', h.serial, true]]; }
async function post(url, body) {
  const r = await fetch(url, {method: 'POST', body});
  const data = await r.json().catch(() => ({}));
  if (!r.ok) throw new Error(data.detail || ('HTTP ' + r.status));
  return data; }
// Show the animated QR (mcertQR from the SDK's mcert-qr.js: a new frame every second from
// the backend) and long-poll the status until the session ends; resolves with the final status.
async function runSession(id, box) {
  box.innerHTML = '';
  const wrap = el('div', null, 'scan'), qr = el('div', null, 'qrbox'), img = el('img');
  img.alt = 'mCert 二维码'; qr.append(img);
  const side = el('div'), status = el('div', '等待扫码', 'status');
  const tip = el('div', '请使用 mCert 移动证书 App 扫描左侧二维码（二维码每秒更新）。', 'muted');
  const frame = el('div', '', 'frame'), cancel = el('button', '取消');
  side.append(status, tip, el('p'), frame, el('p'), cancel); wrap.append(qr, side);
  box.append(wrap);
  let done = false;
  cancel.onclick = () => post(`/api/sessions/${id}/cancel`);
  const animated = mcertQR(img, `/api/sessions/${id}`, {onFrame: f => {
    frame.textContent = '二维码内容（可用 mcert-device scan 粘贴）：' + f.qr; }});
  while (!done) {
    let r;
    try { r = await (await fetch(`/api/sessions/${id}/status?wait=20`)).json(); }
    catch (e) { await sleep(1000); continue; }
    status.textContent = r.text || r.detail || '';
    if (r.hint && r.hint !== 'outstanding') { animated.stop(); qr.classList.add('dim');
      frame.textContent = ''; }
    if (r.status && r.status !== 'pending') {
      done = true; animated.stop(); qr.classList.add('dim'); frame.textContent = '';
      cancel.remove(); tip.remove();
      status.classList.add(r.status === 'complete' ? 'ok' : 'bad'); return r; }
  } }
"""

HOME = """
<div class="card"><h1>欢迎使用{name}</h1>
<p>本平台演示招投标业务如何接入 <b>mCert 移动数字证书</b>：投标人用手机上的证书扫码完成
登录、文件签章和开标解密，私钥始终留在手机上。</p>
<div class="grid">
<a class="tile" href="/login"><b>扫码登录</b>用手机证书登录平台，平台核验证书链、
吊销状态和签名。</a>
<a class="tile" href="/sign"><b>文件签章</b>对投标文件的 SHA-256 摘要签名，附可信时间戳。</a>
<a class="tile" href="/seal"><b>投标文件签章</b>上传投标 PDF，扫码加盖骑缝章、企业公章和法定代表人
签字，下载带可见印章和 PAdES 签名的文件。</a>
<a class="tile" href="/verify"><b>验章</b>上传任意 PDF，核验每个签名的完整性、证书链、时间戳和
吊销信息。</a>
<a class="tile" href="/decrypt"><b>开标解密</b>投标文件用投标人的加密证书加密，开标时扫码解密。</a>
</div></div>
<div class="card"><h1>没有手机？用命令行扫码</h1>
<p class="muted">每个二维码下方都显示其内容，复制后在终端执行：</p>
<pre>mcert-device scan '&lt;二维码内容&gt;' --password '证书密码'</pre>
<p class="muted">二维码每秒更新，只有最近几秒的内容有效，请复制后立即执行。</p></div>
"""

LOGIN = """
<div class="card"><h1>扫码登录</h1>
<p>点击下方按钮后，用 mCert 移动证书 App 扫描二维码，在手机上选择证书并输入证书密码。</p>
<button class="primary" id="go">获取登录二维码</button>
<div id="box"></div><div id="result"></div></div>
<script>
$('#go').onclick = async () => {
  $('#go').disabled = true; $('#result').innerHTML = '';
  try {
    const s = await post('/api/login');
    const r = await runSession(s.id, $('#box'));
    if (r.status === 'complete') {
      $('#result').append(el('h2', '已验证的登录身份'), table([...holderRows(r.holder),
        ['签名时间', r.signed_at]]));
      const who = $('#who'); if (who) who.textContent = '当前用户：' + r.holder.name;
    }
  } catch (e) { $('#box').textContent = '发起失败：' + e.message; }
  $('#go').disabled = false; };
</script>
"""

SIGN = """
<div class="card"><h1>文件签章</h1>
<p>输入文本或选择文件（可多选），平台计算 SHA-256 摘要后发起签章，投标人在手机上签名，
mCert 附加 RFC 3161 可信时间戳。</p>
<form id="f">
<label>文本内容</label><textarea name="text" rows="4" placeholder="例如：投标承诺书……"></textarea>
<label>文件</label><input type="file" name="files" multiple>
<p><button class="primary" id="go">签章</button></p></form>
<div id="docs"></div><div id="box"></div><div id="result"></div></div>
<script>
$('#f').onsubmit = async ev => {
  ev.preventDefault(); $('#go').disabled = true;
  for (const id of ['#docs', '#result']) $(id).innerHTML = '';
  try {
    const s = await post('/api/sign', new FormData($('#f')));
    $('#docs').append(el('h2', '待签文件'),
      table(s.documents.map(d => [d.label, 'SHA-256 ' + d.sha256, true])));
    const r = await runSession(s.id, $('#box'));
    if (r.status === 'complete') {
      $('#result').append(el('h2', '签章结果（已验证签名与时间戳）'), table(holderRows(r.holder)));
      for (const s of r.signatures) $('#result').append(el('h2', s.label), table([
        ['SHA-256', s.sha256, true], ['签名 (ECDSA)', s.signature, true],
        ['时间戳时间', s.timestamp_time]]));
    }
  } catch (e) { $('#box').textContent = '发起失败：' + e.message; }
  $('#go').disabled = false; };
</script>
"""

DECRYPT = """
<div class="card"><h1>开标解密</h1>
<p><b>第一步（投标）</b>：上传投标文件，并提供投标人的<b>加密证书</b>（PEM）。投标人可在
手机端导出证书，例如 <code>mcert-device export CERT_ID --out DIR</code> 得到
<code>CERT_ID-encryption.pem</code>。</p>
<form id="f">
<label>投标文件</label><input type="file" name="bid_file">
<label>或直接输入投标内容</label><textarea name="bid_text" rows="3"
  placeholder="第一标段 投标报价 9,870,000 元"></textarea>
<label>投标人加密证书（PEM）</label>
<textarea class="pem" name="cert_pem" placeholder="-----BEGIN CERTIFICATE-----"></textarea>
<label>或上传证书文件</label><input type="file" name="cert_file">
<p><button class="primary" id="enc">加密投标文件</button></p></form>
<div id="sealed"></div>
<div id="step2" class="hidden"><p><b>第二步（开标）</b>：投标人扫码，手机完成密钥协商，
平台解开数字信封。</p><button class="primary" id="go">开标解密</button></div>
<div id="box"></div><div id="result"></div></div>
<script>
let bid = null;
$('#f').onsubmit = async ev => {
  ev.preventDefault(); $('#enc').disabled = true;
  for (const id of ['#sealed', '#box', '#result']) $(id).innerHTML = '';
  try {
    bid = await post('/api/bids', new FormData($('#f')));
    const a = el('a', '下载数字信封 (.p7m)'); a.href = bid.download;
    $('#sealed').append(el('h2', '已加密'), table([['文件', bid.filename],
      ['原文大小', bid.size + ' 字节'], ['数字信封大小', bid.envelope_size + ' 字节'],
      ['信封 SHA-256', bid.envelope_sha256, true],
      ['接收人', (bid.recipient.organization ? bid.recipient.organization + ' / ' : '')
        + (bid.recipient.name || '-')], ['加密证书序列号', bid.recipient.serial, true]]), a);
    $('#step2').classList.remove('hidden');
  } catch (e) { $('#sealed').textContent = '加密失败：' + e.message; }
  $('#enc').disabled = false; };
$('#go').onclick = async () => {
  $('#go').disabled = true; $('#result').innerHTML = '';
  try {
    const s = await post(`/api/bids/${bid.bid_id}/decrypt`);
    const r = await runSession(s.id, $('#box'));
    if (r.status === 'complete') {
      const a = el('a', '下载解密后的投标文件'); a.href = r.download;
      $('#result').append(el('h2', '解密结果（已验证解密人证书）'), table([['文件', r.filename],
        ['大小', r.size + ' 字节'], ...holderRows(r.holder)]));
      if (r.preview !== null) $('#result').append(el('pre', r.preview, 'bid'));
      $('#result').append(a);
    }
  } catch (e) { $('#box').textContent = '发起失败：' + e.message; }
  $('#go').disabled = false; };
</script>
"""

SEAL = """
<div class="card"><h1>投标文件签章</h1>
<p>上传投标文件（PDF）。平台只把文件的 SHA-256、页数、盖章页的缩略图和盖章位置发给 mCert，
投标文件本身留在平台；每个印章扫码一次，手机选择已申领的印章并输入证书密码，私钥不出手机。
签章为 PAdES B-LT（时间戳 + 吊销信息），多个印章依次追加，前面的签名保持有效。</p>
<form id="f"><label>投标文件（PDF）</label><input type="file" name="file" accept="application/pdf">
<p><button class="primary" id="up">上传</button></p></form>
<div id="doc"></div>
<div id="plan" class="hidden"><h2>盖章位置（依次扫码）</h2><div class="steps">
<label><input type="checkbox" data-step="straddle" checked> 骑缝章：全部页右侧边缘
  <select data-kinds="straddle"><option value="company_official">企业公章</option>
  <option value="company_contract">合同专用章</option>
  <option value="personal_stamp">个人私章</option></select></label>
<label><input type="checkbox" data-step="company" checked> 投标人（盖章）处加盖
  <select data-kinds="company"><option value="company_official">企业公章</option>
  <option value="company_contract">合同专用章</option>
  <option value="personal_stamp">个人私章</option></select></label>
<label><input type="checkbox" data-step="legal" checked> 法定代表人（签字）处签字
  <select data-kinds="legal">
  <option value="personal_signature,personal_stamp">个人手写签名或私章</option>
  <option value="personal_signature">个人手写签名</option>
  <option value="personal_stamp">个人私章</option></select></label></div>
<p class="muted">骑缝章须先于其他印章加盖；文件中没有对应关键字的位置会被跳过并提示。</p>
<p><button class="primary" id="go">开始签章</button></p></div>
<div id="box"></div><div id="result"></div></div>
<script>
let doc = null;
$('#f').onsubmit = async ev => {
  ev.preventDefault(); $('#up').disabled = true;
  for (const id of ['#doc', '#box', '#result']) $(id).innerHTML = '';
  try {
    doc = await post('/api/pdfs', new FormData($('#f')));
    const kw = Object.entries(doc.keywords).map(([k, v]) => k + (v ? '：已找到' : '：未找到'));
    $('#doc').append(el('h2', '已上传'), table([['文件', doc.filename], ['页数', doc.pages + ' 页'],
      ['大小', doc.size + ' 字节'], ['SHA-256', doc.sha256, true],
      ['已有签名', doc.signatures + ' 个'], ['关键字', kw.join('；')]]));
    $('#plan').classList.remove('hidden');
  } catch (e) { $('#doc').textContent = '上传失败：' + e.message; }
  $('#up').disabled = false; };
$('#go').onclick = async () => {
  $('#go').disabled = true; $('#result').innerHTML = '';
  const steps = [...document.querySelectorAll('[data-step]')].filter(c => c.checked)
    .map(c => c.dataset.step);
  let last = null;
  for (const step of steps) {
    const body = new FormData(); body.append('step', step);
    body.append('kinds', $(`[data-kinds=${step}]`).value);
    let s;
    try { s = await post(`/api/pdfs/${doc.pdf_id}/seal`, body); }
    catch (e) { $('#result').append(el('p', '跳过：' + e.message, 'status bad')); continue; }
    $('#result').append(el('h2', '正在盖章：' + s.label));
    const r = await runSession(s.id, $('#box'));
    $('#result').append(el('p', r.text, 'status ' + (r.status === 'complete' ? 'ok' : 'bad')));
    if (r.status === 'complete') { last = r;
      $('#result').append(table([['签章人', r.signer], ['印章', r.seal],
        ['文件大小', r.size + ' 字节']])); }
  }
  $('#box').innerHTML = '';
  if (last) { const a = el('a', '下载已盖章的投标文件'); a.href = last.download;
    a.id = 'download'; $('#result').append(el('h2', '已完成：' + last.sealed.join('、')), a); }
  $('#go').disabled = false; };
</script>
"""

VERIFY = """
<div class="card"><h1>验章</h1>
<p>上传任意 PDF，平台用 mcert_rp SDK（pyHanko）核验其中每个签名：文件完整性、证书链
（信任 mCert 根证书）、签名时间戳、嵌入的吊销信息（OCSP/CRL）和签名后的修改。不联网取证，
只用文件中嵌入的信息。</p>
<form id="f"><label>PDF 文件</label><input type="file" name="file" accept="application/pdf">
<p><button class="primary" id="go">验章</button></p></form>
<div id="result"></div></div>
<script>
$('#f').onsubmit = async ev => {
  ev.preventDefault(); $('#go').disabled = true; $('#result').innerHTML = '';
  try {
    const r = await post('/api/verify', new FormData($('#f')));
    $('#result').append(el('p', r.text, 'status ' + (r.valid ? 'ok' : 'bad')));
    for (const s of r.signatures) {
      $('#result').append(el('h2', s.title));
      const t = el('table');
      for (const [k, v, ok] of s.rows) { const tr = el('tr'); tr.append(el('th', k));
        tr.append(el('td', v, ok === true ? 'ok' : ok === false ? 'bad' : '')); t.append(tr); }
      $('#result').append(t);
    }
  } catch (e) { $('#result').append(el('p', '验章失败：' + e.message, 'status bad')); }
  $('#go').disabled = false; };
</script>
"""

BODIES = {
    "home": HOME,
    "login": LOGIN,
    "sign": SIGN,
    "seal": SEAL,
    "verify": VERIFY,
    "decrypt": DECRYPT,
}
TITLES = {key: label for key, _, label in NAV}


def render(page: str, platform: str, user: dict[str, Any] | None) -> str:
    nav = "".join(
        f'<a href="{href}"{" class=on" if key == page else ""}>{label}</a>'
        for key, href, label in NAV
    )
    if user:
        who = (
            f'<span id="who">当前用户：{escape(str(user.get("name") or ""))}</span> '
            '<form method="post" action="/logout"><button>退出</button></form>'
        )
    else:
        who = '<span id="who">未登录</span>'
    body = BODIES[page].replace("{name}", escape(platform))
    return f"""<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>{escape(TITLES[page])} - {escape(platform)}</title><style>{CSS}</style>
<script src="/static/mcert-qr.js"></script>
<script>{JS}</script></head>
<body><header><div class="bar"><div><div class="logo">{escape(platform)}</div>
<div class="sub">电子招标投标交易系统 · 演示 · 支持 mCert 移动数字证书</div></div>
<div class="who">{who}</div></div></header>
<nav><div class="bar">{nav}</div></nav>
<main>{body}</main>
<footer>{escape(platform)}（演示系统，非真实交易平台）· 通过 mcert_rp SDK 接入 mCert</footer>
</body></html>"""
