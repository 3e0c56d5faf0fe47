/**
 * The phone's key store in IndexedDB: this installation's device id and device secret, and
 * one entry per certificate (wrapped private keys, certificates, salts — nothing usable in
 * the clear). Clearing the site's data is uninstalling the app: the certificates on it can
 * then only be recovered by 补办 (reissue) on this "new phone".
 *
 * Why the device secret is stored as raw bytes, not as a non-extractable CryptoKey: the
 * protocol's wrap key is HKDF(ikm = device_secret ‖ server_share); WebCrypto's HKDF takes
 * its ikm only as one raw imported key, and HMAC-based HKDF-Extract uses the *salt* as the
 * HMAC key, so there is no way to feed a non-extractable secret into the ikm. A
 * non-extractable key would also not stop someone who copies the browser profile (the
 * structured-clone of a CryptoKey is in the profile too). What protects the keys is that
 * the server share is released only for the right password and counted (docs/protocol.md).
 *
 * The device key (docs/protocol.md section 6) is different: it is only ever used to sign, so
 * it is generated non-extractable and stored as a CryptoKey. A copy of the exported storage
 * (localStorage, a JSON dump of IndexedDB) does not carry its private half; a copy of the
 * whole browser profile, opened by the same browser build, may (the structured clone is in
 * the profile's IndexedDB files) — the server cannot tell that copy from this browser.
 */

const DB_NAME = 'mcert-keystore'
// 2: the `seals` store (claimed electronic seals) was added.
const DB_VERSION = 2

export interface DeviceIdentity {
  device_id: string
  device_secret: Uint8Array<ArrayBuffer>
}

export interface KeyEntry {
  cert_id: string
  wrap_salt: Uint8Array<ArrayBuffer>
  wrapped_signing_key: string
  wrapped_encryption_key: string
  signing_cert_pem: string
  encryption_cert_pem: string
  prehash_salt: string | null
  prehash_iterations: number | null
  installed_at: string
}

let dbPromise: Promise<IDBDatabase> | null = null

function db(): Promise<IDBDatabase> {
  if (!dbPromise) {
    dbPromise = new Promise((resolve, reject) => {
      const req = indexedDB.open(DB_NAME, DB_VERSION)
      req.onupgradeneeded = () => {
        const d = req.result
        if (!d.objectStoreNames.contains('device')) d.createObjectStore('device')
        if (!d.objectStoreNames.contains('entries')) d.createObjectStore('entries', { keyPath: 'cert_id' })
        if (!d.objectStoreNames.contains('seals')) d.createObjectStore('seals', { keyPath: 'seal_id' })
      }
      req.onsuccess = () => resolve(req.result)
      req.onerror = () => reject(req.error)
    })
  }
  return dbPromise
}

function run<T>(store: string, mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest): Promise<T> {
  return db().then(
    (d) =>
      new Promise<T>((resolve, reject) => {
        const tx = d.transaction(store, mode)
        const req = fn(tx.objectStore(store))
        tx.oncomplete = () => resolve(req.result as T)
        tx.onerror = () => reject(tx.error)
        tx.onabort = () => reject(tx.error)
      }),
  )
}

/** This installation's identity, created on first use (crypto.randomUUID + 32 random bytes). */
export async function deviceIdentity(): Promise<DeviceIdentity> {
  const existing = await run<DeviceIdentity | undefined>('device', 'readonly', (s) => s.get('self'))
  if (existing) return existing
  const created: DeviceIdentity = {
    device_id: crypto.randomUUID(),
    device_secret: crypto.getRandomValues(new Uint8Array(32)),
  }
  // add(), not put(): two tabs racing at first start keep the first identity.
  try {
    await run('device', 'readwrite', (s) => s.add(created, 'self'))
  } catch {
    /* another tab won */
  }
  return (await run<DeviceIdentity>('device', 'readonly', (s) => s.get('self')))!
}

/**
 * This installation's device key: ECDSA P-256, generated non-extractable on first use and
 * kept as a CryptoKeyPair in IndexedDB. Login registers its public half; binding-sensitive
 * calls are signed with it.
 */
export async function deviceKey(): Promise<CryptoKeyPair> {
  const existing = await run<CryptoKeyPair | undefined>('device', 'readonly', (s) => s.get('key'))
  if (existing) return existing
  const created = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify'])
  // add(), not put(): two tabs racing at first start keep the first key.
  try {
    await run('device', 'readwrite', (s) => s.add(created, 'key'))
  } catch {
    /* another tab won */
  }
  return (await run<CryptoKeyPair>('device', 'readonly', (s) => s.get('key')))!
}

export const getEntry = (certId: string) =>
  run<KeyEntry | undefined>('entries', 'readonly', (s) => s.get(certId))

export const putEntry = (entry: KeyEntry) => run('entries', 'readwrite', (s) => s.put(entry))

export const listEntries = () => run<KeyEntry[]>('entries', 'readonly', (s) => s.getAll())

export const deleteEntry = (certId: string) => run('entries', 'readwrite', (s) => s.delete(certId))

/** A claimed seal kept on the phone (申领): the signed GB/T 38540 seal data, as the device
 * CLI keeps `seals/<id>.der`; signing a PDF with it (the next issue) reads it from here. */
export interface SealEntry {
  seal_id: string
  cert_id: string
  es_id: string
  /** base64url DER of the signed SESeal. */
  seseal: string
  claimed_at: string
}

export const putSeal = (entry: SealEntry) => run('seals', 'readwrite', (s) => s.put(entry))

export const getSeal = (sealId: string) => run<SealEntry | undefined>('seals', 'readonly', (s) => s.get(sealId))
