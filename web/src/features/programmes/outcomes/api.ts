import { api, fileNameFrom, saveBlob, unwrap } from '@/api/client'
import { ApiError, toProblem } from '@/api/problem'
import type { components } from '@/api/schema'

type S = components['schemas']
export type OutcomeCall = S['OutcomeCallItem']
export type CallOutcomes = S['CallOutcomes']
export type OutcomeRow = S['OutcomeRow']
export type LevelCounter = S['LevelCounter']
export type ProgrammePaymentView = S['ProgrammePaymentView']
export type ObjectionView = S['ObjectionView']
export type PublicityNotice = S['PublicityNotice']
export type NoticeItem = S['NoticeItem']
export type ProgrammeTotals = S['ProgrammeTotals']
export type TotalsRow = S['TotalsRow']
export type RaiseObjectionRequest = S['RaiseObjectionRequest']
export type RecordPaymentRequest = S['RecordPaymentRequest']

const BASE = '/api/programmes/outcomes'

export const listCalls = async () => unwrap(await api.GET('/api/programmes/outcomes/calls'))
export const getCall = async (callId: number) =>
  unwrap(await api.GET('/api/programmes/outcomes/calls/{callId}', { params: { path: { callId } } }))
export const publish = async (callId: number) =>
  unwrap(await api.POST('/api/programmes/outcomes/calls/{callId}/publicity', { params: { path: { callId } } }))
export const propose = async (id: number, level: string | null, amount: number | null) =>
  unwrap(await api.PUT('/api/programmes/outcomes/applications/{id}/proposal', { params: { path: { id } }, body: { level, amount } }))
export const decide = async (id: number, approve: boolean, note: string | null) =>
  unwrap(await api.POST('/api/programmes/outcomes/applications/{id}/decision', { params: { path: { id } }, body: { approve, note } }))
export const listObjections = async (callId: number) =>
  unwrap(await api.GET('/api/programmes/outcomes/calls/{callId}/objections', { params: { path: { callId } } }))
export const answerObjection = async (id: number, upheld: boolean, answer: string) =>
  unwrap(await api.POST('/api/programmes/outcomes/objections/{id}/answer', { params: { path: { id } }, body: { upheld, answer } }))
export const recordPayment = async (id: number, body: RecordPaymentRequest) =>
  unwrap(await api.POST('/api/programmes/outcomes/applications/{id}/payments', { params: { path: { id } }, body }))
export const updatePayment = async (id: number, status: string, note: string | null) =>
  unwrap(
    await api.PUT('/api/programmes/outcomes/payments/{id}', {
      params: { path: { id } },
      body: { status, paidOn: null, reference: null, note },
    }),
  )
export const getTotals = async (year: number | null) =>
  unwrap(await api.GET('/api/programmes/outcomes/totals', { params: { query: { year: year ?? undefined } } }))

export async function exportTotals(year: number | null): Promise<void> {
  const res = await fetch(`${BASE}/totals/export${year ? `?year=${year}` : ''}`, { credentials: 'same-origin' })
  if (!res.ok) throw new ApiError(res.status, toProblem(await res.json().catch(() => null), res.status))
  saveBlob(await res.blob(), fileNameFrom(res.headers.get('content-disposition')) ?? 'programme-totals.xlsx')
}

// ---------- public ----------
export const listNotices = async () => unwrap(await api.GET('/api/public/programmes/notices'))
export const raiseObjection = async (callId: number, body: RaiseObjectionRequest) =>
  unwrap(await api.POST('/api/public/programmes/notices/{callId}/objections', { params: { path: { callId } }, body }))

/** 元 as a reader reads it: 10 万元 from ten thousand up, else 元. */
export function yuan(amount: number | null | undefined, wanUnit: string, yuanUnit: string): string {
  if (amount == null) return '—'
  return amount >= 10000 ? `${+(amount / 10000).toFixed(4)} ${wanUnit}` : `${+amount.toFixed(2)} ${yuanUnit}`
}
