import { api, fileNameFrom, saveBlob, unwrap } from '@/api/client'
import { ApiError, toProblem } from '@/api/problem'
import type { components } from '@/api/schema'

type S = components['schemas']
export type ExpertRow = S['ExpertRow']
export type ExpertDetail = S['ExpertDetail']
export type ExpertRequest = S['ExpertRequest']
export type ExpertProfileRequest = S['ExpertProfileRequest']
export type Vocabulary = S['ExpertVocabularyDto']
export type ExpertAccount = S['ExpertAccountDto']
export type SheetImportResult = S['SheetImportResult']
export type TalentRow = S['TalentRow']
export type TalentRequest = S['TalentRequest']
export type TalentCounts = S['TalentCounts']
export type TrainingEvent = S['TrainingEventDto']
export type TrainingEventRequest = S['TrainingEventRequest']
export type Registration = S['RegistrationDto']
export type CheckInCode = S['CheckInCodeDto']
export type CheckInResult = S['CheckInResult']
export type MyTraining = S['MyTrainingSummary']

export interface ExpertFilters {
  page: number
  q?: string
  specialty?: string
  investigator?: boolean
  active?: boolean
}

function multipart(file: File, fields: Record<string, string> = {}): FormData {
  const fd = new FormData()
  fd.append('file', file, file.name)
  for (const [k, v] of Object.entries(fields)) fd.append(k, v)
  return fd
}
const asForm = { bodySerializer: (b: unknown) => b as FormData }

/** A file download through the session cookie (export, documents, certificates). */
export async function download(link: string, fallbackName: string): Promise<void> {
  const res = await fetch(link, { credentials: 'same-origin' })
  if (!res.ok) throw new ApiError(res.status, toProblem(await res.json().catch(() => null), res.status))
  saveBlob(await res.blob(), fileNameFrom(res.headers.get('Content-Disposition')) ?? fallbackName)
}

export const getVocabulary = async () => unwrap(await api.GET('/api/registries/experts/vocabulary'))
export const listExperts = async (f: ExpertFilters) =>
  unwrap(await api.GET('/api/registries/experts', { params: { query: { ...f, pageSize: 20 } } }))
export const getExpert = async (id: number) => unwrap(await api.GET('/api/registries/experts/{id}', { params: { path: { id } } }))
export const getExpertContacts = async (id: number) =>
  unwrap(await api.GET('/api/registries/experts/{id}/contacts', { params: { path: { id } } }))
export async function saveExpert(id: number | null, body: ExpertRequest): Promise<ExpertDetail> {
  return id === null
    ? unwrap(await api.POST('/api/registries/experts', { body }))
    : unwrap(await api.PUT('/api/registries/experts/{id}', { params: { path: { id } }, body }))
}
export const listExpertAccounts = async () => unwrap(await api.GET('/api/registries/experts/accounts'))
export const getMyProfile = async () => unwrap(await api.GET('/api/registries/experts/mine'))
export const saveMyProfile = async (body: ExpertProfileRequest) => unwrap(await api.PUT('/api/registries/experts/mine', { body }))
export const uploadExpertDocument = async (id: number, file: File, kind: string) =>
  unwrap(
    await api.POST('/api/registries/experts/{id}/documents', {
      params: { path: { id } },
      body: multipart(file, { kind }) as never,
      ...asForm,
    }),
  )
export const importExperts = async (file: File) =>
  unwrap(await api.POST('/api/registries/experts/import', { body: multipart(file) as never, ...asForm }))
export const exportExperts = () => download('/api/registries/experts/export', 'experts.xlsx')

export const listTalents = async (f: { page: number; q?: string; category?: string }) =>
  unwrap(await api.GET('/api/registries/talent', { params: { query: { ...f, pageSize: 20 } } }))
export const importTalents = async (file: File) =>
  unwrap(await api.POST('/api/registries/talent/import', { body: multipart(file) as never, ...asForm }))
export const exportTalents = () => download('/api/registries/talent/export', 'talent.xlsx')
export const getTalentCounts = async () => unwrap(await api.GET('/api/registries/talent/counts'))
export async function saveTalent(id: number | null, body: TalentRequest): Promise<TalentRow> {
  return id === null
    ? unwrap(await api.POST('/api/registries/talent', { body }))
    : unwrap(await api.PUT('/api/registries/talent/{id}', { params: { path: { id } }, body }))
}

export const listEvents = async (f: { page: number; q?: string; status?: string }) =>
  unwrap(await api.GET('/api/registries/training/events', { params: { query: { ...f, pageSize: 20 } } }))
export const getEvent = async (id: number) => unwrap(await api.GET('/api/registries/training/events/{id}', { params: { path: { id } } }))
export async function saveEvent(id: number | null, body: TrainingEventRequest): Promise<TrainingEvent> {
  return id === null
    ? unwrap(await api.POST('/api/registries/training/events', { body }))
    : unwrap(await api.PUT('/api/registries/training/events/{id}', { params: { path: { id } }, body }))
}
export const registerMyself = async (id: number) =>
  unwrap(await api.POST('/api/registries/training/events/{id}/registrations/mine', { params: { path: { id } } }))
export const listRegistrations = async (id: number) =>
  unwrap(await api.GET('/api/registries/training/events/{id}/registrations', { params: { path: { id } } }))
export const addRegistrations = async (id: number, people: { name: string; unitName: string | null; phone: string | null }[]) =>
  unwrap(await api.POST('/api/registries/training/events/{id}/registrations', { params: { path: { id } }, body: { people } }))
export const recordAttendance = async (id: number, registrationIds: number[], attended: boolean) =>
  unwrap(
    await api.POST('/api/registries/training/events/{id}/attendance', { params: { path: { id } }, body: { registrationIds, attended } }),
  )
export const importAttendance = async (id: number, file: File) =>
  unwrap(
    await api.POST('/api/registries/training/events/{id}/attendance/import', {
      params: { path: { id } },
      body: multipart(file) as never,
      ...asForm,
    }),
  )
export const createCheckInCode = async (id: number, validMinutes: number) =>
  unwrap(
    await api.POST('/api/registries/training/events/{id}/check-in-code', {
      params: { path: { id } },
      body: { baseUrl: window.location.origin, validMinutes },
    }),
  )
export const issueCertificates = async (id: number) =>
  unwrap(await api.POST('/api/registries/training/events/{id}/certificates', { params: { path: { id } } }))
export const checkIn = async (token: string) => unwrap(await api.POST('/api/registries/training/check-in', { body: { token } }))
export const listMyTrainings = async () => unwrap(await api.GET('/api/registries/training/mine'))
