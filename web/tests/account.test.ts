import { describe, expect, it } from 'vitest'
import { isRecoveryCode, isTotpCode, loginRules } from '@/features/auth/rules'
import { newPasswordProblem, passwordMinLength } from '@/features/account/rules'
import { recoveryCodesText, svgDataUri } from '@/features/account/secondFactor'

describe('second factor codes', () => {
  it('takes six digits (spaces ignored) as an app code', () => {
    expect(isTotpCode('123456')).toBe(true)
    expect(isTotpCode('123 456')).toBe(true)
    expect(isTotpCode('12345')).toBe(false)
    expect(isTotpCode('12345a')).toBe(false)
  })

  it('takes XXXXX-XXXXX in any case, with or without the dash, as a recovery code', () => {
    expect(isRecoveryCode('ABCDE-FGH23')).toBe(true)
    expect(isRecoveryCode('abcde-fgh23')).toBe(true)
    expect(isRecoveryCode('ABCDEFGH23')).toBe(true)
    expect(isRecoveryCode('ABCD-FGH23')).toBe(false)
    expect(isRecoveryCode('ABCDE-FGH2!')).toBe(false)
  })

  it('checks the code only on the second step of the login', () => {
    const t = (k: string) => k
    expect(loginRules(t).code).toEqual([])
    expect(loginRules(t, true).code).toHaveLength(2)
  })
})

describe('the new password', () => {
  const bureau = { role: 'bureau', username: 'bureau', currentPassword: 'Old-pass-2026' }
  const hengrui = { role: 'enterprise', username: 'hengrui', currentPassword: 'Old-pass-2026' }

  it('needs 10 characters for government accounts and 8 for the others', () => {
    expect(['admin', 'bureau', 'department', 'district'].map(passwordMinLength)).toEqual([10, 10, 10, 10])
    expect(['enterprise', 'agency', 'expert', null].map(passwordMinLength)).toEqual([8, 8, 8, 8])
    expect(newPasswordProblem('Harbour27', bureau)).toBe('tooShort')
    expect(newPasswordProblem('Harbour27', hengrui)).toBeNull()
  })

  it('follows the rest of the server rule', () => {
    expect(newPasswordProblem('', hengrui)).toBe('required')
    expect(newPasswordProblem('onlyletters', hengrui)).toBe('lettersAndDigits')
    expect(newPasswordProblem('1234567890', hengrui)).toBe('lettersAndDigits')
    expect(newPasswordProblem('HengRui-2026', hengrui)).toBe('containsUsername')
    expect(newPasswordProblem('Old-pass-2026', hengrui)).toBe('sameAsCurrent')
    expect(newPasswordProblem('海港-2026-码头', hengrui)).toBeNull()
  })
})

describe('the second factor panel', () => {
  it('makes the QR code an image address, UTF-8 safe', () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><title>知产</title></svg>'
    const uri = svgDataUri(svg)
    expect(uri.startsWith('data:image/svg+xml;base64,')).toBe(true)
    const bytes = Uint8Array.from(atob(uri.split(',')[1]!), (c) => c.charCodeAt(0))
    expect(new TextDecoder().decode(bytes)).toBe(svg)
  })

  it('writes the recovery codes one a line after a header', () => {
    expect(recoveryCodesText('H', 'N', ['AAAAA-BBBBB', 'CCCCC-DDDDD'])).toBe('H\r\nN\r\n\r\nAAAAA-BBBBB\r\nCCCCC-DDDDD\r\n')
  })
})
