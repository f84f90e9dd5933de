import { api, currentXsrfToken, unwrap } from '@/api/client'
import { ApiError, toProblem } from '@/api/problem'
import type { components } from '@/api/schema'

type S = components['schemas']
export type Appraisal = S['AppraisalDetail']
export type AppraisalItem = S['AppraisalListItem']
export type AppraisalCheck = S['AppraisalCheckView']
export type AppraisalFields = S['AppraisalFields']
export type AppraisalFile = S['AppraisalFileDto']
export type OpinionForm = S['AppraisalOpinionRequest']

/** The kinds of activity, the states and the risk levels in the server's order (labels come from i18n). */
export const KINDS = ['investment', 'acquisition', 'talent', 'tech_import', 'tech_export', 'other'] as const
export const STATES = ['submitted', 'search', 'risk', 'opinion', 'conclusion', 'archived', 'returned', 'rejected'] as const
export const RISKS = ['unchecked', 'none', 'low', 'medium', 'high', 'na'] as const

const base = '/api/analysis/appraisals'
export const opinionLink = (id: number, format: 'docx' | 'pdf') => `${base}/${id}/opinion.${format}`

export const listAppraisals = async (page: number, pageSize: number, status?: string, overdue?: boolean, q?: string) =>
  unwrap(
    await api.GET('/api/analysis/appraisals', {
      params: { query: { page, pageSize, status: status || undefined, overdue: overdue || undefined, q: q || undefined } },
    }),
  )
export const getAppraisal = async (id: number) => unwrap(await api.GET('/api/analysis/appraisals/{id}', { params: { path: { id } } }))
export const createAppraisal = async (body: AppraisalFields) => unwrap(await api.POST('/api/analysis/appraisals', { body }))
export const updateAppraisal = async (id: number, body: AppraisalFields) =>
  unwrap(await api.PUT('/api/analysis/appraisals/{id}', { params: { path: { id } }, body }))
export const transitionAppraisal = async (id: number, action: string, note?: string) =>
  unwrap(await api.POST('/api/analysis/appraisals/{id}/transitions', { params: { path: { id } }, body: { action, note: note || null } }))
export const setCheck = async (id: number, code: string, state: string, note: string | null, links: string[]) =>
  unwrap(await api.PUT('/api/analysis/appraisals/{id}/checks/{code}', { params: { path: { id, code } }, body: { state, note, links } }))
export const collectEvidence = async (id: number, code: string) =>
  unwrap(await api.POST('/api/analysis/appraisals/{id}/checks/{code}/collect', { params: { path: { id, code } } }))
export const saveOpinion = async (id: number, body: OpinionForm) =>
  unwrap(await api.PUT('/api/analysis/appraisals/{id}/opinion', { params: { path: { id } }, body }))
export const deleteFile = async (fileId: number) =>
  unwrap(await api.DELETE('/api/analysis/appraisals/files/{fileId}', { params: { path: { fileId } } }))

export async function uploadFile(id: number, file: File, description: string): Promise<AppraisalFile> {
  const fd = new FormData()
  fd.append('file', file, file.name)
  if (description) fd.append('description', description)
  const token = currentXsrfToken()
  const res = await fetch(`${base}/${id}/files`, {
    method: 'POST',
    body: fd,
    credentials: 'same-origin',
    headers: token ? { 'X-XSRF-TOKEN': token } : {},
  })
  const body: unknown = await res.json().catch(() => null)
  if (!res.ok) throw new ApiError(res.status, toProblem(body, res.status))
  return body as AppraisalFile
}

/** Pickers of the bureau's form: entities of the register and agencies by name. */
export const searchEntities = async (q: string) =>
  unwrap(await api.GET('/api/registries/entities', { params: { query: { Q: q, page: 1, pageSize: 20 } } })).items
export const searchAgencies = async (q: string) =>
  unwrap(await api.GET('/api/registries/agencies', { params: { query: { q, page: 1, pageSize: 20 } } })).items
