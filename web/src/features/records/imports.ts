import type { ImportJob, TargetField } from './types'

/** A job that is still moving (GetImport is polled every second while any is). */
export function isActive(job: Pick<ImportJob, 'status'>): boolean {
  return job.status === 'queued' || job.status === 'running'
}

/** 0–100 for the progress bar, or null while the server cannot tell yet (total rows unknown). */
export function progressPercent(job: Pick<ImportJob, 'status' | 'percent'>): number | null {
  if (job.status === 'succeeded') return 100
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
