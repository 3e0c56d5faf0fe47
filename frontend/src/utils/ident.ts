/**
 * Identifiers as people type them, folded the way the server folds them (src/mcert/ident.py):
 * full-width digits, spaces, dashes and a +86 / 0086 / 86 country code. Nothing is guessed:
 * what is left must be exactly an 11-digit mainland mobile number.
 */

const SEPARATORS = /[\s\-\u2010-\u2015\u2212.()]/g

/** The 11-digit mobile number in `typed`, or null. */
export function normalisePhone(typed: string): string | null {
  const t = typed.normalize('NFKC').replace(SEPARATORS, '')
  if (!/^\+?[0-9]+$/.test(t)) return null
  let number = t
  for (const prefix of ['+86', '0086', '86']) {
    if (t.startsWith(prefix) && t.length === prefix.length + 11) {
      number = t.slice(prefix.length)
      break
    }
  }
  return /^1[3-9][0-9]{9}$/.test(number) ? number : null
}

/** The six ASCII digits of an SMS code typed as `１２３４５６` or `123 456`, or null. */
export function normaliseCode(typed: string): string | null {
  const t = typed.normalize('NFKC').replace(/[\s-]/g, '')
  return /^[0-9]{6}$/.test(t) ? t : null
}

// Province-level prefixes accepted by the server (src/mcert/ident.py PROVINCE_CODES).
const PROVINCE_CODES = new Set(
  '11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82 83'.split(' '),
)

/** A resident ID number as typed: full-width folded, inner spaces dropped, `x` upper-cased. */
export function foldResidentId(typed: string): string {
  return typed.normalize('NFKC').replace(/\s/g, '').toUpperCase()
}

/** The GB 11643 check character of the first 17 digits. */
export function residentIdCheckChar(first17: string): string {
  let total = 0
  for (let i = 0; i < 17; i++) total += Number(first17[i]) * (2 ** (17 - i) % 11)
  return '10X98765432'[total % 11]
}

/**
 * Why `typed` is not a resident ID number (the server's messages, in the server's order:
 * length, format, region, birth date, checksum), or null when it is one.
 */
export function residentIdError(typed: string, today: Date = new Date()): string | null {
  const t = foldResidentId(typed)
  if (t.length !== 18) return '身份证号码应为18位'
  if (!/^[0-9]{17}[0-9X]$/.test(t)) return '身份证号码格式不正确'
  if (!PROVINCE_CODES.has(t.slice(0, 2))) return '身份证号码中的地区代码不正确'
  const [y, m, d] = [Number(t.slice(6, 10)), Number(t.slice(10, 12)), Number(t.slice(12, 14))]
  const birth = new Date(Date.UTC(y, m - 1, d))
  const valid = birth.getUTCFullYear() === y && birth.getUTCMonth() === m - 1 && birth.getUTCDate() === d
  if (!valid || y < 1900 || birth.getTime() > today.getTime()) return '身份证号码中的出生日期不正确'
  if (residentIdCheckChar(t) !== t[17]) return '身份证号码校验位不正确，请检查是否输入有误'
  return null
}

// Han ideographs, `·`, Latin letters and spaces, 2–30 characters, not starting or ending
// with `·`: what src/mcert/providers/realname.py accepts.
const NAME_RE = /^[\p{Script=Han}A-Za-z· ]{2,30}$/u

/** The name as the server will store it (NFKC, trimmed, `•`/`・` as `·`). */
export function foldPersonName(typed: string): string {
  return typed.normalize('NFKC').trim().replace(/[•・]/g, '·')
}

/** Why `typed` is not a person's name, or null. */
export function personNameError(typed: string): string | null {
  const t = foldPersonName(typed)
  if (!t) return '请输入姓名'
  if (!NAME_RE.test(t) || t.startsWith('·') || t.endsWith('·')) return '请输入正确的姓名'
  return null
}
