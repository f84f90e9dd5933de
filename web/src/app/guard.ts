import { ACCESS, isRole, type Area, type Role } from './access'

export interface GuardMeta {
  /** Reachable without signing in (login page, public search, error pages). */
  public?: boolean
  /** The area whose roles may open the page; absent = any signed-in user. */
  access?: Area
}

export interface GuardUser {
  role: string
}

export type GuardDecision = { kind: 'allow' } | { kind: 'login'; redirect: string } | { kind: 'forbidden' } | { kind: 'home' }

/**
 * The router guard's decision, kept free of the router so it can be tested: anonymous users go to the login page
 * (remembering where they were going) unless the page is public; a signed-in user on the login page goes home; a page
 * whose area does not admit the user's role (or an unknown role) gives the 403 page.
 */
export function decideNavigation(meta: GuardMeta, user: GuardUser | null, target: { path: string; fullPath: string }): GuardDecision {
  if (target.path === '/login') return user ? { kind: 'home' } : { kind: 'allow' }
  if (meta.public) return { kind: 'allow' }
  if (!user) return { kind: 'login', redirect: target.fullPath }
  if (!meta.access) return { kind: 'allow' }
  if (!isRole(user.role)) return { kind: 'forbidden' }
  return (ACCESS[meta.access] as readonly Role[]).includes(user.role) ? { kind: 'allow' } : { kind: 'forbidden' }
}

/** A redirect target taken from `?redirect=` only when it is a path inside this app (no open redirects). */
export function safeRedirect(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/login')) return '/'
  return value
}
