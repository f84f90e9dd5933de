import { i18n } from '@/i18n'

/**
 * Choices and labels of the protection pages, worded by i18n (protection.* in src/i18n); the server sends the labels of states
 * and types too. Functions, not constants, so that a page re-renders them in the language chosen.
 */
const t = (key: string, params: Record<string, unknown> = {}) => i18n.global.t(key, params)

/** The message under `group.key`, or the key itself when there is none (an unknown code is shown as it is). */
function labelOf(group: string, key: string, fallback = key): string {
  return i18n.global.te(`${group}.${key}`) ? t(`${group}.${key}`) : fallback
}

export const COMPLAINT_TYPES = [
  'patent_dispute',
  'counterfeit_patent',
  'trademark',
  'copyright',
  'trade_secret',
  'ecommerce',
  'overseas',
  'assistance',
] as const

export const QUEUES = ['pending', 'active', 'due_soon', 'overdue', 'closed', 'all'] as const

/** The districts of 连云港 a complaint can name as the place of infringement. */
export const DISTRICTS = ['320703', '320706', '320707', '320722', '320723', '320724', '320771'] as const

export interface Option<T extends string = string> {
  value: T
  label: string
}

export const complaintTypeLabel = (type: string) => labelOf('protection.types', type)
export const complaintTypeOptions = (): Option[] => COMPLAINT_TYPES.map((value) => ({ value, label: complaintTypeLabel(value) }))
export const queueOptions = (): Option[] => QUEUES.map((value) => ({ value, label: t(`protection.queues.${value}`) }))
export const districtOptions = (): Option[] => DISTRICTS.map((value) => ({ value, label: t(`protection.districts.${value}`) }))

/** The name of a workflow action (受理, 立案 …). */
export const actionLabel = (action: string, fallback = action) => labelOf('protection.actions', action, fallback)

export const rulingLabel = (ruling: string) => labelOf('protection.rulings', ruling)

/**
 * The label of a timeline entry. A party (enterprise) is sent the public entries only (ADR 0210), among them the public twins
 * of transitions ("public_accept"): they read as the transition, and an unknown action never shows its internal name.
 */
export function timelineLabel(action: string): string {
  const a = action.startsWith('public_') ? action.slice('public_'.length) : action
  return labelOf('protection.actions', a, labelOf('protection.events', a, t('protection.otherEvent')))
}

/** The timeline entries a user reads: handlers the internal entries (the public twins repeat them), a party the public ones it is sent. */
export function timelineEntries<E extends { action: string }>(events: readonly E[], party: boolean): E[] {
  return events.filter((e) => party || !e.action.startsWith('public_'))
}

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
  if (c.overdue) return t('protection.countdown.overdue', { label: c.label, n: Math.abs(n), due: c.due })
  if (n === 0) return t('protection.countdown.dueToday', { label: c.label })
  return t('protection.countdown.left', { label: c.label, n, due: c.due })
}
