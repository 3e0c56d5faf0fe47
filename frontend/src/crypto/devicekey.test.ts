/**
 * Device binding (docs/protocol.md section 6) against docs/protocol-vectors.json: the login
 * and proof messages byte for byte, and signatures the Python reference's verifier format
 * accepts (raw r ‖ s over SHA-256, checked here with WebCrypto and @noble/curves).
 */
import 'fake-indexeddb/auto'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { p256 } from '@noble/curves/nist.js'
import { describe, expect, it } from 'vitest'
import { b64uDecode, fromHex, hex } from './bytes'
import { loginMessage, proofHeaders, proofMessage, signRaw } from './devicekey'
import { deviceKey } from './keystore'

const v = JSON.parse(
  readFileSync(fileURLToPath(new URL('../../../docs/protocol-vectors.json', import.meta.url)), 'utf8'),
).device_binding
const subtle = globalThis.crypto.subtle
const ECDSA = { name: 'ECDSA', namedCurve: 'P-256' } as const

describe('device binding messages', () => {
  it('builds the login message of the vectors', async () => {
    const spki = b64uDecode(v.public_key_spki_b64u)
    expect(hex(await loginMessage(v.device_id, v.login.code, spki))).toBe(v.login.message_hex)
  })

  it('builds the proof message of the vectors', async () => {
    const p = v.proof
    const message = await proofMessage(p.challenge, p.method, p.path, b64uDecode(p.body_b64u))
    expect(hex(message)).toBe(p.message_hex)
  })

  it('signs raw r ‖ s that verifies against the registered SPKI', async () => {
    const priv = await subtle.importKey('jwk', v.device_key, ECDSA, false, ['sign'])
    const msg = fromHex(v.proof.message_hex)
    const sig = b64uDecode(await signRaw(priv, msg))
    expect(sig.length).toBe(64)
    const pub = await subtle.importKey('spki', b64uDecode(v.public_key_spki_b64u), ECDSA, true, ['verify'])
    expect(await subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, pub, sig, msg)).toBe(true)
    const point = new Uint8Array(await subtle.exportKey('raw', pub))
    expect(p256.verify(sig, msg, point, { lowS: false })).toBe(true) // WebCrypto does not normalise s
  })
})

describe('device key in IndexedDB', () => {
  it('is made once, non-extractable, and signs request proofs', async () => {
    const first = await deviceKey()
    const again = await deviceKey()
    expect(first.privateKey.extractable).toBe(false)
    await expect(subtle.exportKey('pkcs8', first.privateKey)).rejects.toThrow()
    const a = new Uint8Array(await subtle.exportKey('spki', first.publicKey))
    const b = new Uint8Array(await subtle.exportKey('spki', again.publicKey))
    expect(hex(a)).toBe(hex(b))
    const headers = await proofHeaders('Y2hhbGxlbmdl', 'post', '/api/app/v1/x', '{}')
    const msg = await proofMessage('Y2hhbGxlbmdl', 'POST', '/api/app/v1/x', new TextEncoder().encode('{}'))
    const sig = b64uDecode(headers['X-Mcert-Device-Signature'])
    expect(await subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, again.publicKey, sig, msg)).toBe(true)
  })
})
