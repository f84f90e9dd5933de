import { api, unwrap } from '@/api/client'
import { ApiError, toProblem } from '@/api/problem'
import type { components, operations } from '@/api/schema'

type S = components['schemas']
export type CaseRow = S['CaseRow']
export type CaseDetail = S['CaseDetail']
export type Countdown = S['Countdown']
export type ComplaintReceipt = S['ComplaintReceipt']
export type ComplaintStatus = S['ComplaintStatusDto']
export type CreditListing = S['CreditListingDto']
export type Disclosure = S['DisclosureDto']
export type PublicDisclosure = S['PublicDisclosureDto']
export type PublicCredit = S['PublicCreditDto']
export type ProtectionStats = S['ProtectionStatsDto']
export type Expert = S['ExpertDto']
export type TransitionBody = S['CaseTransitionRequest']
export type CaseQuery = NonNullable<operations['ListProtectionCases']['parameters']['query']>
export type Mediation = S['MediationDto']
export type Referral = S['ReferralDto']

/** An org unit as the case page offers it (handling unit, referral target, court). */
export interface UnitOption {
  id: number
  name: string
  kind: string
}

/** The complaint form's fields (SubmitComplaintRequest without the base64 evidence: the page sends files as multipart). */
export type ComplaintForm = Record<Exclude<keyof S['SubmitComplaintRequest'], 'evidence'>, string>

/** SubmitComplaint as multipart: the form's fields plus the evidence files. */
export async function submitComplaint(form: ComplaintForm, files: File[]): Promise<ComplaintReceipt> {
  const fd = new FormData()
  for (const [k, v] of Object.entries(form)) if (typeof v === 'string' && v.trim() !== '') fd.append(k, v.trim())
  for (const f of files) fd.append('evidence', f, f.name)
  const res = await fetch('/api/protection/public/complaints', { method: 'POST', body: fd, credentials: 'same-origin' })
  const body: unknown = await res.json().catch(() => null)
  if (!res.ok) throw new ApiError(res.status, toProblem(body, res.status))
  return body as ComplaintReceipt
}

export async function getComplaintStatus(receiptNumber: string, code: string) {
  return unwrap(
    await api.GET('/api/protection/public/complaints/{receiptNumber}', { params: { path: { receiptNumber }, query: { code } } }),
  )
}

export async function rateComplaint(receiptNumber: string, code: string, score: number, comment: string) {
  const r = await api.POST('/api/protection/public/complaints/{receiptNumber}/satisfaction', {
    params: { path: { receiptNumber } },
    body: { code, score, comment },
  })
  if (!r.response.ok) throw new ApiError(r.response.status, toProblem(r.error, r.response.status))
}

export type CaseQueueCounts = components['schemas']['CaseQueueCounts']

/** CountProtectionCases: how many cases each queue tab holds, as the caller may see them. */
export async function countCases(): Promise<CaseQueueCounts> {
  return unwrap(await api.GET('/api/protection/cases/counts'))
}

export async function listCases(query: CaseQuery) {
  return unwrap(await api.GET('/api/protection/cases', { params: { query } }))
}

export async function getCase(id: number) {
  return unwrap(await api.GET('/api/protection/cases/{id}', { params: { path: { id } } }))
}

export async function transition(id: number, body: TransitionBody) {
  return unwrap(await api.POST('/api/protection/cases/{id}/transitions', { params: { path: { id } }, body }))
}

export async function extendCase(id: number, reason: string, approvedBy: string) {
  return unwrap(await api.POST('/api/protection/cases/{id}/extension', { params: { path: { id } }, body: { reason, approvedBy } }))
}

export async function assignCase(id: number, handlingUnitId: number) {
  return unwrap(await api.POST('/api/protection/cases/{id}/assignment', { params: { path: { id } }, body: { handlingUnitId } }))
}

export async function addMediation(id: number, body: S['MediationRequest']) {
  return unwrap(await api.POST('/api/protection/cases/{id}/mediations', { params: { path: { id } }, body }))
}

export async function listExperts(id: number) {
  return unwrap(await api.GET('/api/protection/cases/{id}/experts', { params: { path: { id } } }))
}

/** Appoints an expert of the pool (专家库) as technical investigator; the server refuses one with a ground for avoidance. */
export async function addInvestigator(id: number, expertId: number, note: string) {
  return unwrap(
    await api.POST('/api/protection/cases/{id}/investigators', {
      params: { path: { id } },
      body: { expertId, userId: null, noConflictDeclared: true, note },
    }),
  )
}

export async function replyReferral(id: number, result: string, reply: string) {
  return unwrap(await api.POST('/api/protection/referrals/{id}/reply', { params: { path: { id } }, body: { result, reply } }))
}

export async function listOrgUnits() {
  return unwrap(await api.GET('/api/admin/org-units'))
}

export async function listCredit() {
  return unwrap(await api.GET('/api/protection/credit'))
}

export async function createCredit(body: S['CreditListingRequest']) {
  return unwrap(await api.POST('/api/protection/credit', { body }))
}

export async function publishCredit(id: number) {
  return unwrap(await api.POST('/api/protection/credit/{id}/publish', { params: { path: { id } } }))
}

