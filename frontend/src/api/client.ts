/**
 * A thin typed fetch wrapper over the generated OpenAPI types (schema.d.ts): bearer token,
 * refresh-token rotation on 401 `token_expired`, Chinese error messages from the server's
 * `{"error": {"code", "message", "details"}}`, and upload progress for multipart bodies.
 */
import { proofHeaders } from '../crypto/devicekey'
import type { components, paths } from './schema'

export type Schemas = components['schemas']

type Method = 'get' | 'post' | 'delete'
type Op<P extends keyof paths, M extends Method> = paths[P][M] extends infer O
  ? O extends { responses: unknown }
    ? O
    : never
  : never
type JsonOf<R> = R extends { content: { 'application/json': infer J } } ? J : undefined
type Ok<O> = O extends { responses: infer R }
  ? 200 extends keyof R
    ? JsonOf<R[200]>
    : 201 extends keyof R
      ? JsonOf<R[201]>
      : undefined
  : never
type BodyOf<O> = O extends { requestBody: { content: { 'application/json': infer B } } } ? B : never
type PathParams<O> = O extends { parameters: { path: infer P } } ? P : never
type QueryParams<O> = O extends { parameters: { query?: infer Q } } ? Q : never

export interface CallOptions<O> {
  path?: PathParams<O>
  query?: QueryParams<O>
  json?: BodyOf<O>
  form?: FormData
  onProgress?: (percent: number) => void
  /** Skip the automatic refresh (the refresh call itself). */
  noRefresh?: boolean
  /** Binding-sensitive call: sign a fresh server challenge with the device key (protocol §6). */
  deviceProof?: boolean
}

export class ApiError extends Error {
  constructor(
    public status: number,
    public code: string,
    message: string,
    public details: Record<string, unknown> = {},
  ) {
    super(message)
  }
}

const TOKENS_KEY = 'mcert.tokens'
interface Tokens {
  access_token: string
  refresh_token: string
}

export const tokens = {
  get(): Tokens | null {
    try {
      return JSON.parse(localStorage.getItem(TOKENS_KEY) || 'null')
    } catch {
      return null
    }
  },
  set(t: Tokens | null) {
    nextChallenge = null // bound to the session it came with
    if (t) localStorage.setItem(TOKENS_KEY, JSON.stringify({ access_token: t.access_token, refresh_token: t.refresh_token }))
    else localStorage.removeItem(TOKENS_KEY)
  },
}

/** Called when the session is gone for good (refresh failed): the app goes to 登录. */
let onLoggedOut: () => void = () => {}
export function setLoggedOutHandler(fn: () => void) {
  onLoggedOut = fn
}

function buildUrl(template: string, path?: Record<string, unknown>, query?: Record<string, unknown>) {
  let url = template.replace(/\{(\w+)\}/g, (_, k) => encodeURIComponent(String(path?.[k])))
  if (query) {
    const q = new URLSearchParams()
    for (const [k, v] of Object.entries(query)) {
      if (v === undefined || v === null || v === '') continue
      // A list is the parameter repeated (?status=a&status=b), as FastAPI reads it.
      for (const item of Array.isArray(v) ? v : [v]) q.append(k, String(item))
    }
    const s = q.toString()
    if (s) url += `?${s}`
  }
  return url
}

interface RawResponse {
  status: number
  body: unknown
}

/**
 * The device's next proof challenge: every authenticated answer carries a fresh one
 * (X-Mcert-Next-Device-Challenge, protocol §6), so a binding-sensitive call needs no round
 * trip for it. Single-use: taken once. Used only with enough lifetime left for the call to
 * arrive; otherwise the app asks POST /device/challenge as before.
 */
const CHALLENGE_MARGIN_MS = 20_000
let nextChallenge: { value: string; until: number } | null = null

export function keepNextChallenge(header: (name: string) => string | null, now = Date.now()) {
  const value = header('x-mcert-next-device-challenge')
  const ttl = Number(header('x-mcert-next-device-challenge-expires-in'))
  if (value && Number.isFinite(ttl) && ttl > 0) nextChallenge = { value, until: now + ttl * 1000 - CHALLENGE_MARGIN_MS }
}

/** The piggybacked challenge if it is still fresh (forgotten either way), else null. */
export function takeNextChallenge(now = Date.now()): string | null {
  const c = nextChallenge
  nextChallenge = null
  return c && now < c.until ? c.value : null
}

