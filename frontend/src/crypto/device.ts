/**
 * What the phone does with keys, per flow: download/install (4.1, 4.5, 4.6), unlock for use
 * (4.2). Composes protocol.ts (bytes), ecdsa.ts (signing) and keystore.ts (IndexedDB).
 */
import { b64uDecode, b64uEncode } from './bytes'
import { buildCsr, exportPkcs8, generateSigningKey } from './ecdsa'
import { deviceIdentity, getEntry, putEntry, type KeyEntry } from './keystore'
import {
  deriveWrapKey,
  generateTransportKey,
  openSealed,
  passwordPrehash,
  publicJwk,
  sealAad,
  unwrapPrivateKey,
  wrapAad,
  wrapPrivateKey,
  type PublicJwk,
  type SealedBlob,
} from './protocol'

export interface PrehashParams {
  alg?: string
  salt: string
  iterations: number
}

export interface PreparedDownload {
  csr: string
  transport_key: PublicJwk
  finish(result: {
    signing_cert: string
    encryption_cert: string
    sealed_encryption_key: SealedBlob
    sealed_server_share: SealedBlob
    prehash: PrehashParams
  }): Promise<KeyEntry>
}

/** New signing key + CSR and a one-time transport key; `finish` installs the result. */
export async function prepareDownload(certId: string): Promise<PreparedDownload> {
  const signing = await generateSigningKey()
  const transport = await generateTransportKey()
  const csr = await buildCsr(signing)
  return {
    csr,
    transport_key: await publicJwk(transport.publicKey),
    async finish(result) {
      const { device_id, device_secret } = await deviceIdentity()
      const share = await openSealed(transport, result.sealed_server_share, sealAad(certId, device_id, 'server-share'))
      const encDer = await openSealed(transport, result.sealed_encryption_key, sealAad(certId, device_id, 'enc-key'))
      const signDer = await exportPkcs8(signing.privateKey)
      const salt = crypto.getRandomValues(new Uint8Array(16))
      const k = await deriveWrapKey(device_secret, share, certId, device_id, salt)
      share.fill(0)
      const entry: KeyEntry = {
        cert_id: certId,
        wrap_salt: salt,
        wrapped_signing_key: await wrapPrivateKey(signDer, k, wrapAad(certId, device_id, 'sign-key')),
        wrapped_encryption_key: await wrapPrivateKey(encDer, k, wrapAad(certId, device_id, 'enc-key')),
        signing_cert_pem: result.signing_cert,
        encryption_cert_pem: result.encryption_cert,
        prehash_salt: result.prehash.salt,
        prehash_iterations: result.prehash.iterations,
        installed_at: new Date().toISOString(),
      }
      signDer.fill(0)
      encDer.fill(0)
      await putEntry(entry)
      return entry
    },
  }
}

export async function prehash(password: string, params: PrehashParams): Promise<string> {
  return b64uEncode(await passwordPrehash(password, b64uDecode(params.salt), params.iterations))
}

export interface UnlockedKeys {
  signPkcs8: Uint8Array<ArrayBuffer>
  encPkcs8: Uint8Array<ArrayBuffer>
  wipe(): void
}

/** A one-time transport key for an unlock; `open` turns the sealed share into the keys. */
export async function prepareUnlock(certId: string) {
  const transport = await generateTransportKey()
  return {
    transport_key: await publicJwk(transport.publicKey),
    async open(sealedShare: SealedBlob): Promise<UnlockedKeys> {
      const { device_id, device_secret } = await deviceIdentity()
      const entry = await getEntry(certId)
      if (!entry) throw new Error('cert_not_on_device')
      const share = await openSealed(transport, sealedShare, sealAad(certId, device_id, 'server-share'))
      const k = await deriveWrapKey(device_secret, share, certId, device_id, entry.wrap_salt)
      share.fill(0)
      const signPkcs8 = await unwrapPrivateKey(entry.wrapped_signing_key, k, wrapAad(certId, device_id, 'sign-key'))
      const encPkcs8 = await unwrapPrivateKey(entry.wrapped_encryption_key, k, wrapAad(certId, device_id, 'enc-key'))
      return {
        signPkcs8,
        encPkcs8,
        wipe() {
          signPkcs8.fill(0)
          encPkcs8.fill(0)
        },
      }
    },
  }
}

export async function updatePrehashParams(certId: string, params: PrehashParams) {
  const entry = await getEntry(certId)
  if (entry) await putEntry({ ...entry, prehash_salt: params.salt, prehash_iterations: params.iterations })
}
