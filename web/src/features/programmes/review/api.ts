import { api, fileNameFrom, saveBlob, unwrap } from '@/api/client'
import { ApiError, toProblem } from '@/api/problem'
import type { components } from '@/api/schema'

type S = components['schemas']
export type ReviewCall = S['ReviewCallItem']
export type CallDraws = S['CallDraws']
export type ExpertDraw = S['ExpertDrawDto']
export type DrawRequest = S['DrawExpertsRequest']
export type MyPanel = S['MyPanel']
export type ReviewApplication = S['ReviewApplicationDto']
export type CallScores = S['CallScores']
export type ScoreRow = S['ScoreRow']

const path = (id: number) => ({ params: { path: { id } } })

// ---------- the bureau: calls, draws, scores ----------
export const listReviewCalls = async () => unwrap(await api.GET('/api/programmes/review/calls'))
export const listDraws = async (id: number) => unwrap(await api.GET('/api/programmes/calls/{id}/draws', path(id)))
export const drawExperts = async (id: number, body: DrawRequest) =>
  unwrap(await api.POST('/api/programmes/calls/{id}/draws', { ...path(id), body }))
export const getDraw = async (id: number) => unwrap(await api.GET('/api/programmes/draws/{id}', path(id)))
export const redraw = async (id: number, reason: string) =>
  unwrap(await api.POST('/api/programmes/draws/{id}/redraw', { ...path(id), body: { reason, criteria: null } }))
export const replaceMember = async (id: number, memberId: number, status: string, reason: string) =>
  unwrap(
    await api.POST('/api/programmes/draws/{id}/members/{memberId}/replace', {
      params: { path: { id, memberId } },
      body: { status, reason },
    }),
  )
export const publishDraw = async (id: number) => unwrap(await api.POST('/api/programmes/draws/{id}/publish', path(id)))
export async function exportDraw(id: number): Promise<void> {
  const res = await fetch(`/api/programmes/draws/${id}/export`, { credentials: 'same-origin' })
  if (!res.ok) throw new ApiError(res.status, toProblem(await res.json().catch(() => null), res.status))
  saveBlob(await res.blob(), fileNameFrom(res.headers.get('content-disposition')) ?? `panel-${id}.xlsx`)
}
export const getScores = async (id: number) => unwrap(await api.GET('/api/programmes/calls/{id}/scores', path(id)))
export const finishReview = async (id: number, close: boolean, note: string | null) =>
  unwrap(await api.POST('/api/programmes/calls/{id}/review/finish', { ...path(id), body: { applicationIds: null, close, note } }))
export const adjustScore = async (id: number, score: number, reason: string) =>
  unwrap(await api.POST('/api/programmes/applications/{id}/adjust', { ...path(id), body: { score, reason } }))

// ---------- the expert ----------
export const listMyPanels = async () => unwrap(await api.GET('/api/programmes/review/panels'))
export const acceptSeat = async (memberId: number) =>
  unwrap(await api.POST('/api/programmes/review/panels/{memberId}/accept', { params: { path: { memberId } } }))
export const declineSeat = async (memberId: number, reason: string) =>
  unwrap(await api.POST('/api/programmes/review/panels/{memberId}/decline', { params: { path: { memberId } }, body: { reason } }))
export const getReviewApplication = async (id: number) => unwrap(await api.GET('/api/programmes/review/applications/{id}', path(id)))
export const saveScore = async (id: number, scores: Record<string, number>, comment: string | null, submit: boolean) =>
  unwrap(await api.PUT('/api/programmes/review/applications/{id}/score', { ...path(id), body: { scores, comment, submit } }))
export const declareConflict = async (id: number, reason: string) =>
  unwrap(await api.POST('/api/programmes/review/applications/{id}/conflict', { ...path(id), body: { reason } }))
