import { countdown } from '@/features/plans/schedule'

/**
 * Pure logic of the unit dashboard (a department's or district's home page): tasks ordered by urgency with a countdown, and
 * "my warnings" derived from the unit's own tasks and progress reports (tested in web/tests/unit-dashboard.test.ts).
 */

export interface UnitTask {
  id: number
  planId: number
  no: string
  title: string
  deadline?: string | null
  status: string
  progress: number
  overdue: boolean
}

export interface UnitReport {
  id: number
  taskId: number
  taskNo: string
  taskTitle: string
  period: string
  status: string
  reviewComment?: string | null
  submittedAt: string
}

/** A warning as data (the page words it through i18n: unitHome.warnOverdue / warnDueSoon / warnReturned). */
export interface UnitWarning {
  kind: 'overdue' | 'due_soon' | 'returned'
  severity: 'high' | 'medium'
  taskNo: string
  taskTitle: string
  taskId: number
  planId: number | null
  deadline?: string | null
  /** days overdue (overdue) or left (due_soon) */
  days?: number
  progress?: number
  period?: string
  comment?: string | null
}

/** Open tasks first, most urgent first (overdue, then the nearest deadline; no deadline after dated ones), completed last. */
export function sortByUrgency<T extends UnitTask>(tasks: readonly T[], today: Date = new Date()): T[] {
  const key = (t: T): number => {
    if (t.status === 'completed') return Number.MAX_SAFE_INTEGER
    const c = countdown(t.deadline, t.status, today)
    return c.days === null ? Number.MAX_SAFE_INTEGER - 1 : c.days
  }
  return [...tasks].sort((a, b) => key(a) - key(b) || a.no.localeCompare(b.no, 'zh-CN', { numeric: true }))
}

/**
 * The unit's warnings: its overdue tasks, tasks due within `soonDays` days, and tasks whose latest progress report the bureau
 * returned (to be reported again). Overdue first.
 */
export function unitWarnings(
  tasks: readonly UnitTask[],
  reports: readonly UnitReport[],
  today: Date = new Date(),
  soonDays = 30,
): UnitWarning[] {
  const list: UnitWarning[] = []
  for (const t of sortByUrgency(tasks, today)) {
    const c = countdown(t.deadline, t.status, today)
    if (c.days === null) continue
    const base = {
      taskNo: t.no,
      taskTitle: t.title,
      taskId: t.id,
      planId: t.planId,
      deadline: t.deadline,
      progress: t.progress,
    }
    if (c.days < 0 || t.overdue) list.push({ ...base, kind: 'overdue', severity: 'high', days: Math.max(0, -c.days) })
    else if (c.days <= soonDays) list.push({ ...base, kind: 'due_soon', severity: 'medium', days: c.days })
  }
  const latest = new Map<number, UnitReport>()
  for (const r of reports) {
    const prev = latest.get(r.taskId)
    if (!prev || r.submittedAt > prev.submittedAt) latest.set(r.taskId, r)
  }
  for (const r of latest.values()) {
    if (r.status !== 'returned') continue
    const task = tasks.find((t) => t.id === r.taskId)
    list.push({
      kind: 'returned',
      severity: 'medium',
      taskNo: r.taskNo,
      taskTitle: r.taskTitle,
      taskId: r.taskId,
      planId: task ? task.planId : null,
      period: r.period,
      comment: r.reviewComment ?? null,
    })
  }
  return list
}
