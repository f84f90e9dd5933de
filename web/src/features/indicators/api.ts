import { api, fileNameFrom, saveBlob, unwrap } from '@/api/client'
import { ApiError, toProblem } from '@/api/problem'
import type { components } from '@/api/schema'

export type PlanSummary = components['schemas']['PlanSummaryDto']
export type Plan = components['schemas']['PlanDto']
export type Goal = components['schemas']['GoalDto']
export type PlanTask = components['schemas']['TaskDto']
export type Warning = components['schemas']['WarningDto']
export type Indicator = components['schemas']['IndicatorDto']
export type IndicatorValue = components['schemas']['IndicatorValueDto']
export type ProgressReport = components['schemas']['ProgressReportDto']
export type Notice = components['schemas']['NoticeDto']
export type Assessment = components['schemas']['AssessmentDto']
export type AssessmentSummary = components['schemas']['AssessmentSummaryDto']
export type ReportAttachment = components['schemas']['ReportAttachmentDto']
export type CustomUnit = components['schemas']['CustomUnitDto']
export type DrillDown = components['schemas']['DrillDownDto']

export async function listPlans() {
  return unwrap(await api.GET('/api/plans'))
}

export async function getPlan(id: number) {
  return unwrap(await api.GET('/api/plans/{id}', { params: { path: { id } } }))
}

export async function listMyTasks() {
  return unwrap(await api.GET('/api/plans/tasks', { params: { query: {} } }))
}

export async function listTaskReports(taskId: number) {
  return unwrap(await api.GET('/api/plans/tasks/{taskId}/reports', { params: { path: { taskId } } }))
}

export interface ReportForm {
  period: string
  content: string
  percent: number
}

/** A value reported with a progress report (indicators reported by their owning unit); it counts once the bureau accepts the report. */
export interface ReportedValueInput {
  code: string
  regionCode: string
  year: number
  value: number
}

export async function submitReport(
  taskId: number,
  form: ReportForm,
  attachmentIds: number[] = [],
  indicatorValues: ReportedValueInput[] = [],
) {
  return unwrap(
    await api.POST('/api/plans/tasks/{taskId}/reports', {
      params: { path: { taskId } },
      body: { ...form, attachmentIds, indicatorValues },
    }),
  )
}

/** UploadProgressReportAttachment: stored at once (type, size and content checked), then named in the report's attachmentIds. */
export async function uploadReportAttachment(file: File): Promise<ReportAttachment> {
  const fd = new FormData()
  fd.append('file', file, file.name)
  const r = await api.POST('/api/plans/reports/attachments', { body: fd as never, bodySerializer: (b: unknown) => b as FormData })
  return unwrap(r)
}

/** Downloads an attachment by the link the API gives (bureau and the reporting unit only). */
export async function downloadReportAttachment(link: string, fileName: string): Promise<void> {
  const res = await fetch(link, { credentials: 'same-origin' })
  if (!res.ok) throw new ApiError(res.status, toProblem(await res.json().catch(() => null), res.status))
  saveBlob(await res.blob(), fileName)
}

/** Indicators a unit can report (not computed from the records). */
export async function listReportableIndicators(): Promise<Indicator[]> {
  return (await listIndicators()).filter((d) => d.source !== 'records')
}

export async function listReports(status?: string) {
  return unwrap(await api.GET('/api/plans/reports', { params: { query: { status } } }))
}

export async function reviewReport(reportId: number, decision: 'accept' | 'return', comment: string) {
  return unwrap(await api.POST('/api/plans/reports/{reportId}/review', { params: { path: { reportId } }, body: { decision, comment } }))
}

export async function listNotices() {
  return unwrap(await api.GET('/api/plans/notices', { params: { query: {} } }))
}

export async function markNoticeRead(noticeId: number) {
  const r = await api.POST('/api/plans/notices/{noticeId}/read', { params: { path: { noticeId } } })
  if (!r.response.ok) throw new ApiError(r.response.status, toProblem(r.error, r.response.status))
}

export type Region = components['schemas']['RegionDto']
export type CustomUnitRequest = components['schemas']['CustomUnitRequest']

/** ListRegions: provinces, or the children of a region (cities, then counties and development zones). */
export async function listRegions(parent?: string): Promise<Region[]> {
  return unwrap(await api.GET('/api/regions', { params: { query: { parent } } }))
}

