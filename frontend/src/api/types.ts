import type { Schemas } from './client'

export type CertRead = Schemas['CertRead']
export type CertDetail = Schemas['CertDetail']
export type OrderRead = Schemas['OrderRead']
export type ScanView = Schemas['ScanView']
export type UsageRead = Schemas['UsageRead']
export type MessageRead = Schemas['MessageRead']
export type MeRead = Schemas['MeRead']
export type PriceRead = Schemas['PriceRead']
export type RealnameStatus = Schemas['RealnameStatus']
export type AttemptRead = Schemas['AttemptRead']
export type DeviceRead = Schemas['DeviceRead']
export type SealRead = Schemas['SealRead']
export type SealClaimed = Schemas['SealClaimed']
export type InvoiceRead = Schemas['InvoiceRead']
export type TitleRead = Schemas['TitleRead']
export type TitleList = Schemas['TitleList']

export const CERT_TYPE_LABELS: Record<string, string> = { personal: '个人证书', org: '单位证书' }
export type OrderStatus = Schemas['OrderStatus']
// 订单管理 tabs: `statuses` is the API filter (none: 全部; 已取消 holds cancelled and closed).
export const ORDER_TABS: readonly { name: string; title: string; statuses: OrderStatus[] }[] = [
  { name: 'all', title: '全部', statuses: [] },
  { name: 'pending_review', title: '待审核', statuses: ['pending_review'] },
  { name: 'rejected', title: '未通过', statuses: ['rejected'] },
  { name: 'pending_payment', title: '待支付', statuses: ['pending_payment'] },
  { name: 'completed', title: '已完成', statuses: ['completed'] },
  { name: 'cancelled', title: '已取消', statuses: ['cancelled', 'closed'] },
]
export const OPERATION_LABELS: Record<string, string> = { login: '登录', sign: '签章', decrypt: '解密' }

// The company side (授权管理, 单位信息, 待申领的证书).
export type CompanyBrief = Schemas['CompanyBrief']
export type CompanyRead = Schemas['CompanyRead']
export type MemberRead = Schemas['MemberRead']
export type MemberRole = Schemas['MemberRole']
export type ClaimRead = Schemas['ClaimRead']
export const ROLE_OPTIONS: readonly { value: MemberRole; text: string; hint: string }[] = [
  { value: 'user', text: '证书使用人', hint: '使用本人的单位证书，只能查看本人的使用记录' },
  { value: 'admin', text: '证书管理员', hint: '可为他人授权，查看单位全部成员的使用记录' },
]
