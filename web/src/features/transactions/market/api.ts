import { api, unwrap } from '@/api/client'
import type { components, operations } from '@/api/schema'

type S = components['schemas']
export type Listing = S['MarketListingDto']
export type ListingDetail = S['MarketListingDetail']
export type ListingForm = S['MarketListingForm']
export type ListingMatch = S['ListingMatchDto']
export type MatchPart = S['MatchPart']
export type Deal = S['MarketDealDto']
export type DealDetail = S['MarketDealDetail']
export type DealCounts = S['MarketDealCounts']
export type ListingQuery = NonNullable<operations['ListMarketListings']['parameters']['query']>

/** The vocabularies in the server's order (labels come from i18n: txMarket.forms, .modes, .status, .stages). */
export const SIDES = ['offer', 'need'] as const
export const IP_FORMS = ['patent', 'trademark', 'software', 'secret', 'design', 'variety', 'other'] as const
export const MODES = ['transfer', 'licence', 'equity', 'cooperation'] as const
export const STATUSES = ['draft', 'pending', 'rectify', 'rejected', 'published', 'withdrawn', 'expired'] as const
export const STAGES = ['contacted', 'met', 'signed', 'filed', 'terminated'] as const
export const MATURITY = [1, 2, 3, 4, 5, 6, 7, 8, 9] as const

export const listListings = async (query: ListingQuery) => unwrap(await api.GET('/api/transactions/market/listings', { params: { query } }))
export const getListing = async (id: number) =>
  unwrap(await api.GET('/api/transactions/market/listings/{id}', { params: { path: { id } } }))
export const createListing = async (body: ListingForm) => unwrap(await api.POST('/api/transactions/market/listings', { body }))
export const updateListing = async (id: number, body: ListingForm) =>
  unwrap(await api.PUT('/api/transactions/market/listings/{id}', { params: { path: { id } }, body }))
export const submitListing = async (id: number) =>
  unwrap(await api.POST('/api/transactions/market/listings/{id}/submit', { params: { path: { id } } }))
export const reviewListing = async (id: number, decision: string, note: string | null) =>
  unwrap(await api.POST('/api/transactions/market/listings/{id}/review', { params: { path: { id } }, body: { decision, note } }))
export const withdrawListing = async (id: number, note: string | null) =>
  unwrap(await api.POST('/api/transactions/market/listings/{id}/withdraw', { params: { path: { id } }, body: { note } }))
export const getMatches = async (id: number) =>
  unwrap(await api.GET('/api/transactions/market/listings/{id}/matches', { params: { path: { id } } }))

export const startDeal = async (listingId: number, ownListingId: number | null, note: string | null) =>
  unwrap(await api.POST('/api/transactions/market/deals', { body: { listingId, ownListingId, note } }))
export const listDeals = async (query: { stage?: string; page?: number; pageSize?: number }) =>
  unwrap(await api.GET('/api/transactions/market/deals', { params: { query } }))
export const getDeal = async (id: number) => unwrap(await api.GET('/api/transactions/market/deals/{id}', { params: { path: { id } } }))
export const advanceDeal = async (id: number, body: S['AdvanceMarketDealRequest']) =>
  unwrap(await api.POST('/api/transactions/market/deals/{id}/stage', { params: { path: { id } }, body }))
export const dealCounts = async (year?: number) =>
  unwrap(await api.GET('/api/transactions/market/deals/counts', { params: { query: { year } } }))

/** A score 0–1 as whole points (0–100). */
export const points = (score: number) => Math.round(score * 100)
