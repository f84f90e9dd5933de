/** 统一社会信用代码 check (GB 32100-2015) as the server does it (Platform/Security/CreditCodes.cs), so the form says at once what is wrong. */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

export type CreditProblem =
  | { key: 'length'; n: number }
  | { key: 'letter'; c: string }
  | { key: 'region' }
  | { key: 'check'; expected: string; actual: string }
  | null

export function checkCreditCode(raw: string): CreditProblem {
  const code = raw.replace(/[\s-]/g, '').toUpperCase()
  if (code === '') return null
  if (code.length !== 18) return { key: 'length', n: code.length }
  const bad = [...code].find((c) => !ALPHABET.includes(c))
  if (bad !== undefined) return { key: 'letter', c: bad }
  if (!/^\d{6}$/.test(code.slice(2, 8))) return { key: 'region' }
  let sum = 0
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(code.charAt(i)) * (WEIGHTS[i] ?? 0)
  const expected = ALPHABET.charAt((31 - (sum % 31)) % 31)
  const actual = code.charAt(17)
  return actual === expected ? null : { key: 'check', expected, actual }
}