function send(method: string, url: string, body: BodyInit | null, headers: Record<string, string>, onProgress?: (p: number) => void) {
  if (onProgress && body instanceof FormData) {
    return new Promise<RawResponse>((resolve, reject) => {
      const xhr = new XMLHttpRequest()
      xhr.open(method.toUpperCase(), url)
      for (const [k, v] of Object.entries(headers)) xhr.setRequestHeader(k, v)
      xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(Math.round((e.loaded / e.total) * 100))
      xhr.onload = () => {
        let parsed: unknown = null
        try {
          parsed = xhr.responseText ? JSON.parse(xhr.responseText) : null
        } catch {
          parsed = xhr.responseText
        }
        keepNextChallenge((name) => xhr.getResponseHeader(name))
        resolve({ status: xhr.status, body: parsed })
      }
      xhr.onerror = () => reject(new ApiError(0, 'network', '网络连接失败，请检查网络后重试'))
      xhr.send(body)
    })
  }
  return fetch(url, { method: method.toUpperCase(), body, headers }).then(
    async (res) => {
      keepNextChallenge((name) => res.headers.get(name))
      const text = await res.text()
      let parsed: unknown = null
      try {
        parsed = text ? JSON.parse(text) : null
      } catch {
        parsed = text
      }
      return { status: res.status, body: parsed }
    },
    () => {
      throw new ApiError(0, 'network', '网络连接失败，请检查网络后重试')
    },
  )
}

let refreshing: Promise<boolean> | null = null

async function refresh(): Promise<boolean> {
  const t = tokens.get()
  if (!t) return false
  if (!refreshing) {
    refreshing = send('post', '/api/app/v1/auth/refresh', JSON.stringify({ refresh_token: t.refresh_token }), {
      'content-type': 'application/json',
    })
      .then((r) => {
        if (r.status === 200) {
          tokens.set(r.body as Tokens)
          return true
        }
        return false
      })
      .catch(() => false)
      .finally(() => {
        refreshing = null
      })
  }
  return refreshing
}

const STATUS_MESSAGES: Record<number, string> = {
  404: '请求的内容不存在',
  413: '文件太大',
  429: '操作太频繁，请稍后再试',
  500: '服务器开小差了，请稍后再试',
  502: '服务暂时不可用，请稍后再试',
  503: '服务暂时不可用，请稍后再试',
}

function toError(r: RawResponse): ApiError {
  const err = (r.body as { error?: { code: string; message: string; details?: Record<string, unknown> } } | null)?.error
  if (err) return new ApiError(r.status, err.code, err.message, err.details ?? {})
  if (r.status === 422) return new ApiError(422, 'invalid_input', '输入有误，请检查后重试')
  return new ApiError(r.status, 'http_error', STATUS_MESSAGES[r.status] ?? `请求失败（${r.status}）`)
}

export async function call<P extends keyof paths, M extends Method>(
  method: M,
  path: P,
  opts: CallOptions<Op<P, M>> = {},
): Promise<Ok<Op<P, M>>> {
  const url = buildUrl(path as string, opts.path as Record<string, unknown>, opts.query as Record<string, unknown>)
  let provedWithKept = false
  const attempt = async () => {
    provedWithKept = false
    const headers: Record<string, string> = { accept: 'application/json' }
    const t = tokens.get()
    if (t) headers.authorization = `Bearer ${t.access_token}`
    let body: BodyInit | null = null
    if (opts.form) body = opts.form
    else if (opts.json !== undefined) {
      body = JSON.stringify(opts.json)
      headers['content-type'] = 'application/json'
    }
    if (opts.deviceProof) {
      // A fresh single-use challenge per attempt; the signed bytes are the sent bytes.
      let challenge = takeNextChallenge()
      provedWithKept = challenge !== null
      if (!challenge) {
        const c = await send('post', '/api/app/v1/device/challenge', null, { ...headers, accept: 'application/json' })
        if (c.status !== 200) return c
        challenge = (c.body as { challenge: string }).challenge
      }
      Object.assign(headers, await proofHeaders(challenge, method, url.split('?')[0], typeof body === 'string' ? body : null))
    }
    return send(method, url, body, headers, opts.onProgress)
  }
  let r = await attempt()
  if (provedWithKept && r.status === 403 && (r.body as { error?: { code?: string } })?.error?.code === 'device_proof_invalid') {
    // The kept challenge expired by the server's clock (the phone slept): a refused proof
    // ran nothing, so ask for a fresh challenge and send again.
    r = await attempt()
  }
  if (r.status === 401 && !opts.noRefresh) {
    const code = (r.body as { error?: { code?: string } })?.error?.code
    if (code === 'token_expired' && (await refresh())) r = await attempt()
    if (r.status === 401) {
      tokens.set(null)
      onLoggedOut()
    }
  }
  if (r.status === 403 && (r.body as { error?: { code?: string } })?.error?.code === 'device_proof_required') {
    // A session from before device keys: logging in again registers this device's key.
    tokens.set(null)
    onLoggedOut()
  }
  if (r.status >= 400) throw toError(r)
  return r.body as Ok<Op<P, M>>
}

