import type { RouteRecordRaw } from 'vue-router'

/** 申报评审 · 公示、异议、决定与拨付（issue 23）: the bureau's calls and totals, one call's outcome, and the public notices. */
export const routes: RouteRecordRaw[] = [
  {
    path: 'programmes/outcomes',
    name: 'programmes.outcomes',
    component: () => import('./OutcomesView.vue'),
    meta: { access: 'programmes.outcomes', title: 'prgOutcomes.menu.outcomes' },
  },
  {
    path: 'programmes/outcomes/:id(\\d+)',
    name: 'programmes.outcome',
    component: () => import('./CallOutcomeView.vue'),
    meta: { access: 'programmes.outcomes', title: 'prgOutcomes.titles.call' },
  },
  // public: no sign-in (ListPublicityNotices, RaiseObjection)
  {
    path: 'programme-notices',
    name: 'public-programme-notices',
    component: () => import('./public/PublicNoticesView.vue'),
    meta: { public: true, title: 'prgOutcomes.menu.notices' },
  },
]
