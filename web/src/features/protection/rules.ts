import type { FormItemRule } from 'element-plus'

type Translate = (key: string) => string

/** Client-side checks of the complaint form; the server repeats them and its Chinese field errors are shown too. */
export function complaintRules(t: Translate): Record<string, FormItemRule[]> {
  return {
    type: [{ required: true, message: t('protection.rules.type'), trigger: 'change' }],
    complainantName: [{ required: true, message: t('protection.rules.complainantName'), trigger: 'blur' }],
    complainantPhone: [
      { required: true, message: t('protection.rules.phone'), trigger: 'blur' },
      { pattern: /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, message: t('protection.rules.phoneFormat'), trigger: 'blur' },
    ],
    complainantEmail: [{ type: 'email', message: t('protection.rules.email'), trigger: 'blur' }],
    respondentName: [{ required: true, message: t('protection.rules.respondentName'), trigger: 'blur' }],
    facts: [
      { required: true, message: t('protection.rules.facts'), trigger: 'blur' },
      { min: 10, message: t('protection.rules.factsLength'), trigger: 'blur' },
    ],
  }
}

export const COMPLAINT_FIELDS = [
  'type',
  'complainantKind',
  'complainantName',
  'complainantIdNumber',
  'complainantPhone',
  'complainantEmail',
  'complainantAddress',
  'rightType',
  'rightNumber',
  'respondentName',
  'respondentAddress',
  'respondentPlatform',
  'respondentUrl',
  'facts',
  'regionCode',
  'industry',
  'evidence',
] as const
