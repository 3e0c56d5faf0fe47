/**
 * Certificate-password key protection, device side (docs/protocol.md), in WebCrypto.
 *
 * The same bytes as src/mcert_device/crypto.py, pinned by docs/protocol-vectors.json
 * (protocol.test.ts). Private keys are only ever held as PKCS#8 inside AES-GCM (wrapped
 * under K) or as short-lived CryptoKeys/bytes during one operation. Nothing here does
 * network I/O: it must never send a private key, the device secret, K or a password.
 */
import { b64uDecode, b64uEncode, concat, lp, utf8 } from './bytes'

const subtle = globalThis.crypto.subtle

export const WRAP_KEY_INFO_LABEL = utf8('mcert/keyprotect/v1/wrap-key')
export const WRAP_AAD_LABEL = utf8('mcert/keyprotect/v1/wrap')
export const SEAL_AAD_LABEL = utf8('mcert/keyprotect/v1/seal')
export const ECIES_INFO_LABEL = utf8('mcert/keyprotect/v1/ecies')
export const SCAN_OUTPUT_LABEL = utf8('mcert/scan/v1/key-agreement')
export const SEALED_ALG = 'ECDH-ES-P256+HKDF-SHA256+A256GCM'
export const WRAP_VERSION = 1
const ZERO = new Uint8Array([0])

export type WrapPurpose = 'sign-key' | 'enc-key'
export type SealPurpose = 'enc-key' | 'server-share'

export interface SealedBlob {
  v: number
  alg: string
  epk: string
  iv: string
  ct: string
}

export interface PublicJwk {
  kty: 'EC'
  crv: 'P-256'
  x: string
  y: string
}

export class ProtocolError extends Error {}

export function wrapInfo(certId: string, deviceId: string): Uint8Array<ArrayBuffer> {
  return concat(WRAP_KEY_INFO_LABEL, ZERO, lp(certId), lp(deviceId))
}

export function wrapAad(certId: string, deviceId: string, purpose: WrapPurpose) {
  return concat(WRAP_AAD_LABEL, ZERO, lp(certId), lp(deviceId), lp(purpose))
}

export function sealAad(certId: string, deviceId: string, purpose: SealPurpose) {
  return concat(SEAL_AAD_LABEL, ZERO, lp(certId), lp(deviceId), lp(purpose))
}

export function scanOutputAad(sessionId: string) {
  return concat(SCAN_OUTPUT_LABEL, ZERO, lp(sessionId))
}

/** prehash = PBKDF2-HMAC-SHA256(UTF-8(NFKC(password)), salt, iterations, 32). */
export async function passwordPrehash(
  password: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
): Promise<Uint8Array<ArrayBuffer>> {
  const key = await subtle.importKey('raw', utf8(password.normalize('NFKC')), 'PBKDF2', false, [
    'deriveBits',
  ])
  const bits = await subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, 256)
  return new Uint8Array(bits)
}

async function hkdf(ikm: Uint8Array<ArrayBuffer>, salt: Uint8Array<ArrayBuffer>, info: Uint8Array<ArrayBuffer>) {
  const key = await subtle.importKey('raw', ikm, 'HKDF', false, ['deriveBits'])
  const bits = await subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt, info }, key, 256)
  return new Uint8Array(bits)
}

/** K = HKDF-SHA256(device_secret ‖ server_share, wrap_salt, wrapInfo), 32 bytes (raw, for tests). */
export async function deriveWrapKeyBytes(
  deviceSecret: Uint8Array<ArrayBuffer>,
  serverShare: Uint8Array<ArrayBuffer>,
  certId: string,
  deviceId: string,
  salt: Uint8Array<ArrayBuffer>,
): Promise<Uint8Array<ArrayBuffer>> {
  if (deviceSecret.length !== 32 || serverShare.length !== 32) {
    throw new ProtocolError('device_secret and server_share must be 32 bytes each')
  }
  if (salt.length !== 16) throw new ProtocolError('wrap salt must be 16 bytes')
  return hkdf(concat(deviceSecret, serverShare), salt, wrapInfo(certId, deviceId))
}

