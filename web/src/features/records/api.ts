import { api, saveBlob, fileNameFrom, unwrap } from '@/api/client'
import { ApiError, toProblem } from '@/api/problem'
import type { operations } from '@/api/schema'
import { toApiQuery, type ApiQuery, type SearchFilters } from './query'
import type { ImportEncoding, ImportFormat, SavedSearchRequest } from './types'

type SearchParams = NonNullable<operations['SearchRecords']['parameters']['query']>

/** The page's filter names → SearchRecords' query parameters (the same names; the compiler checks them against the contract). */
const PARAM_NAMES = {
  q: 'q',
  types: 'types',
  dateField: 'dateField',
  from: 'from',
  to: 'to',
  ipc: 'ipc',
  region: 'region',
  industry: 'industry',
  applicant: 'applicant',
  status: 'status',
  sort: 'sort',
  page: 'page',
  pageSize: 'pageSize',
  cursor: 'cursor',
} as const satisfies Record<keyof ApiQuery, keyof SearchParams>

export function toSearchParams(q: ApiQuery): SearchParams {
  const out: SearchParams = {}
  for (const [k, v] of Object.entries(q) as [keyof ApiQuery, string | number | undefined][]) {
    if (v !== undefined) Object.assign(out, { [PARAM_NAMES[k]]: v })
  }
  return out
}

export async function searchRecords(f: SearchFilters) {
  return unwrap(await api.GET('/api/records', { params: { query: toSearchParams(toApiQuery(f)) } }))
}

export async function getRecord(id: number) {
  return unwrap(await api.GET('/api/records/{id}', { params: { path: { id } } }))
}

async function saveDownload(result: { data?: Blob; error?: unknown; response: Response }, fallback: string): Promise<void> {
  if (!result.response.ok || !result.data) throw new ApiError(result.response.status, toProblem(result.error, result.response.status))
  saveBlob(result.data, fileNameFrom(result.response.headers.get('Content-Disposition')) ?? fallback)
}

export async function exportRecords(f: SearchFilters, format: 'csv' | 'xlsx'): Promise<void> {
  const query = { ...toSearchParams(toApiQuery(f, { paging: false })), format }
  await saveDownload(await api.GET('/api/records/export', { params: { query }, parseAs: 'blob' }), `records.${format}`)
}

export async function getRecordStats() {
  return unwrap(await api.GET('/api/records/stats'))
}

export async function listRegions(parent?: string) {
  return unwrap(await api.GET('/api/regions', { params: { query: { parent } } }))
}

function form(fields: Record<string, string | Blob | null | undefined>): FormData {
  const fd = new FormData()
  for (const [k, v] of Object.entries(fields)) if (v !== null && v !== undefined && v !== '') fd.append(k, v)
  return fd
}

export async function createImport(file: File, format: ImportFormat, encoding: ImportEncoding, mappingId?: number | null) {
  const fields = { format, encoding, mappingId: mappingId ?? undefined }
  return unwrap(
    await api.POST('/api/imports', {
      body: fields,
      bodySerializer: (b) =>
        form({ file, format: b.format, encoding: b.encoding, mappingId: b.mappingId === undefined ? undefined : String(b.mappingId) }),
    }),
  )
}

export async function getImport(id: number) {
  return unwrap(await api.GET('/api/imports/{id}', { params: { path: { id } } }))
}

export async function listImports() {
  return unwrap(await api.GET('/api/imports'))
}

export async function listRejections(id: number) {
  return unwrap(await api.GET('/api/imports/{id}/rejections', { params: { path: { id } } }))
}

export async function downloadRejections(id: number): Promise<void> {
  await saveDownload(
    await api.GET('/api/imports/{id}/rejections', { params: { path: { id }, query: { format: 'csv' } }, parseAs: 'blob' }),
    `rejections-${id}.csv`,
  )
}

export async function previewImport(file: File, encoding: ImportEncoding) {
  return unwrap(
    await api.POST('/api/imports/preview', {
      body: { encoding },
      bodySerializer: (b) => form({ file, encoding: b.encoding }),
    }),
  )
}

export async function listMappings() {
  return unwrap(await api.GET('/api/import-mappings'))
}

export async function createMapping(name: string, mapping: Record<string, string>) {
  return unwrap(await api.POST('/api/import-mappings', { body: { name, mapping } }))
}

export async function listSavedSearches() {
  return unwrap(await api.GET('/api/saved-searches'))
}

export async function createSavedSearch(body: SavedSearchRequest) {
  return unwrap(await api.POST('/api/saved-searches', { body }))
}

export async function updateSavedSearch(id: number, body: SavedSearchRequest) {
  return unwrap(await api.PUT('/api/saved-searches/{id}', { params: { path: { id } }, body }))
}

export async function deleteSavedSearch(id: number): Promise<void> {
  unwrap(await api.DELETE('/api/saved-searches/{id}', { params: { path: { id } } }))
}
