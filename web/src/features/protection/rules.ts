import type { FormItemRule } from 'element-plus'

/** Client-side checks of the complaint form; the server repeats them and its Chinese field errors are shown too. */
export const complaintRules: Record<string, FormItemRule[]> = {
  type: [{ required: true, message: '请选择投诉类型', trigger: 'change' }],
  complainantName: [{ required: true, message: '请填写投诉人姓名或名称', trigger: 'blur' }],
  complainantPhone: [
    { required: true, message: '请填写联系电话', trigger: 'blur' },
    { pattern: /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, message: '应为 11 位手机号或带区号的固定电话', trigger: 'blur' },
  ],
  complainantEmail: [{ type: 'email', message: '电子邮箱格式不正确', trigger: 'blur' }],
  respondentName: [{ required: true, message: '请填写被投诉人', trigger: 'blur' }],
  facts: [
    { required: true, message: '请填写事实与理由', trigger: 'blur' },
    { min: 10, message: '请至少写 10 个字，说明侵权行为、时间和地点', trigger: 'blur' },
  ],
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
