import type { FormItemRule, FormRules } from 'element-plus'
import { can } from '@/app/access'
import { isTotpCode } from '@/features/auth/rules'

type T = (key: string, args?: Record<string, unknown>) => string

export interface PasswordForm {
  currentPassword: string
  newPassword: string
  confirm: string
}

/** The shortest password the server accepts for a role: 10 characters for government accounts, 8 for the others. */
export function passwordMinLength(role: string | null | undefined): number {
  return can('account.governmentPassword', role) ? 10 : 8
}

/**
 * What is wrong with a new password by the server's rule (length, letters and digits, not the user name, not the current
 * one), or null. Only the server knows the common passwords: it answers those with a field error.
 */
export function newPasswordProblem(
  password: string,
  context: { role: string | null | undefined; username: string; currentPassword: string },
): 'required' | 'tooShort' | 'lettersAndDigits' | 'containsUsername' | 'sameAsCurrent' | null {
  if (!password) return 'required'
  if (password.length < passwordMinLength(context.role)) return 'tooShort'
  if (!/\p{L}/u.test(password) || !/\d/.test(password)) return 'lettersAndDigits'
  const name = context.username.trim().toLowerCase()
  if (name && password.toLowerCase().includes(name)) return 'containsUsername'
  if (password === context.currentPassword) return 'sameAsCurrent'
  return null
}

export function passwordRules(
  t: T,
  form: PasswordForm,
  user: { role: string | null | undefined; username: string },
): FormRules<PasswordForm> {
  const required = (field: string): FormItemRule => ({ required: true, message: t('common.required', { field }), trigger: 'blur' })
  return {
    currentPassword: [required(t('account.password.current'))],
    newPassword: [
      {
        trigger: 'blur',
        validator: (_rule, value: string, callback) => {
          const problem = newPasswordProblem(value ?? '', { ...user, currentPassword: form.currentPassword })
          if (problem === null) callback()
          else if (problem === 'required') callback(new Error(t('common.required', { field: t('account.password.new') })))
          else callback(new Error(t(`account.password.${problem}`, { min: passwordMinLength(user.role) })))
        },
      },
    ],
    confirm: [
      required(t('account.password.confirm')),
      {
        trigger: 'blur',
        validator: (_rule, value: string, callback) =>
          value === form.newPassword ? callback() : callback(new Error(t('account.password.mismatch'))),
      },
    ],
  }
}

export function enableRules(t: T): FormRules<{ code: string }> {
  return {
    code: [
      { required: true, whitespace: true, message: t('account.totp.codeRequired'), trigger: 'blur' },
      {
        trigger: 'blur',
        validator: (_rule, value: string, callback) =>
          !value || isTotpCode(value) ? callback() : callback(new Error(t('account.totp.codeInvalid'))),
      },
    ],
  }
}

export function disableRules(t: T): FormRules<{ password: string }> {
  return { password: [{ required: true, message: t('account.totp.disablePasswordRequired'), trigger: 'blur' }] }
}
