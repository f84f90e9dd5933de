import type { LocationQuery, LocationQueryRaw } from 'vue-router'
import type { FacetName, SavedSearchFilters } from './types'

export const DATE_FIELDS = ['application', 'publication', 'grant'] as const
export type DateField = (typeof DATE_FIELDS)[number]
export const SORTS = ['relevance', 'date_desc', 'date_asc'] as const
export type SortKey = (typeof SORTS)[number]
export const PAGE_SIZES = [10, 20, 50, 100] as const

/** Everything the search page sends to SearchRecords; also mirrored in the URL so a search can be shared. */
export interface SearchFilters {
  q: string
  types: string[]
  dateField: DateField
  from: string
  to: string
  ipc: string
  region: string
  industry: string
  applicant: string
  status: string
  sort: SortKey
  page: number
  pageSize: number
  /** keyset cursor (date sorts) for paging past the first 10,000 results; empty = page numbers */
  cursor: string
}

export function emptyFilters(): SearchFilters {
  return {
    q: '',
    types: [],
    dateField: 'application',
    from: '',
    to: '',
    ipc: '',
    region: '',
    industry: '',
    applicant: '',
    status: '',
    sort: 'relevance',
    page: 1,
    pageSize: 20,
    cursor: '',
  }
}

/** SearchRecords answers page numbers only up to this offset; beyond it the date sorts page with a cursor. */
export const MAX_OFFSET = 10_000

/** The last page reachable by number for a page size. */
export function lastNumberedPage(pageSize: number): number {
  return Math.floor(MAX_OFFSET / pageSize) + 1
}

const YEAR = /^\d{4}$/

function yearRange(year: string): { from: string; to: string } {
  return { from: `${year}-01-01`, to: `${year}-12-31` }
}

/** Whether a facet bucket is one of the current filters (drawn as selected). */
export function isFacetActive(f: SearchFilters, facet: FacetName | string, key: string): boolean {
  switch (facet) {
    case 'type':
      return f.types.includes(key)
    case 'year': {
      if (!YEAR.test(key)) return false
      const r = yearRange(key)
      return f.from === r.from && f.to === r.to
    }
    case 'province':
    case 'city':
    case 'county':
      return f.region === key
    case 'ipcSection':
    case 'ipcClass':
      return f.ipc.toUpperCase() === key.toUpperCase()
    case 'industry':
      return f.industry === key
    case 'applicant':
      return f.applicant === key
    default:
      return false
  }
}

/**
 * The filters after a click on a facet bucket: type toggles in the list of types, a year sets the date range to that
 * year (on the chosen date field), a province/city/county sets the region, an IPC section/class the IPC prefix, industry
 * and applicant their filter. Clicking an active bucket removes it. Always goes back to page 1.
 */
export function applyFacet(f: SearchFilters, facet: FacetName | string, key: string): SearchFilters {
  const next: SearchFilters = { ...f, types: [...f.types], page: 1, cursor: '' }
  const active = isFacetActive(f, facet, key)
  switch (facet) {
    case 'type':
      next.types = active ? next.types.filter((t) => t !== key) : [...next.types, key]
      break
    case 'year':
      if (!YEAR.test(key)) return f
      Object.assign(next, active ? { from: '', to: '' } : yearRange(key))
      break
    case 'province':
    case 'city':
    case 'county':
      next.region = active ? '' : key
      break
    case 'ipcSection':
    case 'ipcClass':
      next.ipc = active ? '' : key
      break
    case 'industry':
      next.industry = active ? '' : key
      break
    case 'applicant':
      next.applicant = active ? '' : key
      break
    default:
      return f
  }
  return next
}

export type FilterKey = 'q' | 'types' | 'date' | 'ipc' | 'region' | 'industry' | 'applicant' | 'status'

/** Removes one filter (the chips above the results). */
export function removeFilter(f: SearchFilters, key: FilterKey, value?: string): SearchFilters {
  const next: SearchFilters = { ...f, types: [...f.types], page: 1, cursor: '' }
  if (key === 'types') next.types = value === undefined ? [] : next.types.filter((t) => t !== value)
  else if (key === 'date') Object.assign(next, { from: '', to: '' })
  else next[key] = ''
  return next
}