export async function reviewCredit(id: number, approve: boolean, note: string) {
  return unwrap(await api.POST('/api/protection/credit/{id}/review', { params: { path: { id } }, body: { approve, note } }))
}

export async function requestRepair(id: number, reason: string) {
  return unwrap(await api.POST('/api/protection/credit/{id}/repair', { params: { path: { id } }, body: { reason } }))
}

export async function expireCredit() {
  return unwrap(await api.POST('/api/protection/credit/expire'))
}

export async function listDisclosures() {
  return unwrap(await api.GET('/api/protection/disclosures'))
}

export async function createDisclosure(body: S['DisclosureRequest']) {
  return unwrap(await api.POST('/api/protection/disclosures', { body }))
}

export async function publishDisclosure(id: number) {
  return unwrap(await api.POST('/api/protection/disclosures/{id}/publish', { params: { path: { id } } }))
}

export async function publicDisclosures() {
  return unwrap(await api.GET('/api/protection/public/disclosures', { params: { query: {} } }))
}

export async function publicCredit() {
  return unwrap(await api.GET('/api/protection/public/credit'))
}

export async function getStats(year?: number) {
  return unwrap(await api.GET('/api/protection/stats', { params: { query: { year } } }))
}

export type ProtectionSettings = S['ProtectionSettingsDto']
export type ProtectionListEntry = S['ProtectionListEntry']
export type RegisterCaseBody = S['RegisterCaseRequest']

export async function getSettings() {
  return unwrap(await api.GET('/api/protection/settings'))
}

export async function saveSettings(body: ProtectionSettings) {
  return unwrap(await api.PUT('/api/protection/settings', { body }))
}

export async function listProtectionList() {
  return unwrap(await api.GET('/api/protection/protection-list'))
}

export async function addProtectionListEntry(body: S['ProtectionListRequest']) {
  return unwrap(await api.POST('/api/protection/protection-list', { body }))
}

export async function updateProtectionListEntry(id: number, body: S['ProtectionListRequest']) {
  return unwrap(await api.PUT('/api/protection/protection-list/{id}', { params: { path: { id } }, body }))
}

export async function registerCase(body: RegisterCaseBody) {
  return unwrap(await api.POST('/api/protection/cases', { body }))
}

/** UploadProtectionCaseFile: a document (文书), mediation agreement or further evidence; internal unless shared with the parties. */
export async function uploadCaseFile(id: number, file: File, kind: string, visibility: FileVisibility = 'internal'): Promise<CaseDetail> {
  const fd = new FormData()
  fd.append('kind', kind)
  fd.append('visibility', visibility)
  fd.append('file', file, file.name)
  const r = await api.POST('/api/protection/cases/{id}/files', {
    params: { path: { id } },
    body: fd as never,
    bodySerializer: (b: unknown) => b as FormData,
  })
  return unwrap(r)
}

export type FileVisibility = 'internal' | 'shared'

/** SetProtectionCaseFileVisibility: share a document with the parties, or make it internal again (handlers only). */
export async function setFileVisibility(id: number, fileId: number, visibility: FileVisibility) {
  return unwrap(
    await api.PUT('/api/protection/cases/{id}/files/{fileId}/visibility', { params: { path: { id, fileId } }, body: { visibility } }),
  )
}

export type ConfirmationApplication = S['ConfirmationApplicationRequest']
export type ConfirmationRuling = S['ConfirmationRulingRequest']
export type DisclosureRequest = S['DisclosureRequest']
export type DisclosurePreview = S['DisclosurePreview']

/** ApplyJudicialConfirmation: the agreement of a mediation is brought to a court (调解协议司法确认). */
export async function applyConfirmation(id: number, mediationId: number, body: ConfirmationApplication) {
  return unwrap(
    await api.POST('/api/protection/cases/{id}/mediations/{mediationId}/confirmation', { params: { path: { id, mediationId } }, body }),
  )
}

/** RecordConfirmationRuling: the court's ruling (the court's own account, or staff on its behalf). */
export async function recordRuling(id: number, mediationId: number, body: ConfirmationRuling) {
  return unwrap(
    await api.POST('/api/protection/cases/{id}/mediations/{mediationId}/ruling', { params: { path: { id, mediationId } }, body }),
  )
}

export async function previewDisclosure(body: DisclosureRequest) {
  return unwrap(await api.POST('/api/protection/disclosures/preview', { body }))
}

export async function withdrawDisclosure(id: number) {
  return unwrap(await api.POST('/api/protection/disclosures/{id}/withdraw', { params: { path: { id } } }))
}

/** Published typical cases (典型案例), masked; no sign-in. */
export async function publicTypicalCases() {
  return unwrap(await api.GET('/api/protection/public/disclosures', { params: { query: { kind: 'typical_case' } } }))
}

export async function publicDisclosure(id: number) {
  return unwrap(await api.GET('/api/protection/public/disclosures/{id}', { params: { path: { id } } }))
}

/** ListMyCreditListings: the enterprise's own listings with the review result. */
export async function myCredit() {
  return unwrap(await api.GET('/api/protection/credit/mine'))
}

/** RunDeadlineCheck: queue the 临期/超期 check now (it also runs hourly). */
export async function runDeadlineCheck() {
  return unwrap(await api.POST('/api/protection/checks'))
}
