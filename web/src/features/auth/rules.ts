import type { FormRules } from 'element-plus'

export interface LoginForm {
  username: string
  password: string
  /** The second step: a code of the authenticator app or a recovery code. */
  code: string
}

/** A 6-digit code of an authenticator app (spaces ignored, as on the server). */
export function isTotpCode(value: string): boolean {
  return /^\d{6}$/.test(value.replace(/\s/g, ''))
}

/** A recovery code, XXXXX-XXXXX (case, spaces and the dash ignored, as on the server). */
export function isRecoveryCode(value: string): boolean {
  return /^[A-Za-z0-9]{10}$/.test(value.replace(/[\s-]/g, ''))
}

/** The login form's rules; the code is checked only on the second step (`withCode`). */
export function loginRules(t: (key: string) => string, withCode = false): FormRules<LoginForm> {
  return {
    username: [{ required: true, whitespace: true, message: t('login.usernameRequired'), trigger: 'blur' }],
    password: [{ required: true, message: t('login.passwordRequired'), trigger: 'blur' }],
    code: withCode
      ? [
          { required: true, whitespace: true, message: t('login.codeRequired'), trigger: 'blur' },
          {
            trigger: 'blur',
            validator: (_rule, value: string, callback) =>
              !value || isTotpCode(value) || isRecoveryCode(value) ? callback() : callback(new Error(t('login.codeInvalid'))),
          },
        ]
      : [],
  }
}
