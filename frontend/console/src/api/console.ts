/**
 * The console API, one typed function per endpoint. Types come from the server's OpenAPI
 * document (./types.ts over the generated ./schema.d.ts).
 */
import { call, get, patch, post, type Query } from './http'
import type * as C from './types'
import type { InvoiceConsoleRead, ReviewDetail, ReviewItem, SealReviewDetail, SealReviewItem } from './types'

/** An action that may need a second operator: 200 with the result, or 202 with an Approval. */
export type Proposed<T> = { approval: false; result: T } | { approval: true; result: C.Approval }

async function proposing<T>(path: string, json: unknown): Promise<Proposed<T>> {
  const r = await call<T | C.Approval>('POST', path, { json })
  return r.status === 202 ? { approval: true, result: r.data as C.Approval } : { approval: false, result: r.data as T }
}

/** The login answer with its status narrowed; the session token is `token` (or `access_token`, the same). */
export function loginOutcome(r: C.LoginResult): C.LoginResult & { status: C.LoginStatus } {
  const status = (r.status || 'ok') as C.LoginStatus
  return { ...r, status, token: r.token ?? r.access_token }
}

export const consoleApi = {
  // auth
  login: async (username: string, password: string, totp_code?: string) =>
    loginOutcome((await call<C.LoginResult>('POST', '/auth/login', { json: { username, password, totp_code }, auth: false })).data),
  enrolTotp: async (enrolment_token: string, code: string) =>
    loginOutcome((await call<C.LoginResult>('POST', '/auth/totp/enrol', { json: { enrolment_token, code }, auth: false })).data),
  logout: () => call<void>('POST', '/auth/logout', { json: {} }),
  me: () => get<C.OperatorInfo>('/me'),

  dashboard: (days = 30) => get<C.Dashboard>('/dashboard', { days }),

  // queues
  queues: () => get<{ kinds: C.QueueKindInfo[] }>('/queues'),
  queue: (kind: C.QueueKind) => get<C.QueueItem[]>('/queue', { kind }),
  claim: (kind: C.QueueKind, id: string) => post<C.QueueItem>(`/queue/${kind}/${encodeURIComponent(id)}/claim`),
  release: (kind: C.QueueKind, id: string) => post<C.QueueItem>(`/queue/${kind}/${encodeURIComponent(id)}/release`),
  rejectionReasons: (kind: string) => get<C.RejectionReason[]>('/rejection-reasons', { kind }),

  // reviews
  reviews: (status = 'pending_review') => get<ReviewItem[]>('/reviews', { status }),
  review: (id: string) => get<ReviewDetail>(`/reviews/${encodeURIComponent(id)}`),
  approveReview: (id: string, version: number) => post<ReviewDetail>(`/reviews/${encodeURIComponent(id)}/approve`, { version }),
  rejectReview: (id: string, body: { version: number; reason: string; reason_code?: string }) =>
    proposing<ReviewDetail>(`/reviews/${encodeURIComponent(id)}/reject`, body),
  documentPath: (orderId: string, docId: string) => `/reviews/${encodeURIComponent(orderId)}/documents/${encodeURIComponent(docId)}`,
  pagePath: (orderId: string, docId: string, n: number) =>
    `/reviews/${encodeURIComponent(orderId)}/documents/${encodeURIComponent(docId)}/pages/${n}`,

  // seals
  seals: (status = 'pending_review') => get<SealReviewItem[]>('/seals', { status }),
  seal: (id: string) => get<SealReviewDetail>(`/seals/${encodeURIComponent(id)}`),
  approveSeal: (id: string) => post<SealReviewDetail>(`/seals/${encodeURIComponent(id)}/approve`),
  rejectSeal: (id: string, reason: string, reason_code?: string) =>
    post<SealReviewDetail>(`/seals/${encodeURIComponent(id)}/reject`, { reason, reason_code }),

  // invoices
  invoices: (status = 'failed') => get<InvoiceConsoleRead[]>('/invoices', { status }),
  retryInvoice: (id: string) => post<InvoiceConsoleRead>(`/invoices/${encodeURIComponent(id)}/retry`),
  voidInvoice: (id: string, reason: string) => post<InvoiceConsoleRead>(`/invoices/${encodeURIComponent(id)}/void`, { reason }),

  // look-up
  holders: (q: string) => get<C.HolderRow[]>('/holders', { q }),
  holder: (id: string) => get<C.HolderDetail>(`/holders/${encodeURIComponent(id)}`),
  unmask: (id: string, fields: C.UnmaskField[], reason: string) =>
    post<C.Unmasked>(`/holders/${encodeURIComponent(id)}/unmask`, { fields, reason }),
  companies: (q: string) => get<C.CompanyRow[]>('/companies', { q }),
  company: (id: string) => get<C.CompanyDetail>(`/companies/${encodeURIComponent(id)}`),
  revokeCompany: (orgId: string, reason: string, note: string) =>
    proposing<C.Approval>(`/companies/${encodeURIComponent(orgId)}/revoke-certificates`, { reason, note }),
  orders: (q: Query) => get<C.OrderRow[]>('/orders', q),
  certificates: (q: Query) => get<C.CertRow[]>('/certificates', q),
  certificate: (id: string) => get<C.CertDetail>(`/certificates/${encodeURIComponent(id)}`),
  revokeCertificate: (id: string, reason: string, note?: string) =>
    post<C.CertDetail>(`/certificates/${encodeURIComponent(id)}/revoke`, { reason, note }),
  ca: () => get<C.CaCert[]>('/ca'),
  crl: () => get<C.CrlInfo>('/ca/crl'),

  // approvals
  approvals: (status = 'pending') => get<C.Approval[]>('/approvals', { status }),
  approve: (id: string) => post<C.Approval>(`/approvals/${encodeURIComponent(id)}/approve`),
  approvalSecret: (id: string) => get<{ secret: string }>(`/approvals/${encodeURIComponent(id)}/secret`),
  rejectApproval: (id: string, reason: string) => post<C.Approval>(`/approvals/${encodeURIComponent(id)}/reject`, { reason }),

  // relying parties
  relyingParties: () => get<C.RpRow[]>('/relying-parties'),
  createRelyingParty: (body: { name: string; callback_url: string; operations: string[] }) =>
    post<C.RpCreated>('/relying-parties', body),
  updateRelyingParty: (id: string, body: { enabled?: boolean; operations?: string[]; callback_url?: string }) =>
    patch<C.RpRow>(`/relying-parties/${encodeURIComponent(id)}`, body),
  rotateSecret: (id: string) => proposing<C.Approval>(`/relying-parties/${encodeURIComponent(id)}/rotate-secret`, {}),

  // audit
  audit: (q: Query) => get<C.AuditPage>('/audit', q),
  verifyAudit: () => post<C.AuditVerify>('/audit/verify'),
  privacyRequests: (q: Query) => get<C.PrivacyRequest[]>('/privacy/requests', q),

  // operators
  operators: () => get<C.OperatorRow[]>('/operators'),
  createOperator: (body: { username: string; display_name: string; role: string; password: string }) =>
    post<C.OperatorRow>('/operators', body),
  setRole: (id: string, role: string) => post<C.OperatorRow>(`/operators/${encodeURIComponent(id)}/role`, { role }),
  reset2fa: (id: string) => post<C.OperatorRow>(`/operators/${encodeURIComponent(id)}/reset-2fa`),
  setDisabled: (id: string, disabled: boolean) =>
    post<C.OperatorRow>(`/operators/${encodeURIComponent(id)}/${disabled ? 'disable' : 'enable'}`),
}
