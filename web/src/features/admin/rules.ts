import { passwordMinLength } from '@/features/account/rules'
import type { FormItemRule, FormRules } from 'element-plus'
import type { Role } from '@/app/access'

type T = (key: string, args?: Record<string, unknown>) => string

/** The org unit kind a role must belong to (mirrors the backend's rule); null = any unit or none. */
export function orgKindForRole(role: string): string | null {
  const kinds: Partial<Record<Role, string>> = {
    department: 'department',
    district: 'district',
    enterprise: 'enterprise',
    agency: 'agency',
    bank: 'bank',
  }
  return kinds[role as Role] ?? null
}

/** The server's length rule for the account's role (10 characters for government accounts, 8 otherwise), letters and digits. */
export function passwordProblem(pw: string, role?: string | null): 'required' | 'weak' | null {
  if (!pw) return 'required'
  if (pw.length < passwordMinLength(role) || !/\p{L}/u.test(pw) || !/\d/.test(pw)) return 'weak'
  return null
}

function passwordRule(t: T, role?: () => string | null | undefined): FormItemRule {
  return {
    trigger: 'blur',
    validator: (_rule, value: string, callback) => {
      const p = passwordProblem(value ?? '', role?.())
      if (p === 'required') callback(new Error(t('common.required', { field: t('users.newPassword') })))
      else if (p === 'weak') callback(new Error(t('users.passwordHint')))
      else callback()
    },
  }
}

export interface UserForm {
  username: string
  displayName: string
  role: string
  orgUnitId: number | null
  password: string
  phone: string
  email: string
  isActive: boolean
}

export function userRules(t: T, creating: boolean, form: UserForm): FormRules<UserForm> {
  const req = (field: string): FormItemRule => ({
    required: true,
    whitespace: true,
    message: t('common.required', { field }),
    trigger: 'blur',
  })
  return {
    username: creating ? [req(t('users.username')), { max: 64, trigger: 'blur' }] : [],
    displayName: [req(t('users.displayName')), { max: 100, trigger: 'blur' }],
    role: [{ required: true, message: t('common.required', { field: t('users.role') }), trigger: 'change' }],
    orgUnitId: [
      {
        trigger: 'change',
        validator: (_r, value: number | null, cb) =>
          orgKindForRole(form.role) && value === null ? cb(new Error(t('common.required', { field: t('users.orgUnit') }))) : cb(),
      },
    ],
    password: creating ? [passwordRule(t, () => form.role)] : [],
    email: [{ type: 'email', trigger: 'blur', message: t('users.emailInvalid') }],
  }
}

export function resetRules(t: T, role?: string | null): FormRules<{ password: string }> {
  return { password: [passwordRule(t, () => role)] }
}

export interface OrgUnitForm {
  name: string
  kind: string
  regionCode: string
  creditCode: string
  parentId: number | null
  isActive: boolean
}

export function orgUnitRules(t: T, form: OrgUnitForm): FormRules<OrgUnitForm> {
  return {
    name: [
      { required: true, whitespace: true, message: t('common.required', { field: t('orgUnits.name') }), trigger: 'blur' },
      { max: 200, trigger: 'blur' },
    ],
    kind: [{ required: true, message: t('common.required', { field: t('orgUnits.kind') }), trigger: 'change' }],
    regionCode: [
      {
        trigger: 'blur',
        validator: (_r, value: string, cb) => {
          if (value && !/^\d{6}$/.test(value)) cb(new Error(t('orgUnits.regionHint')))
          else if (!value && form.kind === 'district') cb(new Error(t('orgUnits.regionHint')))
          else cb()
        },
      },
    ],
    creditCode: [{ pattern: /^$|^[0-9A-HJ-NPQRTUWXY]{18}$/i, message: t('orgUnits.creditCodeInvalid'), trigger: 'blur' }],
  }
}
