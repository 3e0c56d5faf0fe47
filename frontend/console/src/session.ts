/** The logged-in operator: token (sessionStorage), who they are and what they may do. */
import { computed, reactive } from 'vue'
import type { OperatorInfo } from './api/types'
import { consoleApi } from './api/console'
import { ApiError, token } from './api/http'
import { ROLE_LABELS, allowed, menuFor, permissionsOf } from './utils/permissions'

const OPERATOR_KEY = 'mcert.console.operator'

function stored(): OperatorInfo | null {
  try {
    return JSON.parse(sessionStorage.getItem(OPERATOR_KEY) || 'null')
  } catch {
    return null
  }
}

export const session = reactive({
  operator: stored() as OperatorInfo | null,
  /** Why the last session ended (shown on 登录). */
  endedReason: '' as string,
})

export const permissions = computed(() =>
  session.operator ? permissionsOf(session.operator.role, session.operator.permissions) : [],
)
export const menu = computed(() => menuFor(permissions.value))
export const can = (...anyOf: string[]) => allowed(permissions.value, anyOf)
export const roleLabel = computed(() =>
  session.operator ? (session.operator.role_label ?? ROLE_LABELS[session.operator.role] ?? session.operator.role) : '',
)

export function isLoggedIn(): boolean {
  return !!token.get() && !!session.operator
}

export function start(t: string, operator: OperatorInfo | undefined) {
  token.set(t)
  session.operator = operator ?? null
  session.endedReason = ''
  sessionStorage.setItem(OPERATOR_KEY, JSON.stringify(session.operator))
}

/** GET /me for the permissions; without it (older server) the role from the login stays. */
export async function refreshMe(): Promise<void> {
  try {
    const me = await consoleApi.me()
    session.operator = { ...session.operator, ...me }
    sessionStorage.setItem(OPERATOR_KEY, JSON.stringify(session.operator))
  } catch (e) {
    if (!(e instanceof ApiError && e.unavailable)) throw e
  }
}

export function end(reason = '') {
  token.set(null)
  session.operator = null
  session.endedReason = reason
  sessionStorage.removeItem(OPERATOR_KEY)
}

export async function logout() {
  try {
    await consoleApi.logout()
  } catch {
    // An old server has no logout; the token is dropped here either way.
  }
  end()
}
