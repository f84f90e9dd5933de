import { ACCESS, isRole, type Area, type Role } from './access'

export interface GuardMeta {
  /** Reachable without signing in (login page, public search, error pages). */
  public?: boolean
  /** The area whose roles may open the page; absent = any signed-in user. */
  access?: Area
}

export interface GuardUser {
  role: string
  /** The server requires this account to enable the second factor before anything else (ZHICHAN_STAFF_TOTP=required). */
  secondFactorEnrolmentRequired?: boolean
}

/** The 账户安全 page: where an account that must enrol its second factor is sent (features/account). */
export const ACCOUNT_SECURITY_PATH = '/account/security'

export type GuardDecision =
  { kind: 'allow' } | { kind: 'login'; redirect: string } | { kind: 'forbidden' } | { kind: 'home' } | { kind: 'enrol' }

/**
 * The router guard's decision, kept free of the router so it can be tested: anonymous users go to the login page
 * (remembering where they were going) unless the page is public; a signed-in user on the login page goes home; a page
 * whose area does not admit the user's role (or an unknown role) gives the 403 page. A user who must first enrol the
 * second factor is sent to the 账户安全 page from everywhere else, public pages included (the server refuses that session
 * every other call until then).
 */
export function decideNavigation(meta: GuardMeta, user: GuardUser | null, target: { path: string; fullPath: string }): GuardDecision {
  if (target.path === '/login') return user ? { kind: 'home' } : { kind: 'allow' }
  if (user?.secondFactorEnrolmentRequired && normalisePath(target.path) !== ACCOUNT_SECURITY_PATH) return { kind: 'enrol' }
  if (meta.public) return { kind: 'allow' }
  if (!user) return { kind: 'login', redirect: target.fullPath }
  if (!meta.access) return { kind: 'allow' }
  if (!isRole(user.role)) return { kind: 'forbidden' }
  return (ACCESS[meta.access] as readonly Role[]).includes(user.role) ? { kind: 'allow' } : { kind: 'forbidden' }
}

/** A path without its trailing slash (the router matches both). */
function normalisePath(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, '') : path
}

/** A redirect target taken from `?redirect=` only when it is a path inside this app (no open redirects). */
export function safeRedirect(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/login')) return '/'
  return value
}
