/**
 * Signing-key operations: key generation, the CSR (proof of possession), the login
 * signature (WebCrypto ECDSA/SHA-256) and signatures over given SHA-256 digests (WebCrypto
 * cannot sign a pre-hashed value, so `@noble/curves` p256 does that one), all DER-encoded.
 * The private key arrives as PKCS#8 bytes unwrapped for one operation; callers zero them.
 */
import { p256 } from '@noble/curves/nist.js'
import { b64Decode, b64uDecode, equalBytes } from './bytes'
import { bitString, ecdsaRawToDer, oid, pem, seq, set, tlv, uint, utf8String } from './der'
import {
  ProtocolError,
  importEcdhPrivatePkcs8,
  importPublicJwk,
  importPublicSpki,
  importEcdhPublicRaw,
  sealTo,
  scanOutputAad,
  type SealedBlob,
} from './protocol'

const subtle = globalThis.crypto.subtle
const ECDSA = { name: 'ECDSA', namedCurve: 'P-256' } as const
export const CSR_PLACEHOLDER_CN = 'mcert-device'

/** The holder's signing key. Extractable only so that its PKCS#8 can be wrapped under K. */
export function generateSigningKey(): Promise<CryptoKeyPair> {
  return subtle.generateKey(ECDSA, true, ['sign', 'verify'])
}

export async function exportPkcs8(key: CryptoKey): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await subtle.exportKey('pkcs8', key))
}

/** PEM PKCS#10 CSR, subject CN=mcert-device (the server takes the subject from real-name). */
export async function buildCsr(keys: CryptoKeyPair): Promise<string> {
  const spki = new Uint8Array(await subtle.exportKey('spki', keys.publicKey))
  const name = seq(set(seq(oid('2.5.4.3'), utf8String(CSR_PLACEHOLDER_CN))))
  const info = seq(uint(new Uint8Array([0])), name, spki, tlv(0xa0))
  const raw = new Uint8Array(
    await subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, keys.privateKey, info as Uint8Array<ArrayBuffer>),
  )
  const csr = seq(info, seq(oid('1.2.840.10045.4.3.2')), bitString(ecdsaRawToDer(raw)))
  return pem('CERTIFICATE REQUEST', csr)
}

/** Login: ECDSA P-256 / SHA-256 over the payload bytes, DER. */
export async function signMessage(pkcs8: Uint8Array<ArrayBuffer>, message: Uint8Array<ArrayBuffer>) {
  const key = await subtle.importKey('pkcs8', pkcs8, ECDSA, false, ['sign'])
  const raw = new Uint8Array(await subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, key, message))
  return ecdsaRawToDer(raw)
}

async function privateScalar(pkcs8: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  const key = await subtle.importKey('pkcs8', pkcs8, ECDSA, true, ['sign'])
  const jwk = await subtle.exportKey('jwk', key)
  return b64uDecode(jwk.d!)
}

/** Sign: ECDSA over each 32-byte SHA-256 digest as a pre-hashed value, DER. */
export async function signDigests(pkcs8: Uint8Array<ArrayBuffer>, digests: Uint8Array[]) {
  const d = await privateScalar(pkcs8)
  try {
    return digests.map((digest) => {
      if (digest.length !== 32) throw new ProtocolError('digest must be 32 bytes')
      return ecdsaRawToDer(p256.sign(digest, d, { prehash: false }))
    })
  } finally {
    d.fill(0)
  }
}

export interface EcdhRecipient {
  kind: string
  curve: string
  recipient_key_sha256: string
  ephemeral_public_key: string
}

/**
 * Decrypt, step (b) on the phone: ECDH of the escrowed encryption key with the envelope's
 * ephemeral key; Z sealed to the relying party's one-time key (the server never sees Z).
 * Mirrors `key_agreement_for_rp` in src/mcert_device/client.py.
 */
export async function keyAgreementForRp(
  encPkcs8: Uint8Array<ArrayBuffer>,
  recipient: EcdhRecipient,
  rpPublicKey: Record<string, unknown> | string,
  sessionId: string,
): Promise<SealedBlob> {
  if (recipient.kind !== 'ecdh' || recipient.curve !== 'secp256r1') {
    throw new ProtocolError('only P-256 key agreement envelopes are supported on the device')
  }
  const exportable = await subtle.importKey('pkcs8', encPkcs8, { name: 'ECDH', namedCurve: 'P-256' }, true, [
    'deriveBits',
  ])
  const jwk = await subtle.exportKey('jwk', exportable)
  const pub = await importPublicJwk({ kty: 'EC', crv: 'P-256', x: jwk.x!, y: jwk.y! })
  const spki = new Uint8Array(await subtle.exportKey('spki', pub))
  const digest = new Uint8Array(await subtle.digest('SHA-256', spki))
  if (!equalBytes(digest, b64Decode(recipient.recipient_key_sha256))) {
    throw new ProtocolError('the envelope is not for this certificate\'s key')
  }
  const priv = await importEcdhPrivatePkcs8(encPkcs8)
  const peer = await importEcdhPublicRaw(b64Decode(recipient.ephemeral_public_key))
  const z = new Uint8Array(await subtle.deriveBits({ name: 'ECDH', public: peer }, priv, 256))
  const rpKey =
    typeof rpPublicKey === 'string'
      ? await importPublicSpki(b64uDecode(rpPublicKey))
      : await importPublicJwk(rpPublicKey)
  try {
    return await sealTo(rpKey, z, scanOutputAad(sessionId))
  } finally {
    z.fill(0)
  }
}
