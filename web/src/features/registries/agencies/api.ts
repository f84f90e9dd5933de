import { api, fileNameFrom, saveBlob, unwrap } from '@/api/client'
import { ApiError, toProblem } from '@/api/problem'
import { currentXsrfToken } from '@/api/client'
import type { components, operations } from '@/api/schema'

type S = components['schemas']
export type AgencyRow = S['AgencyRow']
export type AgencyDetail = S['AgencyDetail']
export type AgencyForm = S['AgencyForm']
export type AgencyStaffForm = S['AgencyStaffForm']
export type AgencyChange = S['AgencyChangeDto']
export type Grading = S['GradingDto']
export type GradeLine = S['GradeLine']
export type GradingRules = S['GradingRulesDto']
export type GradingItem = S['GradingItem']
export type Objection = S['ObjectionDto']
export type PublicAgency = S['PublicAgencyDto']
export type SheetImportResult = S['SheetImportResult']
export type InspectionItem = S['InspectionItemDto']
export type Inspector = S['InspectorDto']
export type InspectionRules = S['InspectionRulesDto']
export type Draw = S['DrawDto']
export type DrawSummary = S['DrawSummary']
export type DrawVerification = S['DrawVerification']
export type AgencyQuery = NonNullable<operations['ListAgencies']['parameters']['query']>

/** The agency kinds and grades, in the order the server knows them (labels come from i18n). */
export const KINDS = ['agency', 'operation', 'valuation', 'legal', 'information', 'training'] as const
export const GRADES = ['A+', 'A', 'B', 'C', 'D'] as const
export const OUTCOMES = ['passed', 'no_issue', 'rectify', 'failed', 'unreachable'] as const

// ---------- register ----------
export const listAgencies = async (query: AgencyQuery) => unwrap(await api.GET('/api/registries/agencies', { params: { query } }))
export const getAgency = async (id: number) => unwrap(await api.GET('/api/registries/agencies/{id}', { params: { path: { id } } }))
export const createAgency = async (body: AgencyStaffForm) => unwrap(await api.POST('/api/registries/agencies', { body }))
export const updateAgency = async (id: number, body: AgencyStaffForm) =>
  unwrap(await api.PUT('/api/registries/agencies/{id}', { params: { path: { id } }, body }))
export const recordAnnualReport = async (id: number, year: number, submittedOn: string) =>
  unwrap(
    await api.POST('/api/registries/agencies/{id}/annual-reports', { params: { path: { id } }, body: { year, submittedOn, note: null } }),
  )
export const addEvent = async (id: number, body: S['AgencyEventRequest']) =>
  unwrap(await api.POST('/api/registries/agencies/{id}/events', { params: { path: { id } }, body }))
export async function deleteEvent(id: number, eventId: number): Promise<void> {
  const r = await api.DELETE('/api/registries/agencies/{id}/events/{eventId}', { params: { path: { id, eventId } } })
  if (!r.response.ok) throw new ApiError(r.response.status, toProblem(r.error, r.response.status))
}
export const listChanges = async (status: string) =>
  unwrap(await api.GET('/api/registries/agencies/changes', { params: { query: { status } } }))
export const decideChange = async (id: number, approve: boolean, reason: string | null) =>
  unwrap(await api.POST('/api/registries/agencies/changes/{id}/decision', { params: { path: { id } }, body: { approve, reason } }))

/** ImportAgencies: the XLSX as multipart. */
export async function importAgencies(file: File): Promise<SheetImportResult> {
  const fd = new FormData()
  fd.append('file', file, file.name)
  const token = currentXsrfToken()
  const res = await fetch('/api/registries/agencies/import', {
    method: 'POST',
    body: fd,
    credentials: 'same-origin',
    headers: token ? { 'X-XSRF-TOKEN': token } : {},
  })
  const body: unknown = await res.json().catch(() => null)
  if (!res.ok) throw new ApiError(res.status, toProblem(body, res.status))
  return body as SheetImportResult
}

export async function exportAgencies(): Promise<void> {
  const res = await fetch('/api/registries/agencies/export', { credentials: 'same-origin' })
  if (!res.ok) throw new ApiError(res.status, toProblem(await res.json().catch(() => null), res.status))
  saveBlob(await res.blob(), fileNameFrom(res.headers.get('content-disposition')) ?? 'service-agencies.xlsx')
}

// ---------- the agency's own record ----------
export const getMyAgency = async () => unwrap(await api.GET('/api/registries/agencies/mine'))
export const requestChange = async (body: AgencyForm) => unwrap(await api.POST('/api/registries/agencies/mine/changes', { body }))
export const submitAnnualReport = async (year: number, note: string | null) =>
  unwrap(await api.POST('/api/registries/agencies/mine/annual-reports', { body: { year, note } }))
