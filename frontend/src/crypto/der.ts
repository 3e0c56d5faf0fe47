/** Just enough DER to build a PKCS#10 CSR and ECDSA-Sig-Value. */
import { concat, utf8 } from './bytes'

function len(n: number): Uint8Array {
  if (n < 0x80) return new Uint8Array([n])
  const bytes: number[] = []
  while (n > 0) {
    bytes.unshift(n & 0xff)
    n >>= 8
  }
  return new Uint8Array([0x80 | bytes.length, ...bytes])
}

export const tlv = (tag: number, ...content: Uint8Array[]) => {
  const body = concat(...content)
  return concat(new Uint8Array([tag]), len(body.length), body)
}
export const seq = (...c: Uint8Array[]) => tlv(0x30, ...c)
export const set = (...c: Uint8Array[]) => tlv(0x31, ...c)

/** A non-negative INTEGER from big-endian magnitude bytes (minimal encoding). */
export function uint(bytes: Uint8Array): Uint8Array {
  let i = 0
  while (i < bytes.length - 1 && bytes[i] === 0) i++
  let v = bytes.slice(i)
  if (v[0] & 0x80) v = concat(new Uint8Array([0]), v)
  return tlv(0x02, v)
}

export function oid(dotted: string): Uint8Array {
  const parts = dotted.split('.').map(Number)
  const out: number[] = [40 * parts[0] + parts[1]]
  for (const p of parts.slice(2)) {
    const stack = [p & 0x7f]
    let v = p >>> 7
    while (v > 0) {
      stack.unshift(0x80 | (v & 0x7f))
      v >>>= 7
    }
    out.push(...stack)
  }
  return tlv(0x06, new Uint8Array(out))
}

export const utf8String = (s: string) => tlv(0x0c, utf8(s))
export const bitString = (b: Uint8Array) => tlv(0x03, new Uint8Array([0]), b)

/** IEEE P1363 r‖s (WebCrypto, noble compact) → DER ECDSA-Sig-Value. */
export function ecdsaRawToDer(raw: Uint8Array): Uint8Array {
  const half = raw.length / 2
  return seq(uint(raw.slice(0, half)), uint(raw.slice(half)))
}

export function pem(label: string, der: Uint8Array): string {
  let bin = ''
  for (const b of der) bin += String.fromCharCode(b)
  const b64 = btoa(bin).replace(/(.{64})/g, '$1\n')
  return `-----BEGIN ${label}-----\n${b64}${b64.endsWith('\n') ? '' : '\n'}-----END ${label}-----\n`
}
