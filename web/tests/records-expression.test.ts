import { describe, expect, it } from 'vitest'
import { buildExpression, clause, emptyRow, fieldValue, type ConditionRow } from '@/features/records/expression'
import { emptyFilters, fromSaved, toSavedFilters } from '@/features/records/query'

const row = (over: Partial<ConditionRow>): ConditionRow => ({ ...emptyRow(), ...over })

describe('fieldValue', () => {
  it('keeps one word, a phrase or a group as typed and puts several words in parentheses', () => {
    expect(fieldValue(' battery ')).toBe('battery')
    expect(fieldValue('"solid state"')).toBe('"solid state"')
    expect(fieldValue('(a OR b)')).toBe('(a OR b)')
    expect(fieldValue('a OR b')).toBe('(a OR b)')
    expect(fieldValue('a b')).toBe('(a b)')
  })
})

describe('clause', () => {
  it('writes date rows as a range or one end, and leaves empty rows out', () => {
    expect(clause(row({ field: 'AD', from: '2016-01-01', to: '2016-06-30' }))).toBe('AD=[2016-01-01 TO 2016-06-30]')
    expect(clause(row({ field: 'PD', from: '2017-03-01' }))).toBe('PD>=2017-03-01')
    expect(clause(row({ field: 'GD', to: '2017-12-31' }))).toBe('GD<=2017-12-31')
    expect(clause(row({ field: 'AD' }))).toBeNull()
    expect(clause(row({ field: 'TI', value: '  ' }))).toBeNull()
    expect(clause(row({ field: 'IPC', value: 'H01M10/05' }))).toBe('IPC=H01M10/05')
  })
})

describe('buildExpression', () => {
  it('joins the rows from top to bottom, putting an OR in parentheses before an AND or NOT', () => {
    const rows = [
      row({ field: 'TI', value: 'a OR b' }),
      row({ op: 'AND', field: 'AP', value: 'c' }),
      row({ op: 'NOT', field: 'IPC', value: 'H01M10/05' }),
    ]
    expect(buildExpression(rows)).toBe('TI=(a OR b) AND AP=c NOT IPC=H01M10/05')
    expect(
      buildExpression([row({ value: 'a' }), row({ op: 'OR', field: 'AB', value: 'b' }), row({ op: 'AND', field: 'AP', value: 'c' })]),
    ).toBe('(TI=a OR AB=b) AND AP=c')
    expect(buildExpression([row({ field: 'TI' }), row({ op: 'OR', field: 'AB', value: 'b' })])).toBe('AB=b')
    expect(buildExpression([row({ op: 'NOT', value: 'a' })])).toBe('NOT TI=a')
    expect(buildExpression([])).toBe('')
  })
})

describe('saved search filters', () => {
  it('keep the filters of the page besides the box and come back as the same filters', () => {
    const f = {
      ...emptyFilters(),
      q: 'TI=a',
      types: ['patent_invention'],
      ipc: 'h01m',
      from: '2016-01-01',
      to: '2016-12-31',
      sort: 'date_desc' as const,
    }
    const saved = toSavedFilters(f)
    expect(saved).toMatchObject({
      types: 'patent_invention',
      ipc: 'H01M',
      dateField: 'application',
      from: '2016-01-01',
      to: '2016-12-31',
      sort: 'date_desc',
    })
    expect(saved).not.toHaveProperty('q')
    const back = fromSaved({ q: 'TI=a', filters: saved })
    expect(back).toMatchObject({
      q: 'TI=a',
      types: ['patent_invention'],
      ipc: 'H01M',
      from: '2016-01-01',
      to: '2016-12-31',
      sort: 'date_desc',
      page: 1,
    })
  })
})
