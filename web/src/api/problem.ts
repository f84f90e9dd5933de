/** RFC 7807 problem details as the backend writes them (field errors in Chinese). */
export interface ProblemDetails {
  type?: string
  title?: string
  detail?: string
  status?: number
  errors?: Record<string, string[]>
  correlationId?: string
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

export function statusTitle(status: number): string {
  if (status === 0) return '网络连接失败'
  if (status === 401) return '未登录'
  if (status === 403) return '禁止访问'
  if (status === 404) return '未找到'
  if (status === 409) return '操作冲突'
  if (status === 423) return '账户已锁定'
  if (status === 429) return '请求过于频繁'
  if (status >= 500) return '服务器错误'
  return '请求失败'
}

/** The sentence to show a person: the detail, else the title, else a message for the status. */
export function problemMessage(p: ProblemDetails, status = p.status ?? 0): string {
  return p.detail || p.title || `${statusTitle(status)}（HTTP ${status}）`
}

/** Server field names arrive as `username`, `Username`, `$.username` or `items[0].name`; forms use camelCase keys. */
export function normaliseField(field: string): string {
  const f = field.replace(/^\$\.?/, '').trim()
  return f.length === 0 ? f : f[0]!.toLowerCase() + f.slice(1)
}

/**
 * Maps problem `errors` onto form fields: one message per field (messages of a field joined by '；'). When the form's
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
    const message = msgs.join('；')
    const target = fields ? byLower.get(name.toLowerCase()) : name
    if (target === undefined) unmatched.push(message)
    else fieldErrors[target] = fieldErrors[target] ? `${fieldErrors[target]}；${message}` : message
  }
  return { fieldErrors, unmatched }
}
