import { describe, expect, it } from 'vitest'
import { normaliseCode, normalisePhone } from './ident'

describe('normalisePhone', () => {
  it.each([
    ['13912345678', '13912345678'],
    ['+86 139 1234 5678', '13912345678'],
    ['139-1234-5678', '13912345678'],
    ['+86-139-1234-5678', '13912345678'],
    ['0086 139 1234 5678', '13912345678'],
    ['１３９１２３４５６７８', '13912345678'],
  ])('%s is %s', (typed, number) => expect(normalisePhone(typed)).toBe(number))

  it.each(['', '1391234567', '+1 3912345678', '861391234567', '139/1234/5678', '12912345678'])(
    'refuses %s',
    (typed) => expect(normalisePhone(typed)).toBeNull(),
  )
})

describe('normaliseCode', () => {
  it('folds full-width digits and spaces', () => {
    expect(normaliseCode('１２３４５６')).toBe('123456')
    expect(normaliseCode(' 123 456 ')).toBe('123456')
    expect(normaliseCode('12345')).toBeNull()
  })
})
