export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—'
  const d = new Date(iso)
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`
}

export function formatDate(iso: string | null | undefined): string {
  return iso ? formatTime(iso).slice(0, 10) : '—'
}

export const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`

/** An mCert QR text: `{server}/q/{start_token}.{seconds}.{hmac}`. */
export const QR_PATTERN = /\/q\/[A-Za-z0-9_-]{16,40}\.\d{1,6}\.[0-9a-f]{64}$/

export function deviceName(): string {
  const ua = navigator.userAgent
  const os = /Android/.test(ua) ? 'Android' : /iPhone|iPad/.test(ua) ? 'iOS' : /Windows/.test(ua) ? 'Windows' : /Mac/.test(ua) ? 'macOS' : 'Linux'
  const browser = /MicroMessenger/.test(ua) ? '微信' : /Edg\//.test(ua) ? 'Edge' : /Chrom/.test(ua) ? 'Chrome' : /Safari/.test(ua) ? 'Safari' : /Firefox/.test(ua) ? 'Firefox' : '浏览器'
  return `${browser} · ${os}`
}
