/** Display helpers of the console (Chinese, Beijing time). */

const TZ = 'Asia/Shanghai'

export function dateTime(iso: string | null | undefined): string {
  if (!iso) return '—'
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return '—'
  const parts = new Intl.DateTimeFormat('zh-CN', {
    timeZone: TZ,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).formatToParts(d)
  const v = (t: string) => parts.find((p) => p.type === t)?.value ?? ''
  return `${v('year')}-${v('month')}-${v('day')} ${v('hour')}:${v('minute')}`
}

export function date(iso: string | null | undefined): string {
  return dateTime(iso).slice(0, 10)
}

/** An age as 3天2小时 / 2小时15分 / 5分钟 / 刚刚. */
export function age(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || seconds < 0) return '—'
  const s = Math.floor(seconds)
  const days = Math.floor(s / 86400)
  const hours = Math.floor((s % 86400) / 3600)
  const minutes = Math.floor((s % 3600) / 60)
  if (days > 0) return hours ? `${days}天${hours}小时` : `${days}天`
  if (hours > 0) return minutes ? `${hours}小时${minutes}分` : `${hours}小时`
  if (minutes > 0) return `${minutes}分钟`
  return '刚刚'
}

export function secondsSince(iso: string | null | undefined, now: Date = new Date()): number | null {
  if (!iso) return null
  const t = new Date(iso).getTime()
  return Number.isNaN(t) ? null : Math.max(0, Math.floor((now.getTime() - t) / 1000))
}

/** Fen to ¥1,234.50. */
export function yuan(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '—'
  const sign = fen < 0 ? '-' : ''
  const abs = Math.abs(Math.round(fen))
  const whole = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${sign}¥${whole}.${String(abs % 100).padStart(2, '0')}`
}

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

/** GB 32100-2015: 18 characters, the last a check character over the first 17. */
export function usccValid(uscc: string | null | undefined): boolean {
  if (!uscc || !/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(uscc)) return false
  let sum = 0
  for (let i = 0; i < 17; i++) sum += USCC_CHARS.indexOf(uscc[i]) * USCC_WEIGHTS[i]
  const check = (31 - (sum % 31)) % 31
  return USCC_CHARS[check] === uscc[17]
}

/** The SVG text of a TOTP enrolment QR as an <img> source: it is never put into the DOM as HTML. */
export function svgDataUrl(svg: string): string {
  const bytes = new TextEncoder().encode(svg)
  let bin = ''
  for (const b of bytes) bin += String.fromCharCode(b)
  return `data:image/svg+xml;base64,${btoa(bin)}`
}

export const REVOCATION_REASONS: { value: string; label: string }[] = [
  { value: 'unspecified', label: '未指明' },
  { value: 'key_compromise', label: '密钥泄露' },
  { value: 'affiliation_changed', label: '隶属关系变更' },
  { value: 'superseded', label: '已被取代' },
  { value: 'cessation_of_operation', label: '停止使用' },
  { value: 'certificate_hold', label: '证书冻结' },
  { value: 'privilege_withdrawn', label: '权限撤销' },
]

export const CERT_STATUS: Record<string, string> = {
  valid: '有效',
  active: '有效',
  revoked: '已吊销',
  expired: '已过期',
  suspended: '已冻结',
  pending: '待下载',
}

export const OCSP_STATUS: Record<string, string> = { good: '正常', revoked: '已吊销', unknown: '未知' }

export function label(table: Record<string, string>, key: string | null | undefined): string {
  if (!key) return '—'
  return table[key] ?? key
}

/**
 * The rejection reason the applicant reads: the chosen standard reason's text, then the
 * operator's note ("其他" adds no text of its own).
 */
/** What the applicant will read, as the server composes it (src/mcert/review/reasons.py). */
export function composeReason(reasons: { code: string; text: string }[], code: string, note: string): string {
  const std = reasons.find((r) => r.code === code)
  return [std && std.code !== 'other' ? std.text : '', note.trim()].filter(Boolean).join('：')
}