/** K as a non-extractable AES-GCM key: what the app uses. */
export async function deriveWrapKey(
  deviceSecret: Uint8Array<ArrayBuffer>,
  serverShare: Uint8Array<ArrayBuffer>,
  certId: string,
  deviceId: string,
  salt: Uint8Array<ArrayBuffer>,
): Promise<CryptoKey> {
  const raw = await deriveWrapKeyBytes(deviceSecret, serverShare, certId, deviceId, salt)
  try {
    return await subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt'])
  } finally {
    raw.fill(0)
  }
}

async function aesKey(key: CryptoKey | Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  return key instanceof Uint8Array
    ? subtle.importKey('raw', key, 'AES-GCM', false, ['encrypt', 'decrypt'])
    : key
}

/** token = b64u(0x01 ‖ iv ‖ AES-256-GCM(K, iv, PKCS#8, aad) ‖ tag). `iv` only for test vectors. */
export async function wrapPrivateKey(
  pkcs8: Uint8Array<ArrayBuffer>,
  wrapKey: CryptoKey | Uint8Array<ArrayBuffer>,
  aad: Uint8Array<ArrayBuffer>,
  iv: Uint8Array<ArrayBuffer> = globalThis.crypto.getRandomValues(new Uint8Array(12)),
): Promise<string> {
  const ct = await subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: aad },
    await aesKey(wrapKey),
    pkcs8,
  )
  return b64uEncode(concat(new Uint8Array([WRAP_VERSION]), iv, new Uint8Array(ct)))
}

/** Inverse of wrapPrivateKey: the PKCS#8 DER bytes (caller zeroes them after use). */
export async function unwrapPrivateKey(
  token: string,
  wrapKey: CryptoKey | Uint8Array<ArrayBuffer>,
  aad: Uint8Array<ArrayBuffer>,
): Promise<Uint8Array<ArrayBuffer>> {
  let raw: Uint8Array<ArrayBuffer>
  try {
    raw = b64uDecode(token)
  } catch {
    throw new ProtocolError('wrapped key is not base64url')
  }
  if (raw.length < 1 + 12 + 16 || raw[0] !== WRAP_VERSION) {
    throw new ProtocolError('unknown or truncated wrapped key')
  }
  try {
    const pt = await subtle.decrypt(
      { name: 'AES-GCM', iv: raw.slice(1, 13), additionalData: aad },
      await aesKey(wrapKey),
      raw.slice(13),
    )
    return new Uint8Array(pt)
  } catch {
    throw new ProtocolError('wrapped key did not authenticate')
  }
}

// ----------------------------------------------------------------------------- ECDH / ECIES

export async function generateTransportKey(): Promise<CryptoKeyPair> {
  return subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, false, ['deriveBits'])
}

export async function publicJwk(key: CryptoKey): Promise<PublicJwk> {
  const jwk = await subtle.exportKey('jwk', key)
  return { kty: 'EC', crv: 'P-256', x: jwk.x!, y: jwk.y! }
}

export async function rawPublic(key: CryptoKey): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await subtle.exportKey('raw', key))
}

export function importEcdhPublicRaw(raw: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  return subtle.importKey('raw', raw, { name: 'ECDH', namedCurve: 'P-256' }, true, [])
}

export function importEcdhPrivatePkcs8(der: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  return subtle.importKey('pkcs8', der, { name: 'ECDH', namedCurve: 'P-256' }, false, ['deriveBits'])
}

async function ecdh(priv: CryptoKey, pub: CryptoKey): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await subtle.deriveBits({ name: 'ECDH', public: pub }, priv, 256))
}

