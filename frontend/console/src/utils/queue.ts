/**
 * The review queue: the server says everything (GET /queues and /queue: counts, age, SLA,
 * claims); here are the tab labels, the order, where an item is worked and the SLA bar.
 */
import type { QueueItem, QueueKind, ReviewItem } from '../api/types'

export const KIND_LABELS: Record<QueueKind, string> = {
  application: '新申请',
  resubmission: '重新提交',
  name_change: '名称变更',
  seal: '印章',
  invoice: '发票',
}
export const KINDS = Object.keys(KIND_LABELS) as QueueKind[]

/**
 * The queue a company application belongs to (its rejection reasons), as the server decides
 * (review/queues.py `order_kind`): reviewed before — a resubmission — first, then a name change.
 */
export function reviewKind(r: Pick<ReviewItem, 'kind' | 'reject_reason'>): QueueKind {
  if (r.reject_reason) return 'resubmission'
  if (r.kind === 'change') return 'name_change'
  return 'application'
}

/** Oldest first, as an operator works a queue. */
export function oldestFirst(items: QueueItem[]): QueueItem[] {
  return [...items].sort((a, b) => b.age_seconds - a.age_seconds)
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
