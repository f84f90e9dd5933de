import { api, fileNameFrom, saveBlob, unwrap } from '@/api/client'
import { ApiError, toProblem } from '@/api/problem'
import { currentXsrfToken } from '@/api/client'
import type { components, operations } from '@/api/schema'

type S = components['schemas']
export type EntityRow = S['EntityRow']
export type EntityDetail = S['EntityDetail']
export type EntityLabel = S['EntityLabelDto']
export type EntityName = S['EntityNameDto']
export type EntityRecord = S['EntityRecordRow']
export type EntityCorrection = S['EntityCorrectionDto']
export type SheetImportResult = S['SheetImportResult']
export type EntityQuery = NonNullable<operations['ListEntities']['parameters']['query']>
export type EntityRequest = S['EntityRequest']
export type LabelRequest = S['EntityLabelRequest']

export async function listEntities(query: EntityQuery) {
  return unwrap(await api.GET('/api/registries/entities', { params: { query } }))
}

export async function getEntity(id: number) {
  return unwrap(await api.GET('/api/registries/entities/{id}', { params: { path: { id } } }))
}

export async function getMyEntity() {
  return unwrap(await api.GET('/api/registries/entities/mine'))
}

export async function updateEntity(id: number, body: EntityRequest) {
  return unwrap(await api.PUT('/api/registries/entities/{id}', { params: { path: { id } }, body }))
}

export async function setCreditException(id: number, creditCode: string, reason: string) {
  return unwrap(
    await api.PUT('/api/registries/entities/{id}/credit-code-exception', { params: { path: { id } }, body: { creditCode, reason } }),
  )
}

export async function addName(id: number, body: S['EntityNameRequest']) {
  return unwrap(await api.POST('/api/registries/entities/{id}/names', { params: { path: { id } }, body }))
}

export async function addLabel(id: number, body: LabelRequest) {
  return unwrap(await api.POST('/api/registries/entities/{id}/labels', { params: { path: { id } }, body }))
}

export async function listRecords(id: number, page: number, pageSize = 20) {
  return unwrap(await api.GET('/api/registries/entities/{id}/records', { params: { path: { id }, query: { page, pageSize } } }))
}

export async function listLegalEvents(id: number, page: number) {
  return unwrap(await api.GET('/api/registries/entities/{id}/legal-events', { params: { path: { id }, query: { page, pageSize: 10 } } }))
}

export async function mergeEntity(id: number, sourceId: number, reason: string) {
  return unwrap(await api.POST('/api/registries/entities/{id}/merge', { params: { path: { id } }, body: { sourceId, reason } }))
}

export async function splitEntity(id: number, nameIds: number[], reason: string) {
  return unwrap(
    await api.POST('/api/registries/entities/{id}/split', {
      params: { path: { id } },
      body: { nameIds, labelIds: [], contactIds: [], reason },
    }),
  )
}

export async function requestCorrection(id: number, kind: 'claim' | 'disclaim', recordIds: number[], reason: string) {
  return unwrap(
    await api.POST('/api/registries/entities/{id}/corrections', {
      params: { path: { id } },
      body: { kind, recordIds, reason, positions: null },
    }),
  )
}

export async function listCorrections(status?: string) {
  return unwrap(await api.GET('/api/registries/entity-corrections', { params: { query: { status, pageSize: 100 } } }))
}

export async function reviewCorrection(id: number, accept: boolean, note: string) {
  return unwrap(
    await api.POST('/api/registries/entity-corrections/{id}/review', { params: { path: { id } }, body: { accept, note: note || null } }),
  )
}

/** SearchRecords by text or number, for picking records to claim. */
export async function searchRecords(q: string) {
  return unwrap(await api.GET('/api/records', { params: { query: { q, pageSize: 20, facets: false } } }))
}

/** ImportEntities: the XLSX as multipart (the row-level result). */
export async function importEntities(file: File): Promise<SheetImportResult> {
  const fd = new FormData()
  fd.append('file', file, file.name)
  const token = currentXsrfToken()
  const res = await fetch('/api/registries/entities/import', {
    method: 'POST',
    body: fd,
    credentials: 'same-origin',
    headers: token ? { 'X-XSRF-TOKEN': token } : {},
  })
  const body: unknown = await res.json().catch(() => null)
  if (!res.ok) throw new ApiError(res.status, toProblem(body, res.status))
  return body as SheetImportResult
}

/** ExportEntities with the list's filters, saved as the server names it. */
export async function exportEntities(query: EntityQuery): Promise<void> {
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(query))
    if (v !== undefined && v !== null && v !== '' && k !== 'page' && k !== 'pageSize') params.set(k, String(v))
  const res = await fetch(`/api/registries/entities/export?${params.toString()}`, { credentials: 'same-origin' })
  if (!res.ok) throw new ApiError(res.status, toProblem(await res.json().catch(() => null), res.status))
  saveBlob(await res.blob(), fileNameFrom(res.headers.get('Content-Disposition')) ?? 'entities.xlsx')
}

export type EntityContact = S['EntityContactDto']
export type ContactRequest = S['EntityContactRequest']
export type LabelUpdate = S['EntityLabelUpdate']

export async function createEntity(body: EntityRequest) {
  return unwrap(await api.POST('/api/registries/entities', { body }))
}

export async function updateLabel(id: number, labelId: number, body: LabelUpdate) {
  return unwrap(await api.PUT('/api/registries/entities/{id}/labels/{labelId}', { params: { path: { id, labelId } }, body }))
}

/** ListEntityContacts: the contacts in full (the read is audited). */
export async function revealContacts(id: number) {
  return unwrap(await api.GET('/api/registries/entities/{id}/contacts', { params: { path: { id } } }))
}

export async function addContact(id: number, body: ContactRequest) {
  return unwrap(await api.POST('/api/registries/entities/{id}/contacts', { params: { path: { id } }, body }))
}

export async function updateContact(id: number, contactId: number, body: ContactRequest) {
  return unwrap(await api.PUT('/api/registries/entities/{id}/contacts/{contactId}', { params: { path: { id, contactId } }, body }))
}

export async function deleteContact(id: number, contactId: number) {
  return unwrap(await api.DELETE('/api/registries/entities/{id}/contacts/{contactId}', { params: { path: { id, contactId } } }))
}

/** SetEntityLink: links one applicant of a record to the entity by hand (rule 人工关联). */
export async function setLink(recordId: number, position: number, entityId: number, reason: string) {
  return unwrap(await api.PUT('/api/registries/entity-links', { body: { recordId, position, entityId, reason: reason || null } }))
}
