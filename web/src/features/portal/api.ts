import { api, unwrap } from '@/api/client'
import type { components } from '@/api/schema'

type S = components['schemas']
export type PortalHome = S['PortalHomeDto']
export type PortalFigure = S['PortalFigureDto']
export type PortalGoal = S['GoalDto']
export type ContentSummary = S['ContentSummaryDto']
export type Content = S['ContentDto']
export type ContentInput = S['ContentInput']
export type SiteSettings = S['SiteSettingsDto']
export type SiteSettingsInput = S['SiteSettingsInput']
export type PortalStatistics = S['PortalStatisticsDto']
export type PortalStatistic = S['PortalStatisticDto']
export type ContentKind = 'news' | 'policy' | 'page'
export type PublicReport = S['PublicReportDto']

/** The portal's home in one request (GetPortalHome, anonymous). */
export const getHome = async () => unwrap(await api.GET('/api/public/portal/home'))
export const getSite = async () => unwrap(await api.GET('/api/public/portal/site'))
export const getStatistics = async () => unwrap(await api.GET('/api/public/portal/statistics'))
export const listPublished = async (kind: ContentKind, page: number, pageSize: number) =>
  unwrap(await api.GET('/api/public/portal/content', { params: { query: { kind, page, pageSize } } }))
export const getPublished = async (id: number) => unwrap(await api.GET('/api/public/portal/content/{id}', { params: { path: { id } } }))
export const getPage = async (slug: string) => unwrap(await api.GET('/api/public/portal/pages/{slug}', { params: { path: { slug } } }))
export const listPublicReports = async (kind: 'navigation' | 'assessment' | null, page: number, pageSize: number) =>
  unwrap(await api.GET('/api/public/portal/reports', { params: { query: { kind: kind ?? undefined, page, pageSize } } }))
/** The address of a public report in one format (a plain link: the browser downloads or opens it). */
export const publicReportUrl = (r: Pick<PublicReport, 'kind' | 'id'>, format: string) =>
  `/api/public/portal/reports/${r.kind}/${r.id}?format=${format}`

// 门户管理 (staff; site settings: admin)
export const listContent = async (kind: ContentKind | null, status: string | null, page: number, pageSize: number) =>
  unwrap(
    await api.GET('/api/portal/content', { params: { query: { kind: kind ?? undefined, status: status ?? undefined, page, pageSize } } }),
  )
export const getContent = async (id: number) => unwrap(await api.GET('/api/portal/content/{id}', { params: { path: { id } } }))
export const createContent = async (body: ContentInput) => unwrap(await api.POST('/api/portal/content', { body }))
export const updateContent = async (id: number, body: ContentInput) =>
  unwrap(await api.PUT('/api/portal/content/{id}', { params: { path: { id } }, body }))
export const publishContent = async (id: number) => unwrap(await api.POST('/api/portal/content/{id}/publish', { params: { path: { id } } }))
export const unpublishContent = async (id: number) =>
  unwrap(await api.POST('/api/portal/content/{id}/unpublish', { params: { path: { id } } }))
export const deleteContent = async (id: number) => {
  const res = await api.DELETE('/api/portal/content/{id}', { params: { path: { id } } })
  if (res.error) unwrap(res)
}
export const updateSite = async (body: SiteSettingsInput) => unwrap(await api.PUT('/api/portal/site', { body }))
