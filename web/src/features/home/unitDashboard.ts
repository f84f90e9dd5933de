import { countdown } from '@/features/indicators/dashboard'

/**
 * Pure logic of the unit dashboard (a department's or district's home page): tasks ordered by urgency with a countdown, and
 * "my warnings" derived from the unit's own tasks and progress reports (tested in web/tests/unit-dashboard.test.ts).
 */

export interface UnitTask {
  id: number | string
  planId: number | string
  no: string
  title: string
  deadline?: string | null
  status: string
  progress: number | string
  overdue: boolean
}

export interface UnitReport {
  id: number | string
  taskId: number | string
  taskNo: string
  taskTitle: string
  period: string
  status: string
  reviewComment?: string | null
  submittedAt: string
}

export interface UnitWarning {
  kind: 'overdue' | 'due_soon' | 'returned'
  severity: 'high' | 'medium'
  title: string
  message: string
  taskId: number
  planId: number | null
}

/** Open tasks first, most urgent first (overdue, then the nearest deadline; no deadline after dated ones), completed last. */
export function sortByUrgency<T extends UnitTask>(tasks: readonly T[], today: Date = new Date()): T[] {
  const key = (t: T): number => {
    if (t.status === 'completed') return Number.MAX_SAFE_INTEGER
    const c = countdown(t.deadline, t.status, today)
    return c.days === null ? Number.MAX_SAFE_INTEGER - 1 : c.days
  }
  return [...tasks].sort((a, b) => key(a) - key(b) || String(a.no).localeCompare(String(b.no), 'zh-CN', { numeric: true }))
}

/**
 * The unit's warnings: its overdue tasks, tasks due within `soonDays` days, and tasks whose latest progress report the bureau
 * returned (to be reported again). Overdue first.
 */
export function unitWarnings(tasks: readonly UnitTask[], reports: readonly UnitReport[], today: Date = new Date(), soonDays = 30): UnitWarning[] {
  const list: UnitWarning[] = []
  for (const t of sortByUrgency(tasks, today)) {
    const c = countdown(t.deadline, t.status, today)
    if (c.days === null) continue
    if (c.days < 0 || t.overdue) list.push({ kind: 'overdue', severity: 'high', title: `任务 ${t.no} ${t.title}`, message: `已超过期限 ${t.deadline ?? ''}（${c.label}），进度 ${t.progress}%`, taskId: Number(t.id), planId: Number(t.planId) })
    else if (c.days <= soonDays) list.push({ kind: 'due_soon', severity: 'medium', title: `任务 ${t.no} ${t.title}`, message: `${t.deadline ?? ''} 到期（${c.label}），进度 ${t.progress}%`, taskId: Number(t.id), planId: Number(t.planId) })
  }
  const latest = new Map<string, UnitReport>()
  for (const r of reports) {
    const k = String(r.taskId)
    const prev = latest.get(k)
    if (!prev || r.submittedAt > prev.submittedAt) latest.set(k, r)
  }
  for (const r of latest.values()) {
    if (r.status !== 'returned') continue
    const task = tasks.find((t) => String(t.id) === String(r.taskId))
    list.push({
      kind: 'returned', severity: 'medium', title: `任务 ${r.taskNo} ${r.taskTitle}`,
      message: `${r.period} 进展报告被退回${r.reviewComment ? '：' + r.reviewComment : ''}，请修改后重新报送`, taskId: Number(r.taskId), planId: task ? Number(task.planId) : null,
    })
  }
  return list
}
