/**
 * The console's fetch wrapper: bearer token, the server's `{"error": {"code", "message"}}`
 * as an ApiError with the Chinese message, and "this endpoint does not exist on this server"
 * (a contract endpoint not deployed yet) as `unavailable`, which the screens show as 功能暂不可用.
 */

export const API = '/api/console/v1'

export class ApiError extends Error {
  constructor(
    public status: number,
    public code: string,
    message: string,
    public details: Record<string, unknown> = {},
  ) {
    super(message)
  }

  /**
   * The route is not on this server (404 `not_found` from the catch-all, 405 when only the
   * app's GET fallback matches the path). A missing record has its own code (`order_not_found`…).
   */
  get unavailable(): boolean {
    return (this.status === 404 && this.code === 'not_found') || this.status === 405 || this.status === 501
  }
}

export const UNAVAILABLE_TEXT = '功能暂不可用'

const TOKEN_KEY = 'mcert.console.token'

/** The console token lives in sessionStorage: closing the tab ends the console session. */
export const token = {
  get(): string | null {
    return sessionStorage.getItem(TOKEN_KEY)
  },
  set(t: string | null) {
    if (t) sessionStorage.setItem(TOKEN_KEY, t)
    else sessionStorage.removeItem(TOKEN_KEY)
  },
}

let onSessionEnded: (reason: string) => void = () => {}
/** Called on 401 for an authenticated call: the console returns to 登录. */
export function setSessionEndedHandler(fn: (reason: string) => void) {
  onSessionEnded = fn
}

export type Query = Record<string, string | number | boolean | null | undefined>

export function buildUrl(path: string, query?: Query): string {
  let url = API + path
  if (query) {
    const q = new URLSearchParams()
    for (const [k, v] of Object.entries(query)) {
      if (v === undefined || v === null || v === '') continue
      q.append(k, String(v))
    }
    const s = q.toString()
    if (s) url += `?${s}`
  }
  return url
}

export async function errorFrom(res: Response): Promise<ApiError> {
  let body: unknown = null
  try {
    body = await res.json()
  } catch {
    body = null
  }
  const err = (body as { error?: { code?: string; message?: string; details?: Record<string, unknown> } } | null)?.error
  const fallback = res.status === 429 ? '操作过于频繁，请稍后再试' : `请求失败（${res.status}）`
  return new ApiError(res.status, err?.code ?? `http_${res.status}`, err?.message ?? fallback, err?.details ?? {})
}

export interface Answer<T> {
  status: number
  data: T
}

/** One call; resolves with the HTTP status (200 vs 202 matters) and the parsed body. */
export async function call<T>(
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  path: string,
  opts: { query?: Query; json?: unknown; auth?: boolean } = {},
): Promise<Answer<T>> {
  const headers: Record<string, string> = { Accept: 'application/json' }
  const t = token.get()
  if (opts.auth !== false && t) headers.Authorization = `Bearer ${t}`
  let body: string | undefined
  if (opts.json !== undefined) {
    headers['Content-Type'] = 'application/json'
    body = JSON.stringify(opts.json)
  }
  let res: Response
  try {
    res = await fetch(buildUrl(path, opts.query), { method, headers, body })
  } catch {
    throw new ApiError(0, 'network', '网络连接失败，请检查网络后重试')
  }
  if (!res.ok) {
    const err = await errorFrom(res)
    if (res.status === 401 && opts.auth !== false) onSessionEnded(err.code)
    throw err
  }
  if (res.status === 204) return { status: 204, data: undefined as T }
  const text = await res.text()
  return { status: res.status, data: (text ? JSON.parse(text) : undefined) as T }
}

export const get = async <T>(path: string, query?: Query) => (await call<T>('GET', path, { query })).data
export const post = async <T>(path: string, json?: unknown) => (await call<T>('POST', path, { json: json ?? {} })).data
export const patch = async <T>(path: string, json: unknown) => (await call<T>('PATCH', path, { json })).data

/** A binary (document page, seal image, export) fetched with the token, as a Blob. */
export async function blob(path: string, query?: Query): Promise<Blob> {
  const headers: Record<string, string> = {}
  const t = token.get()
  if (t) headers.Authorization = `Bearer ${t}`
  let res: Response
  try {
    res = await fetch(buildUrl(path, query), { headers })
  } catch {
    throw new ApiError(0, 'network', '网络连接失败，请检查网络后重试')
  }
  if (!res.ok) throw await errorFrom(res)
  return res.blob()
}

/** The path part after the API prefix of a URL the server hands out (e.g. a seal's `original_url`). */
export function apiPath(url: string): string {
  const at = url.indexOf(API)
  return at >= 0 ? url.slice(at + API.length) : url
}