export function eciesInfo(epk: Uint8Array<ArrayBuffer>, rpk: Uint8Array<ArrayBuffer>) {
  return concat(ECIES_INFO_LABEL, ZERO, epk, rpk)
}

export async function eciesKey(
  shared: Uint8Array<ArrayBuffer>,
  epk: Uint8Array<ArrayBuffer>,
  rpk: Uint8Array<ArrayBuffer>,
): Promise<Uint8Array<ArrayBuffer>> {
  return hkdf(shared, new Uint8Array(0), eciesInfo(epk, rpk))
}

/** Open a blob the server sealed to `transport` (its private key and raw public point). */
export async function openSealed(
  transport: CryptoKeyPair,
  sealed: SealedBlob | string,
  aad: Uint8Array<ArrayBuffer>,
): Promise<Uint8Array<ArrayBuffer>> {
  let epk: Uint8Array<ArrayBuffer>, iv: Uint8Array<ArrayBuffer>, ct: Uint8Array<ArrayBuffer>
  let ephemeral: CryptoKey
  try {
    const data: SealedBlob = typeof sealed === 'string' ? JSON.parse(sealed) : sealed
    if (data.v !== 1 || data.alg !== SEALED_ALG) throw new ProtocolError('unknown sealed blob version')
    epk = b64uDecode(data.epk)
    iv = b64uDecode(data.iv)
    ct = b64uDecode(data.ct)
    if (epk.length !== 65 || iv.length !== 12) throw new ProtocolError('sealed blob is malformed')
    ephemeral = await importEcdhPublicRaw(epk)
  } catch (e) {
    if (e instanceof ProtocolError) throw e
    throw new ProtocolError('sealed blob is malformed')
  }
  const shared = await ecdh(transport.privateKey, ephemeral)
  const key = await eciesKey(shared, epk, await rawPublic(transport.publicKey))
  try {
    const pt = await subtle.decrypt({ name: 'AES-GCM', iv, additionalData: aad }, await aesKey(key), ct)
    return new Uint8Array(pt)
  } catch {
    throw new ProtocolError('sealed blob did not authenticate')
  } finally {
    key.fill(0)
    shared.fill(0)
  }
}

/** Seal to someone else's P-256 key (the RP's ephemeral key in a decryption). */
export async function sealTo(
  recipient: CryptoKey,
  plaintext: Uint8Array<ArrayBuffer>,
  aad: Uint8Array<ArrayBuffer>,
  fixed?: { ephemeral: CryptoKeyPair; iv: Uint8Array<ArrayBuffer> },
): Promise<SealedBlob> {
  const ephemeral =
    fixed?.ephemeral ??
    (await subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits']))
  const epk = await rawPublic(ephemeral.publicKey)
  const rpk = await rawPublic(recipient)
  const key = await eciesKey(await ecdh(ephemeral.privateKey, recipient), epk, rpk)
  const iv = fixed?.iv ?? globalThis.crypto.getRandomValues(new Uint8Array(12))
  const ct = await subtle.encrypt({ name: 'AES-GCM', iv, additionalData: aad }, await aesKey(key), plaintext)
  key.fill(0)
  return { v: 1, alg: SEALED_ALG, epk: b64uEncode(epk), iv: b64uEncode(iv), ct: b64uEncode(new Uint8Array(ct)) }
}

export function importPublicJwk(jwk: PublicJwk | Record<string, unknown>): Promise<CryptoKey> {
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || 'd' in jwk) {
    throw new ProtocolError('expected a public P-256 JWK')
  }
  return subtle.importKey(
    'jwk',
    { kty: 'EC', crv: 'P-256', x: jwk.x as string, y: jwk.y as string },
    { name: 'ECDH', namedCurve: 'P-256' },
    true,
    [],
  )
}

export function importPublicSpki(der: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  return subtle.importKey('spki', der, { name: 'ECDH', namedCurve: 'P-256' }, true, [])
}

export { b64uDecode, b64uEncode }
