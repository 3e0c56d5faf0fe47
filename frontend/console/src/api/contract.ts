/**
 * HAND-WRITTEN types for the console endpoints of the contract (/work CONSOLE_API.md, issue #16)
 * that are NOT yet in the server's OpenAPI document on this branch.
 *
 * TODO(after merge of console-auth / console-queues): regenerate schema.d.ts
 * (`npm run gen:api`) and replace each type here by `Schemas['…']` from ./types.ts, deleting
 * the hand-written copy. Field names follow the contract (binding); optional fields are the
 * ones the contract marks with `?`.
 */

export type LoginStatus = 'ok' | 'totp_required' | 'enrol'

export interface OperatorInfo {
  id: string
  username: string
  display_name: string
  role: string
  role_label?: string
  permissions?: string[]
}

/** POST /auth/login and /auth/totp/enrol (contract). Today's server answers `access_token`. */
export interface LoginResult {
  status?: LoginStatus
  token?: string
  access_token?: string
  expires_at?: string
  operator?: OperatorInfo
  enrolment_token?: string
  otpauth_uri?: string
  qr_svg?: string
  secret?: string
}

export interface OperatorRow {
  id: string
  username: string
  display_name: string
  role: string
  role_label: string
  totp_enrolled: boolean
  disabled: boolean
  last_login_at: string | null
}

export type ApprovalStatus = 'pending' | 'approved' | 'rejected' | 'expired'
export interface Approval {
  id: string
  kind: 'company_revoke' | 'name_change_reject' | 'rp_secret_rotate' | string
  kind_label: string
  summary: string
  params: Record<string, unknown>
  status: ApprovalStatus
  proposer: { id: string; display_name: string }
  created_at: string
  decided_by?: { id: string; display_name: string } | null
  decided_at?: string | null
  decision_reason?: string | null
  result?: unknown
}

export interface CertRow {
  id: string
  serial_hex: string
  subject_cn: string
  kind: 'personal' | 'company'
  holder_name_masked: string | null
  org_name?: string | null
  status: string
  not_before: string
  not_after: string
}

export interface CertDetail extends CertRow {
  ocsp_status: 'good' | 'revoked' | 'unknown'
  revoked_at?: string | null
  revocation_reason?: string | null
  history: { id: string; serial_hex: string; action: 'issued' | 'renewed' | 'reissued' | 'changed'; at: string }[]
  pem: string
}

export interface CaCert {
  kind: 'root' | 'issuing' | 'ocsp' | 'tsa'
  subject: string
  serial_hex: string
  not_before: string
  not_after: string
  days_left: number
}
export interface CrlInfo {
  number: number
  this_update: string
  next_update: string
  revoked_count: number
}

export interface RpRow {
  id: string
  name: string
  app_id: string
  enabled: boolean
  operations: string[]
  callback_url: string
  usage_30d: { login: number; sign: number; decrypt: number; seal: number }
}
export interface RpCreated extends RpRow {
  secret: string
}

export type QueueKind = 'application' | 'resubmission' | 'name_change' | 'seal' | 'invoice'
export interface QueueKindInfo {
  kind: QueueKind
  label: string
  count: number
  oldest_age_seconds: number | null
  overdue: number | boolean
}
export interface QueueItem {
  kind: QueueKind
  id: string
  title: string
  subject_name: string | null
  submitted_at: string | null
  age_seconds: number
  sla_seconds: number
  overdue: boolean
  claimed_by?: { id: string; display_name: string } | null
  claim_expires_at?: string | null
}
export interface RejectionReason {
  code: string
  text: string
}
export interface Extracted {
  company_name: string | null
  uscc: string | null
  uscc_valid: boolean
  legal_rep: string | null
}
/** Documents in the contract's review detail: `pages` is the PDF's page count (1 for images). */
export interface ContractDocument {
  id: string
  kind: string
  content_type: string
  pages?: number
}

export interface HolderRow {
  id: string
  name_masked: string
  phone_masked: string
  id_number_masked: string
  realname_status: string
  created_at: string
}
export interface HolderDetail extends HolderRow {
  certificates: Partial<CertRow>[]
  orders: Partial<OrderRow>[]
  companies: Partial<CompanyRow>[]
}
export type UnmaskField = 'name' | 'phone' | 'id_number'
export interface Unmasked {
  name?: string
  phone?: string
  id_number?: string
}
export interface CompanyRow {
  id: string
  name: string
  uscc: string
  legal_rep_masked: string
  status: string
  members: number
  certificates: number
}
export interface OrderRow {
  id: string
  kind: string
  status: string
  amount_fen: number
  holder_name_masked: string | null
  created_at: string
  paid_at: string | null
}

export interface AuditItem {
  seq: number
  at: string
  action: string
  actor_type: string
  actor_id: string | null
  actor_name?: string | null
  target_type: string | null
  target_id: string | null
  details: Record<string, unknown>
}
export interface AuditPage {
  items: AuditItem[]
  next_before_seq?: number | null
}
export interface AuditVerify {
  ok: boolean
  checked: number
  first_bad_seq?: number | null
  message: string
}

export interface Dashboard {
  queues: { kind: QueueKind; label: string; count: number; oldest_age_seconds: number | null }[]
  certificates: { day: string; issued: number; renewed: number; revoked: number }[]
  scans: { day: string; completed: number; rejected: number; expired: number; failed: number }[]
  payments: { day: string; count: number; amount_fen: number }[]
}
