/**
 * The console's types, generated from the server's OpenAPI document (schema.d.ts,
 * `npm run gen:api`). Only the narrow unions the screens switch on (queue kinds, login status,
 * unmaskable fields) are written here; the server's schemas type them as plain strings.
 */
import type { components } from './schema'

export type Schemas = components['schemas']

// auth and operators
export type LoginResult = Schemas['mcert__operator__schemas__LoginResult']
export type LoginStatus = 'ok' | 'totp_required' | 'enrol'
export type OperatorInfo = Schemas['OperatorInfo']
export type OperatorRef = Schemas['OperatorRef']
export type OperatorRow = Schemas['OperatorRow']

// approvals
export type Approval = Schemas['ApprovalRead']
export type ApprovalStatus = 'pending' | 'approved' | 'rejected' | 'expired'
export type SecretRead = Schemas['SecretRead']

// reviews, seals, invoices, queues
export type ReviewItem = Schemas['ReviewItem']
export type ReviewDetail = Schemas['ReviewDetail']
export type DocumentRead = Schemas['DocumentRead']
export type Extracted = Schemas['Extracted']
export type SealReviewItem = Schemas['SealReviewItem']
export type SealReviewDetail = Schemas['SealReviewDetail']
export type InvoiceConsoleRead = Schemas['InvoiceConsoleRead']
export type QueueKind = 'application' | 'resubmission' | 'name_change' | 'seal' | 'invoice'
/** GET /queues: `overdue` is the number of overdue items of the kind. */
export type QueueKindInfo = Omit<Schemas['QueueCount'], 'kind'> & { kind: QueueKind }
export type QueueItem = Omit<Schemas['QueueItem'], 'kind'> & { kind: QueueKind }
export type RejectionReason = Schemas['RejectionReason']

// certificates and CA
export type CertRow = Schemas['mcert__cert__schemas__CertRow']
export type CertDetail = Schemas['ConsoleCertDetail']
export type CaCert = Schemas['CAItem']
export type CrlInfo = Schemas['CRLInfo']

// relying parties
export type RpRow = Schemas['RpRow']
export type RpCreated = Schemas['RpCreated']

// look-up
export type HolderRow = Schemas['HolderRow']
export type HolderDetail = Schemas['HolderDetail']
/** A certificate row of a holder or company in look-up (has org_id, created_at). */
export type LookupCertRow = Schemas['mcert__lookup__schemas__CertRow']
export type UnmaskField = 'name' | 'phone' | 'id_number'
export type Unmasked = Schemas['Unmasked']
export type CompanyRow = Schemas['CompanyRow']
export type CompanyDetail = Schemas['CompanyDetail']
export type OrderRow = Schemas['OrderRow']
export type OrderDetail = Schemas['OrderDetail']

// audit and dashboard
export type AuditItem = Schemas['AuditItem']
export type AuditPage = Schemas['AuditPage']
export type AuditVerify = Schemas['ChainVerification']
export type PrivacyRequest = Schemas['PrivacyRequestRead']
export type Dashboard = Schemas['Dashboard']