/** ListCustomUnits: the units the user may see (a district only those lying wholly in its region). */
export async function listCustomUnits(): Promise<CustomUnit[]> {
  return unwrap(await api.GET('/api/indicators/units'))
}

/** CreateCustomUnit / UpdateCustomUnit (bureau, admin); the server validates the members and queues a recomputation. */
export async function saveCustomUnit(id: number | null, body: CustomUnitRequest) {
  return id === null
    ? unwrap(await api.POST('/api/indicators/units', { body }))
    : unwrap(await api.PUT('/api/indicators/units/{id}', { params: { path: { id } }, body }))
}

export async function listIndicators() {
  return unwrap(await api.GET('/api/indicators'))
}

export async function getIndicatorValues(code: string, query: { region?: string; parent?: string; year?: number; units?: boolean }) {
  return unwrap(await api.GET('/api/indicators/{code}/values', { params: { path: { code }, query } }))
}

/** The records behind one computed value (GetIndicatorValueRecords), a page at a time. */
export async function getValueRecords(code: string, region: string, year: number, page = 1, pageSize = 20) {
  return unwrap(
    await api.GET('/api/indicators/{code}/values/records', { params: { path: { code }, query: { region, year, page, pageSize } } }),
  )
}

export async function listPlanTasks(planId: number) {
  return unwrap(await api.GET('/api/plans/tasks', { params: { query: { planId } } }))
}

export async function listPlanWarnings(planId: number) {
  return unwrap(await api.GET('/api/plans/{id}/warnings', { params: { path: { id: planId } } }))
}

export async function recompute() {
  return unwrap(await api.POST('/api/indicators/recompute'))
}

export async function listAssessments(planId: number) {
  return unwrap(await api.GET('/api/plans/{id}/assessments', { params: { path: { id: planId } } }))
}

export type TargetKind = 'district' | 'department' | 'custom'

/** CreateAssessment with the default items; target kind "custom" assesses every custom unit (ADR 0105). */
export async function createAssessment(planId: number, year: number, targetKind: TargetKind) {
  return unwrap(
    await api.POST('/api/plans/{id}/assessments', { params: { path: { id: planId } }, body: { year, targetKind, items: null } }),
  )
}

export async function getAssessment(schemeId: number) {
  return unwrap(await api.GET('/api/plans/assessments/{schemeId}', { params: { path: { schemeId } } }))
}

export async function scoreAssessment(schemeId: number) {
  return unwrap(await api.POST('/api/plans/assessments/{schemeId}/score', { params: { path: { schemeId } } }))
}

export async function publishAssessment(schemeId: number) {
  return unwrap(await api.POST('/api/plans/assessments/{schemeId}/publish', { params: { path: { schemeId } } }))
}

export async function exportAssessment(schemeId: number): Promise<void> {
  const r = await api.GET('/api/plans/assessments/{schemeId}/export', { params: { path: { schemeId } }, parseAs: 'blob' })
  if (!r.response.ok || !r.data) throw new ApiError(r.response.status, toProblem(r.error, r.response.status))
  saveBlob(r.data as Blob, fileNameFrom(r.response.headers.get('Content-Disposition')) ?? `assessment-${schemeId}.xlsx`)
}

/** The printable report (HTML preview) of an assessment, opened in a new tab. */
export function assessmentReportHtmlLink(schemeId: number): string {
  return `/api/plans/assessments/${schemeId}/report.html`
}

/** GetAssessmentReportPdf: printed by headless Chromium on the server (503 with a Chinese reason when it is unavailable). */
export async function downloadAssessmentPdf(schemeId: number): Promise<void> {
  const r = await api.GET('/api/plans/assessments/{schemeId}/report.pdf', { params: { path: { schemeId } }, parseAs: 'blob' })
  if (!r.response.ok || !r.data) throw new ApiError(r.response.status, toProblem(r.error, r.response.status))
  saveBlob(r.data as Blob, fileNameFrom(r.response.headers.get('Content-Disposition')) ?? `assessment-report-${schemeId}.pdf`)
}

/** The target kinds of an assessment, as shown. */
export function targetKindName(kind: string): string {
  return kind === 'district' ? '县区' : kind === 'department' ? '成员单位' : '自定义考核单元'
}

/** The records search page for an indicator value's drill-down (the API gives the SearchRecords URL). */
export function recordsSearchLink(apiLink: string | null | undefined): string | null {
  return apiLink ? apiLink.replace(/^\/api\/records/, '/records/search') : null
}
