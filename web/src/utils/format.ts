function pad(n: number): string {
  return String(n).padStart(2, '0')
}

/** 2026-03-01 14:05 in the browser's time zone; '—' for nothing, the input itself when it is not a date. */
export function formatDateTime(value: string | null | undefined, seconds = false): string {
  if (!value) return '—'
  const d = new Date(value)
  if (Number.isNaN(d.getTime())) return value
  const base = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`
  return seconds ? `${base}:${pad(d.getSeconds())}` : base
}

/** A calendar date as sent by the API (2026-03-01 or an ISO timestamp) shown as 2026-03-01. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '—'
  return /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : value
}

/** Pretty JSON for the audit log's before/after snapshots. */
export function prettyJson(value: unknown): string {
  if (value === null || value === undefined) return ''
  try {
    return JSON.stringify(value, null, 2)
  } catch {
    return String(value)
  }
}
