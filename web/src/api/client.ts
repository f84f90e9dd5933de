import createClient, { type Middleware } from 'openapi-fetch'
import type { paths } from './schema'
import { ApiError, toProblem } from './problem'
import { XSRF_COOKIE, readCookie, xsrfMiddleware } from './xsrf'

let csrfToken: string | null = null

/** Remembers the token returned by Login / GetCurrentUser (used when the cookie cannot be read). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token
}

/** The XSRF-TOKEN cookie (freshest) or the token the last login / session call returned. */
export function currentXsrfToken(): string | null {
  const cookie = typeof document === 'undefined' ? null : readCookie(XSRF_COOKIE, document.cookie)
  return cookie ?? csrfToken
}

type UnauthorizedHandler = () => void
let onUnauthorized: UnauthorizedHandler | null = null

/** Called when a signed-in call answers 401 (session expired): the app clears the session and shows the login page. */
export function setUnauthorizedHandler(handler: UnauthorizedHandler | null): void {
  onUnauthorized = handler
}

const SESSION_PATHS = ['/api/auth/login', '/api/auth/me', '/api/auth/logout']

const expiredSession: Middleware = {
  onResponse({ response, request }) {
    const path = new URL(request.url, 'http://x').pathname
    if (response.status === 401 && !SESSION_PATHS.includes(path)) onUnauthorized?.()
    return undefined
  },
}

/** The typed client over the generated OpenAPI schema (same-origin cookies, XSRF header on writes). */
export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' })
api.use(xsrfMiddleware(currentXsrfToken), expiredSession)

/** Returns `data` of an openapi-fetch result or throws an {@link ApiError} carrying the problem details. */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.response.ok && result.error === undefined) return result.data as T
  throw new ApiError(result.response.status, toProblem(result.error, result.response.status))
}

/** File name from a Content-Disposition header (RFC 5987 `filename*` preferred). */
export function fileNameFrom(disposition: string | null): string | null {
  if (!disposition) return null
  const star = /filename\*\s*=\s*(?:UTF-8'')?([^;]+)/i.exec(disposition)
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''))
    } catch {
      /* fall through */
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(disposition)
  return plain?.[1]?.trim() ?? null
}

export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = name
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}
