export interface CsvColumn<T> {
  key: keyof T & string
  label: string
}

const FORMULA_START = /^[=+\-@\t\r]/

/** One CSV cell: quoted when needed, and text that a spreadsheet would run as a formula is prefixed with '. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return ''
  let s = typeof value === 'number' || typeof value === 'boolean' ? String(value) : String(value)
  if (typeof value === 'string' && FORMULA_START.test(s) && !/^-?\d+(\.\d+)?$/.test(s)) s = `'${s}`
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s
}

/** CSV text (CRLF line ends, header row of labels) of rows by columns; Excel reads it as UTF-8 thanks to the BOM added by {@link csvBlob}. */
export function toCsv<T>(columns: readonly CsvColumn<T>[], rows: readonly T[]): string {
  const lines = [columns.map((c) => csvCell(c.label)).join(',')]
  for (const row of rows) lines.push(columns.map((c) => csvCell(row[c.key])).join(','))
  return lines.join('\r\n') + '\r\n'
}

export function csvBlob(csv: string): Blob {
  return new Blob(['\uFEFF', csv], { type: 'text/csv;charset=utf-8' })
}

/** A file name safe on every OS, with the date: 按年份统计_2026-03-01.csv */
export function csvFileName(title: string, now = new Date()): string {
  const safe = title.replace(/[\\/:*?"<>|\s]+/g, '_').replace(/^_+|_+$/g, '') || 'export'
  const d = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`
  return `${safe}_${d}.csv`
}