export const fileObjection = async (gradingId: number, reason: string) =>
  unwrap(
    await api.POST('/api/registries/agencies/mine/gradings/{gradingId}/objection', { params: { path: { gradingId } }, body: { reason } }),
  )

// ---------- grading ----------
export const getGradingRules = async () => unwrap(await api.GET('/api/registries/agencies/grading-rules'))
export const updateGradingRules = async (body: S['GradingRulesRequest']) =>
  unwrap(await api.PUT('/api/registries/agencies/grading-rules', { body }))
export const computeGrades = async (year: number) => unwrap(await api.POST('/api/registries/agencies/gradings', { body: { year } }))
export const listGrades = async (year: number | null, agencyId: number | null = null, history = false) =>
  unwrap(
    await api.GET('/api/registries/agencies/gradings', {
      params: { query: { year: year ?? undefined, agencyId: agencyId ?? undefined, history } },
    }),
  )
export const publishGrades = async (year: number) => unwrap(await api.POST('/api/registries/agencies/gradings/publish', { body: { year } }))
export const listObjections = async () => unwrap(await api.GET('/api/registries/agencies/objections', { params: { query: {} } }))
export const decideObjection = async (id: number, upheld: boolean, decision: string) =>
  unwrap(await api.POST('/api/registries/agencies/objections/{id}/decision', { params: { path: { id } }, body: { upheld, decision } }))

// ---------- inspections ----------
export const listItems = async () => unwrap(await api.GET('/api/registries/inspections/items'))
export const createItem = async (body: S['InspectionItemRequest']) => unwrap(await api.POST('/api/registries/inspections/items', { body }))
export const updateItem = async (id: number, body: S['InspectionItemRequest']) =>
  unwrap(await api.PUT('/api/registries/inspections/items/{id}', { params: { path: { id } }, body }))
export const listInspectors = async () => unwrap(await api.GET('/api/registries/inspections/inspectors'))
export const createInspector = async (body: S['InspectorRequest']) =>
  unwrap(await api.POST('/api/registries/inspections/inspectors', { body }))
export const addRelation = async (id: number, agencyId: number, relation: string) =>
  unwrap(
    await api.POST('/api/registries/inspections/inspectors/{id}/relations', {
      params: { path: { id } },
      body: { agencyId, relation, declaredOn: null },
    }),
  )
export const removeRelation = async (id: number, relationId: number) =>
  unwrap(await api.DELETE('/api/registries/inspections/inspectors/{id}/relations/{relationId}', { params: { path: { id, relationId } } }))
export const getInspectionRules = async () => unwrap(await api.GET('/api/registries/inspections/rules'))
export const updateInspectionRules = async (body: S['InspectionRulesRequest']) =>
  unwrap(await api.PUT('/api/registries/inspections/rules', { body }))
export const listDraws = async () => unwrap(await api.GET('/api/registries/inspections/draws'))
export const getDraw = async (id: number) => unwrap(await api.GET('/api/registries/inspections/draws/{id}', { params: { path: { id } } }))
export const drawInspections = async (title: string, year: number, itemIds: number[]) =>
  unwrap(await api.POST('/api/registries/inspections/draws', { body: { title, year, itemIds } }))
export const redraw = async (id: number, reason: string) =>
  unwrap(await api.POST('/api/registries/inspections/draws/{id}/redraw', { params: { path: { id } }, body: { reason } }))
export const publishDraw = async (id: number) =>
  unwrap(await api.POST('/api/registries/inspections/draws/{id}/publish', { params: { path: { id } } }))
export const recordResult = async (id: number, agencyId: number, body: S['InspectionResultRequest']) =>
  unwrap(await api.PUT('/api/registries/inspections/draws/{id}/results/{agencyId}', { params: { path: { id, agencyId } }, body }))
export const publishResults = async (id: number) =>
  unwrap(await api.POST('/api/registries/inspections/draws/{id}/results/publish', { params: { path: { id } } }))

// ---------- public ----------
export const publicAgencies = async (query: NonNullable<operations['ListPublicAgencies']['parameters']['query']>) =>
  unwrap(await api.GET('/api/public/agencies', { params: { query } }))
export const publicDraws = async () => unwrap(await api.GET('/api/public/inspections/draws'))
export const publicDraw = async (id: number) => unwrap(await api.GET('/api/public/inspections/draws/{id}', { params: { path: { id } } }))
export const verifyDraw = async (id: number) =>
  unwrap(await api.GET('/api/public/inspections/draws/{id}/verify', { params: { path: { id } } }))
