/**
 * Device binding (docs/protocol.md section 6): the messages this installation's device key
 * signs — the login message over the single-use SMS code, and the proof of one
 * binding-sensitive request over the server's single-use challenge, the method, the path
 * and the body's SHA-256. Signatures are WebCrypto's raw r ‖ s, base64url.
 * Mirrors src/mcert_device/devicekey.py; docs/protocol-vectors.json pins the bytes.
 */
import { b64uEncode, concat, utf8 } from './bytes'
import { deviceKey } from './keystore'

const subtle = globalThis.crypto.subtle
const LOGIN_LABEL = 'mcert/device-login/v1'
const PROOF_LABEL = 'mcert/device-proof/v1'
export const CHALLENGE_HEADER = 'X-Mcert-Device-Challenge'
export const SIGNATURE_HEADER = 'X-Mcert-Device-Signature'

/** 2-byte big-endian length ‖ UTF-8 (no 255-byte cap, unlike the key-protection lp). */
function lp16(value: string): Uint8Array<ArrayBuffer> {
  const raw = utf8(value)
  if (raw.length > 0xffff) throw new Error('value too long')
  return concat(new Uint8Array([raw.length >> 8, raw.length & 0xff]), raw)
}

const sha256 = async (data: Uint8Array<ArrayBuffer>) => new Uint8Array(await subtle.digest('SHA-256', data))

export async function loginMessage(deviceId: string, code: string, spki: Uint8Array<ArrayBuffer>) {
  return concat(utf8(LOGIN_LABEL), new Uint8Array([0]), lp16(deviceId), lp16(code), await sha256(spki))
}

export async function proofMessage(challenge: string, method: string, path: string, body: Uint8Array<ArrayBuffer>) {
  return concat(
    utf8(PROOF_LABEL),
    new Uint8Array([0]),
    lp16(challenge),
    lp16(method.toUpperCase()),
    lp16(path),
    await sha256(body),
  )
}

export async function signRaw(key: CryptoKey, message: Uint8Array<ArrayBuffer>): Promise<string> {
  return b64uEncode(new Uint8Array(await subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, key, message)))
}

/** The `device` fields of the login request: the public key and its proof over the code. */
export async function loginProof(deviceId: string, code: string) {
  const keys = await deviceKey()
  const spki = new Uint8Array(await subtle.exportKey('spki', keys.publicKey))
  return {
    public_key: b64uEncode(spki),
    proof: await signRaw(keys.privateKey, await loginMessage(deviceId, code, spki)),
  }
}

/** Headers proving this device for one request (challenge fetched by the caller). */
export async function proofHeaders(challenge: string, method: string, path: string, body: string | null) {
  const keys = await deviceKey()
  const message = await proofMessage(challenge, method, path, utf8(body ?? ''))
  return { [CHALLENGE_HEADER]: challenge, [SIGNATURE_HEADER]: await signRaw(keys.privateKey, message) }
}
