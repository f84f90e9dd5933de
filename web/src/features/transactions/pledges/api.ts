import { api, currentXsrfToken, fileNameFrom, saveBlob, unwrap } from '@/api/client'
import { ApiError, toProblem } from '@/api/problem'
import type { components, operations } from '@/api/schema'

type S = components['schemas']
export type PledgeRow = S['PledgeRow']
export type PledgeDetail = S['PledgeDetail']
export type PledgeRequest = S['PledgeRequest']
export type TransitionRequest = S['PledgeTransitionRequest']
export type ValuationRow = S['ValuationRow']
export type ValuationRequest = S['ValuationRequest']
export type PoolView = S['PoolView']
export type PoolRequest = S['PoolRequest']
export type ClaimSplit = S['ClaimSplit']
export type ClaimDto = S['ClaimDto']
export type GazetteEvent = S['GazetteEventDto']
export type SheetImportResult = S['SheetImportResult']
export type PledgeQuery = NonNullable<operations['ListPledges']['parameters']['query']>
export type ValuationQuery = NonNullable<operations['ListValuations']['parameters']['query']>

export const STATES = ['applied', 'effective', 'changed', 'released', 'defaulted', 'disposed'] as const
export const METHODS = ['cost', 'market', 'income'] as const

export const listPledges = async (query: PledgeQuery) => unwrap(await api.GET('/api/transactions/pledges', { params: { query } }))
export const getPledge = async (id: number) => unwrap(await api.GET('/api/transactions/pledges/{id}', { params: { path: { id } } }))
export const createPledge = async (body: PledgeRequest) => unwrap(await api.POST('/api/transactions/pledges', { body }))
export const transitionPledge = async (id: number, body: TransitionRequest) =>
  unwrap(await api.POST('/api/transactions/pledges/{id}/transitions', { params: { path: { id } }, body }))
export const getOptions = async (entity?: string) =>
  unwrap(await api.GET('/api/transactions/pledges/options', { params: { query: { entity: entity || undefined } } }))
export const listUnmatched = async (page: number) =>
  unwrap(await api.GET('/api/transactions/pledges/gazette-unmatched', { params: { query: { page, pageSize: 20 } } }))

export const listValuations = async (query: ValuationQuery) => unwrap(await api.GET('/api/transactions/valuations', { params: { query } }))
export const getValuation = async (id: number) => unwrap(await api.GET('/api/transactions/valuations/{id}', { params: { path: { id } } }))
export const createValuation = async (body: ValuationRequest) => unwrap(await api.POST('/api/transactions/valuations', { body }))
export const reportLink = (id: number) => `/api/transactions/valuations/${id}/report`

export const getPool = async (year: number) =>
  unwrap(await api.GET('/api/transactions/pledge-pools/{year}', { params: { path: { year } } }))
export const savePool = async (year: number, body: PoolRequest) =>
  unwrap(await api.PUT('/api/transactions/pledge-pools/{year}', { params: { path: { year } }, body }))
export const addContribution = async (year: number, body: S['ContributionRequest']) =>
  unwrap(await api.POST('/api/transactions/pledge-pools/{year}/contributions', { params: { path: { year } }, body }))
export const addMember = async (year: number, body: S['PoolMemberRequest']) =>
  unwrap(await api.POST('/api/transactions/pledge-pools/{year}/members', { params: { path: { year } }, body }))
export const previewClaim = async (pledgeId: number) =>
  unwrap(await api.POST('/api/transactions/pledge-claims/preview', { body: { pledgeId, note: null } }))
export const createClaim = async (pledgeId: number, note: string | null) =>
  unwrap(await api.POST('/api/transactions/pledge-claims', { body: { pledgeId, note } }))
export const reviewClaim = async (id: number, decision: 'approve' | 'reject', reason: string | null) =>
  unwrap(await api.POST('/api/transactions/pledge-claims/{id}/review', { params: { path: { id } }, body: { decision, reason } }))
export const addPayout = async (id: number, body: S['PayoutRequest']) =>
  unwrap(await api.POST('/api/transactions/pledge-claims/{id}/payouts', { params: { path: { id } }, body }))

async function upload(url: string, file: File): Promise<unknown> {
  const fd = new FormData()
  fd.append('file', file, file.name)
  const token = currentXsrfToken()
  const res = await fetch(url, { method: 'POST', body: fd, credentials: 'same-origin', headers: token ? { 'X-XSRF-TOKEN': token } : {} })
  const body: unknown = await res.json().catch(() => null)
  if (!res.ok) throw new ApiError(res.status, toProblem(body, res.status))
  return body
}

export const importPledges = async (file: File) => (await upload('/api/transactions/pledges/import', file)) as SheetImportResult
export const uploadReport = async (id: number, file: File) => (await upload(reportLink(id), file)) as ValuationRow

export async function exportPledges(query: PledgeQuery): Promise<void> {
  const qs = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== undefined && v !== '' && v !== null) as [string, string][])
  const res = await fetch(`/api/transactions/pledges/export?${qs.toString()}`, { credentials: 'same-origin' })
  if (!res.ok) throw new ApiError(res.status, toProblem(await res.json().catch(() => null), res.status))
  saveBlob(await res.blob(), fileNameFrom(res.headers.get('content-disposition')) ?? 'pledges.xlsx')
}

/** 元 → 万元 text for tables (the server keeps 元 with two decimals). */
export const wan = (yuan: number | null | undefined) =>
  yuan === null || yuan === undefined ? '—' : (yuan / 10000).toLocaleString('zh-CN', { maximumFractionDigits: 4 })
