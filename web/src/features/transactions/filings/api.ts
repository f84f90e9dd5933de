import { api, currentXsrfToken, fileNameFrom, saveBlob, unwrap } from '@/api/client'
import { ApiError, toProblem } from '@/api/problem'
import type { components, operations } from '@/api/schema'

type S = components['schemas']
export type FilingRow = S['FilingRow']
export type FilingDetail = S['FilingDetail']
export type FilingForm = S['FilingForm']
export type FilingPartyInput = S['FilingPartyInput']
export type FilingResult = S['FilingResult']
export type CheckedRight = S['CheckedRight']
export type PartyOption = S['PartyOption']
export type OpenLicence = S['OpenLicenceView']
export type OpenLicenceForm = S['OpenLicenceForm']
export type UnmatchedEvent = S['UnmatchedEvent']
export type SheetImportResult = S['SheetImportResult']
export type FilingQuery = NonNullable<operations['ListLicenceFilings']['parameters']['query']>

/** The states, kinds and choices in the order the server knows them (labels come from i18n). */
export const STATES = ['draft', 'submitted', 'accepted', 'approved', 'refused', 'changing', 'cancelled'] as const
export const KINDS = ['licence', 'assignment'] as const
export const LICENCE_TYPES = ['exclusive', 'sole', 'ordinary', 'sublicence'] as const
export const FEE_BASES = ['lump_sum', 'royalty', 'both'] as const
export const ROLES_OF = { licence: ['licensor', 'licensee'], assignment: ['assignor', 'assignee'] } as const

export const listFilings = async (query: FilingQuery) => unwrap(await api.GET('/api/transactions/filings', { params: { query } }))
export const getFiling = async (id: number) => unwrap(await api.GET('/api/transactions/filings/{id}', { params: { path: { id } } }))
export const createFiling = async (body: FilingForm) => unwrap(await api.POST('/api/transactions/filings', { body }))
export const updateFiling = async (id: number, body: FilingForm) =>
  unwrap(await api.PUT('/api/transactions/filings/{id}', { params: { path: { id } }, body }))
export const submitFiling = async (id: number) =>
  unwrap(await api.POST('/api/transactions/filings/{id}/submit', { params: { path: { id } } }))
export const acceptFiling = async (id: number) =>
  unwrap(await api.POST('/api/transactions/filings/{id}/accept', { params: { path: { id } }, body: { note: null } }))
export const decideFiling = async (id: number, approve: boolean, reason: string | null) =>
  unwrap(await api.POST('/api/transactions/filings/{id}/decision', { params: { path: { id } }, body: { approve, reason } }))
export const changeFiling = async (id: number, note: string | null) =>
  unwrap(await api.POST('/api/transactions/filings/{id}/change', { params: { path: { id } }, body: { note } }))
export const cancelFiling = async (id: number, note: string) =>
  unwrap(await api.POST('/api/transactions/filings/{id}/cancel', { params: { path: { id } }, body: { note } }))
export const checkRights = async (rights: { kind: string; number: string }[]) =>
  unwrap(await api.POST('/api/transactions/filings/rights/check', { body: { rights } }))
export const searchParties = async (q: string) => unwrap(await api.GET('/api/transactions/filings/parties', { params: { query: { q } } }))
export const listUnmatched = async (query: { kind?: string; year?: number; page: number; pageSize: number }) =>
  unwrap(await api.GET('/api/transactions/filings/unmatched-gazette', { params: { query } }))

export const listOpenLicences = async (query: { q?: string; mine?: boolean; page: number; pageSize: number }) =>
  unwrap(await api.GET('/api/transactions/open-licences', { params: { query } }))
export const listPublicOpenLicences = async (query: { q?: string; page: number; pageSize: number }) =>
  unwrap(await api.GET('/api/public/open-licences', { params: { query } }))
export const declareOpenLicence = async (body: OpenLicenceForm) => unwrap(await api.POST('/api/transactions/open-licences', { body }))
export const publishOpenLicence = async (id: number) =>
  unwrap(await api.POST('/api/transactions/open-licences/{id}/publish', { params: { path: { id } } }))
export const withdrawOpenLicence = async (id: number) =>
  unwrap(await api.POST('/api/transactions/open-licences/{id}/withdraw', { params: { path: { id } } }))
export const takeOpenLicence = async (id: number) =>
  unwrap(await api.POST('/api/transactions/open-licences/{id}/take', { params: { path: { id } } }))

/** ImportLicenceFilings: the XLSX as multipart. */
export async function importFilings(file: File): Promise<SheetImportResult> {
  const fd = new FormData()
  fd.append('file', file, file.name)
  const token = currentXsrfToken()
  const res = await fetch('/api/transactions/filings/import', {
    method: 'POST',
    body: fd,
    credentials: 'same-origin',
    headers: token ? { 'X-XSRF-TOKEN': token } : {},
  })
  const body: unknown = await res.json().catch(() => null)
  if (!res.ok) throw new ApiError(res.status, toProblem(body, res.status))
  return body as SheetImportResult
}

export async function exportFilings(query: Record<string, string | number | boolean | undefined>): Promise<void> {
  const qs = new URLSearchParams()
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '' && k !== 'page' && k !== 'pageSize') qs.set(k, String(v))
  const res = await fetch(`/api/transactions/filings/export?${qs.toString()}`, { credentials: 'same-origin' })
  if (!res.ok) throw new ApiError(res.status, toProblem(await res.json().catch(() => null), res.status))
  saveBlob(await res.blob(), fileNameFrom(res.headers.get('content-disposition')) ?? 'filings.xlsx')
}
