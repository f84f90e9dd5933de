import { describe, expect, it } from 'vitest'
import { addMember, fieldErrors, memberLabel, scopeQuery, unitValuesLink } from '@/features/indicators/units'

describe('custom unit members', () => {
  it('adds a picked region once, keeping the order of picking', () => {
    const a = addMember([], { code: '320703', name: '连云区' })
    const b = addMember(a, { code: '320706', name: '海州区' })
    expect(addMember(b, { code: '320703', name: '连云区' }).map((m) => m.code)).toEqual(['320703', '320706'])
    expect(a).toHaveLength(1) // the input list is not changed
  })

  it('marks development zones', () => {
    expect(memberLabel({ code: '320671', name: '南通经济技术开发区', isDevZone: true })).toBe('南通经济技术开发区（开发区）')
    expect(memberLabel({ code: '320703', name: '连云区' })).toBe('连云区')
  })

  it('joins the server field errors per field', () => {
    expect(
      fieldErrors({ memberCodes: ['“连云区”属于“连云港市”，成员地区不能相互包含', '地区“320703”重复'], name: ['单元名称不能为空'] }),
    ).toEqual({
      memberCodes: '“连云区”属于“连云港市”，成员地区不能相互包含；地区“320703”重复',
      name: '单元名称不能为空',
    })
    expect(fieldErrors(undefined)).toEqual({})
  })
})

describe('values page scope', () => {
  it('maps the scope select to the values query', () => {
    expect(scopeQuery('320700')).toEqual({ parent: '320700' })
    expect(scopeQuery('U00001')).toEqual({ region: 'U00001' })
    expect(scopeQuery('units')).toEqual({ units: true })
    expect(scopeQuery('')).toEqual({})
    expect(scopeQuery('U1')).toEqual({})
  })

  it('links a unit to its values', () => {
    expect(unitValuesLink('U00002')).toEqual({ path: '/indicators/values', query: { region: 'U00002' } })
  })
})
