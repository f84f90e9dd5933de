import type { components } from '@/api/schema'

type Goal = components['schemas']['GoalDto']
type Target = components['schemas']['TargetDto']

/** The target of a goal for a year: that year's, else the last one before it, else the final (undated) one. */
export function targetFor(targets: readonly Target[], year: number): Target | null {
  const dated = targets.filter((t) => t.year !== null && t.year !== undefined).sort((a, b) => (a.year ?? 0) - (b.year ?? 0))
  const exact = dated.find((t) => t.year === year)
  if (exact) return exact
  const before = dated.filter((t) => (t.year ?? 0) <= year)
  const last = before[before.length - 1]
  if (last) return last
  return targets.find((t) => t.year === null || t.year === undefined) ?? dated[dated.length - 1] ?? null
}

/** A 0–1 ratio as a whole-number-and-one-decimal percentage (0.4567 → 45.7), null when there is none. */
export function percent(ratio: number | null | undefined): number | null {
  if (ratio === null || ratio === undefined || Number.isNaN(ratio)) return null
  return Math.round(ratio * 1000) / 10
}

/** The arrow of a trend (up, down, flat); an empty string when there is no trend. */
export function trendArrow(trend: string | null | undefined): string {
  return trend === 'up' ? '↑' : trend === 'down' ? '↓' : trend === 'flat' ? '→' : ''
}

/** Whether the trend goes the goal's way: up for a goal to raise, down for one to lower (direction "lower"). */
export function trendGood(goal: Pick<Goal, 'trend' | 'direction'>): boolean | null {
  if (!goal.trend || goal.trend === 'flat') return null
  return goal.direction === 'lower' ? goal.trend === 'down' : goal.trend === 'up'
}

/** The progress bar status: done at 100 %, a warning under half, otherwise none. */
export function progressStatus(p: number | null): '' | 'success' | 'warning' | 'exception' {
  if (p === null) return ''
  if (p >= 100) return 'success'
  return p < 50 ? 'warning' : ''
}
