/**
 * Who sees what in the console. The server decides (every endpoint checks a permission);
 * this only hides what the operator cannot use. The table mirrors src/mcert/operator/roles.py
 * and is used only when GET /me (which lists the permissions) is not available.
 */

export const P = {
  REVIEW: 'review',
  INVOICE_MANAGE: 'invoice_manage',
  LOOKUP: 'lookup',
  UNMASK: 'unmask',
  REVOKE: 'revoke',
  RP_MANAGE: 'rp_manage',
  AUDIT_READ: 'audit_read',
  DASHBOARD: 'dashboard',
  OPERATOR_MANAGE: 'operator_manage',
} as const
export type Permission = (typeof P)[keyof typeof P]

export const ROLE_LABELS: Record<string, string> = {
  reviewer: '审核员',
  officer: 'CA 业务员',
  auditor: '审计员',
  admin: '管理员',
}

const ALL = Object.values(P)
export const ROLE_PERMISSIONS: Record<string, readonly Permission[]> = {
  reviewer: [P.REVIEW, P.INVOICE_MANAGE, P.LOOKUP, P.DASHBOARD],
  officer: [P.REVOKE, P.RP_MANAGE, P.INVOICE_MANAGE, P.LOOKUP, P.UNMASK, P.DASHBOARD],
  auditor: [P.LOOKUP, P.AUDIT_READ, P.DASHBOARD],
  admin: ALL,
}

/** The permissions from /me when given, else the role's (unknown role: none). */
export function permissionsOf(role: string, fromServer?: readonly string[] | null): string[] {
  if (fromServer) return [...fromServer]
  return [...(ROLE_PERMISSIONS[role] ?? [])]
}

export interface MenuItem {
  path: string
  title: string
  /** Any one of these is enough to see the item. */
  anyOf: Permission[]
}

export const MENU: MenuItem[] = [
  { path: '/dashboard', title: '工作台', anyOf: [P.DASHBOARD] },
  { path: '/queue', title: '审核队列', anyOf: [P.REVIEW, P.INVOICE_MANAGE] },
  { path: '/invoices', title: '发票', anyOf: [P.INVOICE_MANAGE] },
  { path: '/lookup', title: '查询', anyOf: [P.LOOKUP] },
  { path: '/approvals', title: '双人复核', anyOf: [P.REVIEW, P.REVOKE, P.RP_MANAGE] },
  { path: '/relying-parties', title: '依赖方', anyOf: [P.RP_MANAGE, P.LOOKUP] },
  { path: '/ca', title: 'CA 层级', anyOf: [P.LOOKUP] },
  { path: '/audit', title: '审计日志', anyOf: [P.AUDIT_READ] },
  { path: '/privacy', title: '个人信息请求', anyOf: [P.AUDIT_READ] },
  { path: '/operators', title: '操作员', anyOf: [P.OPERATOR_MANAGE] },
]

export function allowed(perms: readonly string[], anyOf: readonly string[]): boolean {
  return anyOf.length === 0 || anyOf.some((p) => perms.includes(p))
}

export function menuFor(perms: readonly string[]): MenuItem[] {
  return MENU.filter((m) => allowed(perms, m.anyOf))
}

/** The first screen an operator may open (工作台 for most; 审核队列 etc. otherwise). */
export function homeFor(perms: readonly string[]): string {
  return menuFor(perms)[0]?.path ?? '/forbidden'
}
