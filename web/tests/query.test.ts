import { describe, expect, it } from 'vitest'
import {
  applyFacet,
  emptyFilters,
  fromRouteQuery,
  isFacetActive,
  lastNumberedPage,
  removeFilter,
  toApiQuery,
  toRouteQuery,
} from '@/features/records/query'
import { toSearchParams } from '@/features/records/api'

describe('applyFacet', () => {
  it('toggles right types in the list of types', () => {
    let f = applyFacet(emptyFilters(), 'type', 'patent_invention')
    f = applyFacet(f, 'type', 'trademark')
    expect(f.types).toEqual(['patent_invention', 'trademark'])
    f = applyFacet(f, 'type', 'patent_invention')
    expect(f.types).toEqual(['trademark'])
  })

  it('turns a year into a date range on the chosen date field, and back', () => {
    const start = { ...emptyFilters(), dateField: 'grant' as const }
    const f = applyFacet(start, 'year', '2023')
    expect(f).toMatchObject({ from: '2023-01-01', to: '2023-12-31', dateField: 'grant' })
    expect(isFacetActive(f, 'year', '2023')).toBe(true)
    expect(toApiQuery(f)).toMatchObject({ dateField: 'grant', from: '2023-01-01', to: '2023-12-31' })
    expect(applyFacet(f, 'year', '2023')).toMatchObject({ from: '', to: '' })
  })

  it('sets region, IPC, industry and applicant, replacing the previous value', () => {
    let f = applyFacet(emptyFilters(), 'province', '320000')
    f = applyFacet(f, 'city', '320700')
    expect(f.region).toBe('320700')
    f = applyFacet(f, 'ipcSection', 'A')
    f = applyFacet(f, 'ipcClass', 'A61K')
    expect(f.ipc).toBe('A61K')
    f = applyFacet(f, 'industry', 'C27')
    f = applyFacet(f, 'applicant', '江苏恒瑞医药股份有限公司')
    expect(toApiQuery(f)).toMatchObject({ region: '320700', ipc: 'A61K', industry: 'C27', applicant: '江苏恒瑞医药股份有限公司' })
  })

  it('goes back to page 1 (dropping a paging cursor) and leaves unknown facets alone', () => {
    const f = { ...emptyFilters(), page: 5, cursor: 'abc' }
    expect(applyFacet(f, 'county', '320703')).toMatchObject({ page: 1, cursor: '' })
    expect(applyFacet(f, 'nonsense', 'x')).toBe(f)
    expect(applyFacet(f, 'year', 'abc')).toBe(f)
  })
})

describe('toApiQuery', () => {
  it('leaves out empty filters and defaults, joins types with commas', () => {
    const f = { ...emptyFilters(), q: '  锂电池 "隔膜" ', types: ['patent_invention', 'patent_utility'], ipc: 'h01m' }
    const q = toApiQuery(f)
    expect(q).toEqual({ q: '锂电池 "隔膜"', types: 'patent_invention,patent_utility', ipc: 'H01M', page: 1, pageSize: 20 })
  })

  it('is sent under the parameter names of the OpenAPI document', () => {
    const f = { ...emptyFilters(), q: '电池', types: ['trademark'], from: '2020-01-01', region: '320703', sort: 'date_desc' as const }
    const params = toSearchParams(toApiQuery(f))
    expect(params).toEqual({
      q: '电池',
      types: 'trademark',
      dateField: 'application',
      from: '2020-01-01',
      region: '320703',
      sort: 'date_desc',
      page: 1,
      pageSize: 20,
    })
    expect(new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString()).toBe(
      'q=%E7%94%B5%E6%B1%A0&types=trademark&dateField=application&from=2020-01-01&region=320703&sort=date_desc&page=1&pageSize=20',
    )
  })

  it('sends the date field only with a range, and the sort only when not relevance', () => {
    expect(toApiQuery({ ...emptyFilters(), dateField: 'publication' })).not.toHaveProperty('dateField')
    expect(toApiQuery({ ...emptyFilters(), from: '2020-01-01' })).toMatchObject({ dateField: 'application', from: '2020-01-01' })
    expect(toApiQuery({ ...emptyFilters(), sort: 'date_desc' })).toHaveProperty('sort', 'date_desc')
    expect(toApiQuery(emptyFilters(), { paging: false })).toEqual({})
  })
})

describe('paging', () => {
  it('numbers pages up to the 10,000th result, then sends the cursor', () => {
    expect(lastNumberedPage(20)).toBe(501)
    expect(lastNumberedPage(100)).toBe(101)
    expect(toApiQuery({ ...emptyFilters(), sort: 'date_desc', cursor: 'c1' })).toMatchObject({ cursor: 'c1', sort: 'date_desc' })
    expect(toApiQuery({ ...emptyFilters(), cursor: 'c1' }, { paging: false })).not.toHaveProperty('cursor')
  })
})

describe('route query round trip', () => {
  it('reads back what it wrote', () => {
    const f = {
      ...emptyFilters(),
      q: '电池',
      types: ['trademark'],
      dateField: 'grant' as const,
      from: '2022-01-01',
      to: '2022-12-31',
      region: '320703',
      sort: 'date_asc' as const,
      page: 3,
      pageSize: 50,
    }
    const raw = toRouteQuery(f)
    const parsed = fromRouteQuery(raw as never)
    expect(parsed).toEqual(f)
  })

  it('ignores malformed values', () => {
    const f = fromRouteQuery({ page: '-2', pageSize: '7', sort: 'random', from: '2020/01/01', dateField: 'x', types: 'a,b' })
    expect(f).toMatchObject({ page: 1, pageSize: 20, sort: 'relevance', from: '', dateField: 'application', types: ['a', 'b'] })
  })

  it('removes single filters', () => {
    const f = { ...emptyFilters(), types: ['a', 'b'], from: '2020-01-01', to: '2020-12-31', applicant: 'x' }
    expect(removeFilter(f, 'types', 'a').types).toEqual(['b'])
    expect(removeFilter(f, 'date')).toMatchObject({ from: '', to: '' })
    expect(removeFilter(f, 'applicant').applicant).toBe('')
  })
})