/** The query of SearchRecords / ExportRecords in the contract's names (api.ts maps them onto the OpenAPI names). */
export interface ApiQuery {
  q?: string
  /** right types, comma-separated */
  types?: string
  dateField?: DateField
  from?: string
  to?: string
  ipc?: string
  region?: string
  industry?: string
  applicant?: string
  status?: string
  sort?: SortKey
  page?: number
  pageSize?: number
  cursor?: string
}

/** The query parameters of a search: empty filters left out, types comma-separated, the date field only with a range. */
export function toApiQuery(f: SearchFilters, opts: { paging?: boolean } = { paging: true }): ApiQuery {
  const q: ApiQuery = {}
  if (f.q.trim()) q.q = f.q.trim()
  if (f.types.length) q.types = f.types.join(',')
  if (f.from || f.to) {
    q.dateField = f.dateField
    if (f.from) q.from = f.from
    if (f.to) q.to = f.to
  }
  if (f.ipc.trim()) q.ipc = f.ipc.trim().toUpperCase()
  if (f.region) q.region = f.region
  if (f.industry) q.industry = f.industry
  if (f.applicant.trim()) q.applicant = f.applicant.trim()
  if (f.status) q.status = f.status
  if (f.sort !== 'relevance') q.sort = f.sort
  if (opts.paging !== false) {
    q.page = f.page
    q.pageSize = f.pageSize
    if (f.cursor) q.cursor = f.cursor
  }
  return q
}

/** The filters as a route query (defaults left out, so a plain search has a short URL). */
export function toRouteQuery(f: SearchFilters): LocationQueryRaw {
  const q: LocationQueryRaw = {}
  const api = toApiQuery(f, { paging: false })
  for (const [k, v] of Object.entries(api)) if (v !== undefined) q[k] = String(v)
  if (f.page !== 1) q.page = String(f.page)
  if (f.pageSize !== 20) q.pageSize = String(f.pageSize)
  if (f.cursor) q.cursor = f.cursor
  return q
}

function one(v: LocationQuery[string] | undefined): string {
  const s = Array.isArray(v) ? v[0] : v
  return typeof s === 'string' ? s : ''
}

function many(v: LocationQuery[string] | undefined): string[] {
  if (v === undefined || v === null) return []
  const list = Array.isArray(v) ? v : [v]
  return list
    .flatMap((s) => (typeof s === 'string' ? s.split(',') : []))
    .map((s) => s.trim())
    .filter(Boolean)
}

function positive(v: string, fallback: number, max: number): number {
  const n = Number.parseInt(v, 10)
  return Number.isFinite(n) && n >= 1 ? Math.min(n, max) : fallback
}

/** Reads the filters back from the URL (unknown or malformed values fall back to the defaults). */
export function fromRouteQuery(q: LocationQuery): SearchFilters {
  const f = emptyFilters()
  f.q = one(q.q)
  f.types = many(q.types)
  const df = one(q.dateField)
  if ((DATE_FIELDS as readonly string[]).includes(df)) f.dateField = df as DateField
  const date = /^\d{4}-\d{2}-\d{2}$/
  if (date.test(one(q.from))) f.from = one(q.from)
  if (date.test(one(q.to))) f.to = one(q.to)
  f.ipc = one(q.ipc)
  f.region = one(q.region)
  f.industry = one(q.industry)
  f.applicant = one(q.applicant)
  f.status = one(q.status)
  const sort = one(q.sort)
  if ((SORTS as readonly string[]).includes(sort)) f.sort = sort as SortKey
  f.page = positive(one(q.page), 1, 10000)
  const size = positive(one(q.pageSize), 20, 100)
  f.pageSize = (PAGE_SIZES as readonly number[]).includes(size) ? size : 20
  f.cursor = one(q.cursor)
  return f
}

/** The page's filters besides the search box, as a saved search keeps them (empty ones left out). */
export function toSavedFilters(f: SearchFilters): SavedSearchFilters {
  const a = toApiQuery(f, { paging: false })
  return {
    types: a.types,
    dateField: a.dateField,
    from: a.from,
    to: a.to,
    ipc: a.ipc,
    region: a.region,
    industry: a.industry,
    applicant: a.applicant,
    status: a.status,
    sort: f.sort,
  }
}

/** A saved search back as the page's filters (page 1). */
export function fromSaved(s: { q: string; filters: SavedSearchFilters }): SearchFilters {
  const route: Record<string, string> = { q: s.q }
  for (const [k, v] of Object.entries(s.filters)) if (typeof v === 'string' && v) route[k] = v
  return fromRouteQuery(route)
}
