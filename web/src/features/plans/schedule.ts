import { i18n } from '@/i18n'

/** Pure helpers of a plan's schedule: the active phase and the countdown to a task's deadline (tested in web/tests). */

/** The active step of a plan's phases: the current one; else the number of phases already over (all done after the plan's end). */
export function activePhase(phases: readonly { current: boolean; endDate?: string | null }[], today: Date = new Date()): number {
  const current = phases.findIndex((p) => p.current)
  if (current >= 0) return current
  const iso = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`
  return phases.filter((p) => p.endDate && p.endDate < iso).length
}

/** Days from today to a deadline (ISO date), and how to show it: 逾期 N 天 / 今日到期 / 剩 N 天; completed tasks show 已完成. */
export function countdown(
  deadline: string | null | undefined,
  status: string,
  today: Date = new Date(),
): { days: number | null; label: string; type: 'danger' | 'warning' | 'info' | 'success' } {
  const t = i18n.global.t
  if (status === 'completed') return { days: null, label: t('plans.countdown.completed'), type: 'success' }
  if (!deadline) return { days: null, label: t('plans.countdown.undated'), type: 'info' }
  const [y, m, d] = deadline.split('-').map(Number)
  const due = Date.UTC(y!, (m ?? 1) - 1, d ?? 1)
  const now = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate())
  const days = Math.round((due - now) / 86_400_000)
  if (days < 0) return { days, label: t('plans.countdown.overdue', { n: -days }), type: 'danger' }
  if (days === 0) return { days, label: t('plans.countdown.dueToday'), type: 'danger' }
  return { days, label: t('plans.countdown.left', { n: days }), type: days <= 30 ? 'warning' : 'info' }
}
