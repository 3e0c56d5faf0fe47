/**
 * The review queue. With the contract's GET /queues and /queue the server says everything
 * (counts, age, SLA, claims). On a server without them the queue is built here from the
 * existing lists (/reviews, /seals, /invoices): no claims, and a default SLA.
 */
import type { QueueItem, QueueKind, QueueKindInfo } from '../api/types'
import type { InvoiceConsoleRead, ReviewItem, SealReviewItem } from '../api/types'
import { secondsSince } from './format'

export const KIND_LABELS: Record<QueueKind, string> = {
  application: '新申请',
  resubmission: '重新提交',
  name_change: '名称变更',
  seal: '印章',
  invoice: '发票',
}
export const KINDS = Object.keys(KIND_LABELS) as QueueKind[]

/** The SLA used when the server does not give one (24 h; invoices 4 h). */
export const DEFAULT_SLA: Record<QueueKind, number> = {
  application: 86400,
  resubmission: 86400,
  name_change: 86400,
  seal: 86400,
  invoice: 4 * 3600,
}

/** The queue a company application belongs to. */
export function reviewKind(r: Pick<ReviewItem, 'kind' | 'reject_reason'>): QueueKind {
  if (r.kind === 'change') return 'name_change'
  if (r.reject_reason) return 'resubmission'
  return 'application'
}

function item(kind: QueueKind, id: string, title: string, subject: string | null, submitted: string | null, now: Date): QueueItem {
  const ageSeconds = secondsSince(submitted, now) ?? 0
  const sla = DEFAULT_SLA[kind]
  return { kind, id, title, subject_name: subject, submitted_at: submitted ?? '', age_seconds: ageSeconds, sla_seconds: sla, overdue: ageSeconds > sla, claimed_by: null }
}

export function fromReviews(rows: ReviewItem[], now = new Date()): QueueItem[] {
  return rows.map((r) => item(reviewKind(r), r.id, `${r.label} ${r.order_no}`, r.company_name, r.submitted_at ?? null, now))
}
export function fromSeals(rows: SealReviewItem[], now = new Date()): QueueItem[] {
  return rows.map((s) => item('seal', s.id, `${s.type_label}「${s.name}」`, s.company ?? s.holder_name_masked ?? null, s.created_at, now))
}
export function fromInvoices(rows: InvoiceConsoleRead[], now = new Date()): QueueItem[] {
  return rows.map((i) => item('invoice', i.id, `${i.kind_label} ${i.amount} 元`, i.buyer_name, i.created_at, now))
}

/** Oldest first, as an operator works a queue. */
export function oldestFirst(items: QueueItem[]): QueueItem[] {
  return [...items].sort((a, b) => b.age_seconds - a.age_seconds)
}

export function summarise(items: QueueItem[]): QueueKindInfo[] {
  return KINDS.map((kind) => {
    const mine = items.filter((i) => i.kind === kind)
    return {
      kind,
      label: KIND_LABELS[kind],
      count: mine.length,
      oldest_age_seconds: mine.length ? Math.max(...mine.map((i) => i.age_seconds)) : null,
      overdue: mine.filter((i) => i.overdue).length,
    }
  })
}

/** Where an item is worked. */
export function detailRoute(i: Pick<QueueItem, 'kind' | 'id'>): string {
  if (i.kind === 'seal') return `/seals/${encodeURIComponent(i.id)}`
  if (i.kind === 'invoice') return '/invoices'
  return `/reviews/${encodeURIComponent(i.id)}`
}

/** How far through its SLA an item is, 0..100 (for the progress bar). */
export function slaPercent(i: Pick<QueueItem, 'age_seconds' | 'sla_seconds'>): number {
  if (!i.sla_seconds) return 0
  return Math.min(100, Math.round((i.age_seconds / i.sla_seconds) * 100))
}
