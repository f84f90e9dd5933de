import { api, unwrap } from '@/api/client'
import type { components } from '@/api/schema'

type S = components['schemas']
export type Watch = S['WatchDto']
export type WatchHit = S['WatchHitDto']
export type WatchHitDetail = S['WatchHitDetail']
export type WatchForm = S['CreateWatchRequest']
export type AbnormalFilingGroup = S['AbnormalFilingGroupDto']

/** The kinds of watch and the indicator directions, in the order the server knows them (labels come from i18n). */
export const KINDS = ['search', 'record', 'entity', 'indicator'] as const
export const DIRECTIONS = ['down', 'up', 'either'] as const

export const listWatches = async (page: number, pageSize: number, kind?: string) =>
  unwrap(await api.GET('/api/analysis/watches', { params: { query: { page, pageSize, kind: kind || undefined } } }))
export const getWatch = async (id: number) => unwrap(await api.GET('/api/analysis/watches/{id}', { params: { path: { id } } }))
export const createWatch = async (body: WatchForm) => unwrap(await api.POST('/api/analysis/watches', { body }))
export const setWatchPaused = async (id: number, paused: boolean) =>
  unwrap(await api.PUT('/api/analysis/watches/{id}/paused', { params: { path: { id } }, body: { paused } }))
export const deleteWatch = async (id: number) => unwrap(await api.DELETE('/api/analysis/watches/{id}', { params: { path: { id } } }))
export const listWatchHits = async (id: number, page: number, pageSize: number) =>
  unwrap(await api.GET('/api/analysis/watches/{id}/hits', { params: { path: { id }, query: { page, pageSize } } }))
export const getWatchHit = async (hitId: number) =>
  unwrap(await api.GET('/api/analysis/watches/hits/{hitId}', { params: { path: { hitId } } }))
export const evaluateWatches = async () => unwrap(await api.POST('/api/analysis/watches/evaluate', { body: { fullScreening: false } }))
export const listAbnormalFilings = async (page: number, pageSize: number, applicant?: string) =>
  unwrap(await api.GET('/api/analysis/abnormal-filings', { params: { query: { page, pageSize, applicant: applicant || undefined } } }))
