import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { consoleApi, loginOutcome } from '../api/console'
import { ApiError, apiPath, buildUrl, call, setSessionEndedHandler, token } from '../api/http'
import { ownProposal } from './approvals'
import { age, composeReason, dateTime, secondsSince, svgDataUrl, usccValid, yuan } from './format'
import { MENU, ROLE_PERMISSIONS, homeFor, menuFor, permissionsOf } from './permissions'
import { detailRoute, oldestFirst, reviewKind, slaPercent } from './queue'
import type { QueueItem, ReviewItem } from '../api/types'

class MemoryStorage {
  private m = new Map<string, string>()
  getItem(k: string) {
    return this.m.has(k) ? this.m.get(k)! : null
  }
  setItem(k: string, v: string) {
    this.m.set(k, v)
  }
  removeItem(k: string) {
    this.m.delete(k)
  }
}

function respond(status: number, body: unknown) {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  })
}

beforeEach(() => {
  vi.stubGlobal('sessionStorage', new MemoryStorage())
})
afterEach(() => {
  vi.unstubAllGlobals()
})

describe('permissions', () => {
  it('mirrors roles.py: a reviewer sees the queues, not the audit log or operators', () => {
    const titles = menuFor(permissionsOf('reviewer')).map((m) => m.title)
    expect(titles).toEqual(['工作台', '审核队列', '发票', '查询', '双人复核', '依赖方', 'CA 层级'])
    expect(titles).not.toContain('审计日志')
    expect(titles).not.toContain('操作员')
  })

  it('an auditor reads the audit log but works no queue', () => {
    const titles = menuFor(permissionsOf('auditor')).map((m) => m.title)
    expect(titles).toContain('审计日志')
    expect(titles).not.toContain('审核队列')
    expect(titles).not.toContain('发票')
    expect(titles).not.toContain('双人复核')
  })

  it('an admin sees every screen; an unknown role none', () => {
    expect(menuFor(permissionsOf('admin'))).toHaveLength(MENU.length)
    expect(menuFor(permissionsOf('intruder'))).toEqual([])
    expect(homeFor(permissionsOf('intruder'))).toBe('/forbidden')
  })

  it('the permissions from /me win over the role table', () => {
    const perms = permissionsOf('admin', ['audit_read'])
    expect(perms).toEqual(['audit_read'])
    expect(menuFor(perms).map((m) => m.path)).toEqual(['/audit', '/privacy'])
    expect(homeFor(perms)).toBe('/audit')
  })

  it('officers may reveal masked data, reviewers may not', () => {
    expect(ROLE_PERMISSIONS.officer).toContain('unmask')
    expect(ROLE_PERMISSIONS.reviewer).not.toContain('unmask')
  })
})

describe('format', () => {
  it('ages read in Chinese', () => {
    expect(age(30)).toBe('刚刚')
    expect(age(5 * 60)).toBe('5分钟')
    expect(age(2 * 3600 + 15 * 60)).toBe('2小时15分')
    expect(age(3 * 86400 + 2 * 3600)).toBe('3天2小时')
    expect(age(86400)).toBe('1天')
    expect(age(null)).toBe('—')
  })

  it('fen become yuan with separators', () => {
    expect(yuan(0)).toBe('¥0.00')
    expect(yuan(123456)).toBe('¥1,234.56')
    expect(yuan(-5)).toBe('-¥0.05')
    expect(yuan(undefined)).toBe('—')
  })

  it('times are shown in Beijing time', () => {
    expect(dateTime('2026-01-31T17:05:00Z')).toBe('2026-02-01 01:05')
    expect(dateTime(null)).toBe('—')
    expect(dateTime('not a date')).toBe('—')
  })

  it('checks the USCC check character (GB 32100)', () => {
    expect(usccValid('91110108MA0000015T')).toBe(true)
    expect(usccValid('91110108MA0000KC2Q')).toBe(true)
    expect(usccValid('91110108MA0000015U')).toBe(false)
    expect(usccValid('91110108MA000001')).toBe(false)
    expect(usccValid('91110108MA0000I15T')).toBe(false) // I is not in the alphabet
    expect(usccValid(null)).toBe(false)
  })

  it('composes a rejection reason from the standard text and the note', () => {
    const r = [
      { code: 'licence_unclear', text: '营业执照不清晰' },
      { code: 'other', text: '其他' },
    ]
    expect(composeReason(r, 'licence_unclear', '  请重新拍摄 ')).toBe('营业执照不清晰：请重新拍摄')
    expect(composeReason(r, 'licence_unclear', '')).toBe('营业执照不清晰')
    expect(composeReason(r, 'other', '名称含错别字')).toBe('名称含错别字')
    expect(composeReason(r, '', '')).toBe('')
  })

  it('puts the enrolment QR into an image URL, never into markup', () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script><text>二维码</text></svg>'
    const url = svgDataUrl(svg)
    expect(url.startsWith('data:image/svg+xml;base64,')).toBe(true)
    const decoded = new TextDecoder().decode(Uint8Array.from(atob(url.split(',')[1]), (c) => c.charCodeAt(0)))
    expect(decoded).toBe(svg)
  })
})

