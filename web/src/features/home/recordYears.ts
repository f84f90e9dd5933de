import type { RecordStats } from '@/features/records/types'

/** What the records overview says about one application year. */
export type YearNote =
  | { kind: 'count'; year: number; count: number }
  /** after the latest year with records: the imported records stop earlier */
  | { kind: 'afterData'; year: number; latest: number }
  /** inside the years the records span, but no record was filed in it */
  | { kind: 'gap'; year: number }

/** The years offered: from the first year with records up to this year (later years say why they are empty). */
export function yearChoices(stats: Pick<RecordStats, 'byYear'>, thisYear: number): number[] {
  const years = stats.byYear.map((b) => Number(b.key)).filter((y) => Number.isInteger(y))
  if (!years.length) return []
  const first = Math.min(...years)
  const last = Math.max(thisYear, ...years)
  return Array.from({ length: last - first + 1 }, (_, i) => last - i)
}

/** The year the overview opens on: the latest year with records (the data may stop years ago), else this year. */
export function defaultYear(stats: Pick<RecordStats, 'latestYear'>, thisYear: number): number {
  return stats.latestYear ?? thisYear
}

export function yearNote(stats: Pick<RecordStats, 'byYear' | 'latestYear'>, year: number): YearNote {
  const count = stats.byYear.find((b) => Number(b.key) === year)?.count ?? 0
  if (count > 0) return { kind: 'count', year, count }
  if (stats.latestYear != null && year > stats.latestYear) return { kind: 'afterData', year, latest: stats.latestYear }
  return { kind: 'gap', year }
}
