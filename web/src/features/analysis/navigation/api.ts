import { api, fileNameFrom, saveBlob, unwrap } from '@/api/client'
import { ApiError, toProblem } from '@/api/problem'
import type { components } from '@/api/schema'

type S = components['schemas']
export type NavProject = S['NavigationProjectDto']
export type NavProjectForm = S['NavigationProjectRequest']
export type NavAnalysis = S['NavigationAnalysis']
export type NavReport = S['NavigationReport']
export type NavChapter = S['NavigationChapterView']
export type NavVersion = S['NavigationVersionDto']

/** The kinds of navigation project (GB/T 39551-2020 parts 2–6), in the server's order; labels come from i18n. */
export const KINDS = ['regional', 'industry', 'enterprise', 'rnd', 'talent'] as const
/** The kinds an enterprise user may create for its own unit. */
export const ENTERPRISE_KINDS = ['enterprise', 'rnd'] as const

export const listProjects = async (page: number, pageSize: number, kind?: string) =>
  unwrap(await api.GET('/api/analysis/navigation', { params: { query: { page, pageSize, kind: kind || undefined } } }))
export const getProject = async (id: number) => unwrap(await api.GET('/api/analysis/navigation/{id}', { params: { path: { id } } }))
export const createProject = async (body: NavProjectForm) => unwrap(await api.POST('/api/analysis/navigation', { body }))
export const updateProject = async (id: number, body: NavProjectForm) =>
  unwrap(await api.PUT('/api/analysis/navigation/{id}', { params: { path: { id } }, body }))
export const getReport = async (id: number, version?: number | null) =>
  unwrap(await api.GET('/api/analysis/navigation/{id}/report', { params: { path: { id }, query: { version: version ?? undefined } } }))
export const saveNarratives = async (id: number, narratives: Record<string, string>) =>
  unwrap(await api.PUT('/api/analysis/navigation/{id}/narratives', { params: { path: { id } }, body: { narratives } }))
export const listVersions = async (id: number) =>
  unwrap(await api.GET('/api/analysis/navigation/{id}/versions', { params: { path: { id } } }))
export const publishVersion = async (id: number) =>
  unwrap(await api.POST('/api/analysis/navigation/{id}/versions', { params: { path: { id } } }))

/** SetNavigationVersionPublic: shows a published version on the portal (公开报告) or withdraws it (staff; not an enterprise's own project). */
export const setVersionPublic = async (id: number, number: number, isPublic: boolean) =>
  unwrap(
    await api.PUT('/api/analysis/navigation/{id}/versions/{number}/public', {
      params: { path: { id, number } },
      body: { public: isPublic },
    }),
  )

export async function exportReport(id: number, format: 'docx' | 'pdf', version?: number | null): Promise<void> {
  const r = await api.GET('/api/analysis/navigation/{id}/export', {
    params: { path: { id }, query: { format, version: version ?? undefined } },
    parseAs: 'blob',
  })
  if (!r.response.ok || !r.data) throw new ApiError(r.response.status, toProblem(r.error, r.response.status))
  saveBlob(r.data as Blob, fileNameFrom(r.response.headers.get('Content-Disposition')) ?? `navigation-${id}.${format}`)
}
