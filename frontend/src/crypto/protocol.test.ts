/**
 * The WebCrypto port against docs/protocol-vectors.json: every value the Python reference
 * (src/mcert_device/crypto.py) pins must come out byte for byte.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { p256 } from '@noble/curves/nist.js'
import { describe, expect, it } from 'vitest'
import { b64uDecode, b64uEncode, fromHex, hex } from './bytes'
import { buildCsr, exportPkcs8, generateSigningKey, signDigests, signMessage } from './ecdsa'
import {
  deriveWrapKeyBytes,
  eciesInfo,
  eciesKey,
  openSealed,
  passwordPrehash,
  ProtocolError,
  sealAad,
  sealTo,
  unwrapPrivateKey,
  wrapAad,
  wrapInfo,
  wrapPrivateKey,
} from './protocol'

const vectors = JSON.parse(
  readFileSync(fileURLToPath(new URL('../../../docs/protocol-vectors.json', import.meta.url)), 'utf8'),
)
const subtle = globalThis.crypto.subtle
const ECDH = { name: 'ECDH', namedCurve: 'P-256' } as const

async function keyPairFromJwk(jwk: JsonWebKey): Promise<CryptoKeyPair> {
  const privateKey = await subtle.importKey('jwk', jwk, ECDH, true, ['deriveBits'])
  const { d: _d, ...pub } = jwk
  const publicKey = await subtle.importKey('jwk', pub, ECDH, true, [])
  return { privateKey, publicKey }
}

describe('password pre-hash (PBKDF2-SHA256, NFKC)', () => {
  for (const v of vectors.password_prehash) {
    it(`pre-hashes ${JSON.stringify(v.password)}`, async () => {
      expect(hex(new TextEncoder().encode(v.password.normalize('NFKC')))).toBe(v.password_nfkc_utf8_hex)
      const out = await passwordPrehash(v.password, fromHex(v.salt_hex), v.iterations)
      expect(hex(out)).toBe(v.prehash_hex)
      expect(b64uEncode(out)).toBe(v.prehash_b64u)
    })
  }
})

describe('wrap key K (HKDF-SHA256)', () => {
  const v = vectors.wrap_key
  it('builds the info and derives K', async () => {
    expect(hex(wrapInfo(v.cert_id, v.device_id))).toBe(v.info_hex)
    const k = await deriveWrapKeyBytes(
      fromHex(v.device_secret_hex),
      fromHex(v.server_share_hex),
      v.cert_id,
      v.device_id,
      fromHex(v.salt_hex),
    )
    expect(hex(k)).toBe(v.wrap_key_hex)
  })
  it('refuses short inputs', async () => {
    await expect(
      deriveWrapKeyBytes(new Uint8Array(31), fromHex(v.server_share_hex), v.cert_id, v.device_id, fromHex(v.salt_hex)),
    ).rejects.toThrow(ProtocolError)
  })
})

describe('wrapped private keys (AES-256-GCM)', () => {
  const ctx = vectors.wrap_key
  for (const v of vectors.wrap) {
    it(`wraps and unwraps the ${v.purpose} vector`, async () => {
      const aad = wrapAad(ctx.cert_id, ctx.device_id, v.purpose)
      expect(hex(aad)).toBe(v.aad_hex)
      const pkcs8 = b64uDecode(v.pkcs8_der_b64u)
      const token = await wrapPrivateKey(pkcs8, fromHex(v.wrap_key_hex), aad, fromHex(v.iv_hex))
      expect(token).toBe(v.token)
      const back = await unwrapPrivateKey(v.token, fromHex(v.wrap_key_hex), aad)
      expect(b64uEncode(back)).toBe(v.pkcs8_der_b64u)
      // The PKCS#8 from Python imports in WebCrypto and is the vector's key.
      const key = await subtle.importKey('pkcs8', back, { name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign'])
      const jwk = await subtle.exportKey('jwk', key)
      expect(jwk.d).toBe(v.private_jwk.d)
    })
  }
  it('refuses another context (other device) and tampering', async () => {
    const v = vectors.wrap[0]
    const wrong = fromHex(vectors.context_mismatch.aad_hex)
    await expect(unwrapPrivateKey(v.token, fromHex(v.wrap_key_hex), wrong)).rejects.toThrow(ProtocolError)
    const raw = b64uDecode(v.token)
    raw[0] = 2
    await expect(
      unwrapPrivateKey(b64uEncode(raw), fromHex(v.wrap_key_hex), fromHex(v.aad_hex)),
    ).rejects.toThrow('unknown or truncated')
  })
})

describe('sealed blobs (ECIES P-256 + HKDF + AES-GCM)', () => {
  for (const v of vectors.ecies) {
    it(`opens the ${v.purpose} vector and reproduces it`, async () => {
      const recipient = await keyPairFromJwk(v.recipient_private_jwk)
      const ephemeral = await keyPairFromJwk(v.ephemeral_private_jwk)
      const epk = fromHex(v.ephemeral_public_raw_hex)
      const rpk = fromHex(v.recipient_public_raw_hex)
      expect(hex(new Uint8Array(await subtle.exportKey('raw', recipient.publicKey)))).toBe(v.recipient_public_raw_hex)
      expect(b64uEncode(new Uint8Array(await subtle.exportKey('spki', recipient.publicKey)))).toBe(
        v.recipient_spki_der_b64u,
      )
      expect(hex(eciesInfo(epk, rpk))).toBe(v.hkdf_info_hex)
      const z = new Uint8Array(
        await subtle.deriveBits({ name: 'ECDH', public: ephemeral.publicKey }, recipient.privateKey, 256),
      )
      expect(hex(z)).toBe(v.shared_secret_hex)
      expect(hex(await eciesKey(z, epk, rpk))).toBe(v.key_hex)
      const aad = fromHex(v.aad_hex)
      expect(hex(await openSealed(recipient, v.sealed, aad))).toBe(v.plaintext_hex)
      const resealed = await sealTo(recipient.publicKey, fromHex(v.plaintext_hex), aad, {
        ephemeral,
        iv: fromHex(v.iv_hex),
      })
      expect(resealed).toEqual(v.sealed)
      // pkcs8 of the recipient from Python imports too.
      await subtle.importKey('pkcs8', b64uDecode(v.recipient_pkcs8_der_b64u), ECDH, false, ['deriveBits'])
    })
  }
  it('builds the seal AAD and refuses a blob for another context or a swapped epk', async () => {
    const v = vectors.ecies[0]
    const recipient = await keyPairFromJwk(v.recipient_private_jwk)
    const other = sealAad('cert-other', '6f1c0f7e-3b7a-4c55-9d2e-0a4b8c1d2e3f', v.purpose)
    await expect(openSealed(recipient, v.sealed, other)).rejects.toThrow(ProtocolError)
    const swapped = { ...v.sealed, epk: vectors.ecies[1].sealed.epk }
    await expect(openSealed(recipient, swapped, fromHex(v.aad_hex))).rejects.toThrow(ProtocolError)
    await expect(openSealed(recipient, { ...v.sealed, v: 2 }, fromHex(v.aad_hex))).rejects.toThrow('version')
  })
})

describe('signing', () => {
  it('makes a CSR whose signature verifies over its CertificationRequestInfo', async () => {
    const keys = await generateSigningKey()
    const pemText = await buildCsr(keys)
    expect(pemText).toMatch(/^-----BEGIN CERTIFICATE REQUEST-----\n/)
    const der = Uint8Array.from(atob(pemText.split('\n').slice(1, -2).join('')), (c) => c.charCodeAt(0))
    // outer SEQ (2- or 3-byte length) → first element is the info SEQ
    const outerHdr = der[1] & 0x80 ? 2 + (der[1] & 0x7f) : 2
    const infoLenByte = der[outerHdr + 1]
    const infoHdr = infoLenByte & 0x80 ? 2 + (infoLenByte & 0x7f) : 2
    let infoLen = 0
    if (infoLenByte & 0x80) for (let i = 0; i < (infoLenByte & 0x7f); i++) infoLen = (infoLen << 8) | der[outerHdr + 2 + i]
    else infoLen = infoLenByte
    const info = der.slice(outerHdr, outerHdr + infoHdr + infoLen)
    const pub = new Uint8Array(await subtle.exportKey('raw', keys.publicKey))
    // the signature is the last BIT STRING: find 0x03 after the algorithm identifier
    const algId = [0x30, 0x0a, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02]
    const at = der.findIndex((_, i) => algId.every((b, j) => der[i + j] === b) && i >= outerHdr + info.length)
    const sig = der.slice(at + algId.length + 3)
    const msgHash = new Uint8Array(await subtle.digest('SHA-256', info))
    expect(p256.verify(sig, msgHash, pub, { prehash: false, format: 'der', lowS: false })).toBe(true)
  })

  it('signs a message (login) and digests (sign) in DER that verify', async () => {
    const keys = await generateSigningKey()
    const pkcs8 = await exportPkcs8(keys.privateKey)
    const pub = new Uint8Array(await subtle.exportKey('raw', keys.publicKey))
    const payload = new TextEncoder().encode('mcert login payload')
    const sig = await signMessage(pkcs8, payload)
    expect(sig[0]).toBe(0x30)
    expect(p256.verify(sig, payload, pub, { format: 'der', lowS: false })).toBe(true)
    const digest = new Uint8Array(await subtle.digest('SHA-256', new TextEncoder().encode('bid.pdf')))
    const [dsig] = await signDigests(pkcs8, [digest])
    expect(p256.verify(dsig, digest, pub, { prehash: false, format: 'der', lowS: false })).toBe(true)
    await expect(signDigests(pkcs8, [new Uint8Array(31)])).rejects.toThrow(ProtocolError)
  })
})
