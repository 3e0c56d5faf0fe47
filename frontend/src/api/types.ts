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

export const CERT_TYPE_LABELS: Record<string, string> = { personal: '个人证书', org: '单位证书' }
export const ORDER_TABS = [
  { status: 'pending_review', title: '待审核' },
  { status: 'rejected', title: '未通过' },
  { status: 'pending_payment', title: '待支付' },
  { status: 'completed', title: '已完成' },
] as const
export const OPERATION_LABELS: Record<string, string> = { login: '登录', sign: '签章', decrypt: '解密' }
