import { api, currentXsrfToken, unwrap } from '@/api/client'
import { ApiError, toProblem } from '@/api/problem'
import type { components } from '@/api/schema'

type S = components['schemas']
export type ProgrammeSummary = S['ProgrammeSummary']
export type ProgrammeDetail = S['ProgrammeDetail']
export type ProgrammeDefinition = S['ProgrammeDefinition']
export type FormField = S['FormField']
export type CallView = S['CallView']
export type CallRequest = S['CallRequest']
export type ApplicationSummary = S['ApplicationSummary']
export type ApplicationDetail = S['ApplicationDetail']
export type ApplicationFile = S['ApplicationFileView']
export type EligibilityResult = S['EligibilityResult']
/** The form's values as the definition's fields describe them (field key → value). */
export type FormValues = Record<string, unknown>

export const STATES = ['submitted', 'recommended', 'correction', 'accepted', 'closed', 'withdrawn', 'draft'] as const

export const listProgrammes = async () => unwrap(await api.GET('/api/programmes'))
export const getProgramme = async (id: number) => unwrap(await api.GET('/api/programmes/{id}', { params: { path: { id } } }))
export const getCall = async (id: number) => unwrap(await api.GET('/api/programmes/calls/{id}', { params: { path: { id } } }))
export const createCall = async (body: CallRequest) => unwrap(await api.POST('/api/programmes/calls', { body }))
export const updateCall = async (id: number, body: CallRequest) =>
  unwrap(await api.PUT('/api/programmes/calls/{id}', { params: { path: { id } }, body }))
export const openCall = async (id: number) => unwrap(await api.POST('/api/programmes/calls/{id}/open', { params: { path: { id } } }))
export const closeCall = async (id: number) => unwrap(await api.POST('/api/programmes/calls/{id}/close', { params: { path: { id } } }))

export const listApplications = async (query: { callId?: number; status?: string; page: number; pageSize: number }) =>
  unwrap(await api.GET('/api/programmes/applications', { params: { query } }))
export const getApplication = async (id: number) => unwrap(await api.GET('/api/programmes/applications/{id}', { params: { path: { id } } }))
export const createApplication = async (callId: number) => unwrap(await api.POST('/api/programmes/applications', { body: { callId } }))
export const saveApplication = async (id: number, form: FormValues, declarations: string[]) =>
  unwrap(
    await api.PUT('/api/programmes/applications/{id}', {
      params: { path: { id } },
      body: { form: form as S['JsonObject'], declarations },
    }),
  )
export const checkEligibility = async (id: number) =>
  unwrap(await api.GET('/api/programmes/applications/{id}/eligibility', { params: { path: { id } } }))
export const submitApplication = async (id: number) =>
  unwrap(await api.POST('/api/programmes/applications/{id}/submit', { params: { path: { id } } }))
export const resubmitApplication = async (id: number) =>
  unwrap(await api.POST('/api/programmes/applications/{id}/resubmit', { params: { path: { id } } }))
export const withdrawApplication = async (id: number, note: string | null) =>
  unwrap(await api.POST('/api/programmes/applications/{id}/withdraw', { params: { path: { id } }, body: { note } }))
export const recommendApplication = async (id: number, recommend: boolean, note: string | null) =>
  unwrap(await api.POST('/api/programmes/applications/{id}/recommendation', { params: { path: { id } }, body: { recommend, note } }))
export const formalCheck = async (id: number, action: string, note: string | null) =>
  unwrap(await api.POST('/api/programmes/applications/{id}/formal-check', { params: { path: { id } }, body: { action, note } }))
export const deleteFile = async (fileId: number) =>
  unwrap(await api.DELETE('/api/programmes/application-files/{fileId}', { params: { path: { fileId } } }))

/** UploadProgrammeApplicationFile: the file and its kind as multipart. */
export async function uploadFile(id: number, kind: string, file: File): Promise<ApplicationFile> {
  const fd = new FormData()
  fd.append('file', file, file.name)
  fd.append('kind', kind)
  const token = currentXsrfToken()
  const res = await fetch(`/api/programmes/applications/${id}/files`, {
    method: 'POST',
    body: fd,
    credentials: 'same-origin',
    headers: token ? { 'X-XSRF-TOKEN': token } : {},
  })
  const body: unknown = await res.json().catch(() => null)
  if (!res.ok) throw new ApiError(res.status, toProblem(body, res.status))
  return body as ApplicationFile
}