/**
 * A binary answer (a seal image, a preview PNG) with the same bearer token, refresh and
 * error bodies as `call`; JSON errors become an ApiError with the server's Chinese message.
 */
export async function fetchBlob(
  method: Method,
  template: string,
  opts: { path?: Record<string, unknown>; form?: FormData } = {},
): Promise<Blob> {
  const url = buildUrl(template, opts.path)
  const attempt = () => {
    const headers: Record<string, string> = {}
    const t = tokens.get()
    if (t) headers.authorization = `Bearer ${t.access_token}`
    return fetch(url, { method: method.toUpperCase(), body: opts.form ?? null, headers }).catch(() => {
      throw new ApiError(0, 'network', '网络连接失败，请检查网络后重试')
    })
  }
  let res = await attempt()
  if (res.status === 401) {
    const body = await res.clone().json().catch(() => null)
    if (body?.error?.code === 'token_expired' && (await refresh())) res = await attempt()
    if (res.status === 401) {
      tokens.set(null)
      onLoggedOut()
    }
  }
  if (res.status >= 400) {
    const text = await res.text()
    let parsed: unknown = null
    try {
      parsed = text ? JSON.parse(text) : null
    } catch {
      parsed = text
    }
    throw toError({ status: res.status, body: parsed })
  }
  return res.blob()
}

export const api = {
  get: <P extends keyof paths>(path: P, opts?: CallOptions<Op<P, 'get'>>) => call('get', path, opts),
  post: <P extends keyof paths>(path: P, opts?: CallOptions<Op<P, 'post'>>) => call('post', path, opts),
  del: <P extends keyof paths>(path: P, opts?: CallOptions<Op<P, 'delete'>>) => call('delete', path, opts),
}

/**
 * Open a PDF the server sends (an invoice) in the phone's viewer: fetched with the bearer
 * token into a blob URL, then opened in a new tab (the browser's own PDF viewer).
 */
export async function openPdf(template: string, path: Record<string, unknown>): Promise<void> {
  const viewer = window.open('', '_blank')
  try {
    const blob = await fetchBlob('get', template, { path })
    const href = URL.createObjectURL(new Blob([blob], { type: 'application/pdf' }))
    if (viewer) viewer.location.href = href
    else window.location.assign(href)
    setTimeout(() => URL.revokeObjectURL(href), 60_000)
  } catch (e) {
    viewer?.close()
    throw e
  }
}

/** A message for a toast from anything thrown. */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) return e.message
  if (e instanceof Error && e.message === 'cert_not_on_device') return '本机没有该证书的密钥，请先下载或补办'
  return '操作失败，请重试'
}

/**
 * A file the server sends as an attachment (the usage CSV): fetched with the bearer token
 * (a plain link would carry none) and handed to the browser as a download, bytes untouched
 * (the CSV's byte-order mark stays, so Excel reads the Chinese).
 */
export async function downloadFile(path: string, query: Record<string, unknown>, filename: string): Promise<void> {
  const url = buildUrl(path, undefined, query)
  const attempt = () => {
    const t = tokens.get()
    return fetch(url, { headers: t ? { authorization: `Bearer ${t.access_token}` } : {} }).catch(() => {
      throw new ApiError(0, 'network', '网络连接失败，请检查网络后重试')
    })
  }
  let res = await attempt()
  if (res.status === 401 && (await refresh())) res = await attempt()
  if (!res.ok) {
    const text = await res.text()
    let body: unknown = text
    try {
      body = JSON.parse(text)
    } catch {
      /* not JSON */
    }
    throw toError({ status: res.status, body })
  }
  const href = URL.createObjectURL(await res.blob())
  const a = document.createElement('a')
  a.href = href
  a.download = filename
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(href), 10_000)
}
