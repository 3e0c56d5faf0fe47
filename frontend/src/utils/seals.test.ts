import { describe, expect, it } from 'vitest'
import { sealTag, typesFor } from './seals'

describe('typesFor (the server rule: company seals only on company certificates)', () => {
  it('offers no company seal on a personal certificate', () => {
    expect(typesFor('personal', 'company')).toEqual([])
  })
  it('offers the four company seals on a company certificate', () => {
    expect(typesFor('org', 'company').map((t) => t.label)).toEqual(['企业公章', '合同专用章', '财务专用章', '发票专用章'])
  })
  it('offers the personal seals on any certificate, the signature on the pad', () => {
    for (const cert of ['personal', 'org']) {
      expect(typesFor(cert, 'personal').map((t) => [t.value, t.input])).toEqual([
        ['personal_stamp', 'photo'],
        ['personal_signature', 'pad'],
      ])
    }
  })
})

describe('sealTag', () => {
  it('shows an approved seal as waiting for 申领 and keeps the server labels otherwise', () => {
    expect(sealTag('approved', '已通过')).toEqual({ text: '待申领', type: 'warning' })
    expect(sealTag('rejected', '未通过')).toEqual({ text: '未通过', type: 'danger' })
    expect(sealTag('claimed', '已申领').text).toBe('已申领')
    expect(sealTag('voided', '已作废')).toEqual({ text: '已作废', type: 'default' })
  })
  it('marks a seal waiting for payment and keeps a cancelled one grey', () => {
    expect(sealTag('unpaid', '待支付')).toEqual({ text: '待支付', type: 'warning' })
    expect(sealTag('cancelled', '已取消')).toEqual({ text: '已取消', type: 'default' })
  })
})
