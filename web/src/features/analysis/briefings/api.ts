import { api, unwrap } from '@/api/client'
import type { components } from '@/api/schema'

type S = components['schemas']
export type Subscription = S['SubscriptionDto']
export type SubscriptionList = S['SubscriptionList']
export type SubscriptionForm = S['SubscriptionRequest']
export type BriefingRow = S['BriefingDto']
export type BriefingDetail = S['BriefingDetail']
export type BriefingSection = S['BriefingSection']

/** The sections of a briefing and the frequencies, in the order the server knows them (labels come from i18n). */
export const SECTIONS = ['watches', 'filings', 'notices', 'calls'] as const
export const FREQUENCIES = ['weekly', 'monthly'] as const

export const listSubscriptions = async () => unwrap(await api.GET('/api/analysis/subscriptions'))
export const createSubscription = async (body: SubscriptionForm) => unwrap(await api.POST('/api/analysis/subscriptions', { body }))
export const updateSubscription = async (id: number, body: SubscriptionForm) =>
  unwrap(await api.PUT('/api/analysis/subscriptions/{id}', { params: { path: { id } }, body }))
export const deleteSubscription = async (id: number) =>
  unwrap(await api.DELETE('/api/analysis/subscriptions/{id}', { params: { path: { id } } }))
export const previewBriefing = async (id: number) =>
  unwrap(await api.GET('/api/analysis/subscriptions/{id}/preview', { params: { path: { id } } }))
export const sendBriefingNow = async (id: number) =>
  unwrap(await api.POST('/api/analysis/subscriptions/{id}/send', { params: { path: { id } } }))
export const listBriefings = async (f: { page: number; pageSize: number }) =>
  unwrap(await api.GET('/api/analysis/briefings', { params: { query: { page: f.page, pageSize: f.pageSize } } }))
export const getBriefing = async (id: number) => unwrap(await api.GET('/api/analysis/briefings/{id}', { params: { path: { id } } }))

/** A subscription's settings as the form edits them (every field set; the request type allows nulls). */
export type SubscriptionFormState = {
  [K in keyof SubscriptionForm]-?: K extends 'name' | 'frequency' | 'filingsQ' | 'industry' | 'regionCode' ? string : boolean
}

export const formOf = (s: Subscription | null): SubscriptionFormState => ({
  name: s?.name ?? '',
  frequency: s?.frequency ?? 'weekly',
  includeWatches: s?.includeWatches ?? true,
  includeFilings: s?.includeFilings ?? false,
  filingsQ: s?.filingsQ ?? '',
  industry: s?.industry ?? '',
  regionCode: s?.regionCode ?? '',
  includeNotices: s?.includeNotices ?? true,
  includeCalls: s?.includeCalls ?? true,
  byEmail: s?.byEmail ?? true,
  active: s?.active ?? true,
})
