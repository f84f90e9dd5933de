import { i18n } from '@/i18n'

/** RFC 7807 problem details as the backend writes them (field errors in Chinese). */
export interface ProblemDetails {
  type?: string
  title?: string
  detail?: string
  status?: number
  errors?: Record<string, string[]>
  correlationId?: string
  /** Login: the password was right, the account's second factor (a code) is still needed or was wrong. */
  secondFactorRequired?: boolean
  /** A search expression's syntax error: the character (from 1) where it goes wrong. */
  position?: number
}

/** A failed API call: the HTTP status and the problem details the server sent (or one made up from the status). */
export class ApiError extends Error {
  readonly status: number
  readonly problem: ProblemDetails

  constructor(status: number, problem: ProblemDetails) {
    super(problemMessage(problem, status))
    this.name = 'ApiError'
    this.status = status
    this.problem = problem
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** Reads a problem document out of whatever the server answered (JSON object, text, nothing). */
export function toProblem(body: unknown, status: number): ProblemDetails {
  if (!isRecord(body)) {
    const text = typeof body === 'string' ? body.trim() : ''
    return { status, title: statusTitle(status), detail: text && text.length < 300 && !text.startsWith('<') ? text : undefined }
  }
  const p: ProblemDetails = { status: typeof body.status === 'number' ? body.status : status }
  if (typeof body.type === 'string') p.type = body.type
  if (typeof body.title === 'string') p.title = body.title
  if (typeof body.detail === 'string') p.detail = body.detail
  if (typeof body.correlationId === 'string') p.correlationId = body.correlationId
  if (body.secondFactorRequired === true) p.secondFactorRequired = true
  if (typeof body.position === 'number') p.position = body.position
  if (isRecord(body.errors)) {
    const errors: Record<string, string[]> = {}
    for (const [field, msgs] of Object.entries(body.errors)) {
      if (Array.isArray(msgs)) errors[field] = msgs.filter((m): m is string => typeof m === 'string')
      else if (typeof msgs === 'string') errors[field] = [msgs]
    }
    p.errors = errors
  }
  return p
}

const STATUS_TITLES: Record<number, string> = {
  0: 'network',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'notFound',
  409: 'conflict',
  423: 'locked',
  429: 'tooMany',
}

/** What a failed status means, in the page's language (errors.http.*). */
export function statusTitle(status: number): string {
  return i18n.global.t(`errors.http.${STATUS_TITLES[status] ?? (status >= 500 ? 'server' : 'failed')}`)
}

/** The sentence to show a person: the detail, else the title, else a message for the status. */
export function problemMessage(p: ProblemDetails, status = p.status ?? 0): string {
  return p.detail || p.title || i18n.global.t('errors.withStatus', { title: statusTitle(status), status })
}

/** Server field names arrive as `username`, `Username`, `$.username` or `items[0].name`; forms use camelCase keys. */
export function normaliseField(field: string): string {
  const f = field.replace(/^\$\.?/, '').trim()
  return f.length === 0 ? f : f[0]!.toLowerCase() + f.slice(1)
}

/**
 * Maps problem `errors` onto form fields: one message per field (messages of a field joined by common.clauseSep, '；'). When the form's
 * fields are given, names are matched case-insensitively and errors for unknown fields are returned under `unmatched`.
 */
export function problemToFieldErrors(
  problem: ProblemDetails,
  fields?: readonly string[],
): { fieldErrors: Record<string, string>; unmatched: string[] } {
  const fieldErrors: Record<string, string> = {}
  const unmatched: string[] = []
  const byLower = new Map((fields ?? []).map((f) => [f.toLowerCase(), f]))
  for (const [raw, msgs] of Object.entries(problem.errors ?? {})) {
    if (msgs.length === 0) continue
    const name = normaliseField(raw)
    const sep = i18n.global.t('common.clauseSep')
    const message = msgs.join(sep)
    const target = fields ? byLower.get(name.toLowerCase()) : name
    if (target === undefined) unmatched.push(message)
    else fieldErrors[target] = fieldErrors[target] ? `${fieldErrors[target]}${sep}${message}` : message
  }
  return { fieldErrors, unmatched }
}
