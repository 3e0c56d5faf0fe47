/** The seal types the app offers (the server's `seal.service.TYPES`, docs/seals.md). */

export type SealGroup = 'company' | 'personal'

export interface SealTypeInfo {
  value: string
  label: string
  group: SealGroup
  /** A photo of the stamp on white paper, or the signature pad. */
  input: 'photo' | 'pad'
  hint: string
}

export const SEAL_TYPES: readonly SealTypeInfo[] = [
  { value: 'company_official', label: '企业公章', group: 'company', input: 'photo', hint: '单位公章' },
  { value: 'company_contract', label: '合同专用章', group: 'company', input: 'photo', hint: '签订合同用' },
  { value: 'company_finance', label: '财务专用章', group: 'company', input: 'photo', hint: '财务往来用' },
  { value: 'company_invoice', label: '发票专用章', group: 'company', input: 'photo', hint: '开具发票用' },
  { value: 'personal_stamp', label: '个人私章', group: 'personal', input: 'photo', hint: '个人名章' },
  { value: 'personal_signature', label: '个人手写签名', group: 'personal', input: 'pad', hint: '在签名板上手写' },
]

export const SEAL_GROUPS: readonly { name: SealGroup; title: string }[] = [
  { name: 'company', title: '企业章' },
  { name: 'personal', title: '个人章' },
]

export const sealType = (value: string) => SEAL_TYPES.find((t) => t.value === value)

/**
 * Which seals a certificate can carry (the server's rule, seal/service.py `apply`): company
 * seals only on a company certificate (and only its certificate admin may apply — the server
 * says so with `org_admin_required`); personal seals on any certificate of the holder.
 */
export function typesFor(certType: string, group: SealGroup): SealTypeInfo[] {
  if (group === 'company' && certType !== 'org') return []
  return SEAL_TYPES.filter((t) => t.group === group)
}

type TagType = 'primary' | 'success' | 'warning' | 'danger' | 'default'

/** The card's tag: an approved seal waits for 申领. */
export function sealTag(status: string, label: string): { text: string; type: TagType } {
  switch (status) {
    case 'unpaid':
      return { text: label, type: 'warning' }
    case 'pending_review':
      return { text: label, type: 'primary' }
    case 'rejected':
      return { text: label, type: 'danger' }
    case 'approved':
      return { text: '待申领', type: 'warning' }
    case 'claimed':
      return { text: label, type: 'success' }
    default:
      return { text: label, type: 'default' }
  }
}
