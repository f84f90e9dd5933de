/**
 * The advanced search form's rows → a search expression in the syntax of SearchRecords (ADR 0016): field codes, AND / OR
 * / NOT, parentheses. The form shows the expression it builds; the user may edit it before running it.
 */

export const FIELD_KINDS = {
  TI: 'text',
  AB: 'text',
  CL: 'text',
  TIAB: 'text',
  AP: 'text',
  IN: 'text',
  AG: 'text',
  ADDR: 'text',
  AN: 'number',
  PN: 'number',
  PR: 'number',
  IPC: 'ipc',
  AD: 'date',
  PD: 'date',
  GD: 'date',
} as const

export type FieldCode = keyof typeof FIELD_KINDS
export const FIELD_CODES = Object.keys(FIELD_KINDS) as FieldCode[]
export type Connective = 'AND' | 'OR' | 'NOT'
export const CONNECTIVES: readonly Connective[] = ['AND', 'OR', 'NOT']

/** One row of the form: how it joins the rows above, a field, and a value (or a date range for date fields). */
export interface ConditionRow {
  op: Connective
  field: FieldCode
  value: string
  from: string
  to: string
}

export function emptyRow(field: FieldCode = 'TI', op: Connective = 'AND'): ConditionRow {
  return { op, field, value: '', from: '', to: '' }
}

const OPERATOR = /(^|\s)(AND|OR|NOT)(\s|$)/i

/**
 * The value of a field clause: as typed when it is one word, a quoted phrase or already in parentheses; otherwise (several
 * words, an operator) in parentheses, so that every word stays in the field: 锂电池 OR 钠电池 → (锂电池 OR 钠电池).
 */
export function fieldValue(value: string): string {
  const v = value.trim()
  if (/^"[^"]*"$/.test(v) || /^\([^()]*\)$/.test(v)) return v
  return /\s/.test(v) || OPERATOR.test(v) ? `(${v})` : v
}

/** A date row's clause: a range, or one end (AD>=…, AD<=…); null without dates. */
function dateClause(row: ConditionRow): string | null {
  const from = row.from.trim()
  const to = row.to.trim()
  if (from && to) return `${row.field}=[${from} TO ${to}]`
  if (from) return `${row.field}>=${from}`
  if (to) return `${row.field}<=${to}`
  return null
}

export function clause(row: ConditionRow): string | null {
  if (FIELD_KINDS[row.field] === 'date') return dateClause(row)
  const v = row.value.trim()
  return v ? `${row.field}=${fieldValue(v)}` : null
}

/**
 * The expression of the rows, read from top to bottom: each row joins what is above it with its connective. Where an AND
 * or NOT follows an OR, what is above goes in parentheses, because the server (like the patent databases) binds AND before
 * OR — the expression then says what the form meant. Empty rows are left out; a first row's NOT stays a NOT.
 */
export function buildExpression(rows: readonly ConditionRow[]): string {
  let expr = ''
  let hasOr = false
  for (const row of rows) {
    const c = clause(row)
    if (!c) continue
    if (!expr) {
      expr = row.op === 'NOT' ? `NOT ${c}` : c
      continue
    }
    if (row.op === 'OR') {
      expr = `${expr} OR ${c}`
      hasOr = true
    } else {
      expr = `${hasOr ? `(${expr})` : expr} ${row.op} ${c}`
      hasOr = false
    }
  }
  return expr
}
