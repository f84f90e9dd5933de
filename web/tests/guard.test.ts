import { describe, expect, it } from 'vitest'
import { ACCOUNT_SECURITY_PATH, decideNavigation, safeRedirect } from '@/app/guard'

const to = (path: string, fullPath = path) => ({ path, fullPath })

describe('decideNavigation', () => {
  it('sends an anonymous user to the login page with the target remembered', () => {
    expect(decideNavigation({ access: 'home' }, null, to('/'))).toEqual({ kind: 'login', redirect: '/' })
    expect(decideNavigation({ access: 'admin.users' }, null, to('/admin/users', '/admin/users?q=a'))).toEqual({
      kind: 'login',
      redirect: '/admin/users?q=a',
    })
  })

  it('opens the site root to an anonymous visitor when it is public (the portal home, issue 25)', () => {
    expect(decideNavigation({ public: true, access: 'home' }, null, to('/'))).toEqual({ kind: 'allow' })
    expect(decideNavigation({ public: true, access: 'home' }, { role: 'bureau' }, to('/'))).toEqual({ kind: 'allow' })
  })

  it('lets an anonymous user open public pages', () => {
    expect(decideNavigation({ public: true, access: 'records.search' }, null, to('/records/search')).kind).toBe('allow')
    expect(decideNavigation({ public: true }, null, to('/login')).kind).toBe('allow')
  })

  it('sends a signed-in user away from the login page', () => {
    expect(decideNavigation({ public: true }, { role: 'bureau' }, to('/login')).kind).toBe('home')
  })

  it('gives a district user the 403 page for the admin pages', () => {
    expect(decideNavigation({ access: 'admin.users' }, { role: 'district' }, to('/admin/users')).kind).toBe('forbidden')
    expect(decideNavigation({ access: 'admin.audit' }, { role: 'bureau' }, to('/admin/audit')).kind).toBe('forbidden')
    expect(decideNavigation({ access: 'admin.users' }, { role: 'admin' }, to('/admin/users')).kind).toBe('allow')
  })

  it('checks the area of module pages', () => {
    expect(decideNavigation({ access: 'indicators' }, { role: 'district' }, to('/indicators')).kind).toBe('allow')
    expect(decideNavigation({ access: 'indicators' }, { role: 'enterprise' }, to('/indicators')).kind).toBe('forbidden')
    expect(decideNavigation({ access: 'records.import' }, { role: 'department' }, to('/records/import')).kind).toBe('forbidden')
  })

  it('refuses an unknown role on any role-restricted page', () => {
    expect(decideNavigation({ access: 'home' }, { role: 'superuser' }, to('/')).kind).toBe('forbidden')
    expect(decideNavigation({}, { role: 'superuser' }, to('/somewhere')).kind).toBe('allow')
  })
})

describe('decideNavigation: a second factor to enrol', () => {
  const enrolling = { role: 'bureau', secondFactorEnrolmentRequired: true }

  it('sends every page to 账户安全, public and forbidden ones too', () => {
    expect(decideNavigation({ access: 'home' }, enrolling, to('/')).kind).toBe('enrol')
    expect(decideNavigation({ access: 'indicators' }, enrolling, to('/indicators', '/indicators?year=2025')).kind).toBe('enrol')
    expect(decideNavigation({ public: true, access: 'records.search' }, enrolling, to('/records/search')).kind).toBe('enrol')
    expect(decideNavigation({ access: 'admin.users' }, enrolling, to('/admin/users')).kind).toBe('enrol')
    expect(decideNavigation({ public: true }, enrolling, to('/403')).kind).toBe('enrol')
  })

  it('opens 账户安全 itself (with or without a trailing slash) and leaves the login page to its rule', () => {
    expect(ACCOUNT_SECURITY_PATH).toBe('/account/security')
    expect(decideNavigation({ access: 'account' }, enrolling, to('/account/security')).kind).toBe('allow')
    expect(decideNavigation({ access: 'account' }, enrolling, to('/account/security/')).kind).toBe('allow')
    expect(decideNavigation({ public: true }, enrolling, to('/login')).kind).toBe('home')
  })

  it('leaves users who need not enrol alone', () => {
    expect(decideNavigation({ access: 'home' }, { role: 'bureau', secondFactorEnrolmentRequired: false }, to('/')).kind).toBe('allow')
    expect(decideNavigation({ access: 'account' }, { role: 'expert' }, to('/account/security')).kind).toBe('allow')
    expect(decideNavigation({ access: 'account' }, null, to('/account/security')).kind).toBe('login')
  })
})

describe('safeRedirect', () => {
  it('accepts only in-app paths', () => {
    expect(safeRedirect('/admin/users?x=1')).toBe('/admin/users?x=1')
    expect(safeRedirect('//evil.example')).toBe('/')
    expect(safeRedirect('https://evil.example')).toBe('/')
    expect(safeRedirect('/login')).toBe('/')
    expect(safeRedirect(undefined)).toBe('/')
    expect(safeRedirect(['/a'])).toBe('/')
  })
})
