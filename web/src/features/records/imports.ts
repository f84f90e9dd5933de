import type { ImportEntry, ImportJob, TargetField, TimelineEvent } from './types'

/** A job that is still moving (GetImport is polled every second while any is). */
export function isActive(job: Pick<ImportJob, 'status'>): boolean {
  return job.status === 'queued' || job.status === 'running'
}

/** 0–100 for the progress bar, or null while the server cannot tell yet (total rows unknown). */
export function progressPercent(job: Pick<ImportJob, 'status' | 'percent'>): number | null {
  if (job.status === 'succeeded' || job.status === 'completed_with_errors') return 100
  const p = job.percent
  if (p === null || p === undefined) return job.status === 'queued' ? 0 : null
  return Number.isFinite(p) ? Math.max(0, Math.min(100, Math.round(p))) : null
}

/** Required target fields that no column is mapped to. */
export function missingRequired(fields: readonly TargetField[], mapping: Readonly<Record<string, string>>): TargetField[] {
  return fields.filter((f) => f.required && !mapping[f.key])
}

/** The mapping without the fields left unmapped. */
export function cleanMapping(mapping: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(mapping).filter(([, col]) => !!col))
}

/** Merges a fresh job into the list (newest first), keeping the rest. */
export function upsertJob(jobs: readonly ImportJob[], job: ImportJob): ImportJob[] {
  const i = jobs.findIndex((j) => j.id === job.id)
  if (i < 0) return [job, ...jobs]
  const next = [...jobs]
  next[i] = job
  return next
}

/** The tag colour of a job's or a package file's state. */
export function statusType(s: string): 'info' | 'primary' | 'success' | 'danger' | 'warning' {
  if (s === 'succeeded') return 'success'
  if (s === 'failed') return 'danger'
  if (s === 'completed_with_errors') return 'warning'
  if (s === 'running') return 'primary'
  if (s === 'skipped') return 'warning'
  return 'info'
}

/** Whether a job has details to unfold: the files of its package, or the legal-status events it brought. */
export function hasDetails(job: Pick<ImportJob, 'entries' | 'legalStatus'>): boolean {
  return (job.entries?.length ?? 0) > 0 || !!job.legalStatus
}

/** The files of a package that did not go in (failed or skipped), for the summary line. */
export function troubledEntries(entries: readonly ImportEntry[]): ImportEntry[] {
  return entries.filter((e) => e.status === 'failed' || e.status === 'skipped')
}

/** A timeline's events grouped by day (newest last), as the drawer shows them. */
export function timelineDays(events: readonly TimelineEvent[]): { date: string | null; events: TimelineEvent[] }[] {
  const days: { date: string | null; events: TimelineEvent[] }[] = []
  for (const e of events) {
    const last = days[days.length - 1]
    if (last && last.date === (e.date ?? null)) last.events.push(e)
    else days.push({ date: e.date ?? null, events: [e] })
  }
  return days
}
