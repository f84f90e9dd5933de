import type { RouteRecordRaw } from 'vue-router'

/** 运用 · 供需对接 (issue 22): the market with its tabs, a listing with its matches, a 对接 record, and the public market. */
export const routes: RouteRecordRaw[] = [
  {
    path: 'transactions/market',
    name: 'transactions.market',
    component: () => import('./MarketView.vue'),
    meta: { access: 'transactions.market', title: 'txMarket.menu.market' },
  },
  {
    path: 'transactions/market/review',
    redirect: { name: 'transactions.market', query: { tab: 'review' } },
  },
  {
    path: 'transactions/market/listings/:id(\\d+)',
    name: 'transactions.market.listing',
    component: () => import('./ListingView.vue'),
    meta: { access: 'transactions.market', title: 'txMarket.titles.listing' },
  },
  {
    path: 'transactions/market/deals/:id(\\d+)',
    name: 'transactions.market.deal',
    component: () => import('./DealView.vue'),
    meta: { access: 'transactions.market', title: 'txMarket.titles.deal' },
  },
  // public: no sign-in (ListMarketListings and GetMarketListing answer anonymous callers with published listings only)
  {
    path: 'market',
    name: 'public-market',
    component: () => import('./public/PublicMarketView.vue'),
    meta: { public: true, title: 'txMarket.menu.publicMarket' },
  },
  {
    path: 'market/:id(\\d+)',
    name: 'public-market-listing',
    component: () => import('./public/PublicListingView.vue'),
    meta: { public: true, title: 'txMarket.titles.publicListing' },
  },
]
