import type { FormItemRule } from 'element-plus'
import { i18n } from '@/i18n'

type Translate = (key: string) => string

/** The tag type of a task status; its name is plans.taskStatus.<status>. */
export const TASK_STATUS_TYPE: Record<string, 'info' | 'warning' | 'success'> = {
  not_started: 'info',
  in_progress: 'warning',
  completed: 'success',
}

/** A task status as shown (the code itself when unknown). */
export function taskStatusName(status: string): string {
  return i18n.global.te(`plans.taskStatus.${status}`) ? i18n.global.t(`plans.taskStatus.${status}`) : status
}

/** The target kinds of an assessment, as shown. */
export function targetKindName(kind: string): string {
  return i18n.global.t(`plans.targetKinds.${kind === 'district' || kind === 'department' ? kind : 'custom'}`)
}

export const REPORT_PERIOD_PATTERN = /^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4]|-H[12])?$/

/** Form rules of the progress report (the server checks the same and answers with Chinese field errors). */
export function reportRules(t: Translate): Record<string, FormItemRule[]> {
  return {
    period: [
      { required: true, message: t('plans.report.periodRequired'), trigger: 'blur' },
      { pattern: REPORT_PERIOD_PATTERN, message: t('plans.report.periodFormat'), trigger: 'blur' },
    ],
    content: [{ required: true, message: t('plans.report.contentRequired'), trigger: 'blur' }],
    percent: [{ required: true, type: 'number', min: 0, max: 100, message: t('plans.report.percentRange'), trigger: 'change' }],
  }
}
