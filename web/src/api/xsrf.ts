import type { Middleware } from 'openapi-fetch'

export const XSRF_COOKIE = 'XSRF-TOKEN'
export const XSRF_HEADER = 'X-XSRF-TOKEN'
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE'])

/** Value of one cookie in a `document.cookie` string, URL-decoded; null when absent or empty. */
export function readCookie(name: string, cookies: string): string | null {
  for (const part of cookies.split(';')) {
    const eq = part.indexOf('=')
    if (eq < 0) continue
    if (part.slice(0, eq).trim() !== name) continue
    const value = part.slice(eq + 1).trim()
    if (!value) return null
    try {
      return decodeURIComponent(value)
    } catch {
      return value
    }
  }
  return null
}

export function isSafeMethod(method: string): boolean {
  return SAFE_METHODS.has(method.toUpperCase())
}

/** Adds the antiforgery header to every non-GET request (the server checks it on cookie-authenticated writes). */
export function xsrfMiddleware(token: () => string | null): Middleware {
  return {
    onRequest({ request }) {
      if (isSafeMethod(request.method)) return undefined
      const t = token()
      if (t) request.headers.set(XSRF_HEADER, t)
      return request
    },
  }
}