describe('queue', () => {
  const now = new Date('2026-03-02T12:00:00Z')
  const review = (over: Partial<ReviewItem>): ReviewItem => ({
    id: 'o1',
    order_no: 'MC1',
    kind: 'new',
    label: '单位证书',
    cert_type: 'org',
    status: 'pending_review',
    version: 1,
    company_name: '某某公司',
    uscc: null,
    submitted_at: '2026-03-02T11:00:00Z',
    reject_reason: null,
    ...over,
  })

  it('sorts applications into their queues', () => {
    expect(reviewKind(review({}))).toBe('application')
    expect(reviewKind(review({ reject_reason: '执照不清晰' }))).toBe('resubmission')
    expect(reviewKind(review({ kind: 'change' }))).toBe('name_change')
    // as the server's order_kind: a resubmitted name change takes the resubmission reasons
    expect(reviewKind(review({ kind: 'change', reject_reason: '材料不清晰' }))).toBe('resubmission')
  })

  it('orders oldest first and measures the SLA; routes each kind to its screen', () => {
    const item = (id: string, age_seconds: number): QueueItem => ({
      kind: 'application',
      id,
      title: id,
      subject_name: null,
      submitted_at: '2026-03-02T11:00:00Z',
      age_seconds,
      sla_seconds: 86400,
      overdue: age_seconds > 86400,
    })
    const [first, second] = oldestFirst([item('young', 3600), item('old', 2 * 86400)])
    expect(first.id).toBe('old')
    expect(slaPercent(second)).toBe(4)
    expect(slaPercent(first)).toBe(100)
    expect(detailRoute({ kind: 'seal', id: 's1' })).toBe('/seals/s1')
    expect(detailRoute({ kind: 'name_change', id: 'o/1' })).toBe('/reviews/o%2F1')
    expect(detailRoute({ kind: 'invoice', id: 'i1' })).toBe('/invoices')
  })

  it('secondsSince never goes negative', () => {
    expect(secondsSince('2026-03-02T12:00:10Z', now)).toBe(0)
    expect(secondsSince(null, now)).toBeNull()
  })
})

describe('approvals', () => {
  it('the proposer cannot approve', () => {
    const a = { proposer: { id: 'op1', display_name: '甲' } }
    expect(ownProposal(a, { id: 'op1' })).toBe(true)
    expect(ownProposal(a, { id: 'op2' })).toBe(false)
    expect(ownProposal(a, null)).toBe(false)
  })
})

describe('client', () => {
  it('builds URLs under the console prefix, dropping empty parameters', () => {
    expect(buildUrl('/audit', { action: 'a b', actor: '', before_seq: undefined, limit: 50 })).toBe(
      '/api/console/v1/audit?action=a+b&limit=50',
    )
    expect(apiPath('http://x/api/console/v1/seals/s1/image')).toBe('/seals/s1/image')
  })

  it('tells a missing endpoint (功能暂不可用) from a missing record', () => {
    expect(new ApiError(404, 'not_found', '').unavailable).toBe(true)
    expect(new ApiError(405, 'method_not_allowed', '').unavailable).toBe(true)
    expect(new ApiError(404, 'order_not_found', '').unavailable).toBe(false)
    expect(new ApiError(409, 'review_claimed', '').unavailable).toBe(false)
  })

  it('reads the login answer: token (or access_token) and the narrowed status', () => {
    const operator = { id: '1', username: 'u', display_name: 'U', role: 'reviewer', role_label: '审核员', permissions: [] }
    expect(loginOutcome({ status: 'ok', access_token: 't1', token_type: 'bearer', operator })).toMatchObject({
      status: 'ok',
      token: 't1',
    })
    expect(loginOutcome({ status: 'ok', token: 't2', token_type: 'bearer' }).token).toBe('t2')
    expect(loginOutcome({ status: 'totp_required', token_type: 'bearer' }).token).toBeUndefined()
    expect(loginOutcome({ status: 'enrol', enrolment_token: 'e', token_type: 'bearer' }).status).toBe('enrol')
  })

  it('sends the bearer token and maps the error body to a Chinese message', async () => {
    token.set('tok-1')
    const fetchMock = vi.fn(async () => respond(409, { error: { code: 'review_claimed', message: '已被 审核员乙 领取' } }))
    vi.stubGlobal('fetch', fetchMock)
    const err = await consoleApi.claim('application', 'o1').catch((e) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(err.code).toBe('review_claimed')
    expect(err.message).toBe('已被 审核员乙 领取')
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit]
    expect(url).toBe('/api/console/v1/queue/application/o1/claim')
    expect((init.headers as Record<string, string>).Authorization).toBe('Bearer tok-1')
  })

  it('a 202 from a rejection is a proposal awaiting a second operator', async () => {
    const approval = { id: 'ap1', kind: 'name_change_reject', status: 'pending', proposer: { id: 'op1', display_name: '甲' } }
    vi.stubGlobal('fetch', vi.fn(async () => respond(202, approval)))
    const r = await consoleApi.rejectReview('o1', { version: 1, reason: '名称不符' })
    expect(r.approval).toBe(true)
    expect(r.result).toMatchObject({ id: 'ap1' })
    vi.stubGlobal('fetch', vi.fn(async () => respond(200, { id: 'o1', status: 'rejected' })))
    const direct = await consoleApi.rejectReview('o1', { version: 1, reason: '名称不符' })
    expect(direct.approval).toBe(false)
  })

  it('a 401 on an authenticated call ends the session; the login call does not', async () => {
    const ended = vi.fn()
    setSessionEndedHandler(ended)
    vi.stubGlobal('fetch', vi.fn(async () => respond(401, { error: { code: 'operator_session_expired', message: '会话已过期' } })))
    await expect(call('GET', '/me')).rejects.toBeInstanceOf(ApiError)
    expect(ended).toHaveBeenCalledWith('operator_session_expired')
    ended.mockClear()
    await expect(consoleApi.login('u', 'p')).rejects.toMatchObject({ status: 401 })
    expect(ended).not.toHaveBeenCalled()
    setSessionEndedHandler(() => {})
  })

  it('a network failure is a Chinese message, not a crash', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))))
    await expect(consoleApi.me()).rejects.toMatchObject({ code: 'network', message: '网络连接失败，请检查网络后重试' })
  })
})
