import type { Approval, OperatorInfo } from '../api/types'

/** The proposer cannot approve their own proposal (the server answers 403 `approval_self`). */
export function ownProposal(a: Pick<Approval, 'proposer'>, me: Pick<OperatorInfo, 'id'> | null | undefined): boolean {
  return !!me && a.proposer.id === me.id
}
