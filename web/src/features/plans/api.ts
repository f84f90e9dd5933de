import { api, fileNameFrom, saveBlob, unwrap } from '@/api/client'
import { ApiError, toProblem } from '@/api/problem'
import type { components } from '@/api/schema'

/** 工作方案 (plans): tasks, progress reports and their review, supervision notices, yearly assessments. */

export type PlanSummary = components['schemas']['PlanSummaryDto']
export type Plan = components['schemas']['PlanDto']
export type Goal = components['schemas']['GoalDto']
export type PlanTask = components['schemas']['TaskDto']
export type Warning = components['schemas']['WarningDto']
export type ProgressReport = components['schemas']['ProgressReportDto']
export type Notice = components['schemas']['NoticeDto']
export type Assessment = components['schemas']['AssessmentDto']
export type AssessmentSummary = components['schemas']['AssessmentSummaryDto']
export type ReportAttachment = components['schemas']['ReportAttachmentDto']
export type TargetKind = 'district' | 'department' | 'custom'

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

export async function listPlanTasks(planId: number) {
  return unwrap(await api.GET('/api/plans/tasks', { params: { query: { planId } } }))
}

export async function listPlanWarnings(planId: number) {
  return unwrap(await api.GET('/api/plans/{id}/warnings', { params: { path: { id: planId } } }))
}

export async function listAssessments(planId: number) {
  return unwrap(await api.GET('/api/plans/{id}/assessments', { params: { path: { id: planId } } }))
}

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

/** SetAssessmentPublic: shows the published results on the portal (公开报告) or withdraws them. */
export async function setAssessmentPublic(schemeId: number, isPublic: boolean) {
  return unwrap(await api.PUT('/api/plans/assessments/{schemeId}/public', { params: { path: { schemeId } }, body: { public: isPublic } }))
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

export type GoalShares = components['schemas']['GoalSharesDto']

/** ListGoalShares: a goal's yearly target shared out among the districts (目标分解), with each district's actual value. */
export async function listGoalShares(goalId: number, year: number) {
  return unwrap(await api.GET('/api/plans/goals/{goalId}/shares', { params: { path: { goalId }, query: { year } } }))
}

/** SetGoalShares: the bureau sets each district's share of a goal for a year (an empty value removes the share). */
export async function setGoalShares(goalId: number, year: number, shares: { orgUnitId: number; value: number | null }[]) {
  return unwrap(await api.PUT('/api/plans/goals/{goalId}/shares', { params: { path: { goalId } }, body: { year, shares } }))
}
