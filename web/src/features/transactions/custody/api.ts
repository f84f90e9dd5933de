import { api, fileNameFrom, saveBlob, unwrap } from '@/api/client'
import { ApiError, toProblem } from '@/api/problem'
import type { components, operations } from '@/api/schema'

type S = components['schemas']
export type ContractRow = S['ContractRow']
export type ContractDetail = S['ContractDetail']
export type CheckedRight = S['CheckedRight']
export type RightInput = S['RightInput']
export type CalendarView = S['RenewalCalendarView']
export type CalendarItem = S['CalendarItem']
export type Watch = S['WatchView']
export type PartyOption = S['CustodyPartyOption']
export type CreateContract = S['CreateCustodyContractRequest']
export type CalendarQuery = NonNullable<operations['GetRenewalCalendar']['parameters']['query']>

/** The services and states the server knows (labels come from i18n). */
export const SERVICES = ['annual_fee', 'monitoring', 'renewal', 'records', 'enforcement'] as const
export const STATES = ['draft', 'active', 'terminated', 'expired'] as const
export const WINDOWS = ['30', '90', 'overdue', 'grace'] as const
export const ITEM_STATES = ['pending', 'grace', 'paid', 'lapsed', 'upcoming', 'ended'] as const

/** Numbers pasted one per line (or separated by commas/spaces) as rights of one kind. */
export function parseRights(text: string, kind: string): RightInput[] {
  return text
    .split(/[\s,;\uFF0C\uFF1B\u3001]+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map((number) => ({ kind, number }))
}

export const listContracts = async (status: string | undefined, page: number, pageSize: number) =>
  unwrap(await api.GET('/api/transactions/custody/contracts', { params: { query: { status, page, pageSize } } }))
export const getContract = async (id: number) =>
  unwrap(await api.GET('/api/transactions/custody/contracts/{id}', { params: { path: { id } } }))
export const createContract = async (body: CreateContract) => unwrap(await api.POST('/api/transactions/custody/contracts', { body }))
export const transition = async (id: number, action: string, note: string | null) =>
  unwrap(await api.POST('/api/transactions/custody/contracts/{id}/transitions', { params: { path: { id } }, body: { action, note } }))
export const addRights = async (id: number, rights: RightInput[]) =>
  unwrap(await api.POST('/api/transactions/custody/contracts/{id}/rights', { params: { path: { id } }, body: { rights } }))
export const removeRight = async (id: number, rightId: number, note: string | null) =>
  unwrap(
    await api.DELETE('/api/transactions/custody/contracts/{id}/rights/{rightId}', {
      params: { path: { id, rightId }, query: { note: note ?? undefined } },
    }),
  )
export const listParties = async (q: string) => unwrap(await api.GET('/api/transactions/custody/parties', { params: { query: { q } } }))
export const checkRights = async (rights: RightInput[], entityId: number | null = null) =>
  unwrap(await api.POST('/api/transactions/custody/rights/check', { body: { entityId, rights } }))
export const listWatches = async () => unwrap(await api.GET('/api/transactions/custody/watches'))
export const addWatch = async (rights: RightInput[]) => unwrap(await api.POST('/api/transactions/custody/watches', { body: { rights } }))
export async function removeWatch(id: number): Promise<void> {
  const r = await api.DELETE('/api/transactions/custody/watches/{id}', { params: { path: { id } } })
  if (!r.response.ok) throw new ApiError(r.response.status, toProblem(r.error, r.response.status))
}
export const getCalendar = async (query: CalendarQuery) =>
  unwrap(await api.GET('/api/transactions/custody/calendar', { params: { query } }))
export const markPaid = async (body: S['MarkRenewalPaidRequest']) => unwrap(await api.POST('/api/transactions/custody/payments', { body }))

/** Downloads the calendar with the list's filters: XLSX or iCalendar. */
export async function exportCalendar(format: 'xlsx' | 'ics', query: CalendarQuery): Promise<void> {
  const params = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''))
  const path = format === 'xlsx' ? 'export' : 'ics'
  const res = await fetch(`/api/transactions/custody/calendar/${path}?${params.toString()}`, { credentials: 'same-origin' })
  if (!res.ok) throw new ApiError(res.status, toProblem(await res.json().catch(() => null), res.status))
  saveBlob(await res.blob(), fileNameFrom(res.headers.get('content-disposition')) ?? `renewal-calendar.${format}`)
}
