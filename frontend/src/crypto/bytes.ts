/** Byte helpers shared by the protocol code: base64url (no padding), hex, concat, lp(). */

export function b64uEncode(data: Uint8Array): string {
  let bin = ''
  for (let i = 0; i < data.length; i++) bin += String.fromCharCode(data[i])
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

export function b64uDecode(text: string): Uint8Array<ArrayBuffer> {
  if (typeof text !== 'string' || text.includes('=') || /[^A-Za-z0-9_-]/.test(text)) {
    throw new Error('not unpadded base64url')
  }
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((text.length + 3) % 4)
  const bin = atob(b64)
  const out = new Uint8Array(bin.length)
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i)
  return out
}

/** Standard base64 (with padding), as used by a few fields of the decrypt task. */
export function b64Decode(text: string): Uint8Array<ArrayBuffer> {
  const bin = atob(text)
  const out = new Uint8Array(bin.length)
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i)
  return out
}

export function hex(data: Uint8Array): string {
  return Array.from(data, (b) => b.toString(16).padStart(2, '0')).join('')
}

export function fromHex(text: string): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(text.length / 2)
  for (let i = 0; i < out.length; i++) out[i] = parseInt(text.slice(2 * i, 2 * i + 2), 16)
  return out
}

export function concat(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let off = 0
  for (const p of parts) {
    out.set(p, off)
    off += p.length
  }
  return out
}

export const utf8 = (s: string): Uint8Array<ArrayBuffer> =>
  new TextEncoder().encode(s) as Uint8Array<ArrayBuffer>

/** lp(s) = 2-byte big-endian length ‖ UTF-8 s; 1-255 bytes (docs/protocol.md §2). */
export function lp(value: string): Uint8Array<ArrayBuffer> {
  const raw = utf8(value)
  if (raw.length < 1 || raw.length > 255) throw new Error('context values must be 1-255 bytes')
  return concat(new Uint8Array([raw.length >> 8, raw.length & 0xff]), raw)
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  let d = 0
  for (let i = 0; i < a.length; i++) d |= a[i] ^ b[i]
  return d === 0
}
