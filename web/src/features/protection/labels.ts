/** Labels and choices of the protection pages (the server sends the labels of states and types too). */
export const COMPLAINT_TYPES = [
  { value: 'patent_dispute', label: '专利侵权纠纷' },
  { value: 'counterfeit_patent', label: '假冒专利' },
  { value: 'trademark', label: '商标侵权' },
  { value: 'copyright', label: '著作权侵权' },
  { value: 'trade_secret', label: '商业秘密' },
  { value: 'ecommerce', label: '电商平台/网络侵权' },
  { value: 'overseas', label: '海外纠纷' },
  { value: 'assistance', label: '维权援助申请' },
] as const

export const QUEUES = [
  { value: 'pending', label: '待受理' },
  { value: 'active', label: '办理中' },
  { value: 'due_soon', label: '临期' },
  { value: 'overdue', label: '超期' },
  { value: 'closed', label: '已办结' },
  { value: 'all', label: '全部' },
] as const

export const ACTION_LABELS: Record<string, string> = {
  accept: '受理',
  reject: '不予受理',
  merge: '并案',
  refer: '移送',
  file: '立案',
  investigate: '调查',
  mediate: '调解',
  decide: '作出处理决定',
  close: '结案',
  suspend: '中止',
  resume: '恢复办理',
  withdraw: '撤回',
}

/** Timeline entries that are not workflow transitions. */
export const EVENT_LABELS: Record<string, string> = {
  register: '登记',
  mediation: '调解',
  investigator: '技术调查官',
  extend: '延期',
  assign: '分派',
  referral_reply: '移送回复',
  referral_returned: '移送退回',
  upload: '上传文件',
  overdue_alert: '超期提醒',
  due_soon_alert: '临期提醒',
  referral_overdue: '移送超期未回复',
  merged_in: '并案',
  satisfaction: '满意度',
  confirmation_applied: '申请司法确认',
  confirmation_ruling: '司法确认裁定',
  file_visibility: '文件可见范围',
}

/**
 * The label of a timeline entry. A party (enterprise) is sent the public entries only (ADR 0210), among them the public twins
 * of transitions ("public_accept"): they read as the transition, and an unknown action never shows its internal name.
 */
export function timelineLabel(action: string): string {
  const a = action.startsWith('public_') ? action.slice('public_'.length) : action
  return ACTION_LABELS[a] ?? EVENT_LABELS[a] ?? '办理进展'
}

/** The timeline entries a user reads: handlers the internal entries (the public twins repeat them), a party the public ones it is sent. */
export function timelineEntries<E extends { action: string }>(events: readonly E[], party: boolean): E[] {
  return events.filter((e) => party || !e.action.startsWith('public_'))
}

export const RULING_LABELS: Record<string, string> = { confirmed: '裁定确认有效', refused: '裁定驳回' }

export const DISTRICTS = [
  { value: '320703', label: '连云区' },
  { value: '320706', label: '海州区' },
  { value: '320707', label: '赣榆区' },
  { value: '320722', label: '东海县' },
  { value: '320723', label: '灌云县' },
  { value: '320724', label: '灌南县' },
  { value: '320771', label: '连云港经济技术开发区' },
] as const

export const ACCEPTED_FILES = '.pdf,.jpg,.jpeg,.png,.doc,.docx,.xls,.xlsx,.txt,.zip,.mp4'
export const MAX_FILE_MB = 10

/** The tag type of a countdown: red overdue, orange due soon, grey otherwise. */
export function countdownType(c: { overdue: boolean; dueSoon: boolean } | null | undefined): 'danger' | 'warning' | 'info' {
  if (!c) return 'info'
  return c.overdue ? 'danger' : c.dueSoon ? 'warning' : 'info'
}

export function countdownText(c: { overdue: boolean; workingDaysLeft: number; due: string; label: string } | null | undefined): string {
  if (!c) return '—'
  const n = c.workingDaysLeft
  if (c.overdue) return `${c.label}：已超期 ${Math.abs(n)} 个工作日（${c.due}）`
  if (n === 0) return `${c.label}：今日到期`
  return `${c.label}：剩 ${n} 个工作日（${c.due}）`
}
