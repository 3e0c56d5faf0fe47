import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import { setSessionEndedHandler } from './api/http'
import { end, isLoggedIn, permissions } from './session'
import { P, allowed, homeFor } from './utils/permissions'

const routes: RouteRecordRaw[] = [
  { path: '/login', component: () => import('./views/LoginView.vue'), meta: { public: true } },
  {
    path: '/',
    component: () => import('./views/LayoutView.vue'),
    children: [
      // Not a `redirect`: those run before the guard, when a logged-out visitor has no
      // permissions yet; beforeEnter runs after it, for the logged-in operator.
      { path: '', name: 'home', component: () => import('./views/ForbiddenView.vue'), beforeEnter: () => homeFor(permissions.value) },
      { path: 'dashboard', component: () => import('./views/DashboardView.vue'), meta: { anyOf: [P.DASHBOARD] } },
      { path: 'queue', component: () => import('./views/QueueView.vue'), meta: { anyOf: [P.REVIEW, P.INVOICE_MANAGE] } },
      { path: 'reviews/:id', component: () => import('./views/ReviewDetailView.vue'), meta: { anyOf: [P.REVIEW] } },
      { path: 'seals/:id', component: () => import('./views/SealReviewView.vue'), meta: { anyOf: [P.REVIEW] } },
      { path: 'invoices', component: () => import('./views/InvoicesView.vue'), meta: { anyOf: [P.INVOICE_MANAGE] } },
      { path: 'lookup', component: () => import('./views/LookupView.vue'), meta: { anyOf: [P.LOOKUP] } },
      { path: 'certificates/:id', component: () => import('./views/CertDetailView.vue'), meta: { anyOf: [P.LOOKUP] } },
      { path: 'approvals', component: () => import('./views/ApprovalsView.vue'), meta: { anyOf: [P.REVIEW, P.REVOKE, P.RP_MANAGE] } },
      { path: 'relying-parties', component: () => import('./views/RelyingPartiesView.vue'), meta: { anyOf: [P.RP_MANAGE, P.LOOKUP] } },
      { path: 'ca', component: () => import('./views/CaView.vue'), meta: { anyOf: [P.LOOKUP] } },
      { path: 'audit', component: () => import('./views/AuditView.vue'), meta: { anyOf: [P.AUDIT_READ] } },
      { path: 'privacy', component: () => import('./views/PrivacyRequestsView.vue'), meta: { anyOf: [P.AUDIT_READ] } },
      { path: 'operators', component: () => import('./views/OperatorsView.vue'), meta: { anyOf: [P.OPERATOR_MANAGE] } },
      { path: 'forbidden', component: () => import('./views/ForbiddenView.vue') },
    ],
  },
  { path: '/:rest(.*)*', redirect: '/' },
]

export const router = createRouter({ history: createWebHistory('/console/'), routes })

router.beforeEach((to) => {
  if (to.path === '/login' && isLoggedIn()) return homeFor(permissions.value)
  if (to.meta.public) return true
  if (!isLoggedIn()) return { path: '/login', query: to.fullPath !== '/' ? { next: to.fullPath } : {} }
  const anyOf = (to.meta.anyOf as string[] | undefined) ?? []
  if (!allowed(permissions.value, anyOf)) return '/forbidden'
  return true
})

setSessionEndedHandler((code) => {
  end(code === 'operator_session_expired' ? '会话已超时，请重新登录' : '登录已失效，请重新登录')
  const here = router.currentRoute.value
  if (!here.meta.public) void router.push({ path: '/login', query: { next: here.fullPath } })
})
