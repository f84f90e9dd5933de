import { describe, expect, it } from 'vitest'
import { MENU, canAccess, menuFor, menuLeaves } from '@/app/access'

const leaves = (role: string | null) => menuLeaves(menuFor(role)).map((m) => m.key)
const groups = (role: string | null) => menuFor(role).map((m) => m.key)

describe('menuFor', () => {
  it('gives admin every entry', () => {
    expect(leaves('admin')).toEqual(menuLeaves(MENU).map((m) => m.key))
    expect(groups('admin')).toContain('admin')
  })

  it('gives bureau everything except 系统管理', () => {
    const all = menuLeaves(MENU)
      .map((m) => m.key)
      .filter((k) => !k.startsWith('admin.'))
    expect(leaves('bureau')).toEqual(all)
    expect(groups('bureau')).not.toContain('admin')
  })

  it.each(['department', 'district'])('gives %s 目标考核, 保护 and 数据中心 检索 only', (role) => {
    expect(leaves(role)).toEqual(['home', 'records.search', 'indicators.dashboard', 'indicators.values', 'indicators.units', 'protection'])
    expect(groups(role)).not.toContain('admin')
  })

  it('gives enterprise, agency and expert the search and their own modules', () => {
    expect(leaves('enterprise')).toEqual(['home', 'records.search', 'protection', 'transactions', 'programmes', 'analysis'])
    expect(leaves('agency')).toEqual(['home', 'records.search', 'transactions', 'programmes', 'registries'])
    expect(leaves('expert')).toEqual(['home', 'records.search', 'protection', 'programmes', 'registries'])
    for (const r of ['enterprise', 'agency', 'expert']) {
      expect(leaves(r)).not.toContain('records.import')
      expect(leaves(r).filter((k) => k.startsWith('indicators'))).toEqual([])
    }
  })

  it('drops a group whose children are all hidden and keeps a group with one visible child', () => {
    const records = menuFor('district').find((m) => m.key === 'records')
    expect(records?.children?.map((c) => c.key)).toEqual(['records.search'])
  })

  it('shows an unknown or missing role only the public search', () => {
    expect(leaves('hacker')).toEqual(['records.search'])
    expect(leaves(null)).toEqual(['records.search'])
  })
})

describe('canAccess', () => {
  it('is false for unknown roles', () => {
    expect(canAccess('home', 'root')).toBe(false)
    expect(canAccess('admin.users', 'admin')).toBe(true)
    expect(canAccess('admin.users', 'bureau')).toBe(false)
  })
})
