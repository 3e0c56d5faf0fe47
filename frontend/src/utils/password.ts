/**
 * The certificate-password rules, run on the phone first for quick feedback (the server's
 * check in mcert.keyprotect.check_password_strength is the one that counts).
 */
const SEQUENCES = ['0123456789', 'abcdefghijklmnopqrstuvwxyz']
const KEYBOARD_ROWS = ['1234567890', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm', 'qazwsxedcrfvtgbyhnujmikolp']
const COMMON = new Set(
  `password password1 passw0rd p@ssw0rd iloveyou woaini woaini1314 woaini520 5201314 520520 1314520
  521521 a123456 a1234567 a12345678 a123456789 aa123456 qq123456 abc123 abc123456 abcd1234 123abc
  123qwe qwe123 qwe123456 qweasd qweasdzxc asd123 zxc123 admin admin123 root123 test123 123123
  123321 112233 121212 131313 123456a 12345678a 147258 147258369 159357 159753 741852 789456
  456789123 1234567890 0987654321 666888 168168 888999 100200 110120 000123 aaa111 qazwsx`.split(/\s+/),
)
const rev = (s: string) => [...s].reverse().join('')

/** The first rule the password breaks, in Chinese, or null. */
export function passwordProblem(password: string): string | null {
  const pw = password.normalize('NFKC')
  if ([...pw].length < 6) return '证书密码长度不能少于6位'
  if ([...pw].length > 64) return '证书密码长度不能超过64位'
  if (new Set(pw).size === 1) return '证书密码不能由同一个字符重复组成'
  const low = pw.toLowerCase()
  if ([...SEQUENCES, ...KEYBOARD_ROWS].some((s) => s.includes(low) || rev(s).includes(low))) {
    return '证书密码不能是连续的数字或字母（如123456、654321、abcdef）'
  }
  if (COMMON.has(low)) return '证书密码过于常见，请换一个'
  return null
}

/** 0 weak … 3 strong, for the hint bar. */
export function passwordStrength(password: string): number {
  if (!password || passwordProblem(password)) return 0
  let classes = 0
  if (/[a-z]/.test(password)) classes++
  if (/[A-Z]/.test(password)) classes++
  if (/\d/.test(password)) classes++
  if (/[^A-Za-z0-9]/.test(password)) classes++
  if (password.length >= 10 && classes >= 3) return 3
  if (password.length >= 8 && classes >= 2) return 2
  return 1
}

export const STRENGTH_LABELS = ['不可用', '弱', '中', '强']
