import type { RouteRecordRaw } from 'vue-router'

/** 运用 · 许可/转让备案, 开放许可, 未备案的公告交易 (issue 22), and the public list of open licences. */
export const routes: RouteRecordRaw[] = [
  {
    path: 'transactions/filings',
    name: 'transactions.filings',
    component: () => import('./FilingsView.vue'),
    meta: { access: 'transactions.filings', title: 'txFilings.menu.filings' },
  },
  {
    path: 'transactions/filings/new',
    name: 'transactions.filingNew',
    component: () => import('./FilingFormView.vue'),
    meta: { access: 'transactions.filings', title: 'txFilings.titles.new' },
  },
  {
    path: 'transactions/filings/:id(\\d+)/edit',
    name: 'transactions.filingEdit',
    component: () => import('./FilingFormView.vue'),
    meta: { access: 'transactions.filings', title: 'txFilings.titles.edit' },
  },
  {
    path: 'transactions/filings/:id(\\d+)',
    name: 'transactions.filing',
    component: () => import('./FilingView.vue'),
    meta: { access: 'transactions.filings', title: 'txFilings.titles.filing' },
  },
  {
    path: 'transactions/filings/open-licences',
    name: 'transactions.openLicences',
    component: () => import('./OpenLicencesView.vue'),
    meta: { access: 'transactions.filings', title: 'txFilings.titles.openLicences' },
  },
  {
    path: 'transactions/filings/unmatched-gazette',
    name: 'transactions.unmatchedGazette',
    component: () => import('./UnmatchedGazetteView.vue'),
    meta: { access: 'transactions.filings', title: 'txFilings.titles.unmatched' },
  },
  // public: no sign-in (ListPublicOpenLicences)
  {
    path: 'open-licences',
    name: 'public-open-licences',
    component: () => import('./public/PublicOpenLicencesView.vue'),
    meta: { public: true, title: 'txFilings.titles.publicOpenLicences' },
  },
]
