import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

// The device key lives in IndexedDB in the browser; here only the challenge it signs matters.
vi.mock('../crypto/devicekey', () => ({
  proofHeaders: async (challenge: string) => ({ 'X-Mcert-Device-Challenge': challenge, 'X-Mcert-Device-Signature': 'sig' }),
}))

const { call, keepNextChallenge, takeNextChallenge, tokens } = await import('./client')

type Sent = { method: string; url: string; challenge: string | null }

function server(sent: Sent[]) {
  let n = 0
  return async (url: string, init: { method: string; headers: Record<string, string> }) => {
    sent.push({ method: init.method, url, challenge: init.headers['X-Mcert-Device-Challenge'] ?? null })
    n += 1
    const headers = new Headers({ 'content-type': 'application/json' })
    // Every authenticated answer carries the next challenge, as the server does.
    if (init.headers.authorization) {
      headers.set('x-mcert-next-device-challenge', `piggy-${n}`)
      headers.set('x-mcert-next-device-challenge-expires-in', '120')
    }
    const body = url.endsWith('/device/challenge') ? { challenge: `asked-${n}`, expires_in: 120 } : { ok: true }
    return new Response(JSON.stringify(body), { status: 200, headers })
  }
}

// A logged-in app: tokens in (a stand-in for) localStorage.
const store = new Map<string, string>()
beforeEach(() => {
  vi.stubGlobal('localStorage', {
    getItem: (k: string) => store.get(k) ?? null,
    setItem: (k: string, v: string) => store.set(k, v),
    removeItem: (k: string) => store.delete(k),
  })
  tokens.set({ access_token: 'a', refresh_token: 'r' })
})
afterEach(() => {
  vi.unstubAllGlobals()
  store.clear()
})

describe('device proof challenges', () => {

  it('signs the challenge the last answer carried, without asking for one', async () => {
    const sent: Sent[] = []
    vi.stubGlobal('fetch', server(sent))
    await call('get', '/api/app/v1/certificates')
    await call('post', '/api/app/v1/scan/{session_id}/prepare', {
      path: { session_id: 's1' },
      json: {} as never,
      deviceProof: true,
    })
    expect(sent.map((s) => s.url)).toEqual(['/api/app/v1/certificates', '/api/app/v1/scan/s1/prepare'])
    expect(sent[1].challenge).toBe('piggy-1')
  })

  it('asks for a fresh challenge when the kept one was used or is stale', async () => {
    const sent: Sent[] = []
    vi.stubGlobal('fetch', server(sent))
    await call('get', '/api/app/v1/certificates')
    expect(takeNextChallenge()).toBe('piggy-1') // taken: single use
    await call('post', '/api/app/v1/scan/{session_id}/prepare', {
      path: { session_id: 's1' },
      json: {} as never,
      deviceProof: true,
    })
    expect(sent.map((s) => s.url)).toEqual([
      '/api/app/v1/certificates',
      '/api/app/v1/device/challenge',
      '/api/app/v1/scan/s1/prepare',
    ])
    expect(sent[2].challenge).toBe('asked-2')

    // Less than the margin of its lifetime left: not used.
    keepNextChallenge((name) => ({ 'x-mcert-next-device-challenge': 'old', 'x-mcert-next-device-challenge-expires-in': '120' })[name] ?? null, 0)
    expect(takeNextChallenge(120_000 - 19_000)).toBeNull()
  })

  it('forgets the kept challenge when the session changes', async () => {
    const sent: Sent[] = []
    vi.stubGlobal('fetch', server(sent))
    await call('get', '/api/app/v1/certificates')
    tokens.set({ access_token: 'b', refresh_token: 's' })
    expect(takeNextChallenge()).toBeNull()
  })
})

describe('a kept challenge the server finds expired', () => {

  it('is replaced by a fresh one and the call sent again', async () => {
    const sent: Sent[] = []
    const ok = server(sent)
    vi.stubGlobal('fetch', async (url: string, init: { method: string; headers: Record<string, string> }) => {
      if (init.headers['X-Mcert-Device-Challenge']?.startsWith('piggy')) {
        sent.push({ method: init.method, url, challenge: init.headers['X-Mcert-Device-Challenge'] })
        const body = { error: { code: 'device_proof_invalid', message: '设备验证已过期，请重试' } }
        return new Response(JSON.stringify(body), { status: 403, headers: { 'content-type': 'application/json' } })
      }
      return ok(url, init)
    })
    await call('get', '/api/app/v1/certificates')
    await call('post', '/api/app/v1/scan/{session_id}/prepare', {
      path: { session_id: 's1' },
      json: {} as never,
      deviceProof: true,
    })
    expect(sent.map((s) => [s.url, s.challenge])).toEqual([
      ['/api/app/v1/certificates', null],
      ['/api/app/v1/scan/s1/prepare', 'piggy-1'],
      ['/api/app/v1/device/challenge', null],
      ['/api/app/v1/scan/s1/prepare', 'asked-2'],
    ])
  })
})
