import { describe, expect, it } from 'vitest'
import { foldResidentId, normaliseCode, normalisePhone, personNameError, residentIdCheckChar, residentIdError } from './ident'

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

// Numbers made by src/mcert/ident.py make_resident_id, so both sides agree on them.
describe('residentIdError', () => {
  const today = new Date('2026-12-02T00:00:00Z')
  it.each(['110101199001010015', '440305198502281233', '11010119900101004X', '11010119900101004x', '１１０１０１ １９９００１０１００１５'])(
    'accepts %s',
    (typed) => expect(residentIdError(typed, today)).toBeNull(),
  )

  it.each([
    ['11010119900101001', '身份证号码应为18位'],
    ['1101011990010100A5', '身份证号码格式不正确'],
    ['990101199001010015', '身份证号码中的地区代码不正确'],
    ['110101199002300015', '身份证号码中的出生日期不正确'],
    ['110101189912310015', '身份证号码中的出生日期不正确'],
    ['110101202712010015', '身份证号码中的出生日期不正确'],
    ['110101199001010016', '身份证号码校验位不正确，请检查是否输入有误'],
    ['11010119900101004Y', '身份证号码格式不正确'],
  ])('refuses %s: %s', (typed, message) => expect(residentIdError(typed, today)).toBe(message))

  it('computes the GB 11643 check character and folds what people type', () => {
    expect(residentIdCheckChar('11010119900101001')).toBe('5')
    expect(residentIdCheckChar('11010119900101004')).toBe('X')
    expect(foldResidentId(' 11010119900101004ｘ ')).toBe('11010119900101004X')
  })
})

describe('personNameError', () => {
  it.each(['李四', '欧阳 娜娜', '买买提·艾力', '𠮷野家', 'Anna Li', ' 王五 '])('accepts %s', (typed) =>
    expect(personNameError(typed)).toBeNull(),
  )
  it.each([
    ['', '请输入姓名'],
    ['   ', '请输入姓名'],
    ['李', '请输入正确的姓名'],
    ['李四1', '请输入正确的姓名'],
    ['·李四', '请输入正确的姓名'],
    ['李四·', '请输入正确的姓名'],
    ['李'.repeat(31), '请输入正确的姓名'],
  ])('refuses %j: %s', (typed, message) => expect(personNameError(typed)).toBe(message))
})
