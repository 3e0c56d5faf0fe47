import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import { showFailToast } from 'vant'
import { api, tokens } from './api/client'
import TabsLayout from './views/TabsLayout.vue'
import HomeView from './views/HomeView.vue'

const routes: RouteRecordRaw[] = [
  { path: '/login', component: () => import('./views/LoginView.vue'), meta: { public: true, title: '登录' } },
  {
    path: '/',
    component: TabsLayout,
    children: [
      { path: '', component: HomeView, meta: { title: '首页' } },
      { path: 'certs', component: () => import('./views/CertsView.vue'), meta: { title: '证书' } },
      { path: 'me', component: () => import('./views/MeView.vue'), meta: { title: '我的' } },
    ],
  },
  { path: '/certs/:id', component: () => import('./views/CertDetailView.vue'), meta: { title: '证书详情' } },
  { path: '/certs/:id/download', component: () => import('./views/DownloadView.vue'), meta: { title: '下载证书' } },
  { path: '/certs/:id/password', component: () => import('./views/PasswordChangeView.vue'), meta: { title: '修改证书密码' } },
  { path: '/certs/:id/reset', component: () => import('./views/PasswordResetView.vue'), meta: { title: '重置证书密码' } },
  { path: '/certs/:id/renew', component: () => import('./views/RenewView.vue'), meta: { title: '证书延期' } },
  { path: '/certs/:id/change', component: () => import('./views/ChangeView.vue'), meta: { title: '证书变更' } },
  { path: '/certs/:id/reissue', component: () => import('./views/ReissueView.vue'), meta: { title: '证书补办' } },
  { path: '/apply', component: () => import('./views/ApplyView.vue'), meta: { title: '申请证书' } },
  { path: '/realname', component: () => import('./views/RealnameView.vue'), meta: { title: '实名认证' } },
  { path: '/orders', component: () => import('./views/OrdersView.vue'), meta: { title: '订单管理' } },
  { path: '/orders/:id', component: () => import('./views/OrderDetailView.vue'), meta: { title: '订单详情' } },
  { path: '/scan', component: () => import('./views/ScanView.vue'), meta: { title: '扫一扫' } },
  { path: '/scan/confirm', component: () => import('./views/ScanConfirmView.vue'), meta: { title: '确认操作' } },
  // What a phone's camera app opens from a bidding platform's QR code.
  {
    path: '/q/:frame',
    redirect: (to) => ({ path: '/scan/confirm', query: { qr: `${location.origin}/q/${to.params.frame}` } }),
  },
  // The company side: 授权管理 and 单位信息 are for the company's 证书管理员 only.
  { path: '/company/:orgId', component: () => import('./views/CompanyView.vue'), meta: { title: '单位信息', companyAdmin: true } },
  { path: '/company/:orgId/members', component: () => import('./views/MembersView.vue'), meta: { title: '授权管理', companyAdmin: true } },
  { path: '/company/:orgId/invite', component: () => import('./views/InviteView.vue'), meta: { title: '单位成员授权', companyAdmin: true } },
  { path: '/claims', component: () => import('./views/ClaimsView.vue'), meta: { title: '待申领的证书' } },
  { path: '/claims/:memberId', component: () => import('./views/ClaimView.vue'), meta: { title: '申领单位证书' } },
  { path: '/privacy', component: () => import('./views/PrivacyView.vue'), meta: { title: '隐私设置' } },
  { path: '/usage', component: () => import('./views/UsageView.vue'), meta: { title: '使用记录' } },
  { path: '/messages', component: () => import('./views/MessagesView.vue'), meta: { title: '消息' } },
  { path: '/seals', component: () => import('./views/SealsView.vue'), meta: { title: '电子印章' } },
  { path: '/seals/apply', component: () => import('./views/SealApplyView.vue'), meta: { title: '申请印章' } },
  { path: '/invoices', component: () => import('./views/InvoicesView.vue'), meta: { title: '我的发票' } },
  { path: '/invoices/apply', component: () => import('./views/InvoiceApplyView.vue'), meta: { title: '申请开票' } },
  { path: '/invoice-titles', component: () => import('./views/InvoiceTitlesView.vue'), meta: { title: '发票抬头' } },
  { path: '/me/data', component: () => import('./views/MyDataView.vue'), meta: { title: '我的信息' } },
  { path: '/me/cancel', component: () => import('./views/CancelAccountView.vue'), meta: { title: '注销账号' } },
  { path: '/:pathMatch(.*)*', component: () => import('./views/NotFoundView.vue'), meta: { public: true, title: '页面不存在' } },
]

export const router = createRouter({
  history: createWebHistory(),
  routes,
  scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
})

router.beforeEach(async (to) => {
  if (!to.meta.public && !tokens.get()) {
    return { path: '/login', query: to.fullPath !== '/' ? { redirect: to.fullPath } : {} }
  }
  if (to.meta.companyAdmin) {
    // The server refuses too (403 org_admin_required); the app does not even show the screen.
    let admin = false
    try {
      const companies = await api.get('/api/app/v1/companies')
      admin = companies.some((c) => c.id === to.params.orgId && c.role === 'admin')
    } catch {
      /* treated as not an admin */
    }
    if (!admin) {
      showFailToast('仅单位的证书管理员可以使用此功能')
      return { path: '/me', replace: true }
    }
  }
  return true
})

router.afterEach((to) => {
  document.title = to.meta.title ? `${to.meta.title as string} - mCert 移动证书` : 'mCert 移动证书'
})
