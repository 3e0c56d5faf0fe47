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
